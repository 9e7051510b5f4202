import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { setFsOps, type DurableOp, type FsOps } from '../../src/main/lib/durable-fs';

/**
 * A model of a file system after a power cut, after Pillai et al., "All File Systems Are Not
 * Created Equal" (OSDI 2014). A file's contents reach the disk only at its fsync; a create, rename
 * or unlink only at its folder's fsync. Whatever was not yet synced at the cut may be lost, kept,
 * or (file contents) kept in part, and the folder changes that survive need not be a prefix of
 * those made: any subset, applied in order, may persist.
 *
 * The app's own steps are the system calls durable-fs makes (its FsOps, recorded). What SQLite
 * (or a copy) writes outside it is seen by comparing the watched folders with the model before
 * each step: changes to a file under its final name are SQLite's own durable writes
 * (synchronous=FULL); a file created since recording began (VACUUM INTO, a copy) holds unsynced
 * data, until the app fsyncs it, as long as it is not yet renamed into place.
 */
type Event =
  | { k: 'link'; changes: { path: string; inode: number | null }[] }
  | { k: 'data'; inode: number; data: Buffer; durable: boolean }
  | { k: 'fsync'; inode: number }
  | { k: 'fsyncDir'; dir: string };

/** SQLite rebuilds a -shm from the database and its WAL; it is never part of a crash state. */
const IGNORED = /-shm$/;

export type CrashState = ReadonlyMap<string, Buffer>;

export class CrashRecorder {
  private readonly events: Event[] = [];
  private readonly names = new Map<string, number>();
  private readonly content = new Map<number, Buffer>();
  private readonly initial = new Map<string, number>();
  /** Files created since recording began and not yet renamed into place. */
  private readonly staging = new Set<number>();
  private readonly initialData = new Map<number, Buffer>();
  private nextInode = 1;
  /** Cut points whose folder changes were sampled rather than enumerated. */
  readonly sampledCuts = new Set<number>();
  /** The app's own operations, in order (for the report and for tests of the sequence itself). */
  readonly ops: DurableOp[] = [];

  constructor(private readonly dirs: readonly string[]) {
    for (const [path, data] of this.disk()) {
      const inode = this.nextInode++;
      this.names.set(path, inode);
      this.initial.set(path, inode);
      this.content.set(inode, data);
      this.initialData.set(inode, data);
    }
  }

  /** Records the app's steps while `run` runs, then takes a last look at the folders. */
  async record<T>(run: () => Promise<T>): Promise<T> {
    const previous = setFsOps(
      recording(
        () => previous,
        (op) => this.onOp(op),
      ),
    );
    try {
      return await run();
    } finally {
      setFsOps(previous);
      this.scan();
    }
  }

  private watched(path: string): boolean {
    return this.dirs.includes(dirname(path)) && !IGNORED.test(path);
  }

