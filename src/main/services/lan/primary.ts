import { contract, isChannel } from '../../../shared/contract';
import type { LanCode, LanDevice, LanStatus } from '../../../shared/domain';
import type { Sessions } from '../../ipc/sessions';
import type { Router } from '../../ipc/router';
import { newIdentity } from '../../lan/identity';
import {
  formatPairingCode,
  newPairingCode,
  pairingKey,
  pairingProof,
  PAIRING_CODE_TTL_MS,
  proofMatches,
} from '../../lan/pairing-proof';
import {
  LAN_FILE_EVENT,
  LAN_FILE_LIMITS,
  type LanFile,
  type LanFileLimits,
  type LanFileStep,
  type LanBackend,
  type LanHost,
  type PairAttempt,
  type PairResult,
  type RemoteCall,
  type RemoteEvent,
  type Reply,
} from '../../lan/protocol';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../lib/app-error';
import { toAppError } from '../../lib/os-errors';
import type { Clock } from '../../ports/ports';
import type { Result } from '../../../shared/errors';
import type { Db } from '../../vault/database';
import type { VaultState } from '../../vault/vault-state';
import type { Auditor } from '../auditor';
import type { SessionLifecycle } from '../session-lifecycle';
import {
  addDevice,
  forgetOldReplies,
  getDevice,
  listDevices,
  markSeen,
  readIdentity,
  rememberedReply,
  rememberReply,
  revokeAll,
  revokeDevice,
  saveIdentity,
  setEnabled,
  type DeviceRow,
  type StoredIdentity,
} from './lan-store';
import { asRemote } from './remote-call';

/** How often a file's notice is tried again while its window's event stream reconnects. */
const DELIVER_STEP_MS = 100;

/** Wrong proofs a pairing code takes before it is void. */
export const PAIRING_MAX_FAILURES = 5;

const FINGERPRINT = /^[0-9a-f]{64}$/;
/** A window's label on its laptop and a call's id: short tokens, never text a person typed. */
const WINDOW_ID = /^[A-Za-z0-9_.-]{1,64}$/;
const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;
/** What the owner named the laptop ("Kasir 2"): shown in the device list and the audit. */
const DEVICE_NAME = /^[^\p{Cc}\p{Cf}]{1,60}$/u;

interface OpenCode {
  code: string;
  /** Monotonic ms: a clock set back or forward does not stretch a code's ten minutes. */
  until: number;
  /** Wall-clock end, for the owner's screen. */
  untilWall: number;
  failures: number;
  used: boolean;
}

export interface LanPrimaryDeps {
  vault: VaultState;
  clock: Clock;
  auditor: Auditor;
  router: Router;
  sessions: Sessions;
  lifecycle: SessionLifecycle;
  /** The link's server; without one (a Core that never serves a second counter) it stays off. */
  host: LanHost | null;
  /** The certificate's name: the shop's. */
  shopName: () => string;
  faultPoint?: (name: string) => void;
  /** Bounds of a file handed to a paired laptop (LAN_FILE_LIMITS unless a test lowers them). */
  files?: LanFileLimits;
}

/** A file waiting for a paired laptop's main to take it and answer what its user did. */
interface WaitingFile {
  deviceId: string;
  windowId: string;
  file: LanFile;
  taken: boolean;
  settle: (answer: { saved: boolean } | AppError) => void;
}

/**
 * The primary's side of the second counter: its identity, the paired devices, the one pairing
 * code, and every call from a paired laptop, run as a session of the router (`lan:<device>:<window>`)
 * under the same role matrix, with the device named in each audit entry.
 *
 * The server listens from the first unlock after the app starts (the identity key is read from
 * the vault) while the owner has the feature on, and goes on listening while the primary sits at
 * its lock screen, so a cashier on a paired laptop logs in with their own PIN (the lockout counts
 * here); it stops when the owner turns it off, at a restore, and when the app quits. The device
 * list is kept in memory for the handshakes while the vault is closed.
 */
