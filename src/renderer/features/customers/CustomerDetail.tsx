import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CONSENT_METHODS,
  type CounterConsentMethod,
  type Customer,
  type PurchasePage,
} from '../../../shared/domain';
import type { Language } from '../../../shared/language';
import { Icon } from '../../components/Icon';
import { Button, ErrorBanner, Field, FormActions, Notice } from '../../components/ui';
import { call, type UiError } from '../../lib/client';
import { formatDate, formatDateTime, formatRupiah } from '../../lib/format';
import { useSession } from '../session/session.store';
import { useShop } from '../shop/shop.store';

interface Props {
  customer: Customer;
  onEdit(): void;
  onChanged(customer: Customer): void;
}

/** One customer, whole: opening it is audited by main. Consent and purchases are managed here. */
export function CustomerDetail({ customer, onEdit, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const isOwner = useSession((s) => s.status?.user?.role === 'owner');
  const { purposes, fields, loaded, load } = useShop();
  const [method, setMethod] = useState<CounterConsentMethod>('verbal');
  const [error, setError] = useState<UiError>(null);
  const [purchases, setPurchases] = useState<PurchasePage | null>(null);
  const [adding, setAdding] = useState(false);
  const [amount, setAmount] = useState('');
  const [items, setItems] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!loaded) void load();
  }, [loaded, load]);
  const loadPurchases = useCallback(
    () =>
      call('purchases:list', { customerId: customer.id, offset: 0, limit: 20 }).then(
        (r) => r.ok && setPurchases(r.value),
      ),
    [customer.id],
  );
  useEffect(() => {
    void loadPurchases();
  }, [loadPurchases]);

  const refresh = async () => {
    const r = await call('customers:get', { id: customer.id });
    if (r.ok) onChanged(r.value);
  };

  const consentAction = async (purposeId: number, grant: boolean) => {
    setError(null);
    const r = grant
      ? await call('consent:grant', { customerId: customer.id, purposeId, method })
      : await call('consent:withdraw', { customerId: customer.id, purposeId, method });
    if (!r.ok) return setError(r.error);
    await refresh();
  };

  const amountValue = Number(amount.replace(/[.\s]/g, ''));
  const amountBad = !/^\d[\d.\s]*$/.test(amount.trim()) || !Number.isSafeInteger(amountValue);
  const itemLines = items
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  const addPurchase = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (amountBad || itemLines.length === 0) return;
    setBusy(true);
    const r = await call('purchases:create', {
      customerId: customer.id,
      amount: amountValue,
      items: itemLines,
    });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setAmount('');
    setItems('');
    setTouched(false);
    setAdding(false);
    await loadPurchases();
    await refresh();
  };

  const toggleRestricted = async () => {
    const r = await call('customers:setRestricted', { id: customer.id, restricted: !customer.restricted });
    if (!r.ok) return setError(r.error);
    await refresh();
  };

  // A field the shop no longer collects still shows a value that was kept, so it can be seen and cleared.
  const shown = (key: string) => {
    const value = (customer as unknown as Record<string, unknown>)[key];
    return (
      fields.some((f) => f.key === key && f.enabled) ||
      (Array.isArray(value) ? value.length > 0 : Boolean(value))
    );
  };
  const state = new Map(customer.consents.map((c) => [c.purposeId, c]));

  return (
    <article className="customer-detail">
      <div className="pane-head">
        <h2>{customer.name}</h2>
        <Button onClick={onEdit}>
          <Icon name="edit" /> {t('common.edit')}
        </Button>
      </div>
      {customer.restricted && (
        <Notice tone="warn">{`${t('restricted.label')}. ${t('restricted.note')}`}</Notice>
      )}
      <ErrorBanner error={error} />
      <dl>
        <dt>{t('customers.phone')}</dt>
        <dd className="mono">{customer.phone ?? t('common.none')}</dd>
        {shown('email') && (
          <>
            <dt>{t('customers.email')}</dt>
            <dd>{customer.email ?? t('common.none')}</dd>
          </>
        )}
        {shown('address') && (
          <>
            <dt>{t('customers.address')}</dt>
            <dd className="pre">{customer.address ?? t('common.none')}</dd>
          </>
        )}
        {shown('birthday') && (
          <>
            <dt>{t('fields.birthday')}</dt>
            <dd>{customer.birthday ? formatDate(Date.parse(customer.birthday), lang) : t('common.none')}</dd>
          </>
        )}
        {shown('gender') && (
          <>
            <dt>{t('fields.gender')}</dt>
            <dd>{customer.gender ? t(`gender.${customer.gender}`) : t('common.none')}</dd>
          </>
        )}
        {shown('tags') && (
          <>
            <dt>{t('fields.tags')}</dt>
            <dd>{customer.tags.length ? customer.tags.join(', ') : t('common.none')}</dd>
          </>
        )}
        {shown('notes') && (
          <>
            <dt>{t('customers.notes')}</dt>
            <dd className="pre">{customer.notes ?? t('common.none')}</dd>
          </>
        )}
        {customer.isMinor && (
          <>
            <dt>{t('consent.minor')}</dt>
            <dd>{customer.guardianName ?? t('common.none')}</dd>
          </>
        )}
        <dt>{t('customers.lastActivity')}</dt>
        <dd>{formatDateTime(customer.lastActivityAt, lang)}</dd>
      </dl>

      <section aria-labelledby="consent-title" className="detail-section">
        <div className="pane-head">
          <h3 id="consent-title">{t('consent.title')}</h3>
          <label className="inline-select">
            {t('consent.method')}
            <select value={method} onChange={(e) => setMethod(e.target.value as CounterConsentMethod)}>
              {CONSENT_METHODS.map((m) => (
                <option key={m} value={m}>
                  {t(`consent.methods.${m}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <ul className="consent-list">
          {purposes
            .filter((p) => p.active || state.has(p.id))
            .map((p) => {
              const s = state.get(p.id);
              const needsConsent = p.legalBasis === 'consent';
              return (
                <li key={p.id} data-testid={`consent-${p.id}`}>
                  <div>
                    <strong>{p.name}</strong>
                    <small className="block muted">
                      {t('consent.basis', { basis: t(`consent.bases.${p.legalBasis}`) })}
                      {s
                        ? ` · ${t('consent.by', { method: t(`consent.methods.${s.method}`), who: s.recordedBy ?? '?', when: formatDateTime(s.at, lang), version: s.noticeVersion })}`
                        : ''}
                    </small>
                  </div>
                  {needsConsent ? (
                    <div className="consent-actions">
                      <span className={`pill ${s?.granted ? 'pill-ok' : 'pill-off'}`}>
                        {s ? (s.granted ? t('consent.granted') : t('consent.withdrawn')) : t('consent.never')}
                      </span>
                      {s?.granted ? (
                        <Button
                          className="btn-small btn-danger"
                          onClick={() => void consentAction(p.id, false)}
                        >
                          {t('consent.withdraw')}
                        </Button>
                      ) : (
                        <Button className="btn-small" onClick={() => void consentAction(p.id, true)}>
                          {t('consent.grant')}
                        </Button>
                      )}
                    </div>
                  ) : (
                    <span className="muted small">{t('consent.noConsentNeeded')}</span>
                  )}
                </li>
              );
            })}
        </ul>
      </section>

      <section aria-labelledby="purchases-title" className="detail-section">
        <div className="pane-head">
          <h3 id="purchases-title">{t('purchases.title')}</h3>
          {!adding && (
            <Button className="btn-small" onClick={() => setAdding(true)}>
              <Icon name="plus" /> {t('purchases.add')}
            </Button>
          )}
        </div>
        {purchases && purchases.total > 0 && (
          <p className="muted small">
            {t('purchases.total', { count: purchases.total, amount: formatRupiah(purchases.totalAmount) })}
          </p>
        )}
        {adding && (
          <form className="inline-form" onSubmit={(e) => void addPurchase(e)}>
            <Field
              label={t('purchases.amount')}
              name="amount"
              inputMode="numeric"
              value={amount}
              autoFocus
              onChange={(e) => setAmount(e.target.value)}
              invalid={touched && amountBad && t('purchases.amountInvalid')}
            />
            <Field
              label={t('purchases.items')}
              name="items"
              multiline
              value={items}
              maxLength={4000}
              onChange={(e) => setItems(e.target.value)}
              invalid={touched && itemLines.length === 0 && t('purchases.itemsRequired')}
            />
            <FormActions
              onBack={() => setAdding(false)}
              backLabel={t('common.cancel')}
              submitLabel={t('common.save')}
              busy={busy}
            />
          </form>
        )}
        {purchases && purchases.items.length === 0 && !adding && (
          <p className="muted">{t('purchases.empty')}</p>
        )}
        <ul className="purchase-list">
          {purchases?.items.map((p) => (
            <li key={p.id}>
              <div>
                <strong>{formatRupiah(p.amount)}</strong>
                <small className="block muted">
                  {formatDateTime(p.at, lang)} · {t('purchases.recordedBy', { who: p.recordedBy ?? '?' })}
                </small>
              </div>
              <span className="small">{p.items.join(', ')}</span>
            </li>
          ))}
        </ul>
      </section>

      {isOwner && (
        <div className="actions actions-left">
          <Button className="btn-small" onClick={() => void toggleRestricted()}>
            {customer.restricted ? t('restricted.off') : t('restricted.on')}
          </Button>
          <span className="muted small">{t('restricted.note')}</span>
        </div>
      )}
      <Notice>{t('customers.viewNote')}</Notice>
    </article>
  );
}
