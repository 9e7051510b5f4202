import type { LoyaltyQuote } from '../../../shared/domain';
import { AppError } from '../../lib/app-error';
import type { Db } from '../../vault/database';
import { appendEntry } from './ledger';
import { rewardById, standingOf } from './programme';
import { storedProgramme } from './purpose';

/**
 * What a sale does to the points, worked out once for the quote shown before saving and for the
 * sale itself (the same function, so the screen cannot show one thing and main do another).
 * Points are earned on what the customer pays (the amount less the reward's discount). A reward
 * is refused, with nothing written, to a customer who is not an active member, for more points
 * than the balance, or for a discount larger than the sale.
 */
export function quoteSale(db: Db, customerId: number, amount: number, rewardId?: number): LoyaltyQuote {
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
    offer: standing.enabled && !standing.member && !standing.restricted,
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
