import {
  createCustomer,
  getCustomer,
  searchCustomers,
  setRestricted,
  updateCustomer,
} from '../../services/customers.service';
import { readSettings } from '../../services/settings.service';
import { sessionOf } from './context';
import type { HandlerDeps } from './deps';

/** The counter's daily work on one customer: add, change, open, find, restrict. */
export function registerCustomersHandlers({
  router: r,
  vault,
  clock,
}: Pick<HandlerDeps, 'router' | 'vault' | 'clock'>): void {
  const db = () => vault.requireDb();
  const opts = () => ({ hardBlockSensitive: readSettings(db()).notesHardBlock });

  r.handle(
    'customers:create',
    (ctx, input) => {
      const { customer, sensitive } = createCustomer(
        db(),
        input,
        sessionOf(ctx).user.id,
        clock.now(),
        opts(),
      );
      ctx.auditDetail.consents = (input.consents ?? []).map((c) => c.purposeId);
      if (sensitive.length) ctx.auditDetail.sensitiveAcknowledged = sensitive;
      return customer;
    },
    { action: 'customer.create', target: (_i, out) => (out ? String(out.id) : null) },
  );
  r.handle(
    'customers:update',
    (ctx, input) => {
      const { id, ...fields } = input;
      const { customer, changed, sensitive } = updateCustomer(
        db(),
        id,
        fields,
        sessionOf(ctx).user.id,
        clock.now(),
        opts(),
      );
      ctx.auditDetail.fields = changed;
      if (sensitive.length) ctx.auditDetail.sensitiveAcknowledged = sensitive;
      return customer;
    },
    { action: 'customer.update', target: (i) => String(i.id) },
  );
  r.handle('customers:get', (_ctx, input) => getCustomer(db(), input.id), {
    action: 'customer.view',
    target: (i) => String(i.id),
  });
  r.handle('customers:search', (ctx, input) =>
    searchCustomers(db(), input.query, input.offset, input.limit, sessionOf(ctx).user.role !== 'owner'),
  );
  r.handle(
    'customers:setRestricted',
    (ctx, input) => {
      setRestricted(db(), input.id, input.restricted, clock.now());
      ctx.auditDetail.restricted = input.restricted;
      return null;
    },
    { action: 'customer.restrict', target: (i) => String(i.id) },
  );
}
