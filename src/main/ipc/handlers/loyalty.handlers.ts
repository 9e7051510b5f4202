import { historyOf } from '../../services/loyalty/ledger';
import { adjustPoints, readProgramme, saveProgramme, standingOf } from '../../services/loyalty/programme';
import { quoteSale } from '../../services/loyalty/sale';
import { priceLines } from '../../services/products.service';
import { sessionOf } from './context';
import type { HandlerDeps } from './deps';

/**
 * The member programme. A customer's points are their personal data: reading, quoting or
 * adjusting them counts as opening the customer (usage guard) and names them in the audit.
 */
export function registerLoyaltyHandlers({
  router: r,
  vault,
  clock,
  usage,
  time,
}: Pick<HandlerDeps, 'router' | 'vault' | 'clock' | 'usage' | 'time'>): void {
  const db = () => vault.requireDb();
  /**
   * The quote follows the cashier's typing (each pause asks again). What the log must keep is that
   * this user looked at this member's balance, not every keystroke: a quote is an entry the first
   * time a user views a member's points within the hour (the usage guard's own window, and what it
   * reads back from the log at the next login); the repeats still count as views. A refused quote
   * is an entry every time.
   */
  const quoted = new Map<string, number>();
  const repeats = new WeakSet<object>();
  const QUOTE_WINDOW_MS = 3_600_000;
  const repeatedQuote = (userId: string, customerId: number, now: number): boolean => {
    const key = `${userId}:${customerId}`;
    const last = quoted.get(key);
    // A clock set back makes the window start again (an entry rather than none).
    if (last !== undefined && now >= last && now - last < QUOTE_WINDOW_MS) return true;
    if (quoted.size >= 10_000)
      for (const [k, at] of quoted) if (!(now >= at && now - at < QUOTE_WINDOW_MS)) quoted.delete(k);
    quoted.set(key, now);
    return false;
  };
  r.handle('loyalty:get', () => readProgramme(db()));
  r.handle(
    'loyalty:save',
    (ctx, input) => {
      const { programme, changed } = saveProgramme(db(), input, clock.now());
      Object.assign(ctx.auditDetail, {
        changed,
        enabled: programme.enabled,
        mode: programme.mode,
        joinProof: programme.joinProof,
        purposeId: programme.purposeId,
      });
      return programme;
    },
    { action: 'loyalty.save' },
  );
  r.handle(
    'loyalty:history',
    (ctx, input) => {
      usage.view(sessionOf(ctx).user, input.customerId);
      const status = standingOf(db(), input.customerId);
      const { total, items } = historyOf(db(), input.customerId, input.offset, input.limit);
      return { status, total, offset: input.offset, items };
    },
    { action: 'loyalty.history', target: (i) => String(i.customerId) },
  );
  r.handle(
    'loyalty:quote',
    (ctx, input) => {
      usage.view(sessionOf(ctx).user, input.customerId);
      const amount = 'amount' in input ? input.amount : priceLines(db(), input.lines).amount;
      const quote = quoteSale(db(), input.customerId, amount, clock.now(), input.rewardId);
      if (repeatedQuote(sessionOf(ctx).user.id, input.customerId, clock.now())) repeats.add(ctx);
      return quote;
    },
    {
      action: 'loyalty.quote',
      target: (i) => String(i.customerId),
      // Only a repeat that succeeded is left out: a failure is never marked.
      when: (ctx) => !repeats.has(ctx),
    },
  );
  r.handle(
    'loyalty:adjust',
    (ctx, input) => {
      usage.view(sessionOf(ctx).user, input.customerId);
      // The points, not the reason: the owner's words about a customer stay with the ledger row.
      ctx.auditDetail.points = input.points;
      // Dated by the time the app saw pass: a clock set ahead puts off no expiry.
      const at = Math.min(clock.now(), time.confirmedNow(db()));
      return adjustPoints(db(), input, sessionOf(ctx).user.id, at);
    },
    { action: 'loyalty.adjust', target: (i) => String(i.customerId) },
  );
}
