import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { Button, ErrorBanner } from '../../components/ui';
import { useSession } from '../session/session.store';
import { CustomerDetail } from './CustomerDetail';
import { CustomerForm } from './CustomerForm';
import { CustomerList } from './CustomerList';
import { useCustomers } from './customers.store';
import { looksLikeMemberCode, useJoin } from '../join/join.store';
import './customers.css';

export function CustomersPage() {
  const { t } = useTranslation();
  const role = useSession((s) => s.status?.user?.role);
  const findMember = useJoin((s) => s.findMember);
  const { query, total, capped, error, needsQuery, loaded, panel, setQuery, search, open, setPanel } =
    useCustomers();

  useEffect(() => {
    const timer = setTimeout(() => void search(), 150);
    return () => clearTimeout(timer);
  }, [query, search]);

  // Enter with several matches: say how many and hand the choice to the list (it never did nothing).
  // Kept with the query it was about: typing on clears it.
  const [picked, setPick] = useState<{ query: string; count: number } | null>(null);
  const pick = picked?.query === query ? picked.count : null;

  const selectedId = panel.kind === 'view' || panel.kind === 'edit' ? panel.customer.id : null;

  // Whatever opens in the pane opens at its top: after a long form was scrolled, the saved
  // customer's "Catat pembelian" was off screen. After a new customer is saved, the focus is on
  // it (the next step at the counter is the sale: Enter).
  const pane = useRef<HTMLElement>(null);
  const shownBefore = useRef(panel.kind);
  useEffect(() => {
    if (pane.current) pane.current.scrollTop = 0;
    const added = shownBefore.current === 'new' && panel.kind === 'view';
    shownBefore.current = panel.kind;
    if (added)
      pane.current
        ?.querySelector<HTMLElement>('[aria-labelledby="purchases-title"] .pane-head button')
        ?.focus();
  }, [panel.kind, selectedId]);

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
          // The counter starts here after login: type, then Enter opens the only match and the
          // arrow keys go down into the list.
          autoFocus
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && looksLikeMemberCode(query)) {
              // A member card's code, as a USB scanner types it (ending with Enter) or a cashier
              // does: main finds the member; a miss goes on as a search would.
              e.preventDefault();
              void findMember(query).then((r) => {
                const only = total === 1 ? useCustomers.getState().pages.get(0)?.[0] : undefined;
                if (r.ok) void open(r.value.id);
                else if (only) void open(only.id);
              });
            } else if (e.key === 'Enter') {
              const only = total === 1 ? useCustomers.getState().pages.get(0)?.[0] : undefined;
              if (only) void open(only.id);
              else if (total > 1 && !needsQuery) {
                // The Enter stays here: moved on to the first row it would open that row.
                e.preventDefault();
                setPick({ query, count: total });
                document.querySelector<HTMLElement>('[data-testid="customer-list"] button')?.focus();
              }
            } else if (e.key === 'ArrowDown') {
              e.preventDefault();
              document.querySelector<HTMLElement>('[data-testid="customer-list"] button')?.focus();
            }
          }}
        />
        <div className="muted small" data-testid="customer-count">
          {/* Before a cashier types, nothing was searched: no count (it read "0 customers"). */}
          {loaded &&
            !needsQuery &&
            t('customers.count', { count: total }).replace(
              String(total),
              `${new Intl.NumberFormat('id-ID').format(total)}${capped ? '+' : ''}`,
            )}
          {role === 'cashier' ? `${loaded && !needsQuery ? ' · ' : ''}${t('customers.masked')}` : ''}
        </div>
        <div role="status" className={pick ? 'banner banner-info' : 'visually-hidden'}>
          {pick ? t('customers.pickOne', { count: pick }) : ''}
        </div>
        <ErrorBanner error={error} />
        {!loaded ? null : needsQuery ? (
          <p className="empty">{t('customers.counterHint')}</p>
        ) : total === 0 ? (
          <p className="empty">{query ? t('customers.noResults') : t('customers.empty')}</p>
        ) : (
          <CustomerList selectedId={selectedId} onOpen={(id) => void open(id)} />
        )}
      </section>
      <section className="detail-pane" aria-live="polite" ref={pane}>
        {panel.kind === 'new' && <CustomerForm onCancel={() => setPanel({ kind: 'none' })} />}
        {panel.kind === 'edit' && (
          <CustomerForm
            customer={panel.customer}
            onCancel={() => setPanel({ kind: 'view', customer: panel.customer })}
          />
        )}
        {panel.kind === 'view' && (
          <CustomerDetail
            key={panel.customer.id}
            customer={panel.customer}
            onEdit={() => setPanel({ kind: 'edit', customer: panel.customer })}
          />
        )}
        {panel.kind === 'none' && (
          <div className="first-steps">
            <h2>{t('customers.firstSteps.title')}</h2>
            <ol>
              <li>{t('customers.firstSteps.search')}</li>
              <li>{t('customers.firstSteps.add')}</li>
              <li>{t('customers.firstSteps.consent')}</li>
              <li>{t('customers.firstSteps.lock')}</li>
            </ol>
          </div>
        )}
      </section>
    </div>
  );
}
