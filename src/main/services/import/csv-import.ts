import { readFile, stat } from 'node:fs/promises';
import Papa from 'papaparse';
import { setImmediate as nextTick } from 'node:timers/promises';
import { fingerprint, ledgerFingerprints } from '../retention/ledger';
import {
  FILLABLE_FIELDS,
  NOTICE_OUTSIDE,
  type CounterConsentMethod,
  type FillableField,
  type ImportCheck,
  type ImportInVaultRow,
  type ImportMapping,
  type ImportPreview,
  type ImportProgress,
  type ImportRowError,
  type ImportTarget,
  type OptionalField,
} from '../../../shared/domain';
import { auditInTransaction } from '../auditor';
import { AppError } from '../../lib/app-error';
import type { Dialogs } from '../../ports/ports';
import type { Db } from '../../vault/database';
import type { Job } from '../../lib/long-job';
import { shopCsv } from '../csv';
import { consentLedger } from '../consent.service';
import { customerWriter } from '../customers.repo';
import { noticeVersion } from '../settings.service';
import { enabledFields } from '../fields.service';
import { phoneOrNull } from '../phone';
import {
  decodeCsv,
  detectDelimiter,
  MAX_CELL_CHARS,
  MAX_COLUMNS,
  MAX_IMPORT_BYTES,
  MAX_LINE_CHARS,
  MAX_ROWS,
  PREVIEW_CHARS,
} from './decode';

const preview = (cell: string) => (cell.length > PREVIEW_CHARS ? `${cell.slice(0, PREVIEW_CHARS)}…` : cell);
import { suggestMapping } from './mapping';
import type { Language } from '../../../shared/language';
import { fieldLabel, importProblemText } from '../../../shared/messages';
import {
  CHUNK,
  cellAt,
  checkRow,
  settleRows,
  type InVaultRow,
  type PreparedRow,
  type RowVerdict,
} from './row-check';
import {
  PhoneBatch,
  spawnPhoneWorker,
  WORKER_MIN_ROWS,
  WORKER_SHARE,
  type PhoneWorkerFactory,
} from './phone-batch';

interface LoadedFile {
  name: string;
  encoding: 'utf-8' | 'windows-1252';
  delimiter: ',' | ';' | '\t';
  headers: string[];
  rows: string[][];
  /** Each data row's row number as the spreadsheet shows it (blank rows count, the header is 1). */
  rowNumbers: number[];
  /** When the file was last changed (ms). */
  modifiedAt: number;
}

/** The long job an import step runs in (src/main/lib/long-job.ts). */
export type ImportJob = Job<ImportProgress['phase']>;

export interface ImportDeps {
  db: () => Db;
  dialogs: Dialogs;
  now: () => number;
  /** Optional helper thread for phone validation; without it main validates every row. */
  phoneWorker?: PhoneWorkerFactory;
  /** Crash tests only: called by name around the import's one transaction. */
  faultPoint?: (name: string) => void;
}

/**
 * One CSV import at a time, held in main's memory only (the file is read, never copied). Every
 * step yields to the event loop between chunks so the app keeps answering, and the write is one
 * transaction: all valid rows or none.
 */
export class CsvImport {
  private file: LoadedFile | null = null;
  private errors: ImportRowError[] = [];
  /** The last check, reused by commit when neither the mapping nor the vault changed since. */
  private lastCheck: {
    mapping: string;
    generation: number;
    valid: PreparedRow[];
    inVault: InVaultRow[];
  } | null = null;
  /**
   * Phone validation started while a big file is read, on the column the mapping suggests: the
   * check picks it up when the owner keeps that column (and drops it otherwise).
   */
  private early: { column: number | undefined; batch: PhoneBatch } | null = null;

  constructor(private readonly d: ImportDeps) {}

  /** Forgets the file and its rows (on lock, or after a finished import). */
  clear(): void {
    this.file = null;
    this.errors = [];
    this.lastCheck = null;
    this.early?.batch.stop();
    this.early = null;
  }

