import { listFields, updateField } from '../../services/fields.service';
import type { HandlerDeps } from './deps';

/** Which optional fields the shop collects, and why (minimization). */
export function registerFieldsHandlers({ router: r, vault }: Pick<HandlerDeps, 'router' | 'vault'>): void {
  const db = () => vault.requireDb();
  r.handle('fields:list', () => listFields(db()));
  r.handle(
    'fields:update',
    (ctx, input) => {
      const result = updateField(db(), input);
      Object.assign(ctx.auditDetail, { field: input.key, enabled: input.enabled, cleared: result.cleared });
      return result;
    },
    { action: 'fields.update' },
  );
}
