import { readSettings, updateSettings } from '../../services/settings.service';
import type { HandlerDeps } from './deps';

export function registerSettingsHandlers({
  router: r,
  vault,
  lifecycle,
}: Pick<HandlerDeps, 'router' | 'vault' | 'lifecycle'>): void {
  r.handle('settings:get', () => readSettings(vault.requireDb()));
  r.handle(
    'settings:update',
    (ctx, input) => {
      const { settings, changed } = updateSettings(vault.requireDb(), input);
      lifecycle.setAutoLockMinutes(settings.autoLockMinutes);
      ctx.auditDetail.changed = changed;
      return settings;
    },
    { action: 'settings.update' },
  );
}
