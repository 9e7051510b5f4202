import type { Language } from '../../shared/language';
import type { Worker } from 'node:worker_threads';
import { AppError } from '../lib/app-error';
import { fromWorkerReply } from '../lib/os-errors';
import { runOnWorker, type WorkerFactory, type WorkerReply } from '../lib/worker-job';
import type { Db } from '../vault/database';
import type { VaultState } from '../vault/vault-state';
import { auditCsv, type AuditFilter } from './audit.service';
import { docHtml } from './rights/print';
import { accessReport, customerCsv, customerData, REPORT_ROWS } from './rights/report';
import { getRequest } from './rights/requests';
import type { DashboardFigures, DashboardListQuery } from './dashboard/dashboard';
import {
  openReadOnly,
  runDashboardJob,
  type DashboardJob,
  type KeptReadRequest,
} from './dashboard/kept-read';
import { keepMonths } from './dashboard/month-cache';
import type { DashboardPage, DashboardSummary } from '../../shared/domain';

/** What the long-job worker reads for the owner: files whose size grows with the vault. */
export type ReadJob =
  | { what: 'auditCsv'; filter: AuditFilter }
  | {
      what: 'accessReport';
      customerId: number;
      requestId: number;
      /** The owner sending it: signs the letter. */
      signer: string;
      now: number;
      lang: Language;
    }
  | { what: 'customerFiles'; customerId: number; now: number; lang: Language }
  | DashboardJob;

export interface ReadRequest {
  kind: 'read';
  vaultPath: string;
  dek: Uint8Array;
  nativeBinding?: string;
  job: ReadJob;
}

/** Runs a read job on a connection: the worker's own, or main's when there is no worker. */
export function runRead(db: Db, job: ReadJob): unknown {
  if (job.what === 'auditCsv') return auditCsv(db, job.filter);
  if (job.what === 'dashboardSummary' || job.what === 'dashboardList') return runDashboardJob(db, job);
  if (job.what === 'accessReport') {
    const data = customerData(db, job.customerId, job.now, job.lang, { rows: REPORT_ROWS });
    const req = getRequest(db, job.requestId);
    const report = accessReport(
      db,
      data,
      { id: req.id, receivedAt: req.receivedAt, customerId: job.customerId },
      { userId: job.signer, now: job.now },
      job.lang,
    );
    return { html: docHtml(report.doc, job.lang, { tables: report.tables, letter: report.letter }) };
  }
  const data = customerData(db, job.customerId, job.now, job.lang);
  return { json: Buffer.from(`${JSON.stringify(data, null, 2)}\n`), csv: Buffer.from(customerCsv(data)) };
}

/** The worker's side: its own connection, keyed with the DEK from the message, that never writes. */
export function runReadRequest(req: ReadRequest): unknown {
  const db = openReadOnly(req.vaultPath, req.dek, req.nativeBinding);
  try {
    return runRead(db, req.job);
  } finally {
    db.close();
  }
}

/**
 * Byte arrays in a reply that own their whole memory: moved to main instead of copied, so a
 * file of hundreds of megabytes arrives without main spending a moment on it. (Small buffers
 * share Node's pool and are copied.)
 */
export function movable(value: unknown): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  if (value && typeof value === 'object')
    for (const v of Object.values(value))
      if (v instanceof Uint8Array && v.byteOffset === 0 && v.byteLength === v.buffer.byteLength)
        out.push(v.buffer as ArrayBuffer);
  return out;
}

const asBuffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/**
 * The audit export, the access report, the portability files and the owner's customer dashboard,
 * built on the long-job worker when there is one (the app's), so a deep audit log, a customer with
 * years of sales or a shop's million sales never freezes main for another window. Without a worker (tests, the dev bridge) they run here.
 */
export class Reports {
  private readonly running = new Set<{ cancelled: boolean }>();

  constructor(
    private readonly d: {
      vault: VaultState;
      nativeBinding?: string;
      worker?: WorkerFactory;
      /** The dashboard's own thread (dashboard-worker.js); without it the long-job worker serves. */
      dashboardWorker?: WorkerFactory;
    },
  ) {}

  /** The dashboard's worker that stays, and the request it is answering now (one at a time). */
  private kept: { worker: Worker; queue: Promise<unknown>; opened: Db } | null = null;

  /** The vault closed: nothing half-read is handed to anyone, and the kept connection goes. */
  cancelAll(): void {
    for (const job of this.running) job.cancelled = true;
    this.dropKept();
  }

  private dropKept(): void {
    const kept = this.kept;
    this.kept = null;
    if (kept) void kept.worker.terminate();
  }

  /** A read on the worker that stays (see KeptReadRequest); in-process without a worker. */
  private runKept(job: DashboardJob): Promise<unknown> {
    const db = this.d.vault.requireDb();
    const start = this.d.dashboardWorker ?? this.d.worker;
    if (!start) return Promise.resolve(runDashboardJob(db, job));
    // Main's connection changed (a key rotation or a restore reopened the vault, perhaps without
    // closing it for the sessions): the kept one reads a file and key that are gone, and goes.
    if (this.kept && this.kept.opened !== db) this.dropKept();
    const first = !this.kept;
    if (!this.kept) {
      const worker = start();
      // An idle kept thread never holds the app (or a test) open.
      worker.unref();
      this.kept = { worker, queue: Promise.resolve(), opened: db };
    }
    const kept = this.kept;
    const answer = kept.queue.catch(() => undefined).then(() => this.askKept(kept, job, first));
    kept.queue = answer;
    return answer;
  }

