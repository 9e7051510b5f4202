import { AppError } from '../../lib/app-error';
import { openVault, type Db } from '../../vault/database';
import { dashboardFigures, dashboardList, type DashboardListQuery } from './dashboard';
import { memberPurposeId } from './member-purpose';

/**
 * The owner's dashboard read on the thread that stays (services/reports.ts runs it): only what the
 * dashboard needs, so a cold start of its own thread (dashboard-worker.ts) loads this and the
 * vault, not every report's code.
 */
export type DashboardJob =
  | { what: 'dashboardSummary'; now: number; lapsedWeeks: number }
  | ({ what: 'dashboardList' } & DashboardListQuery);

/** Runs a dashboard job on a connection: the kept thread's own, or main's when there is no thread. */
export function runDashboardJob(db: Db, job: DashboardJob): unknown {
  if (job.what === 'dashboardSummary')
    return dashboardFigures(db, { ...job, memberPurposeId: memberPurposeId(db) });
  return dashboardList(db, job);
}

/**
 * A read for the worker that stays (the owner's dashboard): the key comes with the first request
 * only, and the connection, with its cache of decrypted pages, is kept for the next ones, so
 * opening the screen again costs neither a thread's start nor the vault's opening. Main ends the
 * thread when the vault closes (lock, restore, rotation).
 */
export interface KeptReadRequest {
  kind: 'readKept';
  vaultPath: string;
  dek: Uint8Array | null;
  nativeBinding?: string;
  job: DashboardJob;
}

let keptDb: Db | null = null;

/** A worker's own connection, keyed with the DEK from the message, that never writes. */
export function openReadOnly(vaultPath: string, key: Uint8Array, nativeBinding?: string): Db {
  // A view of the message's bytes, not a copy: zeroing it leaves no key behind in this thread.
  const dek = Buffer.from(key.buffer, key.byteOffset, key.byteLength);
  let db: Db;
  try {
    db = openVault(vaultPath, dek, { nativeBinding });
  } finally {
    dek.fill(0);
  }
  db.pragma('query_only = ON');
  return db;
}

/** The worker's side of a kept read: opens (first request) or reuses its own read-only connection. */
export function runKeptReadRequest(req: KeptReadRequest): unknown {
  if (req.dek) {
    keptDb?.close();
    keptDb = null;
    keptDb = openReadOnly(req.vaultPath, req.dek, req.nativeBinding);
  }
  if (!keptDb) throw new AppError('INTERNAL');
  return runDashboardJob(keptDb, req.job);
}
