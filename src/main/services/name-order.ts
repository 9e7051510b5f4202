import { cachedStatement, type Db } from '../vault/database';

/**
 * Where a position in the customer list (all customers by name, then id) starts, without OFFSET.
 *
 * OFFSET walks every index entry before the position: the middle of a million customers is half
 * a million entries (~60 ms cold, ~330 ms with a full vault's pages) before a row can show. This
 * keeps the list's "spine" in memory instead: every SPAN-th key of the (name_norm, id) index,
 * with the number of customers from that key to the next. A position then becomes one index seek
 * plus at most 2 x SPAN steps, whatever the size of the list.
 *
 * The spine is built after unlock in small slices (main keeps answering) and kept exact:
 * - writes on this connection are logged by TEMP triggers (in memory, never in the file) and
 *   applied before the next read;
 * - writes by another connection (the long-job worker's purge, a restore) change SQLite's
 *   data_version, and the spine is rebuilt.
 * Until it is ready, callers fall back to OFFSET: slower, never wrong.
 */
export const SPAN = 1024;
/** More logged changes than this (a big import) are cheaper to rebuild than to apply. */
const MAX_LOG = 4 * SPAN;
/** Time given to building per turn of the event loop, so main keeps answering. */
const SLICE_MS = 8;

interface Key {
  name: string;
  id: number;
}
interface Bucket {
  /** First key of the bucket (inclusive); null for the first bucket, which starts the list. */
  start: Key | null;
  count: number;
}
interface State {
  buckets: Bucket[];
  /** prefix[i] = customers before bucket i; rebuilt lazily after counts change. */
  prefix: number[] | null;
  dataVersion: number;
  ready: boolean;
  building: boolean;
  /** Bumped whenever a build in progress must start over. */
  generation: number;
}

const states = new WeakMap<Db, State>();

/** The key `OFFSET` entries on from a key (inclusive), which need not still exist. */
const HOP =
  'SELECT name_norm AS name, id FROM customers WHERE (name_norm, id) >= (?, ?) ORDER BY name_norm, id LIMIT 1 OFFSET ?';
const FIRST = 'SELECT name_norm AS name, id FROM customers ORDER BY name_norm, id LIMIT 1 OFFSET ?';
const COUNT_FROM = 'SELECT count(*) FROM customers WHERE (name_norm, id) >= (?, ?)';
const COUNT_ALL = 'SELECT count(*) FROM customers';

