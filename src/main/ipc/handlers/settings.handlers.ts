import { refreshNotice } from '../../services/rights/documents';
import { readSettings, updateSettings } from '../../services/settings.service';
import type { HandlerDeps } from './deps';

export function registerSettingsHandlers({
  router: r,
  vault,
  lifecycle,
  clock,
}: Pick<HandlerDeps, 'router' | 'vault' | 'lifecycle' | 'clock'>): void {
  r.handle('settings:get', () => readSettings(vault.requireDb()));
  r.handle(
    'settings:update',
    (ctx, input) => {
      const db = vault.requireDb();
      const { settings, changed } = updateSettings(db, input);
      lifecycle.setAutoLockMinutes(settings.autoLockMinutes);
      ctx.auditDetail.changed = changed;
      // The answer names the notice version these settings put in force.
      return { ...settings, noticeVersion: refreshNotice(db, clock.now()) };
    },
    { action: 'settings.update' },
  );
}
