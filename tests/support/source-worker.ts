import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PhoneWorkerFactory } from '../../src/main/services/import/phone-batch';

const SOURCE = resolve(__dirname, '../../src/main/services/import/phone-worker.ts');

/**
 * The import's phone worker straight from its TypeScript source, for tests and the benchmark
 * (the app starts the bundled out/main/phone-worker.js). tsx compiles it inside the thread.
 */
export const sourcePhoneWorker: PhoneWorkerFactory = () =>
  new Worker(`require('tsx/cjs'); require(${JSON.stringify(SOURCE)});`, { eval: true });
