import { readFile, stat } from 'node:fs/promises';
import type { Worker, WorkerOptions } from 'node:worker_threads';
import type {
  ImportProgress,
  SalesCheck,
  SalesMapping,
  SalesPreview,
  SalesResult,
  SalesRowProblem,
  SalesSource,
  SalesTarget,
} from '../../../shared/domain';
import { AppError } from '../../lib/app-error';
import type { Job } from '../../lib/long-job';
import { runOnWorker } from '../../lib/worker-job';
import type { Dialogs } from '../../ports/ports';
import type { Db } from '../../vault/database';
import { decodeCsv, detectDelimiter, MAX_IMPORT_BYTES } from '../import/decode';
import { parseAll, preview } from '../import/read';
import { addMonthsWib } from '../../../shared/shop-time';
import { phoneOrNull } from '../phone';
import { readPolicy } from '../retention/schedule';
import { customerWriter } from '../customers.repo';
import { insertSale } from '../purchases.service';
import {
  findHeaderRow,
  parseSaleItems,
  parseSaleTime,
  parseSaleTotal,
  suggestSalesMapping,
} from './sales-parse';
import { MAX_SALES_COLUMNS, MAX_SALES_ROWS, MAX_XLSX_BYTES } from './xlsx';

/** Starts the .xlsx reading thread (src/main/services/sales/xlsx-worker.ts, built or not). */
export type XlsxWorkerFactory = (options: WorkerOptions) => Worker;

/**
 * What the thread reading an .xlsx may use: a zip bomb or a sheet of millions of cells ends the
 * thread ("needs more memory than allowed"), never main.
 */
export const XLSX_RESOURCE_LIMITS = {
  maxOldGenerationSizeMb: 512,
  maxYoungGenerationSizeMb: 48,
  codeRangeSizeMb: 32,
  stackSizeMb: 4,
};
export const XLSX_TIME_LIMIT_MS = 60_000;

/**
 * Sales are kept on a customer's history under the purpose that covers recording purchases: the
 * first one the vault was set up with ("Layanan & transaksi", on the basis of the sale itself).
 * If the owner made it a consent purpose, only customers who agreed to it get the link; if it is
 * switched off, no one does.
 */
export const SALES_PURPOSE_ID = 1;

/** Rows between progress reports and event-loop turns. */
const CHUNK = 1000;
/** The refused rows listed by number (the counts cover all). */
const LISTED = 200;

export type SalesJob = Job<ImportProgress['phase']>;

export interface SalesDeps {
  db: () => Db;
  dialogs: Dialogs;
  now: () => number;
  xlsxWorker?: XlsxWorkerFactory;
  /** How long the thread may read one file (XLSX_TIME_LIMIT_MS unless a test says otherwise). */
  xlsxTimeLimitMs?: number;
  /** Crash tests only. */
  faultPoint?: (name: string) => void;
}

interface LoadedSales {
  name: string;
  format: 'csv' | 'xlsx';
  headers: string[];
  rows: string[][];
  rowNumbers: number[];
}

interface PlannedSale {
  receipt: string;
  at: number;
  amount: number;
  items: string[];
  phone: string | null;
}

interface Plan {
  sales: (PlannedSale & { customerId: number | null })[];
  already: number;
  merged: number;
  refused: { row: number; code: SalesRowProblem }[];
}

/**
 * Import of sales from the shop's POS export (CSV or .xlsx): each receipt becomes a sale, on the
 * history of the customer whose phone it carries when that customer is known and the purpose
 * allows it, otherwise an anonymous sale (as erasure leaves them). No customer is ever created
 * from the file, and a receipt the same POS brought in before is skipped, so importing the same or
 * an overlapping export again changes nothing. The file is held in main's memory only.
 */
export class SalesImport {
  private file: LoadedSales | null = null;

  constructor(private readonly d: SalesDeps) {}

  clear(): void {
    this.file = null;
  }

