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
}: Pick<HandlerDeps, 'router' | 'vault' | 'clock' | 'usage'>): void {
  const db = () => vault.requireDb();
  r.handle('loyalty:get', () => readProgramme(db()));
  r.handle(
    'loyalty:save',
    (ctx, input) => {
      const { programme, changed } = saveProgramme(db(), input, clock.now());
      Object.assign(ctx.auditDetail, {
        changed,
        enabled: programme.enabled,
        mode: programme.mode,
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
      return quoteSale(db(), input.customerId, amount, input.rewardId);
    },
    { action: 'loyalty.quote', target: (i) => String(i.customerId) },
  );
  r.handle(
    'loyalty:adjust',
    (ctx, input) => {
      usage.view(sessionOf(ctx).user, input.customerId);
      // The points, not the reason: the owner's words about a customer stay with the ledger row.
      ctx.auditDetail.points = input.points;
      return adjustPoints(db(), input, sessionOf(ctx).user.id, clock.now());
    },
    { action: 'loyalty.adjust', target: (i) => String(i.customerId) },
  );
}