export class LanPrimary implements LanBackend {
  /** Paired and not revoked: fingerprint -> device id. */
  private readonly paired = new Map<string, string>();
  private loadedFrom: Db | null = null;
  private identity: StoredIdentity | null = null;
  private listening: { addresses: string[]; port: number } | null = null;
  private starting: Promise<void> | null = null;
  private code: OpenCode | null = null;
  /** Remote sessions: the router's window key -> the device and its own window label. */
  private readonly remoteWindows = new Map<string, { deviceId: string; windowId: string }>();
  /** A retry that arrives while its first try still runs waits for that one's reply. */
  private readonly inFlight = new Map<string, Promise<Reply>>();
  /** Seen while the vault was closed: written at the next open. */
  private readonly seenWhileClosed = new Map<string, number>();
  /** Files handed to remote windows, waiting for their laptop's answer: by file id. */
  private readonly files = new Map<string, WaitingFile>();
  private readonly fileLimits: Required<LanFileLimits>;

  constructor(private readonly d: LanPrimaryDeps) {
    this.fileLimits = { ...LAN_FILE_LIMITS, ...d.files };
  }

  // --- The link's server calls these ---

  deviceFor(fingerprint: string): { deviceId: string } | null {
    const deviceId = this.paired.get(fingerprint);
    return deviceId ? { deviceId } : null;
  }

  pairingOpen(): boolean {
    const c = this.code;
    return c !== null && !c.used && c.failures < PAIRING_MAX_FAILURES && this.d.clock.monotonic() < c.until;
  }

  async pair(attempt: PairAttempt): Promise<PairResult> {
    const name = typeof attempt.name === 'string' ? attempt.name.trim() : '';
    const refuse = (reason: Extract<PairResult, { ok: false }>['reason']): PairResult => {
      this.d.auditor.record({
        actor: null,
        action: 'lan.pair',
        outcome: 'failed',
        // The device's name as given (never the code, never the proof).
        detail: { reason, name: DEVICE_NAME.test(name) ? name : null },
      });
      return { ok: false, reason };
    };
    const c = this.code;
    const own = this.identity;
    if (!c || !own || !this.d.vault.isOpen()) return refuse('no_code');
    if (c.used) return refuse('used');
    if (c.failures >= PAIRING_MAX_FAILURES) return refuse('throttled');
    if (this.d.clock.monotonic() >= c.until) {
      this.code = null;
      return refuse('expired');
    }
    const clientFp = attempt.clientFingerprint;
    if (
      typeof clientFp !== 'string' ||
      !FINGERPRINT.test(clientFp) ||
      clientFp === own.fingerprint ||
      !DEVICE_NAME.test(name)
    ) {
      c.failures++;
      return refuse('wrong');
    }
    // The proof names the certificate this server really showed: a client that saw another one
    // (a machine in the middle) cannot have made it.
    const key = await pairingKey(c.code, own.fingerprint, clientFp);
    const expected = pairingProof(key, 'client', own.fingerprint, clientFp);
    // The code may have been used, voided or replaced while the key was being stretched.
    if (this.code !== c || c.used) return refuse(this.code === c ? 'used' : 'no_code');
    if (!proofMatches(expected, attempt.proof)) {
      c.failures++;
      return refuse(c.failures >= PAIRING_MAX_FAILURES ? 'throttled' : 'wrong');
    }
    if (!this.d.vault.isOpen()) return refuse('no_code');
    c.used = true;
    const db = this.d.vault.requireDb();
    const deviceId = this.d.auditor.run(() => addDevice(db, name, clientFp, this.d.clock.now()), {
      ok: (id) => ({ actor: null, action: 'lan.pair', outcome: 'ok', target: id, detail: { name } }),
      failed: () => ({
        actor: null,
        action: 'lan.pair',
        outcome: 'failed',
        detail: { reason: 'not_saved', name },
      }),
    });
    this.paired.set(clientFp, deviceId);
    const device = getDevice(db, deviceId);
    if (device) this.d.lifecycle.emitToOwners('lan:paired', { device: publicDevice(device) });
    return { ok: true, deviceId, serverProof: pairingProof(key, 'server', own.fingerprint, clientFp) };
  }