  /** Each step (open, check, commit) runs as a long job: one at a time, cancellable, with progress. */
  async open(job: ImportJob): Promise<ImportPreview> {
    const picked = await this.d.dialogs.openCsv();
    if (!picked) throw new AppError('CANCELLED');
    let bytes: Buffer;
    let modifiedAt: number;
    try {
      const info = await stat(picked.path);
      if (info.size > MAX_IMPORT_BYTES) throw new AppError('BAD_FILE', { reason: 'too_large' });
      modifiedAt = Math.floor(info.mtimeMs);
      bytes = await readFile(picked.path);
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError('BAD_FILE', { reason: 'unreadable' }, { cause: err });
    }
    const { text, encoding } = await decodeCsv(bytes);
    const delimiter = detectDelimiter(text);
    this.early?.batch.stop();
    this.early = null;
    const early = (this.early = { column: undefined as number | undefined, batch: new PhoneBatch(null) });
    try {
      const { records, rowNumbers: numbers } = await parseAll(
        text,
        delimiter,
        (parsed, from, doneBefore, last, doneAfter) => {
          job.throwIfCancelled();
          job.progress('reading', Math.round(doneAfter * 100), 100);
          if (from === 0) {
            // First slice: a file of one slice is too small to be worth a thread.
            if (last) return;
            early.column = suggestMapping(parsed[0]!.map((h) => h.trim())).phone;
            early.batch = new PhoneBatch(spawnPhoneWorker(this.d.phoneWorker));
          }
          const column = early.column;
          if (column === undefined || doneBefore >= WORKER_SHARE) return;
          early.batch.send(parsed.slice(Math.max(from, 1)).map((r) => cellAt(r, column)));
        },
      );
      const [header, ...rows] = records;
      if (!header || header.every((h) => !h.trim())) throw new AppError('BAD_FILE', { reason: 'empty' });
      if (rows.length === 0) throw new AppError('BAD_FILE', { reason: 'headers_only' });
      const headers = header.map((h, i) => h.trim() || `#${i + 1}`);
      this.file = {
        name: picked.name,
        encoding,
        delimiter,
        headers,
        rows,
        rowNumbers: numbers.slice(1),
        modifiedAt,
      };
      this.errors = [];
      this.lastCheck = null;
      const suggestion = this.suggest(headers);
      return {
        fileName: picked.name,
        encoding,
        delimiter,
        headers: headers.map(preview),
        // A long cell is shown cut short: the preview never carries a whole 20,000-character cell.
        sample: rows.slice(0, 5).map((r) => r.map(preview)),
        rowCount: rows.length,
        suggested: suggestion.mapping,
        offFields: suggestion.offFields,
        modifiedAt,
      };
    } catch (err) {
      early.batch.stop();
      this.early = null;
      throw err;
    }
  }

  async check(mapping: ImportMapping, job: ImportJob): Promise<ImportCheck> {
    const { errors, valid, inVault } = await this.prepare(mapping, job);
    const db = this.d.db();
    const file = this.requireFile();
    // Rows already in the vault name the customer they match, both names side by side (a shared
    // phone, a family's or a shop's, is not the same person): on the owner's screen only, the
    // saved problem file keeps row, column and problem.
    const planned = planFills(db, inVault).map(({ prepared: _p, ...shown }) => shown);
    const byRow = new Map(planned.map((r) => [r.row, r]));
    const shown = errors.map((e) => {
      const hit = e.code === 'duplicate_in_vault' ? byRow.get(e.row) : undefined;
      return hit ? { ...e, match: { id: hit.customerId, name: hit.name, fileName: hit.fileName } } : e;
    });
    // Every category counts rows, each row once and in one category: the numbers on the page are
    // the rows listed under them.
    const status = (s: ImportInVaultRow['status']) => planned.filter((r) => r.status === s).length;
    const summary = {
      ready: valid.length,
      problems: new Set(errors.filter((e) => !byRow.has(e.row)).map((e) => e.row)).size,
      inVault: planned.length,
      fill: status('fill'),
      confirm: status('confirm'),
      nothing: status('nothing'),
      invalid: status('invalid'),
    };
    return {
      total: file.rows.length,
      valid: valid.length,
      errors: shown,
      inVault: planned,
      summary,
      fillable: summary.fill,
      previouslyErased: countPreviouslyErased(db, valid),
      // Shown before committing: an owner who imports consent sees how much, and says how it was collected.
      consents: {
        whatsapp: valid.filter((r) => r.consents.includes(0)).length,
        smsEmail: valid.filter((r) => r.consents.includes(1)).length,
      },
    };
  }

