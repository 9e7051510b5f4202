import type { HandlerDeps } from './deps';

/**
 * The owner's "Pelanggan" dashboard. Its figures and lists are read on the long-job worker (see
 * services/reports.ts): at a hundred thousand customers and a million sales main keeps answering.
 * Opening a list of names is audited as a marketing audience is (its size, never who is on it).
 */
export function registerDashboardHandlers({
  router: r,
  reports,
  clock,
}: Pick<HandlerDeps, 'router' | 'reports' | 'clock'>): void {
  r.handle('dashboard:summary', (_ctx, input) => reports.dashboardSummary(clock.now(), input.lapsedWeeks));
  r.handle(
    'dashboard:list',
    async (ctx, input) => {
      const page = await reports.dashboardList({ ...input, now: clock.now() });
      Object.assign(ctx.auditDetail, {
        list: input.list,
        count: page.items.length,
        ...(input.list === 'lapsed' ? { weeks: input.lapsedWeeks } : {}),
      });
      return page;
    },
    { action: 'dashboard.list' },
  );
}