  async dispatchRemote(call: RemoteCall): Promise<Reply> {
    const { deviceId, windowId, requestId, channel, input } = call;
    if (typeof deviceId !== 'string' || ![...this.paired.values()].includes(deviceId)) {
      return asRemote(String(deviceId), () => {
        this.d.auditor.record({
          actor: null,
          action: 'ipc.denied',
          outcome: 'denied',
          detail: { code: 'FORBIDDEN', reason: 'device_revoked' },
        });
        return reply(this.d.router.fail('FORBIDDEN', { reason: 'device_revoked' }));
      });
    }
    if (typeof windowId !== 'string' || !WINDOW_ID.test(windowId))
      return reply(this.d.router.fail('VALIDATION', { fields: ['windowId'] }));
    const writes = isChannel(channel) && contract[channel].writes;
    if (writes && (typeof requestId !== 'string' || !REQUEST_ID.test(requestId)))
      return reply(this.d.router.fail('VALIDATION', { fields: ['requestId'] }));
    const key = `lan:${deviceId}:${windowId}`;
    this.remoteWindows.set(key, { deviceId, windowId });
    // A read is simply run again when retried: nothing changes, and nothing of it is kept.
    if (!writes) return this.run(deviceId, key, channel, input, null);
    const flight = `${deviceId}\n${requestId}`;
    const running = this.inFlight.get(flight);
    if (running) return running;
    const remembered = this.d.vault.isOpen()
      ? rememberedReply(this.d.vault.requireDb(), deviceId, requestId, this.d.clock.now())
      : undefined;
    if (remembered !== undefined) {
      // Answered from memory, never written twice; an erasure since forgot what it said.
      return remembered ?? reply(this.d.router.fail('CONFLICT', { reason: 'reply_forgotten' }));
    }
    const p = this.run(deviceId, key, channel, input, requestId).finally(() => this.inFlight.delete(flight));
    this.inFlight.set(flight, p);
    return p;
  }

  private async run(
    deviceId: string,
    key: string,
    channel: unknown,
    input: unknown,
    requestId: string | null,
  ): Promise<Reply> {
    const remember =
      requestId === null
        ? undefined
        : (value: unknown) => {
            if (!this.d.vault.isOpen()) return;
            rememberReply(
              this.d.vault.requireDb(),
              deviceId,
              requestId,
              { ok: true, value },
              this.d.clock.now(),
            );
          };
    try {
      const answer = reply(
        await asRemote(deviceId, () => this.d.router.dispatch(key, channel, input, { remember })),
      );
      // Fault tests kill the primary here: a remote write committed, its reply not yet sent.
      if (requestId !== null) this.d.faultPoint?.('lan:committed');
      return answer;
    } finally {
      if (!this.d.sessions.get(key)) this.remoteWindows.delete(key);
      this.sync();
    }
  }

  windowGone(deviceId: string, windowId: string): void {
    // Its dialog, if one is open, has nobody left to answer for it.
    this.dropFiles((f) => f.deviceId === deviceId && f.windowId === windowId);
    const key = `lan:${deviceId}:${windowId}`;
    if (!this.remoteWindows.has(key)) return;
    asRemote(deviceId, () => this.d.lifecycle.lock(key, 'manual'));
    this.remoteWindows.delete(key);
  }

  seen(deviceId: string): void {
    const now = this.d.clock.now();
    if (this.d.vault.isOpen()) markSeen(this.d.vault.requireDb(), deviceId, now);
    else this.seenWhileClosed.set(deviceId, now);
  }

  fileStep(deviceId: string, step: LanFileStep): LanFile | { done: true } | null {
    const waiting = this.files.get(step.fileId);
    // Another device's file is as unknown to this one as one that never was.
    if (!waiting || waiting.deviceId !== deviceId) return null;
    if (step.step === 'take') {
      if (waiting.taken) return null;
      waiting.taken = true;
      return waiting.file;
    }
    // An answer for a file that was never taken is no answer: the user saw no dialog.
    if (!waiting.taken) return null;
    this.files.delete(step.fileId);
    waiting.settle(
      step.failed ? new AppError('IO_ERROR', { reason: 'file_failed' }) : { saved: step.saved === true },
    );
    return { done: true };
  }

