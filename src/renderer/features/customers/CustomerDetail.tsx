import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../shared/domain';
import type { Language } from '../../../shared/language';
import { fromShopIso } from '../../../shared/shop-time';
import { Icon } from '../../components/Icon';
import { Button, ErrorBanner, Notice } from '../../components/ui';
import type { UiError } from '../../lib/client';
import { formatDate, formatDateTime } from '../../lib/format';
import { useSession } from '../session/session.store';
import { useShop } from '../shop/shop.store';
import { ConsentPanel } from './ConsentPanel';
import { DeletionPanel } from './DeletionPanel';
import { useCustomers } from './customers.store';
import { PurchasesPanel } from './PurchasesPanel';
import { PointsPanel } from '../loyalty/PointsPanel';
import { RequestForm } from '../privacy/RequestForm';
import { JoinPanel } from '../join/JoinPanel';
import { useJoin } from '../join/join.store';

interface Props {
  customer: Customer;
  onEdit(): void;
}

/**
 * One customer, whole: opening it is audited by main. Its consent and purchases are panels of
 * their own; changes there update this view from what main returns, without reading it again.
 */
export function CustomerDetail({ customer, onEdit }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const isOwner = useSession((s) => s.status?.user?.role === 'owner');
  const { fields, loaded, load } = useShop();
  const setRestricted = useCustomers((s) => s.setRestricted);
  const revealPhone = useCustomers((s) => s.revealPhone);
  const [error, setError] = useState<UiError>(null);
  const [requesting, setRequesting] = useState(false);
  const printCard = useJoin((s) => s.printCard);
  const [cardSaved, setCardSaved] = useState(false);
  const card = async () => {
    const r = await printCard(customer.id);
    setError(r.ok ? null : r.error);
    setCardSaved(r.ok && r.value.saved);
  };

  useEffect(() => {
    if (!loaded) void load();
  }, [loaded, load]);

  // Restricting is one click; lifting it takes the customer's request (Art. 11), in Privasi.
  const restrict = async () => {
    const r = await setRestricted(true);
    setError(r.ok ? null : r.error);
  };

  const reveal = async () => {
    const r = await revealPhone();
    setError(r.ok ? null : r.error);
  };

  // A field the shop no longer collects still shows a value that was kept, so it can be seen and cleared.
  const shown = (key: string) => {
    const value = (customer as unknown as Record<string, unknown>)[key];
    return (
      fields.some((f) => f.key === key && f.enabled) ||
      (Array.isArray(value) ? value.length > 0 : Boolean(value))
    );
  };

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
      {cardSaved && <Notice tone="ok">{t('join.cardSaved')}</Notice>}
      {/* The counter's most frequent step first: on a 1024x640 screen "Catat pembelian" is in view. */}
      <PurchasesPanel
        customerId={customer.id}
        hasPhone={customer.whatsapp && !customer.restricted}
        landline={customer.phone !== null && !customer.whatsapp}
      />
      <dl>
        <dt>{t('customers.phone')}</dt>
        <dd>
          <span className="mono">{customer.phone ?? t('common.none')}</span>
          {customer.phoneMasked && (
            <>
              {' '}
              <Button onClick={() => void reveal()} title={t('customers.revealNote')}>
                {t('customers.revealPhone')}
              </Button>
            </>
          )}
        </dd>
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
            <dd>
              {customer.birthday
                ? formatDate(fromShopIso(customer.birthday) ?? Number.NaN, lang)
                : t('common.none')}
            </dd>
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

      <PointsPanel customerId={customer.id} isOwner={isOwner} consents={customer.consents} />
      <ConsentPanel customer={customer} />
      <JoinPanel customer={customer} />
      <DeletionPanel customer={customer} isOwner={isOwner} />

      <div className="actions actions-left">
        <Button className="btn-small" onClick={() => void card()}>
          {t('join.card')}
        </Button>
        <Button className="btn-small" onClick={() => setRequesting((v) => !v)} aria-expanded={requesting}>
          {t('restricted.request')}
        </Button>
        {isOwner && !customer.restricted && (
          <Button className="btn-small" onClick={() => void restrict()}>
            {t('restricted.on')}
          </Button>
        )}
        <span className="muted small">
          {customer.restricted ? t('restricted.liftByRequest') : t('restricted.note')}
        </span>
      </div>
      {requesting && (
        <RequestForm
          customer={{ id: customer.id, name: customer.name }}
          onClose={() => setRequesting(false)}
        />
      )}
      <Notice>{t('customers.viewNote')}</Notice>
    </article>
  );
}
