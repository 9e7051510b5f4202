import type { RetentionProgress } from '../../../shared/domain';
import type { HandlerDeps } from './deps';

/**
 * Deletion schedules (owner only): policies, the "Akan dihapus" review, keeping a customer past
 * the date with a reason, erasing one now, and the purge as a long job. Audited by the router
 * with counts, ids and reasons only (never names or phones).
 */
export function registerRetentionHandlers({
  router: r,
  retention,
  jobs,
  lifecycle,
}: Pick<HandlerDeps, 'router' | 'retention' | 'jobs' | 'lifecycle'>): void {
  r.handle('retention:policy', () => retention.policy());
  r.handle(
    'retention:setPolicy',
    (ctx, input) => {
      Object.assign(ctx.auditDetail, { before: retention.policy(), after: input });
      return retention.setPolicy(input);
    },
    { action: 'retention.policy' },
  );
  r.handle('retention:review', (_ctx, input) =>
    retention.review(input.query, input.days, input.offset, input.limit),
  );
  r.handle(
    'retention:keep',
    (ctx, input) => {
      retention.keep(input.id, input.reason);
      // The reason is the owner's own words about a dispute: kept in the vault, not in the log.
      ctx.auditDetail.reasonLength = input.reason.length;
      return null;
    },
    { action: 'retention.keep', target: (i) => String(i.id) },
  );
  r.handle(
    'customers:erase',
    (ctx, input) => {
      const result = retention.eraseNow(input.id);
      Object.assign(ctx.auditDetail, { reason: 'owner', purchasesKept: result.purchasesKept });
      return result;
    },
    { action: 'customer.erase', target: (i) => String(i.id) },
  );
  r.handle(
    'retention:purge',
    async (ctx) => {
      const result = await jobs.run(
        'retention.purge',
        (p: RetentionProgress) => lifecycle.emit(ctx.windowId, 'retention:progress', p),
        (job) => retention.purge(job),
      );
      Object.assign(ctx.auditDetail, result, { when: 'manual' });
      return result;
    },
    { action: 'retention.purge' },
  );
  r.handle(
    'retention:confirmClock',
    (ctx) => {
      const result = retention.confirmClock();
      Object.assign(ctx.auditDetail, result);
      return result;
    },
    { action: 'retention.confirmClock' },
  );
}