  // --- Core and the owner's channels ---

  /**
   * Hands a file to save, or a page to print, to the paired laptop a remote window is on: its
   * main opens its own dialog there and answers whether its user saved. Bounded: a file larger
   * than the limit is refused before it leaves, a window that is not connected fails at once, and
   * a dialog nobody answers (or a laptop that goes away) ends the wait with a clear error.
   */
  async sendFile(
    windowKey: string,
    file:
      { kind: 'save'; name: string; data: string | Buffer } | { kind: 'print'; name: string; html: string },
  ): Promise<{ saved: boolean }> {
    const w = this.remoteWindows.get(windowKey);
    if (!w) throw new AppError('PRIMARY_OFFLINE', { reason: 'file_not_delivered' });
    const bytes =
      file.kind === 'save'
        ? typeof file.data === 'string'
          ? Buffer.from(file.data, 'utf8')
          : file.data
        : Buffer.from(file.html, 'utf8');
    if (bytes.length > this.fileLimits.maxBytes) throw new AppError('CONFLICT', { reason: 'file_too_large' });
    const content: LanFile =
      file.kind === 'save'
        ? { kind: 'save', windowId: w.windowId, name: file.name, base64: bytes.toString('base64') }
        : { kind: 'print', windowId: w.windowId, name: file.name, html: file.html };
    const fileId = randomUUID();
    return new Promise<{ saved: boolean }>((resolve, reject) => {
      // Nobody answering the dialog there (or the answer lost) ends the wait with a clear error.
      const timer = setTimeout(
        () => waiting.settle(new AppError('PRIMARY_OFFLINE', { reason: 'file_timeout' })),
        this.fileLimits.timeoutMs,
      );
      const waiting: WaitingFile = {
        deviceId: w.deviceId,
        windowId: w.windowId,
        file: content,
        taken: false,
        settle: (answer) => {
          clearTimeout(timer);
          this.files.delete(fileId);
          if (answer instanceof AppError) reject(answer);
          else resolve(answer);
        },
      };
      this.files.set(fileId, waiting);
      // A window whose event stream is reconnecting right now gets a moment to come back (in
      // real time: a wait on the wire, not the shop's clock).
      let tries = Math.max(1, Math.ceil(this.fileLimits.deliverMs / DELIVER_STEP_MS));
      const notice = {
        deviceId: w.deviceId,
        windowId: w.windowId,
        event: LAN_FILE_EVENT,
        payload: { fileId },
      };
      const deliver = (): void => {
        if (this.files.get(fileId) !== waiting) return;
        if (this.d.host?.emit(notice)) return;
        if (--tries <= 0) waiting.settle(new AppError('PRIMARY_OFFLINE', { reason: 'file_not_delivered' }));
        else setTimeout(deliver, DELIVER_STEP_MS);
      };
      deliver();
    });
  }

  /** Files whose laptop, window or session is gone: their wait ends now, with nothing saved. */
  private dropFiles(which: (f: WaitingFile) => boolean): void {
    for (const f of [...this.files.values()]) {
      if (which(f)) f.settle(new AppError('PRIMARY_OFFLINE', { reason: 'file_not_delivered' }));
    }
  }

  /** The paired laptop a session's window is on, or null for this laptop's own windows. */
  deviceOfWindow(windowKey: string): string | null {
    return this.remoteWindows.get(windowKey)?.deviceId ?? null;
  }

  /** An event for a window: true when it was a remote window's (sent through the link). */
  routeEvent(windowKey: string, event: string, payload: unknown): boolean {
    const w = this.remoteWindows.get(windowKey);
    if (!w) return false;
    const e: RemoteEvent = { deviceId: w.deviceId, windowId: w.windowId, event, payload };
    this.d.host?.emit(e);
    return true;
  }

