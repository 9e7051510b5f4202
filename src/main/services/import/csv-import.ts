import { parse as parseSync } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { readFile, stat } from 'node:fs/promises';
import { setImmediate as nextTick } from 'node:timers/promises';
import type {
  ImportCheck,
  ImportMapping,
  ImportPreview,
  ImportProgress,
  ImportRowError,
  ImportTarget,
  OptionalField,
} from '../../../shared/domain';
import { findSensitive } from '../../../shared/sensitive';
import { AppError } from '../../core/app-error';
import type { Dialogs } from '../../core/ports';
import type { Db } from '../../vault/database';
import { noticeVersion } from '../consent.service';
import { ageOn } from '../customers.service';
import { enabledFields } from '../fields.service';
import { normalizePhone, phoneSearchDigits } from '../phone';
import { foldText } from '../text';
import { decodeCsv, detectDelimiter, MAX_IMPORT_BYTES } from './decode';
import { parseBirthday, parseConsent, parseGender, suggestMapping } from './mapping';

/** Rows handled between two yields to the event loop: small enough that main stays responsive. */
const CHUNK = 500;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface LoadedFile {
  name: string;
  encoding: 'utf-8' | 'windows-1252';
  delimiter: ',' | ';' | '\t';
  headers: string[];
  rows: string[][];
}

interface PreparedRow {
  name: string;
  name_norm: string;
  /** Search digits for the phone (computed while checking, so writing does no parsing). */
  digits: string;
  phone_e164: string | null;
  email: string | null;
  address: string | null;
  notes: string | null;
  birthday: string | null;
  gender: string | null;
  tags: string | null;
  is_minor: number;
  consents: number[];
}

export interface ImportDeps {
  db: () => Db;
  dialogs: Dialogs;
  now: () => number;
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
  private lastCheck: { mapping: string; changes: number; valid: PreparedRow[] } | null = null;
  private running = false;
  private cancelRequested = false;

  constructor(private readonly d: ImportDeps) {}

  isRunning(): boolean {
    return this.running;
  }

  cancel(): void {
    if (this.running) this.cancelRequested = true;
  }

  /** Forgets the file and its rows (on lock, or after a finished import). */
  clear(): void {
    this.cancel();
    this.file = null;
    this.errors = [];
    this.lastCheck = null;
  }

  async open(): Promise<ImportPreview> {
    const picked = await this.d.dialogs.openCsv();
    if (!picked) throw new AppError('CANCELLED');
    let bytes: Buffer;
    try {
      if ((await stat(picked.path)).size > MAX_IMPORT_BYTES)
        throw new AppError('BAD_FILE', { reason: 'too_large' });
      bytes = await readFile(picked.path);
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError('BAD_FILE', { reason: 'unreadable' });
    }
    const { text, encoding } = decodeCsv(bytes);
    const delimiter = detectDelimiter(text);
    const records = await parseAll(text, delimiter);
    const [header, ...rows] = records;
    if (!header || header.every((h) => !h.trim())) throw new AppError('BAD_FILE', { reason: 'empty' });
    if (rows.length === 0) throw new AppError('BAD_FILE', { reason: 'headers_only' });
    const headers = header.map((h, i) => h.trim() || `#${i + 1}`);
    this.file = { name: picked.name, encoding, delimiter, headers, rows };
    this.errors = [];
    this.lastCheck = null;
    return {
      fileName: picked.name,
      encoding,
      delimiter,
      headers,
      sample: rows.slice(0, 5),
      rowCount: rows.length,
      suggested: suggestMapping(headers),
    };
  }

  async check(mapping: ImportMapping, onProgress?: (p: ImportProgress) => void): Promise<ImportCheck> {
    const { errors, valid } = await this.prepare(mapping, onProgress);
    return { total: this.requireFile().rows.length, valid: valid.length, errors };
  }