  private disk(): Map<string, Buffer> {
    const out = new Map<string, Buffer>();
    for (const dir of this.dirs) {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (IGNORED.test(path) || !statSync(path).isFile()) continue;
        out.set(path, readFileSync(path));
      }
    }
    return out;
  }

  /** One folder change (a rename is one change of two names, persisted whole or not at all). */
  private link(...changes: { path: string; inode: number | null }[]): void {
    this.events.push({ k: 'link', changes });
    for (const { path, inode } of changes) {
      if (inode === null) this.names.delete(path);
      else this.names.set(path, inode);
    }
  }

  private data(inode: number, data: Buffer, durable: boolean): void {
    this.events.push({ k: 'data', inode, data, durable });
    this.content.set(inode, data);
  }

  /** Changes made outside durable-fs since the last step (SQLite, copies). */
  private scan(): void {
    const disk = this.disk();
    // Removals last: SQLite checkpoints a WAL into the database before it deletes it.
    for (const [path, data] of disk) {
      let inode = this.names.get(path);
      if (inode === undefined) {
        inode = this.nextInode++;
        this.staging.add(inode);
        this.content.set(inode, Buffer.alloc(0));
        this.link({ path, inode });
      }
      if (!this.content.get(inode)!.equals(data)) this.data(inode, data, !this.staging.has(inode));
    }
    for (const path of [...this.names.keys()]) if (!disk.has(path)) this.link({ path, inode: null });
  }

  private onOp(op: DurableOp): void {
    this.ops.push(op);
    this.scan();
    switch (op.op) {
      case 'create': {
        if (!this.watched(op.path)) return;
        const inode = this.names.get(op.path);
        if (inode === undefined) {
          const fresh = this.nextInode++;
          this.staging.add(fresh);
          this.content.set(fresh, Buffer.alloc(0));
          this.link({ path: op.path, inode: fresh });
        } else this.data(inode, Buffer.alloc(0), false);
        return;
      }
      case 'write': {
        const inode = this.names.get(op.path);
        if (inode !== undefined) this.data(inode, op.data, false);
        return;
      }
      case 'fsync': {
        const inode = this.names.get(op.path);
        if (inode !== undefined) this.events.push({ k: 'fsync', inode });
        return;
      }
      case 'rename': {
        const inode = this.names.get(op.from);
        if (inode === undefined) return;
        // Under its final name a file is SQLite's to keep durable; before, the app's.
        this.staging.delete(inode);
        if (this.watched(op.to)) this.link({ path: op.from, inode: null }, { path: op.to, inode });
        else this.link({ path: op.from, inode: null });
        return;
      }
      case 'unlink':
        if (this.names.has(op.path)) this.link({ path: op.path, inode: null });
        return;
      case 'fsyncDir':
        this.events.push({ k: 'fsyncDir', dir: op.path });
        return;
      case 'mkdir':
        return;
    }
  }

  /** How many cut points there are (one before each recorded event, and one after the last). */
  get points(): number {
    return this.events.length + 1;
  }

  /**
   * Every state a power cut after the first `prefix` events can leave (folder changes: every
   * subset of the unsynced ones when there are at most `maxSubsetBits`, else a seeded sample).
   */
  statesAt(prefix: number, maxSubsetBits = 8, sample = 256): CrashState[] {
    const seen = this.events.slice(0, prefix);
    const synced = new Map<number, Buffer>();
    const current = new Map<number, Buffer>();
    for (const [inode, data] of this.initialData) {
      synced.set(inode, data);
      current.set(inode, data);
    }
    const links: { index: number; changes: { path: string; inode: number | null }[] }[] = [];
    seen.forEach((e, index) => {
      if (e.k === 'data') {
        current.set(e.inode, e.data);
        if (e.durable) synced.set(e.inode, e.data);
      } else if (e.k === 'fsync') synced.set(e.inode, current.get(e.inode) ?? Buffer.alloc(0));
      else if (e.k === 'link') links.push({ index, changes: e.changes });
    });
    const lastDirSync = (dir: string) => {
      for (let i = seen.length - 1; i >= 0; i--) {
        const e = seen[i]!;
        if (e.k === 'fsyncDir' && e.dir === dir) return i;
      }
      return -1;
    };
    const pending = links.filter((l) => l.changes.some((c) => l.index > lastDirSync(dirname(c.path))));
    if (pending.length > maxSubsetBits) this.sampledCuts.add(prefix);
    const subsets = pickSubsets(pending.length, maxSubsetBits, sample, prefix);
    const states: CrashState[] = [];
    for (const chosen of subsets) {
      const names = new Map(this.initial);
      for (const l of links) {
        const isPending = pending.indexOf(l);
        if (isPending >= 0 && !chosen[isPending]) continue;
        for (const c of l.changes) {
          if (c.inode === null) names.delete(c.path);
          else names.set(c.path, c.inode);
        }
      }
      // Each file present holds its synced data, or (if more was written) all or half of it.
      let partial: Map<string, Buffer>[] = [new Map()];
      for (const [path, inode] of names) {
        const done = synced.get(inode) ?? Buffer.alloc(0);
        const now = current.get(inode) ?? done;
        const options = done.equals(now) ? [done] : [done, now, now.subarray(0, now.length >> 1)];
        partial = partial.flatMap((m) => options.map((o) => new Map(m).set(path, o)));
      }
      states.push(...partial);
    }
    return states;
  }
}

/** The system calls as they are made, each reported just before it reaches the disk. */
function recording(real: () => FsOps, seen: (op: DurableOp) => void): FsOps {
  return {
    create: (path) => {
      seen({ op: 'create', path });
      return real().create(path);
    },
    write: (fd, path, data) => {
      seen({ op: 'write', path, data });
      real().write(fd, path, data);
    },
    fsyncFile: (fd, path) => {
      seen({ op: 'fsync', path });
      real().fsyncFile(fd, path);
    },
    fsyncDir: (fd, path) => {
      seen({ op: 'fsyncDir', path });
      real().fsyncDir(fd, path);
    },
    openRead: (path) => real().openRead(path),
    close: (fd) => real().close(fd),
    rename: (from, to) => {
      seen({ op: 'rename', from, to });
      real().rename(from, to);
    },
    unlink: (path) => {
      seen({ op: 'unlink', path });
      real().unlink(path);
    },
    mkdir: (path) => {
      seen({ op: 'mkdir', path });
      real().mkdir(path);
    },
  };
}