  async open(job: SalesJob): Promise<SalesPreview> {
    const picked = await this.d.dialogs.openSales();
    if (!picked) throw new AppError('CANCELLED');
    const xlsx = /\.xlsx$/i.test(picked.name);
    let bytes: Buffer;
    try {
      // The size is checked before a byte is read.
      const size = (await stat(picked.path)).size;
      if (size > (xlsx ? MAX_XLSX_BYTES : MAX_IMPORT_BYTES))
        throw new AppError('BAD_FILE', { reason: xlsx ? 'xlsx_too_big' : 'too_large' });
      bytes = await readFile(picked.path);
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError('BAD_FILE', { reason: 'unreadable' }, { cause: err });
    }
    job.progress('reading', 0, 100);
    const all = xlsx ? await this.readXlsx(bytes, job) : await readCsv(bytes, job);
    const headerAt = findHeaderRow(all.rows);
    if (headerAt < 0) throw new AppError('BAD_FILE', { reason: 'empty' });
    const rows = all.rows.slice(headerAt + 1);
    const rowNumbers = all.rowNumbers.slice(headerAt + 1);
    if (rows.length === 0) throw new AppError('BAD_FILE', { reason: 'headers_only' });
    if (rows.length > MAX_SALES_ROWS) throw new AppError('BAD_FILE', { reason: 'too_many_sales' });
    const headers = all.rows[headerAt]!.map((h, i) => h.trim() || `#${i + 1}`);
    if (headers.length > MAX_SALES_COLUMNS) throw new AppError('BAD_FILE', { reason: 'too_many_columns' });
    this.file = { name: picked.name, format: xlsx ? 'xlsx' : 'csv', headers, rows, rowNumbers };
    job.progress('reading', 100, 100);
    return {
      fileName: picked.name,
      format: this.file.format,
      headers: headers.map(preview),
      sample: rows.slice(0, 5).map((r) => r.map(preview)),
      rowCount: rows.length,
      suggested: suggestSalesMapping(headers),
    };
  }

  async check(mapping: SalesMapping, source: SalesSource, job: SalesJob): Promise<SalesCheck> {
    const plan = await this.plan(mapping, source, job);
    const refusedBy: SalesCheck['refusedBy'] = {};
    for (const r of plan.refused) refusedBy[r.code] = (refusedBy[r.code] ?? 0) + 1;
    const matched = plan.sales.filter((s) => s.customerId !== null).length;
    return {
      total: this.requireFile().rows.length,
      matched,
      anonymous: plan.sales.length - matched,
      alreadyImported: plan.already,
      merged: plan.merged,
      refused: plan.refused.slice(0, LISTED),
      refusedCount: plan.refused.length,
      refusedBy,
    };
  }

  /**
   * Writes every new receipt in one transaction (all or none), planned again inside it so what
   * is written is what the vault holds at that moment. Each sale moves its customer's last
   * activity as a sale at the counter does (the retention period counts from it). `beforeCommit`
   * gets the result inside that transaction, after its last write: the caller's entry for the
   * import written there commits with the sales or not at all.
   */
  async commit(
    mapping: SalesMapping,
    source: SalesSource,
    actor: string,
    job: SalesJob,
    beforeCommit?: (result: SalesResult) => void,
  ): Promise<SalesResult> {
    const db = this.d.db();
    const now = this.d.now();
    let result: SalesResult | null = null;
    await job.holdWrites(async () => {
      db.exec('BEGIN IMMEDIATE');
      this.d.faultPoint?.('sales:begun');
      try {
        const plan = await this.plan(mapping, source, job);
        const receipt = db.prepare(
          'INSERT INTO pos_receipts (source, receipt, purchase_id, imported_at) VALUES (?, ?, ?, ?)',
        );
        const writer = customerWriter(db);
        for (let i = 0; i < plan.sales.length; i += CHUNK) {
          for (const s of plan.sales.slice(i, i + CHUNK)) {
            const id = insertSale(db, s, actor, now);
            receipt.run(source, s.receipt, id, now);
            if (s.customerId !== null) writer.touchActivity(s.customerId, s.at);
          }
          job.progress('writing', Math.min(i + CHUNK, plan.sales.length), plan.sales.length);
          await job.checkpoint();
        }
        this.d.faultPoint?.('sales:written');
        const matched = plan.sales.filter((s) => s.customerId !== null).length;
        result = {
          imported: plan.sales.length,
          matched,
          anonymous: plan.sales.length - matched,
          alreadyImported: plan.already,
          refused: plan.refused.length,
        };
        beforeCommit?.(result);
        db.exec('COMMIT');
        this.d.faultPoint?.('sales:committed');
      } catch (err) {
        if (db.open && db.inTransaction) db.exec('ROLLBACK');
        if (!db.open) throw new AppError('CANCELLED');
        throw err;
      }
    });
    this.file = null;
    return result!;
  }