  /**
   * Writes every valid row, or none. Consent from the file is recorded only with the owner's word
   * on how it was collected (`consent.method`) and under which notice version, one that exists
   * (a version made after the file was last changed only once the owner confirms it): the ledger
   * keeps that method, the version, and 'import' as the source. Rows already in the vault fill
   * their customer's empty fields on `duplicates: 'fill'` when the names agree, and a row with
   * another name only when the owner confirmed that row (`confirmFill`, audited per customer).
   */
  async commit(
    mapping: ImportMapping,
    actor: string,
    job: ImportJob,
    consent?: { method: CounterConsentMethod; noticeVersion: number; acknowledgeNewer?: boolean },
    duplicates: 'skip' | 'fill' = 'skip',
    confirmFill: readonly { row: number; customerId: number }[] = [],
  ): Promise<{ imported: number; filled: number; confirmed: number; newerThanFile: boolean }> {
    const db = this.d.db();
    const file = this.requireFile();
    // The check's verdicts stand if no customer was written since (the audit entry the check
    // itself left does not count) and the mapping still fits the shop's fields.
    const reuse = this.lastCheck;
    const fresh =
      reuse &&
      reuse.mapping === JSON.stringify(mapping) &&
      reuse.generation === customerWriter(db).generation;
    if (fresh) this.validateMapping(mapping);
    const { valid, inVault } = fresh ? reuse : await this.prepare(mapping, job);
    this.lastCheck = null;
    const purposes = this.consentPurposes(mapping);
    const now = this.d.now();
    let newerThanFile = false;
    if (valid.some((r) => r.consents.length > 0)) {
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
      newerThanFile = madeAt > file.modifiedAt;
      if (newerThanFile && !consent.acknowledgeNewer)
        throw new AppError('VALIDATION', { fields: ['noticeVersion'], reason: 'notice_newer_than_file' });
    }
    const version = consent?.noticeVersion ?? noticeVersion(db);
    const planned = planFills(db, inVault);
    // A confirmation names a row listed with another name and the customer the owner was shown.
    const confirmable = new Map(planned.filter((r) => r.status === 'confirm').map((r) => [r.row, r]));
    const confirmed = new Set<number>();
    for (const c of confirmFill) {
      if (confirmable.get(c.row)?.customerId !== c.customerId)
        throw new AppError('VALIDATION', { fields: ['confirmFill'], reason: 'fill_not_confirmable' });
      confirmed.add(c.row);
    }
    const fills = planned.filter(
      (r) => (r.status === 'fill' && duplicates === 'fill') || confirmed.has(r.row),
    );
    const writer = customerWriter(db);
    // One transaction across many event-loop turns, held as the job's write stretch: other writes
    // get BUSY meanwhile, so every ledger row after `lastEvent` is this import's.
    let filled = 0;
    await job.holdWrites(async () => {
      db.exec('BEGIN IMMEDIATE');
      this.d.faultPoint?.('import:begun');
      try {
        const ledger = consentLedger(db);
        const lastEvent = ledger.lastEventId();
        for (let i = 0; i < valid.length; i += CHUNK) {
          for (const r of valid.slice(i, i + CHUNK)) {
            const id = writer.insert(r, actor, now, r.digits);
            for (const slot of r.consents) {
              const purposeId = purposes[slot];
              if (purposeId === undefined) continue;
              ledger.appendEvent({
                customerId: id,
                purposeId,
                action: 'granted',
                method: consent?.method ?? 'import',
                source: 'import',
                actor,
                at: now,
                noticeVersion: version,
                guardianName: null,
              });
            }
          }
          job.progress('writing', Math.min(i + CHUNK, valid.length), valid.length);
          await job.checkpoint();
        }
        ledger.deriveStateAfter(lastEvent);
        filled = fillEmptyFields(db, fills, actor, now);
        // Each confirmed row in the log against its customer, with the row and the field names
        // (never the values or the names): written with the fill, so it stands or falls with it.
        for (const r of fills.filter((f) => confirmed.has(f.row)))
          auditInTransaction(db, {
            at: now,
            actor,
            action: 'import.fillConfirmed',
            target: String(r.customerId),
            outcome: 'ok',
            detail: { row: r.row, fields: r.fields },
          });
        this.d.faultPoint?.('import:written');
        db.exec('COMMIT');
        this.d.faultPoint?.('import:committed');
      } catch (err) {
        // The vault may have been locked (closed) mid-import: that rolled back already.
        if (db.open && db.inTransaction) db.exec('ROLLBACK');
        if (!db.open) throw new AppError('CANCELLED');
        throw err;
      }
    });
    return { imported: valid.length, filled, confirmed: confirmed.size, newerThanFile };
  }

