import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoyaltyHistory } from '../../../shared/domain';
import type { Language } from '../../../shared/language';
import { Button, ErrorBanner, Field, FormActions, Notice } from '../../components/ui';
import type { UiError } from '../../lib/client';
import { formatDateTime } from '../../lib/format';
import { usePurchases } from '../customers/purchases.store';
import { useLoyalty } from './loyalty.store';
import './loyalty.css';

/**
 * On the customer's page: their member points, entry by entry (earned, redeemed, expired, the
 * owner's adjustments with the reason, taken back with a voided sale), and the owner's adjustment.
 * Nothing while the programme is off and the customer has no entries.
 */
export function PointsPanel({
  customerId,
  isOwner,
  consents,
}: {
  customerId: number;
  isOwner: boolean;
  /** The customer's consents as shown: a withdrawal from the member purpose empties the points. */
  consents?: unknown;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { programme, load, history, adjust } = useLoyalty();
  const [h, setH] = useState<LoyaltyHistory | null>(null);
  const [adjusting, setAdjusting] = useState(false);
  const [points, setPoints] = useState('');
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<UiError>(null);
  const [done, setDone] = useState<string | null>(null);
  // A sale saved or voided on this page changes the points: read again then.
  const sales = usePurchases((s) => (s.customerId === customerId ? s.page : null));

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (!programme?.enabled) return;
    void history(customerId).then((r) => setH(r.ok ? r.value : null));
  }, [programme?.enabled, customerId, history, sales, consents]);

  if (!programme?.enabled || !h) return null;
  const unit = t(`loyalty.unit.${h.status.mode}`);
  const n = Number(points.trim());
  const pointsBad = !/^-?\d+$/.test(points.trim()) || n === 0;
  const reasonBad = reason.trim().length < 5;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (pointsBad || reasonBad) return;
    const r = await adjust({ customerId, points: n, reason: reason.trim() });
    if (!r.ok) return setError(r.error);
    setError(null);
    setAdjusting(false);
    setPoints('');
    setReason('');
    setTouched(false);
    setDone(t('loyalty.adjusted', { balance: r.value.balance, unit }));
    const again = await history(customerId);
    if (again.ok) setH(again.value);
  };

  return (
    <section aria-labelledby="points-title" className="detail-section" data-testid="points-panel">
      <div className="pane-head">
        <h3 id="points-title">{t(`loyalty.pointsTitle.${h.status.mode}`)}</h3>
        {isOwner && h.status.active && !adjusting && (
          <Button className="btn-small" onClick={() => setAdjusting(true)}>
            {t('loyalty.adjust')}
          </Button>
        )}
      </div>
      <p>
        <strong>{t('loyalty.balance', { balance: h.status.balance, unit })}</strong>
        {!h.status.member && <span className="muted small"> · {t('loyalty.notMember')}</span>}
      </p>
      {h.status.member && h.status.balance > 0 && (
        <p className="muted small">{t('loyalty.withdrawWarning', { balance: h.status.balance, unit })}</p>
      )}
      {done && <Notice tone="ok">{done}</Notice>}
      {adjusting && (
        <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate>
          <div className="row">
            <Field
              label={t('loyalty.adjustPoints')}
              name="adjustPoints"
              inputMode="numeric"
              value={points}
              autoFocus
              onChange={(e) => setPoints(e.target.value)}
              invalid={touched && pointsBad && t('loyalty.adjustInvalid')}
            />
            <Field
              label={t('loyalty.adjustReason')}
              name="adjustReason"
              value={reason}
              maxLength={200}
              onChange={(e) => setReason(e.target.value)}
              invalid={touched && reasonBad && t('loyalty.adjustInvalid')}
            />
          </div>
          <ErrorBanner error={error} />
          <FormActions
            onBack={() => setAdjusting(false)}
            backLabel={t('common.cancel')}
            submitLabel={t('common.save')}
          />
        </form>
      )}
      {h.items.length === 0 ? (
        <p className="muted small">{t('loyalty.historyEmpty', { unit })}</p>
      ) : (
        <ul className="purchase-list points-list">
          {h.items.map((e) => (
            <li key={e.id}>
              <div>
                <strong>
                  {e.points > 0 ? `+${e.points}` : e.points} {unit}
                </strong>
                <small className="block muted">
                  {formatDateTime(e.at, lang)}
                  {e.recordedBy ? ` · ${e.recordedBy}` : ''}
                </small>
              </div>
              <span className="small">
                {t(`loyalty.kinds.${e.kind}`)}
                {e.rewardName ? ` · ${e.rewardName}` : ''}
                {e.reason ? ` · ${e.reason}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
