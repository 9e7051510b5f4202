import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OFFER_QUIET_DAYS, type LoyaltyQuote } from '../../../shared/domain';
import { formatRupiah } from '../../lib/format';
import { useLoyalty } from './loyalty.store';
import './loyalty.css';

/**
 * On the sale form: the member's balance, the reward they may redeem and, before saving, what the
 * sale will do (main's quote: points earned, discount, what they pay, balance after). For a
 * customer who is not a member, one short prompt to offer membership when main says so (not to one
 * who left the programme or was asked lately: a line saying why instead). Nothing while the
 * programme is off.
 */
export function MemberBlock({
  customerId,
  sale,
  rewardId,
  onReward,
}: {
  customerId: number;
  /** The sale as the form holds it now (null: not complete yet). */
  sale: { amount: number } | { lines: { productId: number; quantity: number }[] } | null;
  rewardId: number | undefined;
  onReward(id: number | undefined): void;
}) {
  const { t } = useTranslation();
  const { programme, load, quote } = useLoyalty();
  const [q, setQ] = useState<LoyaltyQuote | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const key = JSON.stringify(sale);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (!programme?.enabled) return;
    // Asked again only once typing pauses: each quote reads the customer (an audited view). Before
    // the sale is complete, a Rp 1 quote tells the standing and the balance.
    const asked = sale ?? { amount: 1 };
    const timer = setTimeout(() => {
      void quote({ customerId, ...asked, ...(rewardId !== undefined ? { rewardId } : {}) }).then((r) => {
        if (r.ok) {
          setQ(r.value);
          setRefused(null);
        } else setRefused(r.error.message);
      });
    }, 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for the sale
  }, [programme?.enabled, customerId, key, rewardId, quote]);

  if (!programme?.enabled) return null;
  const unit = t(`loyalty.unit.${programme.mode}`);
  if (q && q.offer)
    return (
      <p className="member-block member-offer" data-testid="member-offer">
        {t('loyalty.offer', { unit })}
      </p>
    );
  // Main withholds the prompt from a customer who left the programme or was asked lately.
  if (q && q.offerWithheld)
    return (
      <p className="member-block muted small" data-testid="member-no-offer">
        {t(`loyalty.offerWithheld.${q.offerWithheld}`, { count: OFFER_QUIET_DAYS })}
      </p>
    );
  if (q && !q.active && !q.offer)
    return <p className="member-block muted small">{t('loyalty.restricted', { unit })}</p>;
  const offered = programme.rewards.filter((r) => r.active);
  return (
    <div className="member-block" data-testid="member-block">
      {q && <strong>{t('loyalty.balance', { balance: q.balance, unit })}</strong>}
      {offered.length > 0 && (
        <div className="field">
          <label htmlFor="member-reward">{t('loyalty.reward')}</label>
          <select
            id="member-reward"
            value={rewardId ?? ''}
            onChange={(e) => onReward(e.target.value === '' ? undefined : Number(e.target.value))}
          >
            <option value="">{t('loyalty.noReward')}</option>
            {offered.map((r) => (
              // A reward the balance does not reach is shown but cannot be picked (main would refuse it).
              <option key={r.id} value={r.id} disabled={q !== null && r.cost > q.balance}>
                {t('loyalty.rewardOption', {
                  name: r.name,
                  cost: r.cost,
                  unit,
                  discount: formatRupiah(r.discount),
                })}
              </option>
            ))}
          </select>
        </div>
      )}
      {refused && (
        <p className="field-error" role="alert">
          {refused}
        </p>
      )}
      {q && sale !== null && !refused && (
        <p className="member-quote" data-testid="member-quote" aria-live="polite">
          {t('loyalty.quote', {
            earned: q.earned,
            unit,
            discount: formatRupiah(q.discount),
            total: formatRupiah(q.total),
            after: q.balanceAfter,
          })}
        </p>
      )}
    </div>
  );
}
