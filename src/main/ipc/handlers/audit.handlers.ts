import { listAudit, verifyAudit } from '../../services/audit.service';
import type { HandlerDeps } from './deps';

export function registerAuditHandlers({ router: r, vault }: Pick<HandlerDeps, 'router' | 'vault'>): void {
  r.handle('audit:list', (_ctx, input) => listAudit(vault.requireDb(), input.offset, input.limit));
  r.handle('audit:verify', () => verifyAudit(vault.requireDb()), { action: 'audit.verify' });
}
