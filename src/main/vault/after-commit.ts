import type { Db } from './database';

/** Work that must not run inside a transaction (a WAL checkpoint), waiting for its commit. */
const waiting = new WeakMap<Db, (() => void)[]>();

/**
 * Runs `fn` now, or, while a transaction is open on `db`, right after it commits (the auditor's
 * transaction around an action and its entry). A checkpoint inside a transaction does nothing.
 */
export function afterCommit(db: Db, fn: () => void): void {
  if (!db.inTransaction) {
    fn();
    return;
  }
  const list = waiting.get(db) ?? [];
  list.push(fn);
  waiting.set(db, list);
}

/** Called by whoever committed: runs what waited for the commit, in order. */
export function runAfterCommit(db: Db): void {
  const list = waiting.get(db);
  if (!list) return;
  waiting.delete(db);
  for (const fn of list) fn();
}
