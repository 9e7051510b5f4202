import type { ImportMapping, ImportProgress, ImportRowError } from '../../../shared/domain';
import type { Job } from '../../lib/long-job';
import type { Db } from '../../vault/database';
import { phoneOrNull } from '../phone';
import { existingPhones } from './duplicates';
import {
  PhoneBatch,
  spawnPhoneWorker,
  WORKER_MIN_ROWS,
  WORKER_SHARE,
  type PhoneWorkerFactory,
} from './phone-batch';
import {
  CHUNK,
  cellAt,
  checkRow,
  settleRows,
  type InVaultRow,
  type PreparedRow,
  type RowVerdict,
} from './row-check';

/** Phone validation started while a big file was read, on the column the mapping suggested. */
export interface EarlyPhones {
  column: number | undefined;
  batch: PhoneBatch;
}

/**
 * Every row judged against the mapping and the vault's phones: nothing is written. Phones of the
 * first rows go to a worker thread (perhaps since the file was read: `early`, taken over when
 * the owner kept its column, stopped otherwise) while main checks everything else.
 */
export async function prepareRows(
  db: Db,
  file: { rows: string[][]; rowNumbers: number[] },
  mapping: ImportMapping,
  job: Job<ImportProgress['phase']>,
  now: number,
  early: EarlyPhones | null,
  phoneWorker: PhoneWorkerFactory | undefined,
): Promise<{ errors: ImportRowError[]; valid: PreparedRow[]; inVault: InVaultRow[] }> {
  const rows = file.rows;
  const helped = mapping.phone !== undefined && rows.length >= WORKER_MIN_ROWS;
  let batch: PhoneBatch;
  if (helped && early?.batch.usable && (early.column === mapping.phone || early.batch.size === 0))
    batch = early.batch;
  else {
    early?.batch.stop();
    batch = new PhoneBatch(helped ? spawnPhoneWorker(phoneWorker) : null);
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
  job.progress('checking', rows.length, rows.length);
  return { errors, valid, inVault };
}
