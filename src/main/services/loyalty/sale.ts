import { OFFER_QUIET_DAYS, type LoyaltyQuote, type LoyaltyStatus } from '../../../shared/domain';
import { AppError } from '../../lib/app-error';
import { cachedStatement, type Db } from '../../vault/database';
import { withdrawnByCustomer } from '../consent.service';
import { appendEntry } from './ledger';
import { rewardById, standingOf } from './programme';
import { memberJoinsOnlyByWhatsApp, storedProgramme } from './purpose';

/**
 * Whether the counter prompts the cashier to offer membership, and if not to a customer who could
 * join, why. The prompt is for customers never asked: a customer who withdrew from the member
 * purpose has said no and is never prompted for again (only the owner records a new yes, with the
 * customer's own words); one for whom a WhatsApp join was started and not finished was asked
 * already, and is not prompted for again within OFFER_QUIET_DAYS. A cashier may still start the
 * join by hand when the customer asks.
 */
export function membershipOffer(
  db: Db,
  customerId: number,
  standing: LoyaltyStatus,
  now: number,
): Pick<LoyaltyQuote, 'offer' | 'offerWithheld'> {
  if (!standing.enabled || standing.member || standing.restricted)
    return { offer: false, offerWithheld: null };
  const purposeId = storedProgramme(db).purposeId;
  if (purposeId !== null && withdrawnByCustomer(db, customerId, purposeId))
    return { offer: false, offerWithheld: 'withdrawn' };
  // A minor cannot join by WhatsApp (join.service.ts: the guardian consents, not the child's
  // phone): while that is the only way, prompting the cashier would only press a child.
  if (
    memberJoinsOnlyByWhatsApp(db) &&
    cachedStatement(db, 'SELECT is_minor FROM customers WHERE id = ?').pluck().get(customerId) === 1
  )
    return { offer: false, offerWithheld: 'minor' };
  const asked = cachedStatement(
    db,
    `SELECT 1 FROM join_codes j, json_each(j.purposes) p
     WHERE j.customer_id = ? AND p.value = ? AND j.created_at > ? AND (j.ended IS NULL OR j.ended <> 'used')
     LIMIT 1`,
  ).get(customerId, purposeId ?? -1, now - OFFER_QUIET_DAYS * 86_400_000);
  return asked ? { offer: false, offerWithheld: 'asked' } : { offer: true, offerWithheld: null };
}

/**
 * What a sale does to the points, worked out once for the quote shown before saving and for the
 * sale itself (the same function, so the screen cannot show one thing and main do another).
 * Points are earned on what the customer pays (the amount less the reward's discount). A reward
 * is refused, with nothing written, to a customer who is not an active member, for more points
 * than the balance, or for a discount larger than the sale.
 */
export function quoteSale(
  db: Db,
  customerId: number,
  amount: number,
  now: number,
  rewardId?: number,
): LoyaltyQuote {
  const standing = standingOf(db, customerId);
  const p = storedProgramme(db);
  let redeemed = 0;
  let discount = 0;
  if (rewardId !== undefined) {
    if (!standing.enabled) throw new AppError('CONFLICT', { reason: 'loyalty_off', fields: ['rewardId'] });
    if (standing.restricted)
      throw new AppError('CONFLICT', { reason: 'loyalty_restricted', fields: ['rewardId'] });
    if (!standing.member)
      throw new AppError('CONFLICT', { reason: 'loyalty_not_member', fields: ['rewardId'] });
    const reward = rewardById(db, rewardId);
    if (!reward) throw new AppError('NOT_FOUND', { reason: 'reward_unknown', fields: ['rewardId'] });
    if (!reward.active) throw new AppError('CONFLICT', { reason: 'reward_hidden', fields: ['rewardId'] });
    if (reward.cost > standing.balance)
      throw new AppError('CONFLICT', { reason: 'loyalty_balance_low', fields: ['rewardId'] });
    if (reward.discount > amount)
      throw new AppError('CONFLICT', { reason: 'loyalty_discount_too_big', fields: ['rewardId'] });
    redeemed = reward.cost;
    discount = reward.discount;
  }
  const total = amount - discount;
  const earned = !standing.active
    ? 0
    : p.mode === 'points'
      ? Math.floor(total / p.rupiahPer)
      : total >= p.rupiahPer
        ? 1
        : 0;
  return {
    enabled: standing.enabled,
    active: standing.active,
    ...membershipOffer(db, customerId, standing, now),
    balance: standing.balance,
    earned,
    redeemed,
    discount,
    amount,
    total,
    balanceAfter: standing.balance - redeemed + earned,
  };
}

/** Writes a saved sale's points (inside the sale's transaction): the redemption, then the earning. */
export function applySale(
  db: Db,
  customerId: number,
  purchaseId: number,
  quote: LoyaltyQuote,
  rewardId: number | undefined,
  actor: string,
  now: number,
): void {
  if (quote.redeemed > 0)
    appendEntry(db, {
      customerId,
      kind: 'redeemed',
      points: -quote.redeemed,
      purchaseId,
      rewardId: rewardId ?? null,
      actor,
      at: now,
    });
  if (quote.earned > 0)
    appendEntry(db, { customerId, kind: 'earned', points: quote.earned, purchaseId, actor, at: now });
}
