import type { ImportProgress } from '../../../shared/domain';
import { text } from '../../../shared/i18n/text';
import type { ImportResult } from '../../services/import/csv-import';
import { sessionOf } from './context';
import { fileStamp, type HandlerDeps } from './deps';

/**
 * CSV import, step by step; each step is a long job (one at a time, progress, cancel) audited by
 * the router like any call, so a cancelled or failed step leaves its entry too. Nothing from the
 * file goes into the log: only counts.
 */
export function registerImportHandlers({
  router: r,
  jobs,
  csvImport,
  lifecycle,
  dialogs,
  clock,
}: Pick<HandlerDeps, 'router' | 'jobs' | 'csvImport' | 'lifecycle' | 'dialogs' | 'clock'>): void {
  const progressTo = (windowId: string) => (p: ImportProgress) =>
    lifecycle.emit(windowId, 'import:progress', p);

  r.handle(
    'import:open',
    async (ctx) => {
      const preview = await jobs.run('import.open', progressTo(ctx.windowId), (job) => csvImport.open(job));
      ctx.auditDetail.rows = preview.rowCount;
      return preview;
    },
    { action: 'import.open' },
  );
  r.handle(
    'import:check',
    async (ctx, input) => {
      const check = await jobs.run('import.check', progressTo(ctx.windowId), (job) =>
        csvImport.check(input.mapping, job),
      );
      Object.assign(ctx.auditDetail, { rows: check.total, valid: check.valid });
      return check;
    },
    { action: 'import.check' },
  );
  r.handle(
    'import:commit',
    async (ctx, input) => {
      const actor = sessionOf(ctx).user.id;
      // The call's entry is written inside the import's one transaction, after its last row: the
      // customers and the entry saying who imported them commit together or not at all.
      const entry = (result: ImportResult) => {
        ctx.auditDetail.imported = result.imported;
        if (result.filled) ctx.auditDetail.filled = result.filled;
        // Each confirmed row has its own entry against its customer; here, how many.
        if (result.confirmed) ctx.auditDetail.confirmedRows = result.confirmed;
        if (input.consent)
          Object.assign(ctx.auditDetail, {
            consentMethod: input.consent.method,
            noticeVersion: input.consent.noticeVersion,
            // The owner confirmed a version made after the file was last changed.
            ...(result.newerThanFile ? { noticeNewerThanFile: true } : {}),
          });
      };
      const result = await jobs.run('import.commit', progressTo(ctx.windowId), (job) =>
        csvImport.commit(
          input.mapping,
          actor,
          job,
          input.consent,
          input.duplicates,
          input.confirmFill,
          (done) => ctx.lastStep(() => entry(done), { joinTransaction: true }),
        ),
      );
      return { imported: result.imported, filled: result.filled };
    },
    { action: 'import.commit' },
  );
  r.handle('import:cancel', () => {
    jobs.cancel();
    return null;
  });
  r.handle('import:saveErrors', async () =>
    dialogs.saveFile(
      text('id', 'core.files.importErrors', { day: fileStamp(clock) }),
      csvImport.errorsCsv(lifecycle.language()),
    ),
  );
}
