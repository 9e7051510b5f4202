import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PhoneWorkerFactory } from '../../src/main/services/import/phone-batch';
import type { WorkerFactory } from '../../src/main/lib/worker-job';
import type { XlsxWorkerFactory } from '../../src/main/services/sales/sales-import';

const SOURCE = resolve(__dirname, '../../src/main/services/import/phone-worker.ts');

/**
 * The import's phone worker straight from its TypeScript source, for tests and the benchmark
 * (the app starts the bundled out/main/phone-worker.js). tsx compiles it inside the thread.
 */
export const sourcePhoneWorker: PhoneWorkerFactory = () =>
  new Worker(`require('tsx/cjs'); require(${JSON.stringify(SOURCE)});`, { eval: true });

const BACKUP_SOURCE = resolve(__dirname, '../../src/main/services/backup/backup-worker.ts');

/**
 * The long-job worker (backups, purge, the owner's big reads) from its TypeScript source: tests
 * run the worker path without a build (the app starts the bundled out/main/backup-worker.js).
 */
export const sourceBackupWorker: WorkerFactory = () =>
  new Worker(`require('tsx/cjs'); require(${JSON.stringify(BACKUP_SOURCE)});`, { eval: true });

const DASHBOARD_SOURCE = resolve(__dirname, '../../src/main/services/dashboard/dashboard-worker.ts');

/** The owner's dashboard thread from its source (the app starts the bundled dashboard-worker.js). */
export const sourceDashboardWorker: WorkerFactory = () =>
  new Worker(`require('tsx/cjs'); require(${JSON.stringify(DASHBOARD_SOURCE)});`, { eval: true });

const XLSX_SOURCE = resolve(__dirname, '../../src/main/services/sales/xlsx-worker.ts');

/** The sales import's .xlsx thread from its source, with the limits the service gives it. */
export const sourceXlsxWorker: XlsxWorkerFactory = (options) =>
  new Worker(`require('tsx/cjs'); require(${JSON.stringify(XLSX_SOURCE)});`, { ...options, eval: true });