  private askKept(kept: { worker: Worker }, job: DashboardJob, withKey: boolean): Promise<unknown> {
    if (this.kept !== kept) return Promise.reject(new AppError('CANCELLED'));
    const { worker } = kept;
    return new Promise((resolve, reject) => {
      const done = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const onMessage = (m: WorkerReply) => {
        if (m.kind === 'progress') return;
        done();
        if (m.kind === 'done') return resolve(m.value);
        // A thread that failed once (its connection perhaps) is not asked again.
        if (this.kept === kept) this.dropKept();
        reject(fromWorkerReply(m.code, m.reason, m.cause));
      };
      const onError = (err: Error) => {
        done();
        if (this.kept === kept) this.dropKept();
        reject(new AppError('INTERNAL', undefined, { cause: err }));
      };
      const onExit = () => {
        done();
        if (this.kept === kept) this.kept = null;
        reject(new AppError('CANCELLED'));
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      const dek = withKey ? Buffer.from(this.d.vault.requireDek()) : null;
      const request: KeptReadRequest = {
        kind: 'readKept',
        vaultPath: this.d.vault.path,
        dek,
        nativeBinding: this.d.nativeBinding,
        job,
      };
      try {
        worker.postMessage(request);
      } finally {
        dek?.fill(0);
      }
    });
  }

  private async run(job: ReadJob): Promise<unknown> {
    const db = this.d.vault.requireDb();
    if (!this.d.worker) return runRead(db, job);
    const handle = { cancelled: false };
    const dek = Buffer.from(this.d.vault.requireDek());
    const request: ReadRequest = {
      kind: 'read',
      vaultPath: this.d.vault.path,
      dek,
      nativeBinding: this.d.nativeBinding,
      job,
    };
    this.running.add(handle);
    try {
      return await runOnWorker(this.d.worker, handle, request);
    } finally {
      dek.fill(0);
      this.running.delete(handle);
    }
  }

  async auditCsv(filter: AuditFilter): Promise<{ data: Buffer; count: number }> {
    const r = (await this.run({ what: 'auditCsv', filter })) as { data: Uint8Array; count: number };
    return { data: asBuffer(r.data), count: r.count };
  }

  /** The printable access report (HTML), bounded: the newest rows of each list, with the totals. */
  async accessReport(
    customerId: number,
    requestId: number,
    signer: string,
    now: number,
    lang: Language,
  ): Promise<string> {
    const r = (await this.run({ what: 'accessReport', customerId, requestId, signer, now, lang })) as {
      html: string;
    };
    return r.html;
  }

  /** The portability files: everything, as JSON and CSV bytes. */
  async customerFiles(
    customerId: number,
    now: number,
    lang: Language,
  ): Promise<{ json: Buffer; csv: Buffer }> {
    const r = (await this.run({ what: 'customerFiles', customerId, now, lang })) as {
      json: Uint8Array;
      csv: Uint8Array;
    };
    return { json: asBuffer(r.json), csv: asBuffer(r.csv) };
  }

  /**
   * The owner's "Pelanggan" figures: every sale and customer is read, so off main. The ended
   * months the worker had to count are kept in the vault by main (the one writer), so the next
   * open reads them instead; a figure counted before a sale changed is not kept (month-cache.ts).
   */
  async dashboardSummary(now: number, lapsedWeeks: number): Promise<DashboardSummary> {
    return (await this.figures(now, lapsedWeeks)).summary;
  }

  private async figures(now: number, lapsedWeeks: number): Promise<DashboardFigures> {
    const askedOn = this.d.vault.requireDb();
    const figures = (await this.runKept({ what: 'dashboardSummary', now, lapsedWeeks })) as DashboardFigures;
    // Only into the vault they were counted from: a restore or a key rotation since then put
    // another file (with its own generation) in its place.
    if (figures.counted && this.d.vault.isOpen() && this.d.vault.requireDb() === askedOn)
      keepMonths(askedOn, figures.counted);
    return figures;
  }

  /**
   * The owner logged in: the dashboard's thread starts and reads the figures once in the
   * background (nothing is shown; SQLite's cache of decrypted pages is kept, and any ended month
   * it had to count is kept in the vault), so the screen's first open is a warm one. Only with a
   * worker: main never spends its own time on it.
   */
  warmDashboard(now: number): void {
    if (this.kept) return;
    this.countInBackground(now);
  }

  /**
   * Sales were imported (often old receipts: a back-dated sale drops the kept months it falls
   * before): the dashboard's thread counts the missing months in the background and main keeps
   * them, so the owner's next open reads them instead of counting half a year.
   */
  recountDashboard(now: number): void {
    this.countInBackground(now);
  }

  /** Only with a worker: main never spends its own time on figures nobody asked for yet. */
  private countInBackground(now: number): void {
    if (!(this.d.dashboardWorker ?? this.d.worker)) return;
    this.figures(now, 8).catch(() => undefined);
  }

  /** A page of one of the dashboard's WhatsApp lists. */
  async dashboardList(job: DashboardListQuery): Promise<DashboardPage> {
    return (await this.runKept({ what: 'dashboardList', ...job })) as DashboardPage;
  }
}
