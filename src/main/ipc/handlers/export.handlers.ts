import { exportCustomers } from '../../services/export.service';
import { text } from '../../../shared/i18n/text';
import { fileStamp, type HandlerDeps } from './deps';

/** Everything held, as CSV or JSON (owner, audited). */
export function registerExportHandlers({
  router: r,
  vault,
  files,
  clock,
}: Pick<HandlerDeps, 'router' | 'vault' | 'files' | 'clock'>): void {
  r.handle(
    'customers:export',
    async (ctx, input) => {
      const { data, count } = exportCustomers(vault.requireDb(), input.format);
      const { saved } = await files.saveFile(
        ctx.windowId,
        text('id', 'core.files.customers', { day: fileStamp(clock), format: input.format }),
        data,
      );
      Object.assign(ctx.auditDetail, { format: input.format, count, saved });
      return { saved, count };
    },
    { action: 'customers.export' },
  );
}
