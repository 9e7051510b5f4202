import { AppError } from '../../lib/app-error';
import type { HandlerDeps } from './deps';

/**
 * Pairing with a primary and unpairing are a paired laptop's own (its ClientCore answers them):
 * this laptop holds a vault, so it is the primary, and it refuses both, audited.
 */
export function registerLanClientHandlers({ router: r }: Pick<HandlerDeps, 'router'>): void {
  const notAClient = () => {
    throw new AppError('CONFLICT', { reason: 'not_a_client' });
  };
  r.handle('setup:connect', notAClient, { action: 'lan.connect' });
  r.handle('lan:forget', notAClient, { action: 'lan.forget' });
}
