import type { Settings } from '../../../shared/domain';
import type { Core } from '../../core/core';
import { listAudit, verifyAudit } from '../../services/audit.service';
import { getMeta, setMeta } from '../../services/users.repo';
import type { Db } from '../../vault/database';

export function readSettings(db: Db): Settings {
  return {
    autoLockMinutes: Number(getMeta(db, 'auto_lock_minutes') ?? 5),
    notesHardBlock: getMeta(db, 'notes_hard_block') === '1',
    noticeVersion: Number(getMeta(db, 'notice_version') ?? 1),
  };
}

/** Audit log and shop settings (owner). */
export function registerAdminHandlers(core: Core): void {
  const r = core.router;
  const db = () => core.vault.requireDb();

  r.handle('audit:list', (_ctx, input) => listAudit(db(), input.offset, input.limit));
  r.handle('audit:verify', () => verifyAudit(db()), { action: 'audit.verify' });

  r.handle('settings:get', () => readSettings(db()));
  r.handle(
    'settings:update',
    (ctx, input) => {
      const before = readSettings(db());
      db().transaction(() => {
        setMeta(db(), 'auto_lock_minutes', String(input.autoLockMinutes));
        setMeta(db(), 'notes_hard_block', input.notesHardBlock ? '1' : '0');
        setMeta(db(), 'notice_version', String(input.noticeVersion));
      })();
      core.setAutoLockMinutes(input.autoLockMinutes);
      ctx.auditDetail.changed = (Object.keys(input) as (keyof Settings)[]).filter(
        (k) => before[k] !== input[k],
      );
      return readSettings(db());
    },
    { action: 'settings.update' },
  );
}