  /**
   * The row errors as a file the owner can fix the spreadsheet from: row (as the spreadsheet
   * numbers it), column and problem in the owner's language; no values.
   */
  errorsCsv(lang: Language): string {
    this.requireFile();
    const rows = this.errors.map((e) => [
      e.row,
      e.field === 'row' ? '' : fieldLabel(e.field, lang),
      importProblemText(e.code, lang),
    ]);
    // Row, column and problem only: no cell values and not the file's name (it can name a person).
    const header = lang === 'id' ? ['baris', 'kolom', 'masalah'] : ['row', 'column', 'problem'];
    return shopCsv([header, ...rows]);
  }

  private requireFile(): LoadedFile {
    if (!this.file) throw new AppError('CONFLICT', { reason: 'no_file' });
    return this.file;
  }

  /**
   * The suggested mapping: fields the shop does not collect are left out (named in the preview,
   * so the owner can switch one on), and the app's own export headers for consent are known.
   */
  private suggest(headers: string[]): { mapping: ImportMapping; offFields: OptionalField[] } {
    const db = this.d.db();
    const enabled = enabledFields(db);
    const purposeHeaders: Partial<Record<ImportTarget, string[]>> = {};
    for (const p of db.prepare('SELECT name, channel FROM purposes WHERE channel IS NOT NULL').all() as {
      name: string;
      channel: 'whatsapp' | 'sms_email';
    }[]) {
      const target: ImportTarget = p.channel === 'whatsapp' ? 'consent_whatsapp' : 'consent_sms_email';
      (purposeHeaders[target] ??= []).push(`persetujuan:${p.name}`);
    }
    const all = suggestMapping(headers, { purposeHeaders });
    const offFields = (Object.keys(all) as ImportTarget[]).filter(
      (t): t is OptionalField =>
        t !== 'name' && !t.startsWith('consent_') && !enabled.has(t as OptionalField),
    );
    const mapping = { ...all };
    for (const f of offFields) delete mapping[f];
    return { mapping, offFields };
  }

  /** Consent column -> purpose id: the first active consent purpose on that channel. */
  private consentPurposes(mapping: ImportMapping): Record<number, number> {
    const db = this.d.db();
    const byChannel = (channel: string) =>
      (
        db
          .prepare(
            "SELECT id FROM purposes WHERE channel = ? AND active = 1 AND legal_basis = 'consent' ORDER BY id LIMIT 1",
          )
          .get(channel) as { id: number } | undefined
      )?.id;
    const out: Record<number, number> = {};
    if (mapping.consent_whatsapp !== undefined) {
      const id = byChannel('whatsapp');
      if (id === undefined) throw new AppError('VALIDATION', { fields: ['consent_whatsapp'] });
      out[0] = id;
    }
    if (mapping.consent_sms_email !== undefined) {
      const id = byChannel('sms_email');
      if (id === undefined) throw new AppError('VALIDATION', { fields: ['consent_sms_email'] });
      out[1] = id;
    }
    return out;
  }

