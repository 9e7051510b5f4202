import { create } from 'zustand';
import type { ChannelInput } from '../../../shared/contract';
import type {
  ConsentEvent,
  ConsentState,
  CounterConsentMethod,
  Customer,
  CustomerListItem,
} from '../../../shared/domain';
import type { Result } from '../../../shared/errors';
import { periodEnd } from '../../../shared/shop-time';
import { call, type UiError } from '../../lib/client';
import { useSession } from '../session/session.store';

/** About three screens of rows per request: small pages keep each search answer fast. */
export const PAGE_SIZE = 20;

/**
 * What a cashier's search needs before main will answer (main checks it again): 3+ letters, the
 * last 4 digits of a phone, or a whole number.
 */
export function counterQueryReady(query: string): boolean {
  const digits = query.replace(/[\s\-.+()]/g, '');
  if (/^\d+$/.test(digits)) return digits.length === 4 || digits.length >= 9;
  return query.trim().length >= 3;
}

type Panel =
  | { kind: 'none' }
  | { kind: 'new' }
  | { kind: 'view'; customer: Customer }
  | { kind: 'edit'; customer: Customer };

interface CustomersState {
  query: string;
  /** Loaded rows by page number: the list is virtual, so only what is on screen is fetched. */
  pages: Map<number, CustomerListItem[]>;
  total: number;
  capped: boolean;
  /** Bumped on every new search so late pages of an old search are dropped. */
  generation: number;
  error: UiError;
  /** A cashier has not typed enough to search yet (the list shows how to search instead). */
  needsQuery: boolean;
  /**
   * Main has answered a search since the last reset: until then the list says nothing, not "no
   * customers yet" (which, right after a login or a restore, reads as if the data were gone).
   */
  loaded: boolean;
  panel: Panel;
  setQuery(query: string): void;
  search(): Promise<void>;
  ensurePage(page: number): Promise<void>;
  open(id: number): Promise<void>;
  setPanel(panel: Panel): void;
  reset(): void;
  /** Creates or updates; on success the list is searched again and the saved customer shown. */
  save(input: ChannelInput<'customers:create'> | ChannelInput<'customers:update'>): Promise<Result<Customer>>;
  /**
   * Records a consent decision for the customer on screen and shows the state main returns: no
   * second read (each read of a customer is an audited view).
   */
  decideConsent(
    purposeId: number,
    grant: boolean,
    method: CounterConsentMethod,
    /** The owner's record that a customer who withdrew asked again. */
    askedAgain?: string,
  ): Promise<Result<ConsentState>>;
  /**
   * The customer's own WhatsApp message proved their consent and phone: the customer on screen
   * takes the consents and the confirmation main answered (no second read).
   */
  joined(customerId: number, consents: ConsentState[], phoneConfirmedAt: number): void;
  setRestricted(restricted: boolean): Promise<Result<null>>;
  /** Shows the whole phone of the customer on screen, for a role that sees it masked (audited). */
  revealPhone(): Promise<Result<{ phone: string | null }>>;
  /** The consent ledger of the customer on screen, oldest first (the timeline). */
  consentHistory(customerId: number): Promise<Result<ConsentEvent[]>>;
  /** Owner: keeps the customer on screen past the deletion date, with a written reason. */
  keep(reason: string): Promise<Result<null>>;
  /** Owner: erases the customer on screen (purchases stay as anonymous sales). */
  erase(): Promise<Result<{ erased: number; purchasesKept: number }>>;
  /** A purchase moved the customer's last activity (main moved it the same way). */
  noteActivity(at: number): void;
}

/** Applies a change to the customer on screen, if it is still that customer. */
function patchViewed(get: () => CustomersState, id: number, change: (c: Customer) => Customer): Panel | null {
  const panel = get().panel;
  if (panel.kind !== 'view' || panel.customer.id !== id) return null;
  return { kind: 'view', customer: change(panel.customer) };
}

/** Moves the last activity, and with it the deletion date (unless the owner is keeping the customer). */
function withActivity(c: Customer, at: number): Customer {
  const last = Math.max(c.lastActivityAt, at);
  const d = c.deletion;
  const due = periodEnd(last, d.inactiveMonths);
  const kept = d.basis === 'kept' && d.dueAt > due;
  return {
    ...c,
    lastActivityAt: last,
    deletion: { ...d, lastActivityAt: last, dueAt: kept ? d.dueAt : due, basis: kept ? 'kept' : 'inactive' },
  };
}

/**
 * Saves an edit. Main answers only what the form sent (an edit is not a way to read a record),
 * so the customer on screen, from its one audited view, is brought up to date with it.
 */
async function update(
  get: () => CustomersState,
  input: ChannelInput<'customers:update'>,
): Promise<Result<Customer>> {
  const r = await call('customers:update', input);
  if (!r.ok) return r;
  const panel = get().panel;
  const shown = panel.kind === 'view' || panel.kind === 'edit' ? panel.customer : null;
  if (shown?.id === r.value.id) return { ok: true, value: { ...shown, ...r.value } };
  return call('customers:get', { id: r.value.id });
}

const inFlight = new Set<string>();