function installTriggers(db: Db): void {
  db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS name_order_log (seq INTEGER PRIMARY KEY, op INTEGER NOT NULL, name TEXT NOT NULL, id INTEGER NOT NULL);
    CREATE TEMP TRIGGER IF NOT EXISTS name_order_ins AFTER INSERT ON main.customers BEGIN
      INSERT INTO name_order_log (op, name, id) VALUES (1, new.name_norm, new.id);
    END;
    CREATE TEMP TRIGGER IF NOT EXISTS name_order_del AFTER DELETE ON main.customers BEGIN
      INSERT INTO name_order_log (op, name, id) VALUES (-1, old.name_norm, old.id);
    END;
    CREATE TEMP TRIGGER IF NOT EXISTS name_order_upd AFTER UPDATE OF name_norm ON main.customers
      WHEN old.name_norm IS NOT new.name_norm BEGIN
      INSERT INTO name_order_log (op, name, id) VALUES (-1, old.name_norm, old.id);
      INSERT INTO name_order_log (op, name, id) VALUES (1, new.name_norm, new.id);
    END;`);
}

const dataVersion = (db: Db) => db.pragma('data_version', { simple: true }) as number;

/** SQLite's BINARY collation compares UTF-8 bytes; JavaScript compares UTF-16 units. */
function compareKeys(a: Key, b: Key): number {
  if (a.name !== b.name) return Buffer.compare(Buffer.from(a.name), Buffer.from(b.name));
  return a.id - b.id;
}

function stateOf(db: Db): State {
  let s = states.get(db);
  if (!s) {
    installTriggers(db);
    s = { buckets: [], prefix: null, dataVersion: -1, ready: false, building: false, generation: 0 };
    states.set(db, s);
  }
  return s;
}

function invalidate(db: Db, s: State): void {
  s.ready = false;
  s.generation++;
  s.buckets = [];
  s.prefix = null;
  db.exec('DELETE FROM temp.name_order_log');
}

/** One slice of the build: the next keys of the spine, from where the last slice stopped. */
function* buildSteps(db: Db): Generator<void, Bucket[]> {
  const buckets: Bucket[] = [{ start: null, count: 0 }];
  const hop = cachedStatement(db, HOP);
  let key = cachedStatement(db, FIRST).get(SPAN) as Key | undefined;
  let sliceStart = performance.now();
  while (key) {
    buckets[buckets.length - 1]!.count = SPAN;
    buckets.push({ start: key, count: 0 });
    key = hop.get(key.name, key.id, SPAN) as Key | undefined;
    if (performance.now() - sliceStart > SLICE_MS) {
      yield;
      sliceStart = performance.now();
    }
  }
  const last = buckets[buckets.length - 1]!;
  last.count = last.start
    ? (cachedStatement(db, COUNT_FROM).pluck().get(last.start.name, last.start.id) as number)
    : (cachedStatement(db, COUNT_ALL).pluck().get() as number);
  return buckets;
}

/**
 * Builds the spine in slices on the event loop. A write on this connection or another while it
 * runs makes it start over (at most a few times; then the next read tries again).
 */
function startBuild(db: Db, s: State): void {
  if (s.building) return;
  s.building = true;
  let attempts = 0;
  const begin = () => {
    invalidate(db, s);
    const generation = s.generation;
    const version = dataVersion(db);
    const steps = buildSteps(db);
    const step = () => {
      if (!db.open || s.generation !== generation) {
        s.building = false;
        return;
      }
      let r: IteratorResult<void, Bucket[]>;
      try {
        r = steps.next();
      } catch {
        s.building = false;
        return;
      }
      if (!r.done) {
        setImmediate(step);
        return;
      }
      const logged = cachedStatement(db, 'SELECT count(*) FROM temp.name_order_log').pluck().get() as number;
      if (logged > 0 || dataVersion(db) !== version) {
        if (++attempts < 3) begin();
        else s.building = false;
        return;
      }
      s.buckets = r.value;
      s.prefix = null;
      s.dataVersion = version;
      s.ready = true;
      s.building = false;
    };
    setImmediate(step);
  };
  begin();
}

/** Whether positions come from the spine right now (tests). */
export function spineReady(db: Db): boolean {
  return states.get(db)?.ready === true;
}

/** Builds the spine at once (tests and the benchmark). */
export function buildNow(db: Db): void {
  const s = stateOf(db);
  invalidate(db, s);
  const version = dataVersion(db);
  const steps = buildSteps(db);
  let r = steps.next();
  while (!r.done) r = steps.next();
  s.buckets = r.value;
  s.prefix = null;
  s.dataVersion = version;
  s.ready = true;
}

/** Index of the last bucket whose start is <= key (bucket 0 starts the list). */
function bucketOf(buckets: Bucket[], key: Key): number {
  let lo = 0;
  let hi = buckets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (compareKeys(buckets[mid]!.start!, key) <= 0) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function splitIfLarge(db: Db, buckets: Bucket[], i: number): void {
  const b = buckets[i]!;
  if (b.count <= 2 * SPAN) return;
  const key = (
    b.start
      ? cachedStatement(db, HOP).get(b.start.name, b.start.id, SPAN)
      : cachedStatement(db, FIRST).get(SPAN)
  ) as Key | undefined;
  if (!key) return;
  buckets.splice(i + 1, 0, { start: key, count: b.count - SPAN });
  b.count = SPAN;
}

/** Applies this connection's logged writes, or rebuilds when that is cheaper or necessary. */
function catchUp(db: Db, s: State): boolean {
  if (!s.ready) return false;
  if (dataVersion(db) !== s.dataVersion) {
    invalidate(db, s);
    return false;
  }
  const log = cachedStatement(db, 'SELECT op, name, id FROM temp.name_order_log ORDER BY seq LIMIT ?').all(
    MAX_LOG + 1,
  ) as { op: number; name: string; id: number }[];
  if (log.length === 0) return true;
  if (log.length > MAX_LOG) {
    invalidate(db, s);
    return false;
  }
  const { buckets } = s;
  for (const e of log) {
    const i = bucketOf(buckets, e);
    buckets[i]!.count += e.op;
    if (buckets[i]!.count === 0 && i > 0) buckets.splice(i, 1);
  }
  // Split only now that every count matches the table: a split key is read from the table.
  for (let i = 0; i < buckets.length; i++) splitIfLarge(db, buckets, i);
  s.prefix = null;
  db.exec('DELETE FROM temp.name_order_log');
  // Logged writes are this connection's own: they do not move data_version, but record it anyway.
  s.dataVersion = dataVersion(db);
  return true;
}

function prefixOf(s: State): number[] {
  if (!s.prefix) {
    const p = new Array<number>(s.buckets.length + 1);
    p[0] = 0;
    s.buckets.forEach((b, i) => (p[i + 1] = p[i]! + b.count));
    s.prefix = p;
  }
  return s.prefix;
}

/** The spine when it is ready and exact; otherwise starts building it and returns null. */
function ready(db: Db): State | null {
  const s = stateOf(db);
  if (catchUp(db, s)) return s;
  startBuild(db, s);
  return null;
}

export interface Seek {
  /** Key to start from (inclusive), null for the start of the list. */
  start: Key | null;
  /** Entries to step over from there (always < 2 x SPAN). */
  skip: number;
}

/** Total customers, or null when the spine is not ready. */
export function customerCount(db: Db): number | null {
  const s = ready(db);
  if (!s) return null;
  const p = prefixOf(s);
  return p[p.length - 1]!;
}

/** Where the customer at `position` (0-based, by name then id) is found, or null (not ready). */
export function seekPosition(db: Db, position: number): Seek | null {
  const s = ready(db);
  if (!s) return null;
  const p = prefixOf(s);
  // The last bucket i with p[i] <= position.
  let lo = 0;
  let hi = s.buckets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (p[mid]! <= position) lo = mid;
    else hi = mid - 1;
  }
  return { start: s.buckets[lo]!.start, skip: position - p[lo]! };
}

/** How many customers' name_norm sorts before `name`, or null (not ready). */
export function rankOfName(db: Db, name: string): number | null {
  const s = ready(db);
  if (!s) return null;
  const p = prefixOf(s);
  // The last bucket that starts before any key with this name: (name, -infinity).
  const i = bucketOf(s.buckets, { name, id: Number.NEGATIVE_INFINITY });
  const start = s.buckets[i]!.start;
  const within = start
    ? (cachedStatement(db, 'SELECT count(*) FROM customers WHERE (name_norm, id) >= (?, ?) AND name_norm < ?')
        .pluck()
        .get(start.name, start.id, name) as number)
    : (cachedStatement(db, 'SELECT count(*) FROM customers WHERE name_norm < ?').pluck().get(name) as number);
  return p[i]! + within;
}