  /** The mapping against the file and the shop's current field and purpose choices (cheap). */
  private validateMapping(mapping: ImportMapping): void {
    const file = this.requireFile();
    if (mapping.name === undefined)
      throw new AppError('BAD_FILE', { reason: 'no_name_column', fields: ['name'] });
    const targets = Object.entries(mapping) as [ImportTarget, number][];
    const outOfRange = targets.filter(([, col]) => col >= file.headers.length).map(([t]) => t);
    if (outOfRange.length) throw new AppError('VALIDATION', { fields: outOfRange });
    const enabled = enabledFields(this.d.db());
    const disabled = targets
      .map(([t]) => t)
      .filter(
        (t): t is OptionalField =>
          t !== 'name' && !t.startsWith('consent_') && !enabled.has(t as OptionalField),
      );
    if (disabled.length) throw new AppError('FIELD_DISABLED', { fields: disabled });
    this.consentPurposes(mapping);
  }

  private async prepare(
    mapping: ImportMapping,
    job: ImportJob,
  ): Promise<{ errors: ImportRowError[]; valid: PreparedRow[]; inVault: InVaultRow[] }> {
    const file = this.requireFile();
    const db = this.d.db();
    this.validateMapping(mapping);
    const generation = customerWriter(db).generation;

    const now = this.d.now();
    const rows = file.rows;
    // Phones of the first rows go to a worker thread (perhaps since the file was read) while main
    // checks everything else.
    const helped = mapping.phone !== undefined && rows.length >= WORKER_MIN_ROWS;
    const early = this.early;
    this.early = null;
    let batch: PhoneBatch;
    if (helped && early?.batch.usable && (early.column === mapping.phone || early.batch.size === 0))
      batch = early.batch;
    else {
      early?.batch.stop();
      batch = new PhoneBatch(helped ? spawnPhoneWorker(this.d.phoneWorker) : null);
    }
    const share = Math.floor(rows.length * WORKER_SHARE);
    if (helped && batch.size < share)
      batch.send(rows.slice(batch.size, share).map((r) => cellAt(r, mapping.phone)));
    const from = batch.usable ? batch.size : 0;
    const verdicts: RowVerdict[] = new Array<RowVerdict>(rows.length);
    const phones: (string | null)[] = new Array<string | null>(rows.length).fill(null);
    // Called every CHUNK rows: yields to the event loop (main keeps answering), honours cancel.
    const pause = async (i: number, progress: boolean) => {
      if (progress) job.progress('checking', i, rows.length);
      await job.checkpoint();
    };
    try {
      for (let i = 0; i < rows.length; i++) {
        if (i % CHUNK === 0 && i > 0) await pause(i, true);
        const v = checkRow(rows[i]!, mapping, now);
        verdicts[i] = v;
        if (v.rawPhone && i >= from) phones[i] = phoneOrNull(v.rawPhone);
      }
      const fromWorker = from > 0 ? await batch.results() : null;
      for (let i = 0; i < from; i++) {
        if (!fromWorker && i % CHUNK === 0 && i > 0) await pause(i, false);
        const raw = verdicts[i]!.rawPhone;
        if (raw) phones[i] = fromWorker ? fromWorker[i] || null : phoneOrNull(raw);
      }
    } finally {
      batch.stop();
    }
    const known = existingPhones(db, rows.length);
    const { errors, valid, inVault } = await settleRows(
      verdicts,
      phones,
      known,
      (i) => pause(i, false),
      file.rowNumbers,
    );
    job.progress('checking', file.rows.length, file.rows.length);
    this.errors = errors;
    this.lastCheck = { mapping: JSON.stringify(mapping), generation, valid, inVault };
    return { errors, valid, inVault };
  }
}

