import {
  createCustomer,
  customerPhone,
  getCustomer,
  searchCustomers,
  setRestricted,
  updateCustomer,
} from '../../services/customers.service';
import { counterSearch, isPhoneEnding } from '../../services/counter-search';
import { formatPhone, maskPhone } from '../../services/phone';
import { phoneMaskedFor } from '../../../shared/roles';
import { readSettings } from '../../services/settings.service';
import { AppError } from '../../lib/app-error';
import {
  EDITABLE_CUSTOMER_FIELDS,
  type Customer,
  type CustomerSaved,
  type SessionUser,
} from '../../../shared/domain';
import { sessionOf } from './context';
import type { HandlerDeps } from './deps';

/** The counter's daily work on one customer: add, change, open, find, restrict. */
export function registerCustomersHandlers({
  router: r,
  vault,
  clock,
  usage,
}: Pick<HandlerDeps, 'router' | 'vault' | 'clock' | 'usage'>): void {
  const db = () => vault.requireDb();
  const maskedPhoneOf = (id: number): string | null => {
    const e164 = customerPhone(db(), id);
    return e164 ? maskPhone(formatPhone(e164)) : null;
  };
  /**
   * A duplicate phone answers with whose it is: for a cashier that counts as opening that
   * customer (the usage guard may refuse it), so adding numbers cannot list names faster than
   * opening them.
   */
  const guardDuplicate = <T>(ctx: Parameters<Parameters<typeof r.handle>[1]>[0], work: () => T): T => {
    try {
      return work();
    } catch (err) {
      const existing = err instanceof AppError ? err.details?.existing : undefined;
      if (existing) {
        usage.view(sessionOf(ctx).user, existing.id);
        // The answer named that customer: the entry is theirs (it shows in their record).
        ctx.auditTarget = String(existing.id);
      }
      throw err;
    }
  };
  const opts = () => ({ hardBlockSensitive: readSettings(db()).notesHardBlock });

  r.handle(
    'customers:create',
    (ctx, input) => {
      const { customer, sensitive } = guardDuplicate(ctx, () =>
        createCustomer(db(), input, sessionOf(ctx).user.id, clock.now(), opts()),
      );
      ctx.auditDetail.consents = (input.consents ?? []).map((c) => c.purposeId);
      if (sensitive.length) ctx.auditDetail.sensitiveAcknowledged = sensitive;
      return asSeenBy(sessionOf(ctx).user, customer);
    },
    { action: 'customer.create', target: (_i, out) => (out ? String(out.id) : null) },
  );
  r.handle(
    'customers:update',
    (ctx, input) => {
      const { id, ...fields } = input;
      const { user } = sessionOf(ctx);
      // Saving an edit of a customer works on their record: it counts as opening it.
      usage.view(user, id);
      // A form that shows the masked phone sends it back unchanged: that is no new number.
      if (fields.phone && phoneMaskedFor(user.role) && fields.phone === maskedPhoneOf(id))
        delete fields.phone;
      const { customer, changed, sensitive } = guardDuplicate(ctx, () =>
        updateCustomer(db(), id, fields, sessionOf(ctx).user.id, clock.now(), opts()),
      );
      ctx.auditDetail.fields = changed;
      if (sensitive.length) ctx.auditDetail.sensitiveAcknowledged = sensitive;
      return savedFields(customer, fields, phoneMaskedFor(user.role));
    },
    { action: 'customer.update', target: (i) => String(i.id) },
  );
  r.handle(
    'customers:get',
    (ctx, input) => {
      const { user } = sessionOf(ctx);
      usage.view(user, input.id);
      return asSeenBy(user, getCustomer(db(), input.id));
    },
    { action: 'customer.view', target: (i) => String(i.id) },
  );
  // The whole number for a role that sees it masked, when the customer asks for it to be read out
  // or checked: opening it is opening the customer (counted) and is audited on its own.
  r.handle(
    'customers:revealPhone',
    (ctx, input) => {
      usage.view(sessionOf(ctx).user, input.id);
      return { phone: getCustomer(db(), input.id).phone };
    },
    { action: 'customer.revealPhone', target: (i) => String(i.id) },
  );
  // The owner browses freely; a cashier searches as the counter needs (counter-search.ts), each
  // different customer listed counts against an hourly budget, and each search is audited (how
  // many were listed; never the query, which is often a name or a phone).
  r.handle(
    'customers:search',
    (ctx, input) => {
      const { user } = sessionOf(ctx);
      if (user.role === 'owner') return searchCustomers(db(), input.query, input.offset, input.limit, false);
      usage.search(user);
      const page = counterSearch(db(), input.query, input.offset, input.limit);
      usage.listedBySearch(
        user,
        page.items.map((c) => c.id),
        isPhoneEnding(input.query),
      );
      ctx.auditDetail.listed = page.items.length;
      return page;
    },
    { action: 'customer.search', when: (ctx) => isCashier(ctx.session?.user) },
  );
  r.handle(
    'customers:setRestricted',
    (ctx, input) => {
      // Art. 11: a restriction the customer asked for is lifted only when they ask, through the
      // requests register (requests:fulfil with lift_restriction).
      if (!input.restricted) throw new AppError('FORBIDDEN', { reason: 'restriction_by_request' });
      setRestricted(db(), input.id, input.restricted, clock.now());
      ctx.auditDetail.restricted = input.restricted;
      return null;
    },
    { action: 'customer.restrict', target: (i) => String(i.id) },
  );
}

/** The record as this user may see it: the phone masked for the roles that see it masked. */
function asSeenBy(user: SessionUser, c: Customer): Customer {
  if (!c.phone || !phoneMaskedFor(user.role)) return c;
  return { ...c, phone: maskPhone(c.phone), phoneE164: null, phoneMasked: true };
}

function isCashier(user: SessionUser | undefined): boolean {
  return user?.role === 'cashier';
}

/** The answer to an edit: what the form sent, as stored, and the dates the save moved. */
function savedFields(c: Customer, sent: Partial<Record<string, unknown>>, masked: boolean): CustomerSaved {
  const out: CustomerSaved = {
    id: c.id,
    updatedAt: c.updatedAt,
    lastActivityAt: c.lastActivityAt,
    deletion: c.deletion,
  };
  const copy = <K extends keyof CustomerSaved & keyof Customer>(k: K) => {
    out[k] = c[k] as CustomerSaved[K];
  };
  for (const k of EDITABLE_CUSTOMER_FIELDS) if (sent[k] !== undefined) copy(k);
  if (sent.phone !== undefined) copy('phoneE164');
  if (masked && out.phone) {
    out.phone = maskPhone(out.phone);
    out.phoneE164 = null;
    out.phoneMasked = true;
  }
  // "Erased before" is about the phone or email just typed; not told about a stored one.
  if (sent.phone !== undefined || sent.email !== undefined) copy('erasedBefore');
  return out;
}
