import { shopCsv } from '../../services/csv';
import { setMeta } from '../../services/settings.service';
import { auditActions, auditCsvRows, listAudit, verifyAudit } from '../../services/audit.service';
import { fileStamp, type HandlerDeps } from './deps';

export function registerAuditHandlers({
  router: r,
  vault,
  anchor,
  clock,
  dialogs,
}: Pick<HandlerDeps, 'router' | 'vault' | 'anchor' | 'clock' | 'dialogs'>): void {
  r.handle('audit:list', (_ctx, input) => {
    const db = vault.requireDb();
    const { offset, limit, ...filter } = input;
    return { ...listAudit(db, offset, limit, filter), actions: auditActions(db) };
  });
  r.handle(
    'audit:export',
    async (ctx, input) => {
      const rows = auditCsvRows(vault.requireDb(), input);
      const { saved } = await dialogs.saveFile(
        `log-audit-${fileStamp(clock)}.csv`,
        shopCsv(rows, new Set([1, 2, 6, 7])),
      );
      Object.assign(ctx.auditDetail, { count: rows.length - 1, saved });
      return { saved, count: rows.length - 1 };
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
