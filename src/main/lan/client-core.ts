import { randomUUID } from 'node:crypto';
import { contract, isChannel } from '../../shared/contract';
import type { AppStatus, LanClientProblem, LanConnectionState, LockReason } from '../../shared/domain';
import { EVENT_NAMES } from '../../shared/channels';
import { ERROR_CODES, type ErrorCode, type ErrorDetails, type Result } from '../../shared/errors';
import type { Language } from '../../shared/language';
import { errorMessage } from '../../shared/messages';
import { mkdirDurable } from '../lib/durable-fs';
import {
  systemClock,
  type Clock,
  type Dialogs,
  type Handoff,
  type KeyStore,
  type Printer,
} from '../ports/ports';
import type { EventSink } from '../services/session-lifecycle';
import type { EdgeCore } from '../core/edge-core';
import { newIdentity } from './identity';
import { normalizePairingCode } from './pairing-proof';
import { PairingStore, type Pairing } from './pairing-store';
import {
  LAN_FILE_EVENT,
  LAN_FILE_LIMITS,
  LAN_HANDOFF_EVENT,
  type LanFile,
  type LanFileNotice,
  type LanHandoff,
  type Reply,
} from './protocol';
import { DEFAULT_LAN_PORT, linkFailure, type LinkFactory, type RemoteLink } from './remote-link';

export interface ClientCoreOptions {
  /** Holds the pairing file and nothing else. */
  dataDir: string;
  /** Seals the pairing (the OS keystore in the app). */
  keyStore: KeyStore;
  links: LinkFactory;
  clock?: Clock;
  /** The language chosen on the setup screen before pairing (kept with the pairing after). */
  language?: Language;
  /** This laptop's WhatsApp and clipboard: a receipt sent from here opens here. */
  handoff?: Handoff;
  /**
   * This laptop's save dialog and PDF printer, for the window a call came from: an export or a
   * print asked for here opens here, and the file goes only where this laptop's user chooses.
   */
  dialogs?: (windowId: string) => Pick<Dialogs, 'saveFile'>;
  printer?: (windowId: string) => Printer;
}

/**
 * A call that opens a dialog here waits for this laptop's user: as long as the primary waits for
 * the answer, and a little more, so the primary's own clear error arrives first.
 */
