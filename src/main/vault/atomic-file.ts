import { readFileSync } from 'node:fs';
import { writeDurable } from '../lib/durable-fs';

/**
 * Writes a small file so that a crash or power cut leaves either the old or the new content,
 * never half (see durable-fs: sibling, fsync, rename, folder fsync).
 */
export function writeFileAtomic(path: string, data: string): void {
  writeDurable(path, data);
}

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}
