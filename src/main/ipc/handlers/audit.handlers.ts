import { setMeta } from '../../services/settings.service';
import { auditActions, listAudit, verifyAudit } from '../../services/audit.service';
import type { HandlerDeps } from './deps';

export function registerAuditHandlers({
  router: r,
  vault,
  anchor,
  clock,
}: Pick<HandlerDeps, 'router' | 'vault' | 'anchor' | 'clock'>): void {
  r.handle('audit:list', (_ctx, input) => {
    const db = vault.requireDb();
    const { offset, limit, ...filter } = input;
    return { ...listAudit(db, offset, limit, filter), actions: auditActions(db) };
  });
  r.handle(
    'audit:verify',
    (ctx) => {
      const db = vault.requireDb();
      const chain = verifyAudit(db);
      const check = anchor.check(db);
      // A sound chain that still reaches the anchor moves the anchor up to today's head.
      if (chain.ok && (check === 'ok' || check === 'none')) {
        anchor.update(db);
        setMeta(db, 'audit_verified_at', String(clock.now()));
      }
      ctx.auditDetail.anchor = check;
      return { ...chain, ok: chain.ok && check !== 'behind' && check !== 'forged', anchor: check };
    },
    { action: 'audit.verify' },
  );
}