const FILE_CALL_TIMEOUT_MS = LAN_FILE_LIMITS.timeoutMs + 30_000;
/** A suggested file name is a name, never a path: the dialog starts in the user's own folder. */
const FILE_NAME = /^[^\\/:*?"<>|\p{Cc}]{1,200}$/u;

const CODES: ReadonlySet<string> = new Set(ERROR_CODES);
/** Shorter than the primary's memory of a write's reply (REMEMBER_MS, 15 minutes). */
const UNANSWERED_MS = 10 * 60_000;
const UNANSWERED_PER_WINDOW = 16;

const writes = (channel: unknown) => isChannel(channel) && contract[channel].writes;

/** One call told from another: its channel and its input as they would cross the wire. */
function sameCall(channel: unknown, input: unknown): string {
  return JSON.stringify([channel, input]) ?? '';
}
const EVENTS: ReadonlySet<string> = new Set(EVENT_NAMES);

/**
 * The paired laptop's Core. It owns no vault and decides nothing: every contract call goes to the
 * primary as it came (the primary's router validates, authorizes, audits and counts wrong PINs),
 * and the primary's events come back to the window they are for. It answers only what is this
 * laptop's own: its status on the lock screen, the UI language, and pairing and unpairing. On its
 * disk there is one file, the sealed pairing; replies and events live in memory only.
 */
export class ClientCore implements EdgeCore {
  private readonly store: PairingStore;
  private readonly clock: Clock;
  private pairing: Pairing | null = null;
  private problem: LanClientProblem | null;
  private link: RemoteLink | null = null;
  private unsubscribeState: (() => void) | null = null;
  private connected = false;
  private language: Language;
  private sink: EventSink = () => undefined;
  /** Windows that have called, with their event subscription on the link (none while unpaired). */
  private readonly windows = new Map<string, (() => void) | null>();
  /** Each window's last status from the primary: a short outage does not look like a logout. */
  private readonly lastStatus = new Map<string, AppStatus>();
  private pairingNow = false;
  /**
   * Calls the primary may or may not have applied (the link failed before its answer came), by
   * window: the same call made again from that window (the cashier presses Save once more on the
   * form that kept what was typed) goes under the same request id, so the primary applies it once.
   * In memory only; an answer, or the primary's own forgetting, ends each.
   */
  private readonly unanswered = new Map<string, Map<string, { requestId: string; at: number }>>();

  /** Nothing is written here; refusals of untrusted frames are the primary's to audit, not this laptop's. */
  readonly router = { refused: (_windowId: string, _code: 'UNTRUSTED_FRAME') => undefined };

  constructor(private readonly options: ClientCoreOptions) {
    this.clock = options.clock ?? systemClock;
    mkdirDurable(options.dataDir);
    this.store = new PairingStore(options.dataDir, options.keyStore);
    this.language = options.language ?? 'id';
    const loaded = this.store.load();
    if (loaded.state === 'paired') {
      this.problem = null;
      this.pairing = loaded.pairing;
      this.language = loaded.pairing.language;
      this.connect(loaded.pairing);
    } else {
      this.problem = loaded.state;
    }
  }

  /** Whether this laptop is paired (a usable pairing file was read or written). */
  isPaired(): boolean {
    return this.pairing !== null;
  }

  /** Why it is not paired, or null: what the lock screen says (AppStatus.lan.problem). */
  pairingProblem(): LanClientProblem | null {
    return this.problem;
  }

  async dispatch(windowId: string, channel: unknown, input: unknown): Promise<Result<unknown>> {
    this.see(windowId);
    switch (channel) {
      case 'app:status':
        return this.status(windowId);
      case 'app:setLanguage':
        return this.setLanguage(input);
      case 'setup:connect':
        return this.pair(input);
      case 'lan:forget':
        return this.forget(windowId, input);
      default:
        return this.forward(windowId, channel, input);
    }
  }

  refuse(code: ErrorCode, details?: ErrorDetails): Result<never> {
    return {
      ok: false,
      error: {
        code,
        message: errorMessage(code, this.language, details),
        ...(details ? { details } : {}),
      },
    };
  }

  setEventSink(sink: EventSink): void {
    this.sink = sink;
  }

  /** A window closed or locked here: its session on the primary ends. */
  lock(windowId: string, _reason: LockReason): void {
    if (this.link) void this.forward(windowId, 'auth:lock', {});
  }

  lockAll(reason: LockReason): void {
    for (const windowId of this.windows.keys()) this.lock(windowId, reason);
  }

  /** Idle locks and the time checks are the primary's (its clock and its sessions). */
  clockResumed(): void {}

  tick(): void {}

  /** Backups run on the primary only. */
  async beforeQuit(): Promise<void> {}

  dispose(): void {
    this.lockAll('manual');
    this.disconnect();
    this.unanswered.clear();
  }

  // ---- what this laptop answers itself ----

  private async status(windowId: string): Promise<Result<unknown>> {
    if (this.link) {
      const r = await this.forward(windowId, 'app:status', {});
      if (r.ok) {
        const status = { ...(r.value as AppStatus), language: this.language };
        this.lastStatus.set(windowId, status);
        return { ok: true, value: { ...status, lan: this.lanStatus() } };
      }
    }
    return { ok: true, value: this.localStatus(windowId) };
  }

  /** The lock screen's status when the primary cannot answer it (not paired, or not connected). */
  private localStatus(windowId: string): AppStatus {
    const last = this.pairing ? this.lastStatus.get(windowId) : undefined;
    if (last) return { ...last, language: this.language, lan: this.lanStatus() };
    return {
      setupDone: this.pairing !== null,
      shopName: null,
      language: this.language,
      user: null,
      recoveryPending: false,
      recoveryIncident: null,
      keystoreBackend: this.options.keyStore.backend(),
      keystoreProtected: this.options.keyStore.isProtected(),
      usageAlerts: 0,
      restoreOutcome: null,
      restoreLeftovers: null,
      backupDue: false,
      backupError: null,
      requestsDue: null,
      openIncident: null,
      briefingDue: false,
      briefingGate: false,
      lan: this.lanStatus(),
    };
  }

  private lanStatus(): NonNullable<AppStatus['lan']> {
    return {
      connected: this.link !== null && this.connected,
      problem: this.problem,
      deviceName: this.pairing?.name ?? null,
    };
  }

  private setLanguage(input: unknown): Result<unknown> {
    const parsed = contract['app:setLanguage'].input.safeParse(input ?? {});
    if (!parsed.success) return this.refuse('VALIDATION', { fields: ['language'] });
    this.language = parsed.data.language;
    if (this.pairing) {
      const next = { ...this.pairing, language: parsed.data.language };
      try {
        this.store.save(next);
        this.pairing = next;
      } catch {
        // The language is kept for this run; the file keeps the one it had.
      }
    }
    return { ok: true, value: null };
  }

  /**
   * Pairs this laptop with the primary: a new identity (key and certificate), the link's pairing
   * with the one-time code (both fingerprints bound by the proofs), then the sealed pairing file.
   */
  private async pair(input: unknown): Promise<Result<unknown>> {
    const parsed = contract['setup:connect'].input.safeParse(input ?? {});
    if (!parsed.success)
      return this.refuse('VALIDATION', {
        fields: [...new Set(parsed.error.issues.map((i) => i.path.map(String).join('.') || '(input)'))],
      });
    const code = normalizePairingCode(parsed.data.code);
    if (!code)
      return this.refuse('VALIDATION', { fields: ['code'], issues: [{ field: 'code', reason: 'invalid' }] });
    if (this.pairing) return this.refuse('CONFLICT', { reason: 'already_paired' });
    if (this.pairingNow) return this.refuse('BUSY');
    this.pairingNow = true;
    try {
      const identity = await newIdentity(parsed.data.name, new Date(this.clock.now()));
      const host = parsed.data.address;
      const port = parsed.data.port ?? DEFAULT_LAN_PORT;
      let paired: { deviceId: string; serverFingerprint: string };
      try {
        paired = await this.options.links.pair({ host, port, code, name: parsed.data.name, identity });
      } catch (err) {
        const kind = linkFailure(err);
        if (kind === 'refused') return this.refuse('FORBIDDEN', { reason: 'pairing_refused' });
        if (kind === 'offline' || kind === 'timeout')
          return this.refuse('PRIMARY_OFFLINE', { reason: 'not_reached' });
        return this.refuse('INTERNAL');
      }
      const pairing: Pairing = {
        identity,
        primary: { host, port, fingerprint: paired.serverFingerprint },
        deviceId: paired.deviceId,
        name: parsed.data.name,
        language: this.language,
      };
      try {
        this.store.save(pairing);
      } catch {
        // Not stored, not paired: the owner revokes the device the primary recorded and tries again.
        return this.refuse('IO_ERROR');
      }
      this.pairing = pairing;
      this.problem = null;
      this.connect(pairing);
      return { ok: true, value: { deviceId: paired.deviceId } };
    } finally {
      this.pairingNow = false;
    }
  }

  /**
   * Unpairs this laptop. Who may is the primary's to say (the owner, logged in on this window):
   * while it cannot be asked, the pairing stays. A pairing that cannot be read holds nothing to
   * protect, and goes at once.
   */
  private async forget(windowId: string, input: unknown): Promise<Result<unknown>> {
    if (!contract['lan:forget'].input.safeParse(input ?? {}).success) return this.refuse('VALIDATION');
    if (this.pairing && !this.revoked()) {
      const who = await this.forward(windowId, 'app:status', {});
      // Refused by the primary just now: the owner revoked this laptop, nobody is left to ask.
      if (!who.ok && !this.revoked()) return who;
      if (who.ok) {
        const user = (who.value as AppStatus).user;
        if (!user) return this.refuse('LOCKED');
        if (user.role !== 'owner') return this.refuse('FORBIDDEN');
        await this.forward(windowId, 'auth:lock', {});
      }
    }
    try {
      this.store.forget();
    } catch {
      return this.refuse('IO_ERROR');
    }
    this.disconnect();
    this.pairing = null;
    this.problem = 'not_paired';
    this.lastStatus.clear();
    this.unanswered.clear();
    return { ok: true, value: null };
  }

  private revoked(): boolean {
    return this.problem === 'revoked';
  }

  // ---- forwarding ----

  private async forward(windowId: string, channel: unknown, input: unknown): Promise<Result<unknown>> {
    const link = this.link;
    if (!link) {
      if (this.problem === 'keystore_unavailable') return this.refuse('KEYSTORE_UNAVAILABLE');
      return this.refuse('NOT_SETUP', { reason: this.problem ?? 'not_paired' });
    }
    const same = sameCall(channel, input);
    const requestId = this.unansweredId(windowId, same) ?? randomUUID();
    let reply: Reply;
    try {
      const handsFile = isChannel(channel) && (contract[channel] as { handsFile?: true }).handsFile;
      reply = await link.call(windowId, channel, input, {
        requestId,
        ...(handsFile ? { timeoutMs: FILE_CALL_TIMEOUT_MS } : {}),
      });
    } catch (err) {
      const kind = linkFailure(err);
      if (kind === 'offline' || kind === 'timeout') {
        this.setConnected('disconnected');
        if (!writes(channel)) return this.refuse('PRIMARY_OFFLINE');
        this.remember(windowId, same, requestId);
        return this.refuse('PRIMARY_OFFLINE', { reason: 'unsure' });
      }
      if (kind === 'refused') {
        // Revoked by the owner: the pairing is dead, and this laptop may forget it without asking.
        this.problem = 'revoked';
        this.setConnected('disconnected');
        return this.refuse('PRIMARY_OFFLINE', { reason: 'refused' });
      }
      return this.refuse('INTERNAL');
    }
    this.unanswered.get(windowId)?.delete(same);
    this.setConnected('connected');
    if (this.problem === 'revoked') this.problem = null;
    if (reply.ok) return { ok: true, value: reply.value };
    return this.fromPrimary(reply.error);
  }

  private unansweredId(windowId: string, same: string): string | undefined {
    const calls = this.unanswered.get(windowId);
    const u = calls?.get(same);
    if (!u) return undefined;
    // Past the primary's memory of it, the id would name nothing: the call is a new one.
    if (this.clock.now() - u.at > UNANSWERED_MS) {
      calls!.delete(same);
      return undefined;
    }
    return u.requestId;
  }

  private remember(windowId: string, same: string, requestId: string): void {
    const calls = this.unanswered.get(windowId) ?? new Map<string, { requestId: string; at: number }>();
    // Kept from the first try: the primary remembers from when it applied the call.
    const at = calls.get(same)?.at ?? this.clock.now();
    calls.delete(same);
    calls.set(same, { requestId, at });
    // A handful per window: the oldest goes first.
    while (calls.size > UNANSWERED_PER_WINDOW) calls.delete(calls.keys().next().value!);
    this.unanswered.set(windowId, calls);
  }

  /** The primary's refusal, said again in this laptop's language (codes and details are data). */
  private fromPrimary(error: { code: string; [k: string]: unknown }): Result<never> {
    if (!CODES.has(error.code)) return this.refuse('INTERNAL');
    const details =
      error.details && typeof error.details === 'object' ? (error.details as ErrorDetails) : undefined;
    return this.refuse(error.code as ErrorCode, details);
  }

  // ---- the link ----

  private connect(pairing: Pairing): void {
    const link = this.options.links.connect({
      identity: pairing.identity,
      primary: pairing.primary,
      deviceId: pairing.deviceId,
    });
    this.link = link;
    this.unsubscribeState = link.onState((state) => this.setConnected(state));
    for (const windowId of this.windows.keys()) this.windows.set(windowId, this.listen(link, windowId));
  }

  private disconnect(): void {
    for (const [windowId, off] of this.windows) {
      off?.();
      this.windows.set(windowId, null);
    }
    this.unsubscribeState?.();
    this.unsubscribeState = null;
    const link = this.link;
    this.link = null;
    link?.close();
    this.setConnected('disconnected');
  }

  /** A window seen for the first time gets the primary's events for it (and the link's state). */
  private see(windowId: string): void {
    if (this.windows.has(windowId)) return;
    this.windows.set(windowId, this.link ? this.listen(this.link, windowId) : null);
  }

  private listen(link: RemoteLink, windowId: string): () => void {
    return link.events(windowId, (event, payload) => {
      if (event === LAN_HANDOFF_EVENT) return this.handOff(payload);
      if (event === LAN_FILE_EVENT) return void this.takeFile(link, windowId, payload);
      // Only the contract's events reach a window; a primary's unknown one is dropped.
      if (EVENTS.has(event)) this.sink(windowId, event as never, payload as never);
    });
  }

  /**
   * A WhatsApp link or a text the primary built for one of this laptop's windows: opened or copied
   * here, never shown to the window. Only a wa.me link is opened (the primary is trusted, but a
   * link to anywhere else has no business reaching this laptop's browser).
   */
  private handOff(payload: unknown): void {
    const h = payload as Partial<LanHandoff> | null;
    if (!this.options.handoff || typeof h?.text !== 'string') return;
    if (h.mode === 'copy') this.options.handoff.copyText(h.text);
    else if (h.mode === 'open' && h.text.startsWith('https://wa.me/')) {
      void this.options.handoff.openWhatsApp(h.text).catch(() => undefined);
    }
  }

  /**
   * A file to save or a page to print the primary holds for one of this laptop's windows: taken
   * over the link, handed to this laptop's own dialog or printer for that window, and the user's
   * answer sent back (the primary records the export only if it was saved). Nothing is written
   * here except by the dialog, where the user chose; the file lives in memory until then.
   */
  private async takeFile(link: RemoteLink, windowId: string, payload: unknown): Promise<void> {
    const fileId = (payload as Partial<LanFileNotice> | null)?.fileId;
    if (typeof fileId !== 'string' || !this.windows.has(windowId)) return;
    let answer: { saved: boolean; failed?: boolean } = { saved: false, failed: true };
    try {
      const file = (await link.fileStep({ fileId, step: 'take' })) as Partial<LanFile> | null;
      answer = await this.openFile(windowId, file);
    } catch {
      // Not taken, or the dialog failed: the primary hears "not saved" and says so.
    }
    // Only the link that brought it answers: a laptop unpaired meanwhile has nobody to tell.
    if (this.link === link) await link.fileStep({ fileId, step: 'answer', ...answer }).catch(() => undefined);
  }

  private async openFile(
    windowId: string,
    file: Partial<LanFile> | null,
  ): Promise<{ saved: boolean; failed?: boolean }> {
    if (!file || file.windowId !== windowId || typeof file.name !== 'string' || !FILE_NAME.test(file.name))
      return { saved: false, failed: true };
    if (file.kind === 'save' && typeof file.base64 === 'string' && this.options.dialogs) {
      const { saved } = await this.options
        .dialogs(windowId)
        .saveFile(file.name, Buffer.from(file.base64, 'base64'));
      return { saved };
    }
    if (file.kind === 'print' && typeof file.html === 'string' && this.options.printer) {
      const { saved } = await this.options.printer(windowId).printToPdf(file.html, file.name);
      return { saved };
    }
    return { saved: false, failed: true };
  }

  /** Every window hears when the primary goes away or comes back (once per change). */
  private setConnected(state: LanConnectionState): void {
    const connected = state === 'connected';
    if (connected === this.connected) return;
    this.connected = connected;
    for (const windowId of this.windows.keys()) this.sink(windowId, 'lan:connection', { state });
  }
}
