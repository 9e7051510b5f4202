import type { BackupProgress } from '../../../shared/domain';
import type { HandlerDeps } from './deps';

/**
 * Encrypted backups (owner only): enable once with the recovery code, back up now (a long job on
 * a worker thread), verify any backup file. Audited by the router, failures included.
 */
export function registerBackupsHandlers({
  router: r,
  backups,
  auth,
  jobs,
  lifecycle,
}: Pick<HandlerDeps, 'router' | 'backups' | 'auth' | 'jobs' | 'lifecycle'>): void {
  const progressTo = (windowId: string) => (p: BackupProgress) =>
    lifecycle.emit(windowId, 'backup:progress', p);

  r.handle('backups:status', () => backups.status());
  r.handle(
    'backups:enable',
    async (_ctx, input) => {
      backups.enable(await auth.checkRecoveryCode(input.code));
      return backups.status();
    },
    { action: 'backups.enable' },
  );
  r.handle(
    'backups:create',
    async (ctx, input) => {
      const written = await jobs.run('backup.create', progressTo(ctx.windowId), (job) =>
        backups.create(job, input.chooseFolder),
      );
      // Counts and size only: no path (it can name a person) and no data.
      Object.assign(ctx.auditDetail, {
        bytes: written.bytes,
        customers: written.manifest.counts.customers ?? 0,
      });
      return {
        file: written.path.split(/[\\/]/).pop() ?? '',
        bytes: written.bytes,
        customers: written.manifest.counts.customers ?? 0,
      };
    },
    { action: 'backups.create' },
  );
  r.handle(
    'backups:verify',
    async (ctx, input) => {
      const result = await jobs.run('backup.verify', progressTo(ctx.windowId), (job) =>
        backups.verify(job, input.code ?? null),
      );
      ctx.auditDetail.ok = result.ok;
      if (!result.ok) ctx.auditDetail.problem = result.problem;
      return {
        ok: result.ok,
        file: result.file,
        problem: result.ok ? null : result.problem,
        manifest: result.ok
          ? {
              createdAt: result.manifest.createdAt,
              shopName: result.manifest.shopName,
              schemaVersion: result.manifest.schemaVersion,
              appVersion: result.manifest.appVersion,
              customers: result.manifest.counts.customers ?? 0,
              purchases: result.manifest.counts.purchases ?? 0,
            }
          : null,
      };
    },
    { action: 'backups.verify' },
  );
}
