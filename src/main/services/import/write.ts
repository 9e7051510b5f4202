import { NOTICE_OUTSIDE, type CounterConsentMethod, type ImportProgress } from '../../../shared/domain';
import { AppError } from '../../lib/app-error';
import type { Job } from '../../lib/long-job';
import type { Db } from '../../vault/database';
import { auditInTransaction } from '../auditor';
import { consentLedger } from '../consent.service';
import { customerWriter } from '../customers.repo';
import { fillEmptyFields, type PlannedFill } from './duplicates';
import { CHUNK, type PreparedRow } from './row-check';

/** The owner's word on how the file's consent was collected, and under which notice version. */
export interface ImportConsent {
  method: CounterConsentMethod;
  noticeVersion: number;
  acknowledgeNewer?: boolean;
}

/**
 * Consent from the file is taken only with the owner's word on how it was collected and under a
 * notice version that exists, one made after the file was last changed only once the owner
 * confirms it. Returns whether that version is newer than the file.
 */
export function checkConsentNotice(
  db: Db,
  consent: ImportConsent | undefined,
  valid: readonly PreparedRow[],
  fileModifiedAt: number,
): boolean {
  if (!valid.some((r) => r.consents.length > 0)) return false;
  if (!consent)
    throw new AppError('VALIDATION', {
      fields: ['consentMethod'],
      issues: [{ field: 'consentMethod', reason: 'required' }],
    });
  // A notice outside Brankas (the shop's own form) has no version here, and is never newer.
  const madeAt =
    consent.noticeVersion === NOTICE_OUTSIDE
      ? Number.NEGATIVE_INFINITY
      : (db
          .prepare("SELECT created_at FROM documents WHERE kind = 'notice' AND version = ?")
          .pluck()
          .get(consent.noticeVersion) as number | undefined);
  if (madeAt === undefined)
    throw new AppError('VALIDATION', { fields: ['noticeVersion'], reason: 'notice_not_found' });
  // The customers in a file signed before this version existed cannot have seen it.
  const newerThanFile = madeAt > fileModifiedAt;
  if (newerThanFile && !consent.acknowledgeNewer)
    throw new AppError('VALIDATION', { fields: ['noticeVersion'], reason: 'notice_newer_than_file' });
  return newerThanFile;
}

/** What one commit writes, all decided before its transaction begins. */
export interface ImportWrite {
  valid: readonly PreparedRow[];
  fills: readonly PlannedFill[];
  /** The rows among `fills` the owner confirmed (another name than the customer's). */
  confirmed: ReadonlySet<number>;
  /** Consent column -> purpose id. */
  purposes: Record<number, number>;
  method: CounterConsentMethod | 'import';
  noticeVersion: number;
  actor: string;
  now: number;
}

/**
 * Writes every valid row and every fill in ONE transaction, across many event-loop turns, held
 * as the job's write stretch: other writes get BUSY meanwhile, so every ledger row after
 * `lastEvent` is this import's: all valid rows or none. `beforeCommit` runs inside that
 * transaction after the last write, with how many rows filled their customer (the caller's audit
 * entry for the whole import joins the transaction there): a crash, a cancel or a failed entry
 * leaves neither the rows nor the entry. Returns how many rows filled their customer.
 */
export async function writeImport(
  db: Db,
  job: Job<ImportProgress['phase']>,
  w: ImportWrite,
  faultPoint?: (name: string) => void,
  beforeCommit?: (filled: number) => void,
): Promise<number> {
  const writer = customerWriter(db);
  return job.holdWrites(async () => {
    db.exec('BEGIN IMMEDIATE');
    faultPoint?.('import:begun');
    try {
      const ledger = consentLedger(db);
      const lastEvent = ledger.lastEventId();
      for (let i = 0; i < w.valid.length; i += CHUNK) {
        for (const r of w.valid.slice(i, i + CHUNK)) {
          const id = writer.insert(r, w.actor, w.now, r.digits);
          for (const slot of r.consents) {
            const purposeId = w.purposes[slot];
            if (purposeId === undefined) continue;
            ledger.appendEvent({
              customerId: id,
              purposeId,
              action: 'granted',
              method: w.method,
              source: 'import',
              actor: w.actor,
              at: w.now,
              noticeVersion: w.noticeVersion,
              guardianName: null,
            });
          }
        }
        job.progress('writing', Math.min(i + CHUNK, w.valid.length), w.valid.length);
        await job.checkpoint();
      }
      ledger.deriveStateAfter(lastEvent);
      const filled = fillEmptyFields(db, w.fills, w.actor, w.now);
      // Each confirmed row in the log against its customer, with the row and the field names
      // (never the values or the names): written with the fill, so it stands or falls with it.
      for (const r of w.fills.filter((f) => w.confirmed.has(f.row)))
        auditInTransaction(db, {
          at: w.now,
          actor: w.actor,
          action: 'import.fillConfirmed',
          target: String(r.customerId),
          outcome: 'ok',
          detail: { row: r.row, fields: r.fields },
        });
      faultPoint?.('import:written');
      beforeCommit?.(filled);
      db.exec('COMMIT');
      faultPoint?.('import:committed');
      return filled;
    } catch (err) {
      // The vault may have been locked (closed) mid-import: that rolled back already.
      if (db.open && db.inTransaction) db.exec('ROLLBACK');
      if (!db.open) throw new AppError('CANCELLED');
      throw err;
    }
  });
}
