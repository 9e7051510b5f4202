import type { Core } from '../../core/core';
import { consentHistory, listPurposes, recordConsent, savePurpose } from '../../services/consent.service';
import {
  createCustomer,
  getCustomer,
  searchCustomers,
  setRestricted,
  updateCustomer,
} from '../../services/customers.service';
import { listFields, updateField } from '../../services/fields.service';
import { createPurchase, listPurchases } from '../../services/purchases.service';
import { readSettings } from './admin.handlers';
import { sessionOf } from './context';

/** The counter's daily work: customers, their purchases and consent; the owner's field and purpose choices. */
export function registerCustomerHandlers(core: Core): void {
  const r = core.router;
  const db = () => core.vault.requireDb();
  const now = () => core.clock.now();
  const opts = () => ({ hardBlockSensitive: readSettings(db()).notesHardBlock });

  r.handle(
    'customers:create',
    (ctx, input) => {
      const { customer, sensitive } = createCustomer(db(), input, sessionOf(ctx).user.id, now(), opts());
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
        now(),
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
      setRestricted(db(), input.id, input.restricted, now());
      ctx.auditDetail.restricted = input.restricted;
      return null;
    },
    { action: 'customer.restrict', target: (i) => String(i.id) },
  );

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

  r.handle('purposes:list', () => listPurposes(db()));
  r.handle('purposes:save', (_ctx, input) => savePurpose(db(), input, now()), {
    action: 'purposes.save',
    target: (_i, out) => (out ? String(out.id) : null),
  });

  r.handle(
    'consent:grant',
    (ctx, input) => {
      ctx.auditDetail.purposeId = input.purposeId;
      ctx.auditDetail.method = input.method;
      return recordConsent(db(), { ...input, action: 'granted', actor: sessionOf(ctx).user.id, at: now() });
    },
    { action: 'consent.grant', target: (i) => String(i.customerId) },
  );
  r.handle(
    'consent:withdraw',
    (ctx, input) => {
      ctx.auditDetail.purposeId = input.purposeId;
      ctx.auditDetail.method = input.method;
      return recordConsent(db(), { ...input, action: 'withdrawn', actor: sessionOf(ctx).user.id, at: now() });
    },
    { action: 'consent.withdraw', target: (i) => String(i.customerId) },
  );
  r.handle('consent:history', (_ctx, input) => consentHistory(db(), input.customerId));

  r.handle(
    'purchases:create',
    (ctx, input) => {
      ctx.auditDetail.items = input.items.length;
      return createPurchase(db(), input, sessionOf(ctx).user.id, now());
    },
    { action: 'purchase.create', target: (i) => String(i.customerId) },
  );
  r.handle('purchases:list', (_ctx, input) =>
    listPurchases(db(), input.customerId, input.offset, input.limit),
  );
}
