import { privacyHealth } from '../../services/health';
import type { HandlerDeps } from './deps';

/** The owner's privacy health screen. */
export function registerHealthHandlers({
  router: r,
  vault,
  clock,
  keyStore,
}: Pick<HandlerDeps, 'router' | 'vault' | 'clock' | 'keyStore'>): void {
  r.handle('health:get', () =>
    privacyHealth(vault.requireDb(), clock.now(), {
      backend: keyStore.backend(),
      isProtected: keyStore.isProtected(),
    }),
  );
}
