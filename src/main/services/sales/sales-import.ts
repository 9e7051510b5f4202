import { readFile, stat } from 'node:fs/promises';
import type {
  SalesCheck,
  SalesMapping,
  SalesPreview,
  SalesResult,
  SalesSource,
} from '../../../shared/domain';
import { AppError } from '../../lib/app-error';
import type { Dialogs } from '../../ports/ports';
import type { Db } from '../../vault/database';
import { MAX_IMPORT_BYTES } from '../import/decode';
import { preview } from '../import/read';
import { customerWriter } from '../customers.repo';
import { insertSale } from '../purchases.service';
import { findHeaderRow, suggestSalesMapping } from './sales-parse';
import { CHUNK, planSales } from './sales-plan';
import { readCsv, readXlsx, type SalesJob, type XlsxWorkerFactory } from './sales-read';
import { MAX_SALES_COLUMNS, MAX_SALES_ROWS, MAX_XLSX_BYTES } from './xlsx';

export type { SalesJob, XlsxWorkerFactory } from './sales-read';

/** The refused rows listed by number (the counts cover all). */
const LISTED = 200;

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
    const all = xlsx
      ? await readXlsx(bytes, job, this.d.xlsxWorker, this.d.xlsxTimeLimitMs)
      : await readCsv(bytes, job);
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
    const file = this.requireFile();
    const plan = await planSales(this.d.db(), file, mapping, source, job, this.d.now());
    const refusedBy: SalesCheck['refusedBy'] = {};
    for (const r of plan.refused) refusedBy[r.code] = (refusedBy[r.code] ?? 0) + 1;
    const matched = plan.sales.filter((s) => s.customerId !== null).length;
    return {
      total: file.rows.length,
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
        const plan = await planSales(db, this.requireFile(), mapping, source, job, this.d.now());
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
}