  private requireFile(): LoadedSales {
    if (!this.file) throw new AppError('CONFLICT', { reason: 'no_file' });
    return this.file;
  }

  private async readXlsx(bytes: Buffer, job: SalesJob): Promise<{ rows: string[][]; rowNumbers: number[] }> {
    const factory = this.d.xlsxWorker;
    // Without its thread an .xlsx is not opened at all: a crafted file is never parsed on main.
    if (!factory) throw new AppError('BAD_FILE', { reason: 'xlsx_unavailable' });
    // The thread's own running time (monotonic), not the shop's clock.
    const started = performance.now();
    const limit = this.d.xlsxTimeLimitMs ?? XLSX_TIME_LIMIT_MS;
    let timedOut = false;
    const watch = {
      get cancelled() {
        if (!timedOut && performance.now() - started > limit) timedOut = true;
        return job.cancelled || timedOut;
      },
    };
    let rows: string[][];
    try {
      rows = (await runOnWorker(
        () => factory({ resourceLimits: XLSX_RESOURCE_LIMITS }),
        watch,
        new Uint8Array(bytes),
      )) as string[][];
    } catch (err) {
      if (timedOut) throw new AppError('BAD_FILE', { reason: 'xlsx_too_big' });
      // The thread ran out of its memory (or died): the file asks for more than an export does.
      if (err instanceof AppError && err.code === 'INTERNAL')
        throw new AppError('BAD_FILE', { reason: 'xlsx_too_big' });
      throw err;
    }
    if (!Array.isArray(rows)) throw new AppError('BAD_FILE', { reason: 'xlsx_not_xlsx' });
    const kept: string[][] = [];
    const rowNumbers: number[] = [];
    rows.forEach((r, i) => {
      if (!r.some((c) => c.trim() !== '')) return;
      kept.push(r);
      rowNumbers.push(i + 1);
    });
    return { rows: kept, rowNumbers };
  }

