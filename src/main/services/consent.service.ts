import type {
  ConsentEvent,
  ConsentMethod,
  ConsentState,
  MarketingChannel,
  Purpose,
} from '../../shared/domain';
import type Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../lib/app-error';
import { cachedStatement, type Db } from '../vault/database';
import { assertUnrestrictedFor, customerWriter } from './customers.repo';
import { isOwner } from './users.repo';
import { noticeVersion } from './settings.service';
import { forgetLedger } from './loyalty/ledger';
import { memberJoinsOnlyByWhatsApp, memberPurposeId } from './loyalty/purpose';
import { forgetMemberCode } from './member-card';

/**
 * The consent ledger (consent_events, append-only) and the state derived from it (consent_state):
 * this module is their one writer (vault/table-owners.ts). The counter, the import, the purge's
 * lapses, erasure and a restore's carried consent all write through ConsentLedger.
 */
export interface LedgerEvent {
  customerId: number;
  purposeId: number;
  action: ConsentEvent['action'];
  method: ConsentEvent['method'];
  actor: string;
  at: number;
  noticeVersion: number;
  guardianName: string | null;
  /** Where the row came from (default: the counter). */
  source?: 'counter' | 'import' | 'policy';
  /** The owner's record that the customer asked again after withdrawing. */
  note?: string | null;
  /** Method 'whatsapp': the spent one-time code of the customer's message. */
  proofCode?: string | null;
}

/**
 * Prepared writes on one connection. The import runs these 100k times in a loop, so the
 * statements are compiled once per connection and kept.
 */
/**
 * What follows a consent event that ended a membership: the privacy notice drops its "points
 * kept" section once no points are left. Set by the notice's module (rights/documents.ts), which
 * reads the purposes from here, so this module does not import it back.
 */
let afterMemberLeft: (db: Db, at: number) => void = () => undefined;
export function whenMemberLeaves(follow: (db: Db, at: number) => void): void {
  afterMemberLeft = follow;
}

/**
 * What follows a withdrawal: the customer's open WhatsApp join codes naming the purpose end (set
 * by join.service.ts, which imports this module). A message on a code made before the customer
 * said no is not their asking again, whatever the computer's clock said when each was recorded.
 */
let afterWithdrawal: (db: Db, customerId: number, purposeId: number, at: number) => void = () => undefined;
export function whenConsentWithdrawn(follow: typeof afterWithdrawal): void {
  afterWithdrawal = follow;
}

export class ConsentLedger {
  private readonly eventInsert: Database.Statement;
  private readonly stateUpsert: Database.Statement;
  private readonly stateFromEvents: Database.Statement;