/**
 * Whether a row names the same person as the customer with its phone: the same name, or one
 * written shorter (every word the start of the other's: "Budi S" and "Budi Santoso"). A phone is
 * shared in families and shops, so another name never fills someone else's record by itself.
 */
function sameName(a: string, b: string): boolean {
  const x = a.split(/\s+/).filter(Boolean);
  const y = b.split(/\s+/).filter(Boolean);
  if (x.length === 0 || x.length !== y.length) return a === b;
  return x.every((w, i) => w.startsWith(y[i]!) || y[i]!.startsWith(w));
}

/** A row already in the vault as listed, with the fields it would write. */
interface PlannedFill extends ImportInVaultRow {
  prepared: PreparedRow | null;
}

/**
 * What each row already in the vault would do, in file order: fill (same name), confirm (another
 * name), nothing (no empty field left: the customer's are set, or an earlier same-name row of the
 * file fills them first) or invalid (the row has other problems).
 */
function planFills(db: Db, rows: readonly InVaultRow[]): PlannedFill[] {
  const byPhone = db.prepare(
    `SELECT id, name, name_norm, ${FILLABLE_FIELDS.join(', ')} FROM customers WHERE phone_e164 = ?`,
  );
  const claimed = new Map<number, Set<FillableField>>();
  const out: PlannedFill[] = [];
  for (const r of rows) {
    const c = byPhone.get(r.phone) as
      (Record<FillableField, string | null> & { id: number; name: string; name_norm: string }) | undefined;
    if (!c) continue;
    const base = { row: r.row, customerId: c.id, name: c.name, fileName: r.name, prepared: r.fields };
    const p = r.fields;
    if (!p) {
      out.push({ ...base, status: 'invalid', fields: [] });
      continue;
    }
    const taken = claimed.get(c.id) ?? new Set<FillableField>();
    const fields = FILLABLE_FIELDS.filter((f) => c[f] === null && p[f] !== null && !taken.has(f));
    const status = fields.length === 0 ? 'nothing' : sameName(c.name_norm, p.name_norm) ? 'fill' : 'confirm';
    if (status === 'fill') {
      for (const f of fields) taken.add(f);
      claimed.set(c.id, taken);
    }
    out.push({ ...base, status, fields });
  }
  return out;
}

/**
 * Fills the customers' empty fields from these rows (each row only the fields it was listed with),
 * never overwriting a value and never touching the name, the phone or consent. Returns how many
 * rows changed their customer.
 */
function fillEmptyFields(db: Db, rows: readonly PlannedFill[], actor: string, now: number): number {
  const writer = customerWriter(db);
  let changed = 0;
  for (const r of rows) {
    if (!r.prepared) continue;
    // Only the fields the owner was shown for this row (an earlier row may fill the others).
    const values = Object.fromEntries(
      FILLABLE_FIELDS.map((f) => [f, r.fields.includes(f) ? r.prepared![f] : null]),
    ) as Record<FillableField, string | null>;
    if (writer.fillEmpty(r.customerId, values, actor, now)) changed++;
  }
  return changed;
}

/**
 * Rows whose phone or email matches someone erased before (the deletion ledger's fingerprints):
 * a warning in the check, never a block; the owner asks them for consent anew.
 */
function countPreviouslyErased(
  db: Db,
  rows: readonly { phone_e164: string | null; email: string | null }[],
): number {
  const { key, known } = ledgerFingerprints(db);
  if (known.size === 0) return 0;
  return rows.filter(
    (r) =>
      known.has(fingerprint(key, 'phone', r.phone_e164) ?? '') ||
      known.has(fingerprint(key, 'email', r.email) ?? ''),
  ).length;
}

/**
 * Duplicate check against the vault: one pass over the phone index into a set when the vault is
 * not much bigger than the file, else one indexed lookup per row.
 */
