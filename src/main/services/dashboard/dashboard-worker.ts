import { parentPort } from 'node:worker_threads';
import { errorReply, type WorkerReply } from '../../lib/worker-job';
import { runKeptReadRequest, type KeptReadRequest } from './kept-read';

/**
 * The owner's dashboard thread: the kept read alone (kept-read.ts), so its cold start loads only
 * the dashboard's code and the vault's, not the long-job worker's (backups, reports, PDFs). Keys
 * arrive by message only.
 */
parentPort?.on('message', (req: KeptReadRequest) => {
  const post = (m: WorkerReply) => parentPort?.postMessage(m);
  try {
    if (req.kind !== 'readKept') throw new Error('not a dashboard read');
    post({ kind: 'done', value: runKeptReadRequest(req) });
  } catch (err) {
    post(errorReply(err));
  }
});
