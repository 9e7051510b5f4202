import type { ImportProgress } from '../../../shared/domain';
import { sessionOf } from './context';
import type { HandlerDeps } from './deps';

/**
 * Sales from the shop's POS, step by step; each step is a long job (one at a time, progress on
 * sales:progress, cancelled by import:cancel) audited by the router. The audit entry holds
 * counts and the POS's name only: no receipt, phone, amount or file name.
 */
export function registerSalesHandlers({
  router: r,
  jobs,
  salesImport,
  lifecycle,
  reports,
  clock,
}: Pick<HandlerDeps, 'router' | 'jobs' | 'salesImport' | 'lifecycle' | 'reports' | 'clock'>): void {
  const progressTo = (windowId: string) => (p: ImportProgress) =>
    lifecycle.emit(windowId, 'sales:progress', p);

  r.handle(
    'sales:open',
    async (ctx) => {
      const preview = await jobs.run('sales.open', progressTo(ctx.windowId), (job) => salesImport.open(job));
      Object.assign(ctx.auditDetail, { rows: preview.rowCount, format: preview.format });
      return preview;
    },
    { action: 'sales.open' },
  );
  r.handle(
    'sales:check',
    async (ctx, input) => {
      const check = await jobs.run('sales.check', progressTo(ctx.windowId), (job) =>
        salesImport.check(input.columns, input.source, job),
      );
      Object.assign(ctx.auditDetail, {
        source: input.source,
        rows: check.total,
        matched: check.matched,
        anonymous: check.anonymous,
        alreadyImported: check.alreadyImported,
        refused: check.refusedCount,
      });
      return check;
    },
    { action: 'sales.check' },
  );
  r.handle(
    'sales:commit',
    async (ctx, input) => {
      const actor = sessionOf(ctx).user.id;
      // The call's entry is written inside the import's one transaction, after its last sale:
      // the sales and the entry saying who imported them commit together or not at all.
      const result = await jobs.run('sales.commit', progressTo(ctx.windowId), (job) =>
        salesImport.commit(input.columns, input.source, actor, job, (result) =>
          ctx.lastStep(() => Object.assign(ctx.auditDetail, { source: input.source, ...result }), {
            joinTransaction: true,
          }),
        ),
      );
      // Committed: the dashboard's months the import touched are counted again off main now,
      // not when the owner next opens the screen.
      if (result.imported > 0) reports.recountDashboard(clock.now());
      return result;
    },
    { action: 'sales.commit' },
  );
}
