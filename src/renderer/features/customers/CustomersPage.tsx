import { Icon } from '../../components/Icon';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/language';
import { Button, ErrorBanner, Notice } from '../../components/ui';
import { formatDate, formatDateTime } from '../../lib/format';
import { useSession } from '../session/session.store';
import { CustomerForm } from './CustomerForm';
import { useCustomers } from './customers.store';

export function CustomersPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const role = useSession((s) => s.status?.user?.role);
  const { query, items, total, error, panel, setQuery, search, loadMore, open, setPanel } = useCustomers();

  useEffect(() => {
    const timer = setTimeout(() => void search(), 150);
    return () => clearTimeout(timer);
  }, [query, search]);

  const saved = async (id: number) => {
    await search();
    await open(id);
  };

  return (
    <div className="split">
      <section className="list-pane" aria-labelledby="customers-title">
        <div className="pane-head">
          <h1 id="customers-title">{t('customers.title')}</h1>
          <Button className="btn-primary" onClick={() => setPanel({ kind: 'new' })}>
            <Icon name="plus" /> {t('customers.add')}
          </Button>
        </div>
        <input
          type="search"
          className="search"
          aria-label={t('common.search')}
          placeholder={t('customers.searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <div className="muted small">
          {t('customers.count', { count: total })}
          {role === 'cashier' ? ` · ${t('customers.masked')}` : ''}
        </div>
        <ErrorBanner error={error} />
        {items.length === 0 ? (
          <p className="empty">{query ? t('customers.noResults') : t('customers.empty')}</p>
        ) : (
          <ul className="customer-list">
            {items.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  className={
                    panel.kind !== 'none' && panel.kind !== 'new' && panel.customer.id === c.id
                      ? 'selected'
                      : ''
                  }
                  onClick={() => void open(c.id)}
                >
                  <strong>{c.name}</strong>
                  <span className="mono">{c.phone ?? t('common.none')}</span>
                  <small className="muted">{formatDate(c.lastActivityAt, lang)}</small>
                </button>
              </li>
            ))}
          </ul>
        )}
        {items.length < total && (
          <Button className="btn-ghost" onClick={() => void loadMore()}>
            {t('common.loadMore')}
          </Button>
        )}
      </section>
      <section className="detail-pane" aria-live="polite">
        {panel.kind === 'new' && (
          <CustomerForm onSaved={(c) => void saved(c.id)} onCancel={() => setPanel({ kind: 'none' })} />
        )}
        {panel.kind === 'edit' && (
          <CustomerForm
            customer={panel.customer}
            onSaved={(c) => void saved(c.id)}
            onCancel={() => setPanel({ kind: 'view', customer: panel.customer })}
          />
        )}
        {panel.kind === 'view' && (
          <article className="customer-detail">
            <div className="pane-head">
              <h2>{panel.customer.name}</h2>
              <Button onClick={() => setPanel({ kind: 'edit', customer: panel.customer })}>
                <Icon name="edit" /> {t('common.edit')}
              </Button>
            </div>
            <dl>
              <dt>{t('customers.phone')}</dt>
              <dd className="mono">{panel.customer.phone ?? t('common.none')}</dd>
              <dt>{t('customers.email')}</dt>
              <dd>{panel.customer.email ?? t('common.none')}</dd>
              <dt>{t('customers.address')}</dt>
              <dd>{panel.customer.address ?? t('common.none')}</dd>
              <dt>{t('customers.notes')}</dt>
              <dd className="pre">{panel.customer.notes ?? t('common.none')}</dd>
              <dt>{t('customers.created')}</dt>
              <dd>{formatDateTime(panel.customer.createdAt, lang)}</dd>
              <dt>{t('customers.updated')}</dt>
              <dd>{formatDateTime(panel.customer.updatedAt, lang)}</dd>
            </dl>
            <Notice>{t('customers.viewNote')}</Notice>
          </article>
        )}
        {panel.kind === 'none' && (
          <div className="placeholder">
            <Icon name="lock" size={64} />
          </div>
        )}
      </section>
    </div>
  );
}
