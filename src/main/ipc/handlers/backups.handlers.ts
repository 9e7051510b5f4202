import type { BackupProgress, SessionUser } from '../../../shared/domain';
import { AppError } from '../../lib/app-error';
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
  dialogs,
  dataDir,
  nativeBinding,
  lan,
}: Pick<
  HandlerDeps,
  'router' | 'backups' | 'auth' | 'jobs' | 'lifecycle' | 'dialogs' | 'dataDir' | 'nativeBinding' | 'lan'
>): void {
  const progressTo = (windowId: string) => (p: BackupProgress) =>
    lifecycle.emit(windowId, 'backup:progress', p);

  r.handle('backups:status', () => backups.status());
  r.handle(
    'backups:schedule',
    (ctx, input) => {
      backups.setSchedule(input);
      Object.assign(ctx.auditDetail, input);
      return backups.status();
    },
    { action: 'backups.schedule' },
  );
  r.handle(
    'backups:enable',
    async (ctx, input) => {
      const code = await auth.checkRecoveryCode(input.code);
      return ctx.lastStep(() => {
        backups.enable(code);
        backups.autoOnUnlessChosen();
        return backups.status();
      });
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
      // Every owner window's banner reads main again (not only the page that asked).
      lifecycle.emitToOwners('backup:finished', { ok: true });
      return {
        file: written.path.split(/[\\/]/).pop() ?? '',
        bytes: written.bytes,
        customers: written.manifest.counts.customers ?? 0,
      };
    },
    { action: 'backups.create' },
  );
  // Restoring replaces the vault: every session ends first, then the owner is in with the new PIN.
  const restore = async (
    windowId: string,
    input: { code: string; newPin: string; newPinConfirm: string; acceptRetiredCode?: boolean },
  ): Promise<{ user: SessionUser; customers: number; newRecoveryCode: boolean; rotationsSince: number }> => {
    // Before the verified file is taken: after this refusal the owner ticks the choice and the
    // same file is restored.
    await auth.refuseRetiredCode(input.code, input.acceptRetiredCode === true);
    // The owner's flow verifies the file first (and sees its date and counts); else ask for one.
    const verified = backups.takeVerified();
    const path = verified ?? (await dialogs.openBackup())?.path;
    if (!path) throw new AppError('CANCELLED');
    const result = await jobs.run('backup.restore', progressTo(windowId), (job) => {
      return auth.restoreFromBackup({
        // Only once the restored vault is ready: a refused restore leaves everyone logged in.
        // Paired laptops first: their sessions end and their connections are cut.
        beforeSwap: () => {
          lan.endRemoteSessions();
          lifecycle.lockAll('manual');
        },
        dataDir,
        code: input.code,
        newPin: input.newPin,
        confirm: input.newPinConfirm,
        acceptRetiredCode: input.acceptRetiredCode === true,
        language: lifecycle.language(),
        prepare: async (code, newDek) =>
          backups.prepareRestore(job, {
            dataDir,
            backupPath: path,
            code,
            newDek,
            nativeBinding,
            // Read from the vault being replaced (none on a new laptop): every decision made since
            // the backup (erasures, restrictions, withdrawals...) is applied again, sealed on the way.
            carry: await backups.restoreCarry(job, newDek, { verified: verified !== null, path, code }),
          }),
      });
    });
    if (result.freshRecoveryCode) {
      // The retired code opened the backup but opens nothing new: backups follow the fresh code,
      // which the owner is shown and must type back before anything else (recoveryPending).
      if (result.backupsOn) backups.enable(result.freshRecoveryCode);
      lifecycle.setPendingRecovery(result.freshRecoveryCode);
    }
    lifecycle.begin(windowId, result.user);
    // The restored vault paired nothing (see forgetPairingOnRestore): the server stops.
    await lan.restored();
    return {
      user: result.user,
      customers: result.customers,
      newRecoveryCode: result.freshRecoveryCode !== null,
      rotationsSince: result.rotationsSince,
    };
  };
  // The restore's one entry; with a retired code (the owner's choice) it says a fresh one was issued.
  const restoreDetail = (result: Awaited<ReturnType<typeof restore>>) => ({
    customers: result.customers,
    retiredCodeAccepted: result.newRecoveryCode,
    rotationsSince: result.rotationsSince,
    ...(result.newRecoveryCode ? { retiredCode: true, freshCodeIssued: true, ownerChoice: true } : {}),
  });
  r.handle(
    'backups:restore',
    async (ctx, input) => {
      const result = await restore(ctx.windowId, input);
      Object.assign(ctx.auditDetail, restoreDetail(result));
      return result;
    },
    { action: 'backups.restore' },
  );
  r.handle(
    'setup:restore',
    async (ctx, input) => {
      if (auth.isSetup()) throw new AppError('ALREADY_SETUP');
      try {
        const result = await restore(ctx.windowId, input);
        Object.assign(ctx.auditDetail, restoreDetail(result));
        return result;
      } finally {
        lifecycle.closeVaultIfIdle();
      }
    },
    { action: 'backups.restore' },
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
        restorePreview: result.preview,
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