/** All 2^n choices for small n; else none, all, each one left out, and a seeded random sample. */
function pickSubsets(n: number, maxBits: number, sample: number, seed: number): boolean[][] {
  if (n <= maxBits) {
    return Array.from({ length: 1 << n }, (_, mask) =>
      Array.from({ length: n }, (_, i) => ((mask >> i) & 1) === 1),
    );
  }
  const out: boolean[][] = [Array<boolean>(n).fill(false), Array<boolean>(n).fill(true)];
  for (let i = 0; i < n; i++) out.push(Array.from({ length: n }, (_, j) => j !== i));
  let x = (seed + 1) * 2654435761;
  const rand = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
  while (out.length < sample) out.push(Array.from({ length: n }, () => rand() < 0.5));
  return out;
}

export function stateKey(state: CrashState): string {
  const hash = createHash('sha256');
  for (const path of [...state.keys()].sort()) hash.update(`${path}\0`).update(state.get(path)!).update('\0');
  return hash.digest('hex');
}

/**
 * Writes a crash state into fresh folders, each watched folder to its own copy (same base name),
 * and returns the copy of each watched folder.
 */
export function materialize(state: CrashState, dirs: readonly string[]): { dirs: string[]; cleanup(): void } {
  const root = mkdtempSync(join(tmpdir(), 'brankas-crash-'));
  const copies = dirs.map((d, i) => {
    const copy = join(root, `${i}-${basename(d)}`);
    mkdirSync(copy, { mode: 0o700 });
    return copy;
  });
  for (const [path, data] of state) {
    const i = dirs.indexOf(dirname(path));
    writeFileSync(join(copies[i]!, basename(path)), data, { mode: 0o600 });
  }
  return { dirs: copies, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export interface CrashReport {
  points: number;
  generated: number;
  distinct: number;
  /** Cut points where the folder changes were too many to enumerate (sampled instead). */
  sampled: number;
  /** How many distinct states opened as each acceptable outcome. */
  outcomes: Record<string, number>;
  failures: string[];
}

/** What a check saw: an acceptable outcome by name, or a problem. */
export type CrashOutcome = { outcome: 'old' | 'new' } | { problem: string };

/**
 * Every distinct crash state at every cut point, checked: `check` returns null when the app opens
 * the state as an acceptable outcome, else what it saw; `final` marks the states of the complete
 * log (the operation returned, so only the new outcome is acceptable there).
 */
export async function checkAllCrashStates(
  rec: CrashRecorder,
  dirs: readonly string[],
  check: (copies: string[], final: boolean) => Promise<CrashOutcome>,
): Promise<CrashReport> {
  const done = new Map<string, CrashOutcome>();
  const outcomes: Record<string, number> = {};
  let generated = 0;
  const failures: string[] = [];
  for (let prefix = 0; prefix < rec.points; prefix++) {
    const final = prefix === rec.points - 1;
    for (const state of rec.statesAt(prefix)) {
      generated++;
      const key = `${final ? 'F' : 'P'}${stateKey(state)}`;
      if (done.has(key)) continue;
      const m = materialize(state, dirs);
      let seen: CrashOutcome;
      try {
        seen = await check(m.dirs, final);
      } catch (err) {
        seen = { problem: `threw ${(err as Error).message}` };
      } finally {
        m.cleanup();
      }
      done.set(key, seen);
      if ('outcome' in seen) outcomes[seen.outcome] = (outcomes[seen.outcome] ?? 0) + 1;
      else if (failures.length < 5) {
        const files = [...state].map(([p, d]) => `${basename(p)}(${d.length})`).join(' ');
        failures.push(`cut ${prefix}/${rec.points - 1}: ${seen.problem} [${files}]`);
      }
    }
  }
  return {
    points: rec.points,
    generated,
    distinct: done.size,
    sampled: rec.sampledCuts.size,
    outcomes,
    failures,
  };
}
