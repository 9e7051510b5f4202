import { setMeta } from '../../services/settings.service';
import { auditActions, listAudit, verifyAudit } from '../../services/audit.service';
import { text } from '../../../shared/i18n/text';
import { fileStamp, type HandlerDeps } from './deps';

export function registerAuditHandlers({
  router: r,
  vault,
  anchor,
  clock,
  files,
  reports,
}: Pick<HandlerDeps, 'router' | 'vault' | 'anchor' | 'clock' | 'files' | 'reports'>): void {
  r.handle('audit:list', (_ctx, input) => {
    const db = vault.requireDb();
    const { before, limit, ...filter } = input;
    return { ...listAudit(db, before, limit, filter), actions: auditActions(db) };
  });
  r.handle(
    'audit:export',
    async (ctx, input) => {
      const { data, count } = await reports.auditCsv(input);
      const { saved } = await files.saveFile(
        ctx.windowId,
        text('id', 'core.files.audit', { day: fileStamp(clock) }),
        data,
      );
      Object.assign(ctx.auditDetail, { count, saved });
      return { saved, count };
    },
    { action: 'audit.export' },
  );
  r.handle(
    'audit:verify',
    (ctx) => {
      const db = vault.requireDb();
      const chain = verifyAudit(db);
      const check = anchor.check(db);
      // A sound chain that still reaches the anchor moves the anchor up to today's head; a
      // missing anchor is reported (and audited) once, then anchored anew over the sound chain.
      if (chain.ok && (check === 'ok' || check === 'none' || check === 'missing')) {
        anchor.reanchor(db, check);
        if (check !== 'missing') setMeta(db, 'audit_verified_at', String(clock.now()));
      }
      ctx.auditDetail.anchor = check;
      return { ...chain, ok: chain.ok && (check === 'ok' || check === 'none'), anchor: check };
    },
    { action: 'audit.verify' },
  );
}
