import type { Core } from '../../core/core';
import { audienceCsv, listAudience } from '../../services/audience.service';
import { exportCustomers } from '../../services/export.service';
import { sessionOf } from './context';

/** Owner-only work on many customers at once: marketing audiences, export, import. All audited. */
export function registerBulkHandlers(core: Core): void {
  const r = core.router;
  const db = () => core.vault.requireDb();
  const stamp = () => new Date(core.clock.now()).toISOString().slice(0, 10);

  r.handle(
    'audience:list',
    (ctx, input) => {
      const page = listAudience(db(), input.channel, input.message, input.offset, input.limit);
      Object.assign(ctx.auditDetail, { channel: input.channel, count: page.items.length });
      return page;
    },
    { action: 'audience.view' },
  );
  r.handle(
    'audience:export',
    async (ctx, input) => {
      const { csv, count } = audienceCsv(db(), input.channel, input.message);
      const { saved } = await core.dialogs.saveFile(`audiens-${input.channel}-${stamp()}.csv`, csv);
      Object.assign(ctx.auditDetail, { channel: input.channel, count, saved });
      return { saved, count };
    },
    { action: 'audience.export' },
  );
  r.handle(
    'customers:export',
    async (ctx, input) => {
      const { data, count } = exportCustomers(db(), input.format);
      const { saved } = await core.dialogs.saveFile(`pelanggan-${stamp()}.${input.format}`, data);
      Object.assign(ctx.auditDetail, { format: input.format, count, saved });
      return { saved, count };
    },
    { action: 'customers.export' },
  );

  r.handle('import:open', async (ctx) => {
    const preview = await core.csvImport.open((p) => core.emit(ctx.windowId, 'import:progress', p));
    // Nothing from the file goes into the log: only its size.
    core.auditor.record({
      actor: sessionOf(ctx).user.id,
      action: 'import.open',
      outcome: 'ok',
      detail: { rows: preview.rowCount },
    });
    return preview;
  });
  r.handle('import:check', (ctx, input) =>
    core.csvImport.check(input.mapping, (p) => core.emit(ctx.windowId, 'import:progress', p)),
  );
  r.handle('import:commit', async (ctx, input) => {
    const actor = sessionOf(ctx).user.id;
    core.auditor.defer(true);
    try {
      const result = await core.csvImport.commit(input.mapping, actor, (p) =>
        core.emit(ctx.windowId, 'import:progress', p),
      );
      core.auditor.defer(false);
      core.auditor.record({
        actor,
        action: 'import.commit',
        outcome: 'ok',
        detail: { imported: result.imported },
      });
      return result;
    } catch (err) {
      core.auditor.defer(false);
      const code = (err as { code?: string }).code ?? 'INTERNAL';
      core.auditor.record({ actor, action: 'import.commit', outcome: 'failed', detail: { code } });
      throw err;
    } finally {
      if (core.vault.isOpen()) core.auditor.flushPending();
    }
  });
  r.handle('import:cancel', () => {
    core.csvImport.cancel();
    return null;
  });
  r.handle('import:saveErrors', async () =>
    core.dialogs.saveFile(`kesalahan-impor-${stamp()}.csv`, core.csvImport.errorsCsv()),
  );
}