export const useCustomers = create<CustomersState>((set, get) => ({
  query: '',
  pages: new Map(),
  total: 0,
  capped: false,
  generation: 0,
  error: null,
  needsQuery: false,
  loaded: false,
  panel: { kind: 'none' },
  setQuery(query) {
    set({ query });
  },
  async search() {
    const generation = get().generation + 1;
    const cashier = useSession.getState().status?.user?.role === 'cashier';
    if (cashier && !counterQueryReady(get().query)) {
      set({
        generation,
        needsQuery: true,
        pages: new Map(),
        total: 0,
        capped: false,
        error: null,
        loaded: true,
      });
      return;
    }
    set({ generation, needsQuery: false });
    const r = await call('customers:search', { query: get().query, offset: 0, limit: PAGE_SIZE });
    if (generation !== get().generation) return;
    if (r.ok)
      set({
        pages: new Map([[0, r.value.items]]),
        total: r.value.total,
        capped: r.value.capped ?? false,
        error: null,
        loaded: true,
      });
    else set({ error: r.error, pages: new Map(), total: 0, loaded: true });
  },
  async ensurePage(page) {
    const { generation, pages, query } = get();
    const key = `${generation}:${page}`;
    if (pages.has(page) || inFlight.has(key)) return;
    inFlight.add(key);
    const r = await call('customers:search', { query, offset: page * PAGE_SIZE, limit: PAGE_SIZE });
    inFlight.delete(key);
    if (!r.ok || generation !== get().generation) return;
    const next = new Map(get().pages);
    next.set(page, r.value.items);
    set({ pages: next, total: Math.max(get().total, r.value.total), capped: r.value.capped ?? get().capped });
  },
  async open(id) {
    const r = await call('customers:get', { id });
    if (r.ok) set({ panel: { kind: 'view', customer: r.value }, error: null });
    else set({ error: r.error });
  },
  setPanel(panel) {
    set({ panel });
  },
  async save(input) {
    const r =
      'id' in input
        ? await update(get, input as ChannelInput<'customers:update'>)
        : await call('customers:create', input);
    if (r.ok) {
      set({ panel: { kind: 'view', customer: r.value } });
      await get().search();
    }
    return r;
  },
  async decideConsent(purposeId, grant, method, askedAgain) {
    const panel = get().panel;
    if (panel.kind !== 'view') return { ok: false, error: { code: 'CONFLICT', message: '' } };
    const customerId = panel.customer.id;
    const r = grant
      ? await call('consent:grant', { customerId, purposeId, method, ...(askedAgain ? { askedAgain } : {}) })
      : await call('consent:withdraw', { customerId, purposeId, method });
    if (r.ok) {
      // A consent decision is activity: the deletion date moves with it, as in main.
      const next = patchViewed(get, customerId, (c) => ({
        ...withActivity(c, r.value.at),
        consents: [...c.consents.filter((s) => s.purposeId !== purposeId), r.value].sort(
          (a, b) => a.purposeId - b.purposeId,
        ),
      }));
      if (next) set({ panel: next });
    }
    return r;
  },
  joined(customerId, consents, phoneConfirmedAt) {
    const next = patchViewed(get, customerId, (c) => ({
      ...withActivity(c, phoneConfirmedAt),
      consents,
      phoneConfirmedAt,
    }));
    if (next) set({ panel: next });
  },
  async setRestricted(restricted) {
    const panel = get().panel;
    if (panel.kind !== 'view') return { ok: false, error: { code: 'CONFLICT', message: '' } };
    const id = panel.customer.id;
    const r = await call('customers:setRestricted', { id, restricted });
    if (r.ok) {
      const next = patchViewed(get, id, (c) => ({ ...c, restricted }));
      if (next) set({ panel: next });
    }
    return r;
  },
  async revealPhone() {
    const panel = get().panel;
    if (panel.kind !== 'view') return { ok: false, error: { code: 'CONFLICT', message: '' } };
    const id = panel.customer.id;
    const r = await call('customers:revealPhone', { id });
    if (r.ok) {
      const next = patchViewed(get, id, (c) => ({ ...c, phone: r.value.phone, phoneMasked: false }));
      if (next) set({ panel: next });
    }
    return r;
  },
  consentHistory: (customerId) => call('consent:history', { customerId }),
  async keep(reason) {
    const panel = get().panel;
    if (panel.kind !== 'view') return { ok: false, error: { code: 'CONFLICT', message: '' } };
    const r = await call('retention:keep', { id: panel.customer.id, reason });
    // The review date comes from the shop's policy: main's answer is read back once.
    if (r.ok) await get().open(panel.customer.id);
    return r;
  },
  async erase() {
    const panel = get().panel;
    if (panel.kind !== 'view') return { ok: false, error: { code: 'CONFLICT', message: '' } };
    const r = await call('customers:erase', { id: panel.customer.id, confirm: true });
    if (r.ok) {
      set({ panel: { kind: 'none' } });
      await get().search();
    }
    return r;
  },
  noteActivity(at) {
    const panel = get().panel;
    if (panel.kind !== 'view') return;
    const next = patchViewed(get, panel.customer.id, (c) => withActivity(c, at));
    if (next) set({ panel: next });
  },
  reset() {
    set({
      query: '',
      pages: new Map(),
      total: 0,
      capped: false,
      generation: get().generation + 1,
      panel: { kind: 'none' },
      error: null,
      loaded: false,
    });
  },
}));