  /**
   * Called after each call and at each tick: a vault opened since (an unlock, a restore) gives
   * the device list and identity, and the server starts if the owner has it on.
   */
  sync(): void {
    if (!this.d.vault.isOpen()) return;
    const db = this.d.vault.requireDb();
    if (this.loadedFrom === db) return;
    this.loadedFrom = db;
    try {
      this.reload(db);
      for (const [id, at] of this.seenWhileClosed) markSeen(db, id, at);
      this.seenWhileClosed.clear();
    } catch (err) {
      // A damaged page under the devices or the identity (the unlock reads neither): no device
      // is trusted and the server stays off, and the call that opened the vault keeps its own
      // answer. The damage itself is the integrity check's and the next write's to name.
      this.paired.clear();
      this.identity = null;
      this.failed('lan.load', err);
      return;
    }
    if (this.identity?.enabled && !this.listening)
      // A server that cannot listen (the port taken, no LAN interface) is the owner's to see: the
      // status shows it off, and the log says why, without data.
      void this.startHost().catch((err: unknown) => this.failed('lan.listen', err));
  }

  /** A failure the owner finds in the log: its code only; a log that cannot be written is skipped. */
  private failed(action: 'lan.listen' | 'lan.load', err: unknown): void {
    try {
      this.d.auditor.record({
        actor: null,
        action,
        outcome: 'failed',
        detail: { code: toAppError(err).code },
      });
    } catch {
      // The vault the entry would go into is the damaged one: nothing more to do here.
    }
  }

  private reload(db: Db): void {
    this.paired.clear();
    for (const dev of listDevices(db)) if (dev.revokedAt === null) this.paired.set(dev.fingerprint, dev.id);
    this.identity = readIdentity(db);
  }

  /** The vault closed: an open code goes with it (pairing writes the device into the vault). */
  vaultClosed(): void {
    this.code = null;
  }

  /** Remembered replies past their minutes go (the tick, with the vault open and no job). */
  tick(db: Db): void {
    forgetOldReplies(db, this.d.clock.now());
  }

  status(): LanStatus {
    const open = this.pairingOpen();
    return {
      enabled: this.identity?.enabled ?? false,
      listening: this.listening ? { ...this.listening } : null,
      fingerprint: this.identity ? shortFingerprint(this.identity.fingerprint) : null,
      codeOpenUntil: open ? this.code!.untilWall : null,
    };
  }

  /** The identity to serve with: the stored one, or a new one made now (saved by `enable`). */
  async identityToUse(): Promise<{ identity: StoredIdentity; isNew: boolean }> {
    this.sync();
    if (this.identity) return { identity: this.identity, isNew: false };
    const made = await newIdentity(`Brankas ${this.d.shopName()}`, new Date(this.d.clock.now()));
    return { identity: { ...made, enabled: false }, isNew: true };
  }

  /**
   * Turns the server on with `identity` (made by identityToUse) and writes the choice; `save` is
   * the write, run by the caller as its call's last step (with its audit entry).
   */
  async enable(
    identity: StoredIdentity,
    isNew: boolean,
    save: (write: () => LanStatus) => LanStatus,
  ): Promise<LanStatus> {
    if (!this.d.host) throw new AppError('CONFLICT', { reason: 'lan_unavailable' });
    const wasListening = this.listening;
    if (!wasListening)
      this.listening = await this.d.host.start({ key: identity.key, cert: identity.cert }, this);
    try {
      return save(() => {
        const db = this.d.vault.requireDb();
        if (isNew) saveIdentity(db, identity, this.d.clock.now());
        setEnabled(db, true);
        this.identity = { ...identity, enabled: true };
        return this.status();
      });
    } catch (err) {
      if (!wasListening) await this.stopHost();
      throw err;
    }
  }

  /** Off: every remote session ends, every device is cut off, the server stops. */
  async disable(save: (write: () => LanStatus) => LanStatus): Promise<LanStatus> {
    this.code = null;
    this.endRemoteSessions();
    await this.stopHost();
    return save(() => {
      if (this.identity) setEnabled(this.d.vault.requireDb(), false);
      if (this.identity) this.identity = { ...this.identity, enabled: false };
      return this.status();
    });
  }

