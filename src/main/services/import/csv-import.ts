import {
  type ImportCheck,
  type ImportInVaultRow,
  type ImportMapping,
  type ImportPreview,
  type ImportProgress,
  type ImportRowError,
} from '../../../shared/domain';
import type { Language } from '../../../shared/language';
import { AppError } from '../../lib/app-error';
import type { Job } from '../../lib/long-job';
import type { Dialogs } from '../../ports/ports';
import type { Db } from '../../vault/database';
import { customerWriter } from '../customers.repo';
import { noticeVersion } from '../settings.service';
import { decodeCsv, detectDelimiter } from './decode';
import { countPreviouslyErased, fillsToWrite, planFills } from './duplicates';
import { suggestMapping } from './mapping';
import { PhoneBatch, spawnPhoneWorker, WORKER_SHARE, type PhoneWorkerFactory } from './phone-batch';
import { prepareRows, type EarlyPhones } from './prepare';
import { problemsCsv } from './problems-file';
import { parseAll, preview, readPicked, type LoadedFile } from './read';
import { cellAt, type InVaultRow, type PreparedRow } from './row-check';
import { consentPurposes, suggestForShop, validateMapping } from './shop-mapping';
import { checkConsentNotice, writeImport, type ImportConsent } from './write';

/** What a commit did: rows written, rows that filled their customer, confirmed rows among them. */
export interface ImportResult {
  imported: number;
  filled: number;
  confirmed: number;
  /** The consent's notice version was made after the file was last changed (the owner confirmed it). */
  newerThanFile: boolean;
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
  private early: EarlyPhones | null = null;

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
    const { bytes, modifiedAt } = await readPicked(picked.path);
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
      const suggestion = suggestForShop(this.d.db(), headers);
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
   * `beforeCommit` gets the result inside the import's one transaction, after its last write: the
   * caller's entry for the import written there commits with the rows or not at all.
   */
  async commit(
    mapping: ImportMapping,
    actor: string,
    job: ImportJob,
    consent?: ImportConsent,
    duplicates: 'skip' | 'fill' = 'skip',
    confirmFill: readonly { row: number; customerId: number }[] = [],
    beforeCommit?: (result: ImportResult) => void,
  ): Promise<ImportResult> {
    const db = this.d.db();
    const file = this.requireFile();
    // The check's verdicts stand if no customer was written since (the audit entry the check
    // itself left does not count) and the mapping still fits the shop's fields.
    const reuse = this.lastCheck;
    const fresh =
      reuse &&
      reuse.mapping === JSON.stringify(mapping) &&
      reuse.generation === customerWriter(db).generation;
    if (fresh) validateMapping(db, file.headers, mapping);
    const { valid, inVault } = fresh ? reuse : await this.prepare(mapping, job);
    this.lastCheck = null;
    const purposes = consentPurposes(db, mapping);
    const now = this.d.now();
    const newerThanFile = checkConsentNotice(db, consent, valid, file.modifiedAt);
    const version = consent?.noticeVersion ?? noticeVersion(db);
    const { fills, confirmed } = fillsToWrite(planFills(db, inVault), duplicates, confirmFill);
    const result = (filled: number): ImportResult => ({
      imported: valid.length,
      filled,
      confirmed: confirmed.size,
      newerThanFile,
    });
    const filled = await writeImport(
      db,
      job,
      {
        valid,
        fills,
        confirmed,
        purposes,
        method: consent?.method ?? 'import',
        noticeVersion: version,
        actor,
        now,
      },
      this.d.faultPoint,
      beforeCommit && ((filled) => beforeCommit(result(filled))),
    );
    return result(filled);
  }

  /** The row errors of the last check as a file the owner can fix the spreadsheet from. */
  errorsCsv(lang: Language): string {
    this.requireFile();
    return problemsCsv(this.errors, lang);
  }

  private requireFile(): LoadedFile {
    if (!this.file) throw new AppError('CONFLICT', { reason: 'no_file' });
    return this.file;
  }

  private async prepare(
    mapping: ImportMapping,
    job: ImportJob,
  ): Promise<{ errors: ImportRowError[]; valid: PreparedRow[]; inVault: InVaultRow[] }> {
    const file = this.requireFile();
    const db = this.d.db();
    validateMapping(db, file.headers, mapping);
    const generation = customerWriter(db).generation;
    const early = this.early;
    this.early = null;
    const { errors, valid, inVault } = await prepareRows(
      db,
      file,
      mapping,
      job,
      this.d.now(),
      early,
      this.d.phoneWorker,
    );
    this.errors = errors;
    this.lastCheck = { mapping: JSON.stringify(mapping), generation, valid, inVault };
    return { errors, valid, inVault };
  }
}