  async commit(
    mapping: ImportMapping,
    actor: string,
    onProgress?: (p: ImportProgress) => void,
  ): Promise<{ imported: number }> {
    if (this.running) throw new AppError('BUSY');
    this.running = true;
    this.cancelRequested = false;
    try {
      const db = this.d.db();
      const reuse = this.lastCheck;
      const { valid } =
        reuse && reuse.mapping === JSON.stringify(mapping) && reuse.changes === totalChanges(db)
          ? reuse
          : await this.prepare(mapping, onProgress);
      this.lastCheck = null;
      const purposes = this.consentPurposes(mapping);
      const now = this.d.now();
      const version = noticeVersion(db);
      const insert = db.prepare(
        `INSERT INTO customers (name, name_norm, phone_e164, email, address, notes, birthday, gender, tags, is_minor,
           created_at, updated_at, last_activity_at, created_by, updated_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const index = db.prepare('INSERT INTO customers_fts (rowid, name_norm, phone_digits) VALUES (?, ?, ?)');
      const consentEvent = db.prepare(
        `INSERT INTO consent_events (customer_id, purpose_id, action, method, recorded_by, at, notice_version)
         VALUES (?, ?, 'granted', 'import', ?, ?, ?)`,
      );
      const consentState = db.prepare(
        'INSERT INTO consent_state (customer_id, purpose_id, granted, event_id) VALUES (?, ?, 1, ?)',
      );
      // One transaction across many event-loop turns: the router refuses other writes meanwhile.
      db.exec('BEGIN IMMEDIATE');
      try {
        for (let i = 0; i < valid.length; i += CHUNK) {
          for (const row of valid.slice(i, i + CHUNK)) {
            const r = row;
            const id = Number(
              insert.run(
                r.name,
                r.name_norm,
                r.phone_e164,
                r.email,
                r.address,
                r.notes,
                r.birthday,
                r.gender,
                r.tags,
                r.is_minor,
                now,
                now,
                now,
                actor,
                actor,
              ).lastInsertRowid,
            );
            index.run(id, r.name_norm, r.digits);
            for (const slot of r.consents) {
              const purposeId = purposes[slot];
              if (purposeId === undefined) continue;
              const event = Number(consentEvent.run(id, purposeId, actor, now, version).lastInsertRowid);
              consentState.run(id, purposeId, event);
            }
          }
          onProgress?.({ phase: 'writing', done: Math.min(i + CHUNK, valid.length), total: valid.length });
          await nextTick();
          if (this.cancelRequested) throw new AppError('CANCELLED');
        }
        db.exec('COMMIT');
      } catch (err) {
        // The vault may have been locked (closed) mid-import: that rolled back already.
        if (db.open && db.inTransaction) db.exec('ROLLBACK');
        if (!db.open) throw new AppError('CANCELLED');
        throw err;
      }
      return { imported: valid.length };
    } finally {
      this.running = false;
      this.cancelRequested = false;
    }
  }

  /** The row errors as a file the owner can fix the spreadsheet from: row, column, problem; no values. */
  errorsCsv(): string {
    const file = this.requireFile();
    const rows = this.errors.map((e) => [e.row, e.field === 'row' ? '' : e.field, e.code]);
    return `\uFEFF${stringify([['baris', 'kolom', 'masalah'], ...rows], { delimiter: ';' })}# ${file.name}\n`;
  }

  private requireFile(): LoadedFile {
    if (!this.file) throw new AppError('CONFLICT', { reason: 'no_file' });
    return this.file;
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

  private async prepare(
    mapping: ImportMapping,
    onProgress?: (p: ImportProgress) => void,
  ): Promise<{ errors: ImportRowError[]; valid: PreparedRow[] }> {
    const file = this.requireFile();
    const db = this.d.db();
    if (mapping.name === undefined)
      throw new AppError('BAD_FILE', { reason: 'no_name_column', fields: ['name'] });
    const targets = Object.entries(mapping) as [ImportTarget, number][];
    const outOfRange = targets.filter(([, col]) => col >= file.headers.length).map(([t]) => t);
    if (outOfRange.length) throw new AppError('VALIDATION', { fields: outOfRange });
    const enabled = enabledFields(db);
    const disabled = targets
      .map(([t]) => t)
      .filter(
        (t): t is OptionalField =>
          t !== 'name' && !t.startsWith('consent_') && !enabled.has(t as OptionalField),
      );
    if (disabled.length) throw new AppError('FIELD_DISABLED', { fields: disabled });
    this.consentPurposes(mapping);

    const now = this.d.now();
    const inVault = existingPhones(db, file.rows.length);
    const seen = new Map<string, number>();
    const errors: ImportRowError[] = [];
    const valid: PreparedRow[] = [];
    const cell = (r: string[], t: ImportTarget) => {
      const col = mapping[t];
      return col === undefined ? '' : (r[col] ?? '').trim();
    };
    for (let i = 0; i < file.rows.length; i++) {
      if (i % CHUNK === 0 && i > 0) {
        onProgress?.({ phase: 'checking', done: i, total: file.rows.length });
        await nextTick();
        if (this.cancelRequested) throw new AppError('CANCELLED');
      }
      const r = file.rows[i]!;
      const row = i + 2;
      const fail = (field: ImportRowError['field'], code: ImportRowError['code']) =>
        errors.push({ row, field, code });
      const before = errors.length;
      const name = cell(r, 'name');
      if (!name) fail('name', 'missing_name');
      else if (name.length > 120) fail('name', 'too_long');
      let phone: string | null = null;
      const rawPhone = cell(r, 'phone');
      if (rawPhone) {
        try {
          phone = normalizePhone(rawPhone);
          const first = seen.get(phone);
          if (first !== undefined) fail('phone', 'duplicate_in_file');
          else if (inVault(phone)) fail('phone', 'duplicate_in_vault');
        } catch {
          fail('phone', 'invalid_phone');
        }
      }
      const email = cell(r, 'email');
      if (email && (!EMAIL.test(email) || email.length > 254)) fail('email', 'invalid_email');
      const address = cell(r, 'address');
      if (address.length > 500) fail('address', 'too_long');
      const notes = cell(r, 'notes');
      if (notes.length > 2000) fail('notes', 'too_long');
      else if (findSensitive(notes).length) fail('notes', 'sensitive_notes');
      const birthday = parseBirthday(cell(r, 'birthday'));
      if (birthday === 'invalid' || (birthday && Date.parse(birthday) > now))
        fail('birthday', 'invalid_birthday');
      const gender = parseGender(cell(r, 'gender'));
      if (gender === 'invalid') fail('gender', 'invalid_gender');
      const consents: number[] = [];
      (['consent_whatsapp', 'consent_sms_email'] as const).forEach((t, slot) => {
        if (mapping[t] === undefined) return;
        const v = parseConsent(cell(r, t));
        if (v === 'invalid') fail(t, 'invalid_consent');
        else if (v) consents.push(slot);
      });
      const minor = typeof birthday === 'string' && birthday !== 'invalid' && ageOn(birthday, now) < 18;
      // A minor's consent needs a guardian's name, which a spreadsheet row does not carry.
      if (minor && consents.length) fail('row', 'guardian_required');
      if (errors.length > before) continue;
      if (phone) seen.set(phone, row);
      const tags = cell(r, 'tags')
        .split(/[,;|]/)
        .map((t) => t.trim())
        .filter(Boolean)
        .slice(0, 20);
      valid.push({
        name,
        name_norm: foldText(name),
        digits: phone ? phoneSearchDigits(phone) : '',
        phone_e164: phone,
        email: email || null,
        address: address || null,
        notes: notes || null,
        birthday: typeof birthday === 'string' ? birthday : null,
        gender: gender === 'invalid' ? null : gender,
        tags: tags.length ? JSON.stringify([...new Set(tags)]) : null,
        is_minor: minor ? 1 : 0,
        consents,
      });
    }
    onProgress?.({ phase: 'checking', done: file.rows.length, total: file.rows.length });
    this.errors = errors;
    this.lastCheck = { mapping: JSON.stringify(mapping), changes: totalChanges(db), valid };
    return { errors, valid };
  }
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

/** Counts every change on this connection: equal counts mean the vault is as the check saw it. */
function totalChanges(db: Db): number {
  return (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
}

/**
 * Cuts the text into slices of about `size` characters that end on a line break outside quotes,
 * so each can be parsed on its own (a quoted field may hold line breaks).
 */
export function* csvSlices(text: string, size = 256 * 1024): Generator<string> {
  let start = 0;
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34) inQuotes = !inQuotes;
    else if (ch === 10 && !inQuotes && i - start >= size) {
      yield text.slice(start, i + 1);
      start = i + 1;
    }
  }
  if (start < text.length) yield text.slice(start);
}

/** Parses slice by slice, yielding to the event loop between slices so a 50 MB file never blocks. */
async function parseAll(text: string, delimiter: string): Promise<string[][]> {
  const records: string[][] = [];
  try {
    for (const slice of csvSlices(text)) {
      const parsed = parseSync(slice, {
        delimiter,
        relax_column_count: true,
        skip_empty_lines: true,
        relax_quotes: true,
      }) as string[][];
      for (const record of parsed) if (record.some((c) => c.trim() !== '')) records.push(record);
      await nextTick();
    }
  } catch {
    throw new AppError('BAD_FILE', { reason: 'parse' });
  }
  return records;
}
