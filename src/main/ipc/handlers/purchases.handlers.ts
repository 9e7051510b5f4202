import { createPurchase, listPurchases, voidPurchase } from '../../services/purchases.service';
import { receiptLink } from '../../services/receipt';
import { sessionOf } from './context';
import type { HandlerDeps } from './deps';

export function registerPurchasesHandlers({
  router: r,
  vault,
  clock,
  handoff,
}: Pick<HandlerDeps, 'router' | 'vault' | 'clock' | 'handoff'>): void {
  const db = () => vault.requireDb();
  r.handle(
    'purchases:create',
    (ctx, input) => {
      ctx.auditDetail.items = input.items.length;
      return createPurchase(db(), input, sessionOf(ctx).user.id, clock.now());
    },
    { action: 'purchase.create', target: (i) => String(i.customerId) },
  );
  r.handle('purchases:list', (ctx, input) =>
    listPurchases(
      db(),
      input.customerId,
      input.offset,
      input.limit,
      undefined,
      sessionOf(ctx).user,
      clock.now(),
    ),
  );
  r.handle(
    'purchases:void',
    (ctx, input) => {
      const result = voidPurchase(db(), input, sessionOf(ctx).user, clock.now());
      // Ids and amounts only: the reason is the staff's own words about a sale, kept with it.
      Object.assign(ctx.auditDetail, {
        purchase: result.voided,
        correction: result.correction?.id ?? null,
        amount: result.correction?.amount ?? null,
      });
      return result;
    },
    {
      action: 'purchase.void',
      target: (_i, out) => (out ? String(out.customerId) : null),
    },
  );
  r.handle(
    'purchases:receipt',
    async (ctx, input) => {
      const { link, customerId } = receiptLink(db(), input.id, sessionOf(ctx).user, clock.now());
      Object.assign(ctx.auditDetail, { purchase: input.id, mode: input.mode });
      if (input.mode === 'open') await handoff.openWhatsApp(link);
      else handoff.copyText(link);
      return { done: true as const, customerId };
    },
    { action: 'purchase.receipt', target: (_i, out) => (out ? String(out.customerId) : null) },
  );
}