function existingPhones(db: Db, fileRows: number): (phone: string) => boolean {
  const count = (db.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;
  if (count <= fileRows * 4) {
    const set = new Set(
      db.prepare('SELECT phone_e164 FROM customers WHERE phone_e164 IS NOT NULL').pluck().all() as string[],
    );
    return (phone) => set.has(phone);
  }
  const lookup = db.prepare('SELECT 1 FROM customers WHERE phone_e164 = ?').pluck();
  return (phone) => lookup.get(phone) !== undefined;
}

/**
 * Cuts the text into slices of about `size` characters that end on a line break outside quotes,
 * so each can be parsed on its own (a quoted field may hold line breaks).
 */
const SLICE_LINES = 10_000;

export function* csvSlices(text: string, size = 256 * 1024, delimiter = ','): Generator<string> {
  const sep = delimiter.charCodeAt(0);
  let start = 0;
  let inQuotes = false;
  // Limits, counted as the slicer walks the text, before any parsing allocates cells.
  let lineStart = 0;
  let cellStart = 0;
  let columns = 1;
  // A slice also ends after this many lines: a file of tiny rows parses in short steps too.
  let lines = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34) inQuotes = !inQuotes;
    else if (!inQuotes && ch === sep) {
      if (++columns > MAX_COLUMNS) throw new AppError('BAD_FILE', { reason: 'too_many_columns' });
      cellStart = i + 1;
    } else if (!inQuotes && ch === 10) {
      columns = 1;
      lineStart = cellStart = i + 1;
      if (i - start >= size || ++lines >= SLICE_LINES) {
        yield text.slice(start, i + 1);
        start = i + 1;
        lines = 0;
      }
      continue;
    }
    if (i - cellStart > MAX_CELL_CHARS) throw new AppError('BAD_FILE', { reason: 'cell_too_long' });
    if (i - lineStart > MAX_LINE_CHARS) throw new AppError('BAD_FILE', { reason: 'line_too_long' });
  }
  if (start < text.length) yield text.slice(start);
}

/**
 * Parses slice by slice, yielding to the event loop between slices so a 50 MB file never blocks.
 * PapaParse: about four times faster than csv-parse on a 100k-row file (see README). Rows may have
 * any number of cells; a quote left open is a broken file, not a cell that runs to the end.
 * `onSlice` sees the records so far, where this slice's begin, the share of the text parsed before
 * it, whether it is the last, and the share parsed with it; it may throw to stop.
 */
export async function parseAll(
  text: string,
  delimiter: string,
  onSlice: (records: string[][], from: number, doneBefore: number, last: boolean, doneAfter: number) => void,
): Promise<{ records: string[][]; rowNumbers: number[] }> {
  const records: string[][] = [];
  // The spreadsheet's row of each kept record: blank rows are dropped but still counted, as Excel
  // numbers them (a quoted cell's line breaks stay inside its one row).
  const rowNumbers: number[] = [];
  let row = 0;
  let offset = 0;
  for (const slice of csvSlices(text, undefined, delimiter)) {
    const parsed = Papa.parse<string[]>(slice, { delimiter, skipEmptyLines: false });
    if (parsed.errors.some((e) => e.type === 'Quotes')) throw new AppError('BAD_FILE', { reason: 'parse' });
    const from = records.length;
    // A slice ends after a line break: the empty "row" after it is not a row of the sheet.
    const data = /\r?\n$/.test(slice) ? parsed.data.slice(0, -1) : parsed.data;
    for (const record of data) {
      row++;
      if (!record.some((c) => c.trim() !== '')) continue;
      records.push(record);
      rowNumbers.push(row);
    }
    // One header row plus at most MAX_ROWS: checked per slice, so memory stays bounded.
    if (records.length > MAX_ROWS + 1) throw new AppError('BAD_FILE', { reason: 'too_many_rows' });
    const after = offset + slice.length;
    if (records.length > from)
      onSlice(records, from, offset / text.length, after >= text.length, after / text.length);
    offset += slice.length;
    await nextTick();
  }
  return { records, rowNumbers };
}