  constructor(private readonly db: Db) {
    this.eventInsert = db.prepare(
      `INSERT INTO consent_events (customer_id, purpose_id, action, method, recorded_by, at, notice_version, guardian_name, source, note, proof_code)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.stateUpsert = db.prepare(
      `INSERT INTO consent_state (customer_id, purpose_id, granted, event_id) VALUES (?, ?, ?, ?)
       ON CONFLICT(customer_id, purpose_id) DO UPDATE SET granted = excluded.granted, event_id = excluded.event_id`,
    );
    // The state of every consent granted by ledger rows after a given one, in one statement
    // (half the statements of a row-by-row state write, for the import).
    this.stateFromEvents = db.prepare(
      `INSERT INTO consent_state (customer_id, purpose_id, granted, event_id)
       SELECT customer_id, purpose_id, 1, id FROM consent_events WHERE id > ? AND action = 'granted'`,
    );
  }

  /** Appends to the ledger only; the caller moves the derived state (deriveStateAfter). */
  appendEvent(e: LedgerEvent): number {
    return Number(
      this.eventInsert.run(
        e.customerId,
        e.purposeId,
        e.action,
        e.method,
        e.actor,
        e.at,
        e.noticeVersion,
        e.guardianName,
        e.source ?? 'counter',
        e.note ?? null,
        e.proofCode ?? null,
      ).lastInsertRowid,
    );
  }

  /** Appends an event and moves the current state with it. */
  recordEvent(e: LedgerEvent): number {
    const eventId = this.appendEvent(e);
    this.follow(eventId, e.customerId, e.purposeId, e.action, e.at);
    return eventId;
  }

  /**
   * A restore copied a ledger row decided since the backup (row `eventId`): the derived state and
   * the customer's activity follow it, as when it was recorded.
   */
  followRestoredEvent(eventId: number, e: Record<string, unknown>): void {
    this.follow(
      eventId,
      e.customer_id as number,
      e.purpose_id as number,
      e.action as string,
      e.at as number,
      true,
    );
  }

  private follow(
    eventId: number,
    customerId: number,
    purposeId: number,
    action: string,
    at: number,
    restored = false,
  ): void {
    // Giving or withdrawing consent is activity: the deletion schedule counts from it.
    if (action !== 'lapsed') customerWriter(this.db).touchActivity(customerId, at);
    this.stateUpsert.run(customerId, purposeId, action === 'granted' ? 1 : 0, eventId);
    if (action === 'withdrawn') afterWithdrawal(this.db, customerId, purposeId, at);
    // Consent to the member purpose ended (withdrawn, lapsed, or carried by a restore): its
    // processing stops, so the points are forfeited and their ledger erased with it (the notice
    // and the withdrawal's confirmation say so).
    if (action !== 'granted' && purposeId === memberPurposeId(this.db)) {
      forgetLedger(this.db, customerId);
      forgetMemberCode(this.db, customerId);
      // A restored vault's notice follows at its unlock (its own time, not the event's).
      if (!restored) afterMemberLeft(this.db, at);
    }
  }

  /** The newest ledger row's id (0 when empty): the import derives state from rows after it. */
  lastEventId(): number {
    return this.db.prepare('SELECT coalesce(max(id), 0) FROM consent_events').pluck().get() as number;
  }

  /** Current state for every grant appended after `eventId` (customers new in this transaction). */
  deriveStateAfter(eventId: number): void {
    this.stateFromEvents.run(eventId);
  }

  /** An erased customer's ledger and state go with them (the deletion ledger keeps a fingerprint). */
  forget(customerId: number): void {
    cachedStatement(this.db, 'DELETE FROM consent_state WHERE customer_id = ?').run(customerId);
    cachedStatement(this.db, 'DELETE FROM consent_events WHERE customer_id = ?').run(customerId);
  }
}

const ledgers = new WeakMap<Db, ConsentLedger>();

/** The ledger's writer for this connection (one per open vault). */
export function consentLedger(db: Db): ConsentLedger {
  let l = ledgers.get(db);
  if (!l) ledgers.set(db, (l = new ConsentLedger(db)));
  return l;
}

interface DbPurpose {
  id: number;
  name: string;
  description: string;
  legal_basis: Purpose['legalBasis'];
  channel: MarketingChannel | null;
  active: number;
}

const toPurpose = (p: DbPurpose): Purpose => ({
  id: p.id,
  name: p.name,
  description: p.description,
  legalBasis: p.legal_basis,
  channel: p.channel,
  active: p.active === 1,
});

export function listPurposes(db: Db): Purpose[] {
  return (db.prepare('SELECT * FROM purposes ORDER BY id').all() as DbPurpose[]).map(toPurpose);
}

export function getPurpose(db: Db, id: number): Purpose {
  const p = db.prepare('SELECT * FROM purposes WHERE id = ?').get(id) as DbPurpose | undefined;
  if (!p) throw new AppError('NOT_FOUND');
  return toPurpose(p);
}

export function savePurpose(db: Db, input: Omit<Purpose, 'id'> & { id?: number }, now: number): Purpose {
  const row = {
    name: input.name,
    description: input.description,
    legal_basis: input.legalBasis,
    channel: input.channel,
    active: input.active ? 1 : 0,
    now,
  };
  if (input.id === undefined) {
    const info = db
      .prepare(
        'INSERT INTO purposes (name, description, legal_basis, channel, active, created_at, updated_at) VALUES (@name, @description, @legal_basis, @channel, @active, @now, @now)',
      )
      .run(row);
    return getPurpose(db, Number(info.lastInsertRowid));
  }
  getPurpose(db, input.id);
  db.prepare(
    'UPDATE purposes SET name = @name, description = @description, legal_basis = @legal_basis, channel = @channel, active = @active, updated_at = @now WHERE id = @id',
  ).run({ ...row, id: input.id });
  return getPurpose(db, input.id);
}

interface DbEvent {
  id: number;
  purpose_id: number;
  action: ConsentEvent['action'];
  method: ConsentEvent['method'];
  source: ConsentEvent['source'];
  recorded_by_name: string | null;
  at: number;
  notice_version: number;
  guardian_name: string | null;
  note: string | null;
  proof_code: string | null;
}

/**
 * Appends one event to the ledger and moves the derived state with it, in one transaction.
 * Consent can only be granted for purposes whose legal basis is consent; a minor's needs the
 * guardian's name (Art. 25). What the customer asked stands against the counter: a purpose they
 * withdrew (or asked to withdraw, the request still open) is granted again only by the owner,
 * with a record of how the customer asked again, or by the customer's own WhatsApp message on a
 * code the owner made since (join.service.ts); a restricted customer (Art. 11) is given no
 * consent by a cashier. Withdrawing is always possible.
 */
export function recordConsent(
  db: Db,
  e: {
    customerId: number;
    purposeId: number;
    action: 'granted' | 'withdrawn';
    method: ConsentMethod;
    actor: string;
    at: number;
    guardianName?: string | null;
    /** After a withdrawal: how the customer asked for it again (the owner's words). */
    askedAgain?: string | null;
    /** Method 'whatsapp' only: the spent code of the customer's message. */
    proofCode?: string | null;
    /** The notice version the customer agreed under (default: the one in force). */
    noticeVersion?: number;
  },
): ConsentState {
  return db.transaction(() => {
    const customer = db
      .prepare('SELECT is_minor, guardian_name, restricted FROM customers WHERE id = ?')
      .get(e.customerId) as
      { is_minor: number; guardian_name: string | null; restricted: number } | undefined;
    if (!customer) throw new AppError('NOT_FOUND');
    const purpose = getPurpose(db, e.purposeId);
    let note: string | null = null;
    if (e.action === 'granted') {
      if (purpose.legalBasis !== 'consent' || !purpose.active)
        throw new AppError('CONFLICT', { reason: 'not_consent_purpose' });
      assertMemberGrantProven(db, e);
      assertUnrestrictedFor(db, customer, e.actor);
      // The customer's own WhatsApp message (join:confirm, on a code the owner made after the
      // withdrawal) is their asking again, recorded with its code: no owner's words needed.
      const ownMessage = e.method === 'whatsapp' && Boolean(e.proofCode);
      if (!ownMessage && withdrawnByCustomer(db, e.customerId, e.purposeId)) {
        if (!isOwner(db, e.actor)) throw new AppError('FORBIDDEN', { reason: 'consent_withdrawn' });
        note = e.askedAgain?.trim() || null;
        if (note === null || note.length < 10) {
          throw new AppError('VALIDATION', {
            fields: ['askedAgain'],
            reason: 'consent_asked_again',
            issues: [{ field: 'askedAgain', reason: note === null ? 'required' : 'too_short', limit: 10 }],
          });
        }
      }
    }
    // Withdrawing what is not given changes nothing: no ledger row, and no activity that would
    // move the customer's deletion date (tapping "withdraw" again must not keep them on file).
    if (e.action === 'withdrawn') {
      const current = consentStates(db, e.customerId).find((s) => s.purposeId === e.purposeId);
      if (current && !current.granted) return current;
    }
    const guardian = e.guardianName?.trim() || customer.guardian_name;
    if (e.action === 'granted' && customer.is_minor === 1 && !guardian) {
      throw new AppError('GUARDIAN_REQUIRED', { fields: ['guardianName'] });
    }
    consentLedger(db).recordEvent({
      customerId: e.customerId,
      purposeId: e.purposeId,
      action: e.action,
      method: e.method,
      actor: e.actor,
      at: e.at,
      noticeVersion: e.noticeVersion ?? noticeVersion(db),
      guardianName: customer.is_minor ? guardian : null,
      note,
      proofCode: e.method === 'whatsapp' ? (e.proofCode ?? null) : null,
    });
    const state = consentStates(db, e.customerId).find((s) => s.purposeId === e.purposeId);
    if (!state) throw new AppError('INTERNAL');
    return state;
  })();
}

/**
 * While the programme takes members only by WhatsApp, a grant of the member purpose stands only
 * on the customer's own message: method 'whatsapp' with the spent code, which only join:confirm
 * passes. Whoever asks (owner or cashier, this laptop or a second counter), however the cashier
 * says it was given, is refused. Withdrawing is never checked here (it stays as easy as giving).
 */
export function assertMemberGrantProven(
  db: Db,
  e: { purposeId: number; method: ConsentMethod; proofCode?: string | null },
): void {
  if (e.purposeId !== memberPurposeId(db) || !memberJoinsOnlyByWhatsApp(db)) return;
  if (e.method === 'whatsapp' && e.proofCode) return;
  throw new AppError('FORBIDDEN', { reason: 'member_whatsapp_only' });
}

export function consentStates(db: Db, customerId: number): ConsentState[] {
  const rows = db
    .prepare(
      `SELECT s.purpose_id, s.granted, e.at, e.method, e.source, e.notice_version, u.name AS recorded_by_name
       FROM consent_state s JOIN consent_events e ON e.id = s.event_id LEFT JOIN users u ON u.id = e.recorded_by
       WHERE s.customer_id = ? ORDER BY s.purpose_id`,
    )
    .all(customerId) as {
    purpose_id: number;
    granted: number;
    at: number;
    method: ConsentMethod;
    source: ConsentEvent['source'];
    notice_version: number;
    recorded_by_name: string | null;
  }[];
  return rows.map((r) => ({
    purposeId: r.purpose_id,
    granted: r.granted === 1,
    at: r.at,
    method: r.method,
    recordedBy: r.recorded_by_name,
    noticeVersion: r.notice_version,
    source: r.source,
  }));
}

export function consentHistory(db: Db, customerId: number): ConsentEvent[] {
  if (!db.prepare('SELECT 1 FROM customers WHERE id = ?').get(customerId)) throw new AppError('NOT_FOUND');
  const rows = db
    .prepare(
      `SELECT e.*, u.name AS recorded_by_name FROM consent_events e LEFT JOIN users u ON u.id = e.recorded_by
       WHERE e.customer_id = ? ORDER BY e.id DESC`,
    )
    .all(customerId) as DbEvent[];
  return rows.map((r) => ({
    id: r.id,
    purposeId: r.purpose_id,
    action: r.action,
    method: r.method,
    recordedBy: r.recorded_by_name,
    at: r.at,
    noticeVersion: r.notice_version,
    guardianName: r.guardian_name,
    source: r.source,
    note: r.note,
    proofCode: r.proof_code,
  }));
}

/**
 * Whether the customer took this purpose back: their latest event for it is a withdrawal, or a
 * withdrawal request of theirs is still open (the counter must not get ahead of it).
 */
export function withdrawnByCustomer(db: Db, customerId: number, purposeId: number): boolean {
  const last = db
    .prepare(
      'SELECT action FROM consent_events WHERE customer_id = ? AND purpose_id = ? ORDER BY id DESC LIMIT 1',
    )
    .pluck()
    .get(customerId, purposeId) as ConsentEvent['action'] | undefined;
  if (last === 'withdrawn') return true;
  return Boolean(
    db
      .prepare("SELECT 1 FROM requests WHERE customer_id = ? AND type = 'withdrawal' AND status = 'open'")
      .get(customerId),
  );
}
