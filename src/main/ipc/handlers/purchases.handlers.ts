import type { RecordedSale } from '../../../shared/domain';
import { AppError } from '../../lib/app-error';
import {
  createPurchase,
  listPurchases,
  saleCustomerId,
  voidPurchase,
} from '../../services/purchases.service';
import { sellProducts } from '../../services/products.service';
import { receiptLink } from '../../services/receipt';
import { sessionOf } from './context';
import type { HandlerDeps } from './deps';

/**
 * Sales are the customer's personal data (what they bought, when): every call about one
 * customer's sales counts as a view of that customer (usage guard) before it runs, and is audited
 * with the customer as the target.
 */
export function registerPurchasesHandlers({
  router: r,
  vault,
  clock,
  handoff,
  usage,
  time,
}: Pick<HandlerDeps, 'router' | 'vault' | 'clock' | 'handoff' | 'usage' | 'time'>): void {
  const db = () => vault.requireDb();
  /** Member points count from the time the app has seen pass (a clock set ahead is held back). */
  const pointsAt = () => time.confirmedNow(db());
  /** The customer a sale belongs to, counted as viewed (a sale that is not there: NOT_FOUND). */
  const customerOfSale = (ctx: Parameters<Parameters<typeof r.handle>[1]>[0], purchaseId: number) => {
    const customerId = saleCustomerId(db(), purchaseId) as number | undefined;
    if (customerId === undefined) throw new AppError('NOT_FOUND');
    ctx.auditTarget = String(customerId);
    usage.view(sessionOf(ctx).user, customerId);
    return customerId;
  };
  /** A member's points on the sale, in its audit entry (numbers only): earned, redeemed, the discount. */
  const withPoints = (ctx: Parameters<Parameters<typeof r.handle>[1]>[0], sale: RecordedSale) => {
    const l = sale.loyalty;
    if (l.earned || l.redeemed)
      Object.assign(ctx.auditDetail, { earned: l.earned, redeemed: l.redeemed, discount: l.discount });
    return sale;
  };
  r.handle(
    'purchases:create',
    (ctx, input) => {
      usage.view(sessionOf(ctx).user, input.customerId);
      ctx.auditDetail.items = input.items.length;
      return withPoints(ctx, createPurchase(db(), input, sessionOf(ctx).user.id, clock.now(), pointsAt()));
    },
    { action: 'purchase.create', target: (i) => String(i.customerId) },
  );
  r.handle(
    'purchases:createFromProducts',
    (ctx, input) => {
      usage.view(sessionOf(ctx).user, input.customerId);
      // Counted like any sale; the product lines stay with the sale, not in the log.
      Object.assign(ctx.auditDetail, { items: input.lines.length, fromProducts: true });
      return withPoints(ctx, sellProducts(db(), input, sessionOf(ctx).user.id, clock.now(), pointsAt()));
    },
    { action: 'purchase.create', target: (i) => String(i.customerId) },
  );
  r.handle(
    'purchases:list',
    (ctx, input) => {
      usage.view(sessionOf(ctx).user, input.customerId);
      Object.assign(ctx.auditDetail, { offset: input.offset, limit: input.limit });
      return listPurchases(
        db(),
        input.customerId,
        input.offset,
        input.limit,
        undefined,
        sessionOf(ctx).user,
        clock.now(),
      );
    },
    { action: 'purchase.list', target: (i) => String(i.customerId) },
  );
  r.handle(
    'purchases:void',
    (ctx, input) => {
      customerOfSale(ctx, input.id);
      const result = voidPurchase(db(), input, sessionOf(ctx).user, clock.now(), pointsAt());
      // Ids and amounts only: the reason is the staff's own words about a sale, kept with it.
      Object.assign(ctx.auditDetail, {
        purchase: result.voided,
        correction: result.correction?.id ?? null,
        amount: result.correction?.amount ?? null,
        pointsUndone: result.loyalty.change,
        pointsNotTakenBack: result.loyalty.notTakenBack,
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
      // Counted before the sale is checked: asking for someone's receipt link is itself a try at
      // their name and phone.
      customerOfSale(ctx, input.id);
      Object.assign(ctx.auditDetail, { purchase: input.id, mode: input.mode });
      const { link, customerId } = receiptLink(db(), input.id, sessionOf(ctx).user, clock.now());
      if (input.mode === 'open') await handoff.openWhatsApp(ctx.windowId, link);
      else handoff.copyText(ctx.windowId, link);
      return { done: true as const, customerId };
    },
    { action: 'purchase.receipt', target: (_i, out) => (out ? String(out.customerId) : null) },
  );
}
