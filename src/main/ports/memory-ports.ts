import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { writeDurable } from '../lib/durable-fs';
import type { LanBackend, RemoteEvent } from '../lan/protocol';
import type { Clock, Dialogs, KeyStore, Printer, Handoff, LanHost } from './ports';

/**
 * A KeyStore whose sealing key lives only in this object's memory: like an OS keystore bound to
 * one account, another instance cannot unseal what this one sealed.
 */
export class MemoryKeyStore implements KeyStore {
  constructor(
    private readonly name = 'memory',
    private readonly protectedStore = true,
    /** The sealing key; fault tests pass the same one to a child process (one "OS account"). */
    private readonly key: Buffer = randomBytes(32),
    /** Where records persist across processes (fault tests); in this object's memory without it. */
    private readonly recordDir?: string,
  ) {}
  private readonly records = new Map<string, Buffer>();
  loadRecord(name: string): Buffer | null {
    if (!this.recordDir) return this.records.get(name) ?? null;
    const path = join(this.recordDir, name);
    return existsSync(path) ? readFileSync(path) : null;
  }
  saveRecord(name: string, data: Buffer): void {
    if (this.recordDir) {
      mkdirSync(this.recordDir, { recursive: true, mode: 0o700 });
      writeDurable(join(this.recordDir, name), data);
    } else this.records.set(name, Buffer.from(data));
  }
  backend(): string {
    return this.name;
  }
  isProtected(): boolean {
    return this.protectedStore;
  }
  seal(secret: Buffer): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(secret), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }
  unseal(sealed: Buffer): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
  }
}

/** Tests move time by hand: advance() moves both clocks; setWall() moves only the wall clock. */
export class ManualClock implements Clock {
  private mono = 1_000_000;
  constructor(private t = Date.UTC(2026, 10, 29, 3, 0, 0)) {}
  now(): number {
    return this.t;
  }
  monotonic(): number {
    return this.mono;
  }
  advance(ms: number): void {
    this.t += ms;
    this.mono += ms;
  }
  /** Someone sets the computer's clock (back or forward); elapsed time does not change. */
  setWall(t: number): void {
    this.t = t;
  }
}

/** Keeps printed documents in memory so tests can inspect them; never touches the disk. */
export class MemoryPrinter implements Printer {
  readonly printed: { html: string; name: string }[] = [];
  printToPdf(html: string, suggestedName: string): Promise<{ saved: boolean }> {
    this.printed.push({ html, name: suggestedName });
    return Promise.resolve({ saved: true });
  }
}

/** Records what would have been opened or copied (tests, the dev bridge). */
export class MemoryHandoff implements Handoff {
  readonly opened: string[] = [];
  readonly copied: string[] = [];
  openWhatsApp(url: string): Promise<void> {
    this.opened.push(url);
    return Promise.resolve();
  }
  copyText(text: string): void {
    this.copied.push(text);
  }
}

/**
 * Dialogs for tests and the dev bridge: the test names the file the "user" picks, and saved
 * files stay in memory (an export never lands on disk in a test run).
 */
export class MemoryDialogs implements Dialogs {
  nextOpen: string | null = null;
  nextFolder: string | null = null;
  nextBackup: string | null = null;
  readonly saved: { name: string; data: string | Buffer }[] = [];
  openCsv(): Promise<{ path: string; name: string } | null> {
    const path = this.nextOpen;
    return Promise.resolve(path ? { path, name: basename(path) } : null);
  }
  /** The same next file as openCsv: a test sets `nextOpen` to a .csv or an .xlsx. */
  openSales(): Promise<{ path: string; name: string } | null> {
    return this.openCsv();
  }
  saveFile(suggestedName: string, data: string | Buffer): Promise<{ saved: boolean }> {
    this.saved.push({ name: suggestedName, data });
    return Promise.resolve({ saved: true });
  }
  chooseFolder(): Promise<string | null> {
    return Promise.resolve(this.nextFolder);
  }
  openBackup(): Promise<{ path: string; name: string } | null> {
    const path = this.nextBackup;
    return Promise.resolve(path ? { path, name: basename(path) } : null);
  }
}

/**
 * A LanHost that listens nowhere: it records what the primary's Core asked of it (started with
 * which identity, devices cut off, events for remote windows), and hands tests the backend the
 * real server would call.
 */
export class MemoryLanHost implements LanHost {
  started: { identity: { key: string; cert: string }; backend: LanBackend } | null = null;
  starts = 0;
  stops = 0;
  readonly cutOffs: string[] = [];
  readonly events: RemoteEvent[] = [];
  start(
    identity: { key: string; cert: string },
    backend: LanBackend,
  ): Promise<{ addresses: string[]; port: number }> {
    this.started = { identity, backend };
    this.starts++;
    return Promise.resolve({ addresses: ['127.0.0.1'], port: 47110 });
  }
  stop(): Promise<void> {
    this.started = null;
    this.stops++;
    return Promise.resolve();
  }
  cutOff(deviceId: string): void {
    this.cutOffs.push(deviceId);
  }
  emit(event: RemoteEvent): boolean {
    this.events.push(event);
    return true;
  }
}