  /** Every row judged against the file, the vault and the purposes: nothing is written. */
  private async plan(mapping: SalesMapping, source: SalesSource, job: SalesJob): Promise<Plan> {
    const file = this.requireFile();
    const db = this.d.db();
    const now = this.d.now();
    const required: SalesTarget[] = ['date', 'receipt', 'total'];
    const missing = required.filter((t) => mapping[t] === undefined);
    if (missing.length)
      throw new AppError('VALIDATION', {
        fields: missing,
        issues: missing.map((field) => ({ field, reason: 'required' as const })),
      });
    const outOfRange = (Object.entries(mapping) as [SalesTarget, number][])
      .filter(([, col]) => col >= file.headers.length)
      .map(([t]) => t);
    if (outOfRange.length) throw new AppError('VALIDATION', { fields: outOfRange });

    const cell = (r: string[], t: SalesTarget) =>
      mapping[t] === undefined ? '' : (r[mapping[t]] ?? '').trim();
    // A sale older than the shop keeps sales records is not brought back: the purge would delete it.
    const oldest = addMonthsWib(now, -12 * readPolicy(db).salesKeepYears);
    const refused: Plan['refused'] = [];
    const byReceipt = new Map<string, PlannedSale>();
    let merged = 0;
    for (let i = 0; i < file.rows.length; i++) {
      if (i % CHUNK === 0 && i > 0) {
        job.progress('checking', i, file.rows.length);
        await job.checkpoint();
      }
      const r = file.rows[i]!;
      const row = file.rowNumbers[i]!;
      const receipt = cell(r, 'receipt');
      if (!receipt) {
        refused.push({ row, code: 'missing_receipt' });
        continue;
      }
      if (receipt.length > 100) {
        refused.push({ row, code: 'bad_receipt' });
        continue;
      }
      const at = parseSaleTime(cell(r, 'date'));
      if (at === null || at < Date.UTC(2000, 0, 1)) {
        refused.push({ row, code: 'bad_date' });
        continue;
      }
      // As at the counter: never ahead of the clock (a minute's slack).
      if (at > now + 60_000) {
        refused.push({ row, code: 'future_date' });
        continue;
      }
      if (at < oldest) {
        refused.push({ row, code: 'too_old' });
        continue;
      }
      const amount = parseSaleTotal(cell(r, 'total'));
      if (amount === null || amount > 1_000_000_000_000) {
        refused.push({ row, code: 'bad_total' });
        continue;
      }
      const items = parseSaleItems(cell(r, 'items'));
      const rawPhone = cell(r, 'customerPhone');
      const earlier = byReceipt.get(receipt);
      if (earlier) {
        // A POS that writes one line per item repeats the receipt's time and total on each.
        if (earlier.at !== at || earlier.amount !== amount) {
          refused.push({ row, code: 'receipt_conflict' });
          continue;
        }
        earlier.items.push(...items.slice(0, Math.max(0, 100 - earlier.items.length)));
        merged++;
        continue;
      }
      byReceipt.set(receipt, {
        receipt,
        at,
        amount,
        items: items.slice(0, 100),
        phone: rawPhone ? phoneOrNull(rawPhone) : null,
      });
    }
    job.progress('checking', file.rows.length, file.rows.length);

    const known = db.prepare('SELECT 1 FROM pos_receipts WHERE source = ? AND receipt = ?').pluck();
    const linkTo = customerLinker(db);
    const sales: Plan['sales'] = [];
    let already = 0;
    for (const s of byReceipt.values()) {
      if (known.get(source, s.receipt) !== undefined) {
        already++;
        continue;
      }
      sales.push({ ...s, customerId: s.phone ? linkTo(s.phone) : null });
    }
    return { sales, already, merged, refused };
  }
}

/**
 * Which customer a sale with this phone goes to, or null (an anonymous sale): the customer with
 * that phone, not restricted (Art. 11: their data is not processed further), and only while the
 * purpose that covers recording purchases allows it for them.
 */
function customerLinker(db: Db): (phone: string) => number | null {
  const purpose = db
    .prepare('SELECT legal_basis, active FROM purposes WHERE id = ?')
    .get(SALES_PURPOSE_ID) as { legal_basis: string; active: number } | undefined;
  if (!purpose || purpose.active !== 1) return () => null;
  const byPhone = db.prepare('SELECT id FROM customers WHERE phone_e164 = ? AND restricted = 0').pluck();
  const agreed = db
    .prepare('SELECT 1 FROM consent_state WHERE customer_id = ? AND purpose_id = ? AND granted = 1')
    .pluck();
  const needsConsent = purpose.legal_basis === 'consent';
  return (phone) => {
    const id = byPhone.get(phone) as number | undefined;
    if (id === undefined) return null;
    if (needsConsent && agreed.get(id, SALES_PURPOSE_ID) === undefined) return null;
    return id;
  };
}

/** A CSV export through the customer import's own reading (encodings, separators, limits). */
async function readCsv(bytes: Buffer, job: SalesJob): Promise<{ rows: string[][]; rowNumbers: number[] }> {
  const { text } = await decodeCsv(bytes);
  const { records, rowNumbers } = await parseAll(text, detectDelimiter(text), (_r, _f, _b, _l, after) => {
    job.throwIfCancelled();
    job.progress('reading', Math.round(after * 100), 100);
    // A sales export past the limit is refused while it is read, not after.
    if (_r.length > MAX_SALES_ROWS + 20) throw new AppError('BAD_FILE', { reason: 'too_many_sales' });
  });
  return { rows: records, rowNumbers };
}
