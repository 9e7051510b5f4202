import { createPurchase, listPurchases } from '../../services/purchases.service';
import { sessionOf } from './context';
import type { HandlerDeps } from './deps';

export function registerPurchasesHandlers({
  router: r,
  vault,
  clock,
}: Pick<HandlerDeps, 'router' | 'vault' | 'clock'>): void {
  const db = () => vault.requireDb();
  r.handle(
    'purchases:create',
    (ctx, input) => {
      ctx.auditDetail.items = input.items.length;
      return createPurchase(db(), input, sessionOf(ctx).user.id, clock.now());
    },
    { action: 'purchase.create', target: (i) => String(i.customerId) },
  );
  r.handle('purchases:list', (_ctx, input) =>
    listPurchases(db(), input.customerId, input.offset, input.limit),
  );
}