  /** A new one-time code (the previous one, if any, is void). */
  newCode(): LanCode {
    if (!this.identity?.enabled || !this.listening) throw new AppError('CONFLICT', { reason: 'lan_off' });
    const code = newPairingCode();
    this.code = {
      code,
      until: this.d.clock.monotonic() + PAIRING_CODE_TTL_MS,
      untilWall: this.d.clock.now() + PAIRING_CODE_TTL_MS,
      failures: 0,
      used: false,
    };
    return {
      code: formatPairingCode(code),
      expiresAt: this.code.untilWall,
      addresses: [...this.listening.addresses],
      port: this.listening.port,
    };
  }

  devices(): LanDevice[] {
    return listDevices(this.d.vault.requireDb()).map(publicDevice);
  }

  /** Revoked: its sessions end and its connections are cut at once, mid-session too. */
  revoke(deviceId: string): LanDevice {
    const db = this.d.vault.requireDb();
    const row = getDevice(db, deviceId);
    if (!row) throw new AppError('NOT_FOUND');
    revokeDevice(db, deviceId, this.d.clock.now());
    this.paired.delete(row.fingerprint);
    this.endSessionsOf(deviceId);
    this.d.host?.cutOff(deviceId);
    return publicDevice(getDevice(db, deviceId)!);
  }

  /** The breach flow's containment: every device is unpaired (each must pair again). */
  unpairAll(): number {
    const ids = revokeAll(this.d.vault.requireDb(), this.d.clock.now());
    this.paired.clear();
    this.code = null;
    this.endRemoteSessions();
    for (const id of ids) this.d.host?.cutOff(id);
    return ids.length;
  }

  /**
   * Before a restore or a key rotation: every remote session ends and every paired laptop is cut
   * off (it reconnects, and its cashier logs in again, once the primary is done).
   */
  endRemoteSessions(): number {
    this.dropFiles(() => true);
    let ended = 0;
    for (const [key, w] of [...this.remoteWindows]) {
      if (this.d.sessions.get(key)) {
        asRemote(w.deviceId, () => this.d.lifecycle.lock(key, 'manual'));
        ended++;
      }
      this.remoteWindows.delete(key);
    }
    for (const id of new Set(this.paired.values())) this.d.host?.cutOff(id);
    return ended;
  }

  /**
   * After a restore: the restored vault paired nothing and has no identity (see
   * forgetPairingOnRestore); the server stops until the owner turns it on again.
   */
  async restored(): Promise<void> {
    this.code = null;
    this.endRemoteSessions();
    await this.stopHost();
    this.loadedFrom = null;
    this.paired.clear();
    this.identity = null;
    this.sync();
  }

  /** The app quits. */
  async stop(): Promise<void> {
    this.code = null;
    this.dropFiles(() => true);
    await this.stopHost();
  }

  private endSessionsOf(deviceId: string): void {
    this.dropFiles((f) => f.deviceId === deviceId);
    for (const [key, w] of [...this.remoteWindows]) {
      if (w.deviceId !== deviceId) continue;
      if (this.d.sessions.get(key)) asRemote(deviceId, () => this.d.lifecycle.lock(key, 'manual'));
      this.remoteWindows.delete(key);
    }
  }

  private async startHost(): Promise<void> {
    if (!this.d.host || !this.identity || this.listening) return;
    this.starting ??= this.d.host
      .start({ key: this.identity.key, cert: this.identity.cert }, this)
      .then((l) => void (this.listening = l))
      .finally(() => (this.starting = null));
    await this.starting;
  }

  private async stopHost(): Promise<void> {
    if (this.starting) await this.starting.catch(() => undefined);
    if (!this.listening || !this.d.host) return;
    this.listening = null;
    await this.d.host.stop();
  }
}

/** The router's answer as it crosses the link (the same shape). */
function reply(r: Result<unknown>): Reply {
  return r.ok ? r : { ok: false, error: { ...r.error } };
}

function publicDevice(d: DeviceRow): LanDevice {
  return { id: d.id, name: d.name, pairedAt: d.pairedAt, lastSeenAt: d.lastSeenAt, revokedAt: d.revokedAt };
}

/** "ab12 cd34 ef56 7890": enough for the owner to compare with what the paired laptop shows. */
function shortFingerprint(fp: string): string {
  return fp.slice(0, 16).replace(/(.{4})(?=.)/g, '$1 ');
}
