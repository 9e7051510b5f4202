import { randomUUID } from 'node:crypto';
import * as http2 from 'node:http2';
import { fingerprintOfPem } from './identity';
import { fingerprintOf, normalizePairingCode, pairingKey, pairingProof, proofMatches } from './pairing-proof';
import type { LanFileStep, Reply } from './protocol';
import { isLabel, ROUTES, TLS_VERSION, type EventLine, type TlsSocket } from './wire';

/**
 * Why a call over the link failed, for the client's Core to say plainly to the cashier:
 *  - offline: the primary cannot be reached (off, asleep, network down);
 *  - refused: the primary (or something pretending to be it) would not talk to this laptop:
 *    not paired or revoked, a certificate that is not the pinned one, a wrong pairing code;
 *  - timeout: no answer in time (a retried write is still applied once: it carries its id);
 *  - protocol: an answer the link does not understand, or a request it would not take.
 */
export type LinkErrorKind = 'offline' | 'refused' | 'timeout' | 'protocol';

export class LinkError extends Error {
  constructor(
    readonly kind: LinkErrorKind,
    /** A short code for the detail (a pairing refusal's reason, 'pin_mismatch', an HTTP status). */
    readonly reason?: string,
  ) {
    super(`LAN link ${kind}${reason ? ` (${reason})` : ''}`);
    this.name = 'LinkError';
  }
}

export type LinkState = 'connected' | 'disconnected';

export interface EventsListener {
  event(event: string, payload: unknown): void;
  /** The event stream's connection changed; `error` says why it is down. */
  state?(state: LinkState, error?: LinkError): void;
}

export interface ClientTiming {
  connectTimeoutMs: number;
  callTimeoutMs: number;
  /** Tries of one call in all (the first and its retries), each with the same requestId. */
  tries: number;
  retryBaseMs: number;
  reconnectBaseMs: number;
  reconnectMaxMs: number;
}

export const DEFAULT_TIMING: ClientTiming = {
  connectTimeoutMs: 5_000,
  callTimeoutMs: 15_000,
  tries: 4,
  retryBaseMs: 250,
  reconnectBaseMs: 500,
  reconnectMaxMs: 15_000,
};

/** An answer larger than this is not one the primary sends: the link stops reading it. */
const MAX_REPLY_BYTES = 32 * 1024 * 1024;
/** One event line; events are small (a change notice, a job's progress). */
const MAX_EVENT_LINE = 1024 * 1024;

export interface LanIdentityPem {
  key: string;
  cert: string;
}

export interface LanClientOptions {
  host: string;
  port: number;
  identity: LanIdentityPem;
  /** The primary's fingerprint pinned at pairing: any other certificate is refused. */
  serverFingerprint: string;
  timing?: Partial<ClientTiming>;
}

interface Target {
  host: string;
  port: number;
  identity: LanIdentityPem;
  /** Null only while pairing, when nothing is pinned yet. */
  pin: string | null;
  connectTimeoutMs: number;
}

interface Subscription {
  stopped: boolean;
  stream?: http2.ClientHttp2Stream;
  wake?: () => void;
  state?: LinkState;
}

const { NGHTTP2_CANCEL } = http2.constants;

export class LanClient {
  private readonly timing: ClientTiming;
  private current: Promise<http2.ClientHttp2Session> | undefined;
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  constructor(private readonly options: LanClientOptions) {
    this.timing = { ...DEFAULT_TIMING, ...options.timing };
  }

  /**
   * Pairs this laptop with a primary. Nothing is pinned yet, so any certificate is accepted for
   * this one connection; the proofs then bind the code to the two certificates each side actually
   * saw, so a machine in the middle makes them differ and pairing fails on both sides. Only a
   * matching server proof returns the fingerprint to pin.
   */
  static async pair(args: {
    host: string;
    port: number;
    code: string;
    name: string;
    identity: LanIdentityPem;
    timing?: Partial<ClientTiming>;
  }): Promise<{ deviceId: string; serverFingerprint: string }> {
    const timing = { ...DEFAULT_TIMING, ...args.timing };
    const code = normalizePairingCode(args.code);
    if (!code) throw new LinkError('refused', 'wrong');
    const clientFingerprint = fingerprintOfPem(args.identity.cert);
    const { session, serverFingerprint } = await connect({
      host: args.host,
      port: args.port,
      identity: args.identity,
      pin: null,
      connectTimeoutMs: timing.connectTimeoutMs,
    });
    try {
      const key = await pairingKey(code, serverFingerprint, clientFingerprint);
      const proof = pairingProof(key, 'client', serverFingerprint, clientFingerprint);
      const res = await request(
        session,
        'POST',
        ROUTES.pair,
        JSON.stringify({ name: args.name, proof }),
        timing.callTimeoutMs,
      );
      const body = (res.json ?? {}) as { deviceId?: unknown; serverProof?: unknown; reason?: unknown };
      if (res.status === 403)
        throw new LinkError('refused', typeof body.reason === 'string' ? body.reason : undefined);
      if (res.status !== 200 || typeof body.deviceId !== 'string' || body.deviceId === '') {
        throw new LinkError('protocol', String(res.status));
      }
      const expected = pairingProof(key, 'server', serverFingerprint, clientFingerprint);
      if (!proofMatches(expected, body.serverProof)) throw new LinkError('refused', 'server_proof');
      return { deviceId: body.deviceId, serverFingerprint };
    } finally {
      session.destroy();
    }
  }

  /**
   * One contract call; retried on a lost connection or a timeout, always under the same requestId
   * (a new one unless the caller repeats an earlier call's, see ClientCore). `timeoutMs`: a call
   * that waits for a person (a save dialog here) gets longer than the default.
   */
  async call(
    windowId: string,
    channel: unknown,
    input: unknown,
    options: { timeoutMs?: number; requestId?: string } = {},
  ): Promise<Reply> {
    const requestId = options.requestId ?? randomUUID();
    if (!isLabel(windowId)) throw new LinkError('protocol', 'window');
    const body = JSON.stringify({ windowId, requestId, channel, input });
    return this.post(ROUTES.call, body, options.timeoutMs ?? this.timing.callTimeoutMs, replyOf);
  }

  /**
   * Main-to-main: takes a file the primary holds for one of this laptop's windows, or answers
   * what its user did with it. The answer is the primary's JSON; a file it no longer holds (timed
   * out, another device's) is refused like any unknown thing (protocol 404).
   */
  async fileStep(step: LanFileStep): Promise<unknown> {
    if (!isLabel(step.fileId)) throw new LinkError('protocol', 'file');
    return this.post(ROUTES.file, JSON.stringify(step), this.timing.callTimeoutMs, (res) => {
      if (res.status !== 200) throw statusError(res.status, res.json);
      return res.json;
    });
  }

  private async post<T>(
    path: string,
    body: string,
    timeoutMs: number,
    read: (res: Response) => T,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      if (this.closed) throw new LinkError('offline', 'closed');
      let session: http2.ClientHttp2Session | undefined;
      try {
        session = await this.session();
        const res = await request(session, 'POST', path, body, timeoutMs);
        return read(res);
      } catch (error) {
        const failure = asLinkError(error);
        const retriable = failure.kind === 'offline' || failure.kind === 'timeout';
        if (!retriable || attempt >= this.timing.tries || this.closed) throw failure;
        // A timed out connection may be dead without anyone saying so: the retry opens a new one.
        if (failure.kind === 'timeout' && session) this.drop(session);
        await sleep(this.timing.retryBaseMs * 2 ** (attempt - 1));
      }
    }
  }

  /** Follows a window's events until the returned function is called, reconnecting by itself. */
  events(windowId: string, listener: EventsListener): () => void {
    if (!isLabel(windowId)) throw new LinkError('protocol', 'window');
    const sub: Subscription = { stopped: false };
    this.subscriptions.add(sub);
    void this.follow(windowId, listener, sub);
    return () => this.unsubscribe(sub);
  }

  close(): void {
    this.closed = true;
    for (const sub of [...this.subscriptions]) this.unsubscribe(sub);
    const current = this.current;
    this.current = undefined;
    void current?.then((s) => s.destroy()).catch(() => undefined);
  }

  private unsubscribe(sub: Subscription): void {
    sub.stopped = true;
    this.subscriptions.delete(sub);
    sub.stream?.close(NGHTTP2_CANCEL);
    sub.wake?.();
  }

  private async follow(windowId: string, listener: EventsListener, sub: Subscription): Promise<void> {
    let failures = 0;
    const setState = (state: LinkState, error?: LinkError): void => {
      if (sub.stopped || sub.state === state) return;
      sub.state = state;
      try {
        listener.state?.(state, error);
      } catch {
        // A listener's own failure does not stop the link.
      }
    };
    while (!sub.stopped && !this.closed) {
      let failure: LinkError;
      try {
        const session = await this.session();
        failure = await this.stream(session, windowId, listener, sub, () => {
          failures = 0;
          setState('connected');
        });
      } catch (error) {
        failure = asLinkError(error);
      }
      if (sub.stopped || this.closed) return;
      setState('disconnected', failure);
      const delay = Math.min(this.timing.reconnectMaxMs, this.timing.reconnectBaseMs * 2 ** failures);
      failures++;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay * (0.75 + Math.random() / 2));
        sub.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      sub.wake = undefined;
    }
  }

  /** One event stream, until it ends; resolves to why it ended. */
  private stream(
    session: http2.ClientHttp2Session,
    windowId: string,
    listener: EventsListener,
    sub: Subscription,
    onOpen: () => void,
  ): Promise<LinkError> {
    return new Promise<LinkError>((resolve) => {
      let stream: http2.ClientHttp2Stream;
      try {
        stream = session.request(
          { ':method': 'GET', ':path': `${ROUTES.events}?window=${encodeURIComponent(windowId)}` },
          { endStream: true },
        );
      } catch {
        this.drop(session);
        resolve(new LinkError('offline'));
        return;
      }
      sub.stream = stream;
      let ended = false;
      let buffered = '';
      // Until the hello line says how often the primary beats, allow the connect timeout.
      let silenceMs = this.timing.connectTimeoutMs;
      let watchdog: NodeJS.Timeout | undefined;
      const finish = (error: LinkError): void => {
        if (ended) return;
        ended = true;
        clearTimeout(watchdog);
        sub.stream = undefined;
        if (!stream.closed) stream.close(NGHTTP2_CANCEL);
        resolve(error);
      };
      const arm = (): void => {
        clearTimeout(watchdog);
        watchdog = setTimeout(() => {
          // Silence past a few heartbeats: the network is gone even if no one closed anything.
          this.drop(session);
          finish(new LinkError('timeout', 'heartbeat'));
        }, silenceMs);
      };
      arm();
      stream.on('response', (headers) => {
        const status = Number(headers[':status']);
        if (status === 200) onOpen();
        else finish(statusError(status));
      });
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        arm();
        buffered += chunk;
        let newline: number;
        while ((newline = buffered.indexOf('\n')) >= 0) {
          const text = buffered.slice(0, newline);
          buffered = buffered.slice(newline + 1);
          let line: EventLine;
          try {
            line = JSON.parse(text) as EventLine;
          } catch {
            finish(new LinkError('protocol', 'event'));
            return;
          }
          if (line.type === 'hello' && typeof line.heartbeatMs === 'number' && line.heartbeatMs > 0) {
            silenceMs = line.heartbeatMs * 3;
            arm();
          } else if (line.type === 'event' && typeof line.event === 'string') {
            try {
              listener.event(line.event, line.payload);
            } catch {
              // The listener's own failure is not the link's.
            }
          }
        }
        if (buffered.length > MAX_EVENT_LINE) finish(new LinkError('protocol', 'event'));
      });
      stream.on('error', () => finish(new LinkError('offline')));
      stream.on('close', () => finish(new LinkError('offline')));
    });
  }

  /** The one connection to the primary, opened on first use and again after it is lost. */
  private session(): Promise<http2.ClientHttp2Session> {
    if (this.current) return this.current;
    const opening = connect({
      host: this.options.host,
      port: this.options.port,
      identity: this.options.identity,
      pin: this.options.serverFingerprint,
      connectTimeoutMs: this.timing.connectTimeoutMs,
    }).then(({ session }) => {
      const forget = (): void => {
        if (this.current === opening) this.current = undefined;
      };
      session.once('close', forget);
      session.once('goaway', forget);
      if (this.closed) session.destroy();
      return session;
    });
    this.current = opening;
    opening.catch(() => {
      if (this.current === opening) this.current = undefined;
    });
    return opening;
  }

  private drop(session: http2.ClientHttp2Session): void {
    session.destroy();
    void this.current?.then((s) => {
      if (s === session) this.current = undefined;
    });
  }
}

/**
 * Opens a TLS 1.3 connection with this laptop's certificate and, once the server's certificate is
 * known, checks it against the pin before a single request is sent. The server drops a certificate
 * it does not know right after the handshake, before it says anything in HTTP/2: a connection that
 * closes between the handshake and the server's first SETTINGS frame was refused.
 */
function connect(target: Target): Promise<{ session: http2.ClientHttp2Session; serverFingerprint: string }> {
  return new Promise((resolve, reject) => {
    const host = target.host.includes(':') ? `[${target.host}]` : target.host;
    const session = http2.connect(`https://${host}:${target.port}`, {
      key: target.identity.key,
      cert: target.identity.cert,
      minVersion: TLS_VERSION,
      maxVersion: TLS_VERSION,
      // No authority signs a shop laptop's certificate: the fingerprint below is the check.
      rejectUnauthorized: false,
      settings: { enablePush: false },
    });
    let seen: string | null = null;
    let settled = false;
    const fail = (error: LinkError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      session.destroy();
      reject(error);
    };
    const timer = setTimeout(() => fail(new LinkError('timeout', 'connect')), target.connectTimeoutMs);
    session.on('error', (error: NodeJS.ErrnoException) => fail(errorOf(error, seen !== null)));
    session.once('connect', () => {
      const socket = session.socket as TlsSocket;
      const der = socket.getPeerCertificate()?.raw;
      if (!der || der.length === 0) return fail(new LinkError('refused', 'no_certificate'));
      seen = fingerprintOf(der);
      if (target.pin !== null && seen !== target.pin) fail(new LinkError('refused', 'pin_mismatch'));
    });
    session.once('remoteSettings', () => {
      if (settled) return;
      if (seen === null) return fail(new LinkError('protocol', 'settings'));
      settled = true;
      clearTimeout(timer);
      resolve({ session, serverFingerprint: seen });
    });
    session.once('close', () =>
      fail(seen !== null ? new LinkError('refused', 'handshake') : new LinkError('offline')),
    );
  });
}

function errorOf(error: NodeJS.ErrnoException, handshakeDone: boolean): LinkError {
  const code = error.code ?? '';
  if (handshakeDone) return new LinkError('refused', 'handshake');
  if (code.startsWith('ERR_SSL') || code === 'EPROTO' || code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new LinkError('refused', 'tls');
  }
  return new LinkError('offline', code || undefined);
}

interface Response {
  status: number;
  json: unknown;
}

function request(
  session: http2.ClientHttp2Session,
  method: 'POST' | 'GET',
  path: string,
  body: string,
  timeoutMs: number,
): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    let stream: http2.ClientHttp2Stream;
    try {
      stream = session.request({
        ':method': method,
        ':path': path,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      });
    } catch {
      reject(new LinkError('offline'));
      return;
    }
    let status = 0;
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (outcome: Response | LinkError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (outcome instanceof LinkError) {
        if (!stream.closed) stream.close(NGHTTP2_CANCEL);
        reject(outcome);
      } else resolve(outcome);
    };
    const timer = setTimeout(() => settle(new LinkError('timeout')), timeoutMs);
    stream.on('response', (headers) => (status = Number(headers[':status'])));
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REPLY_BYTES) settle(new LinkError('protocol', 'reply_size'));
      else chunks.push(chunk);
    });
    stream.on('end', () => {
      if (status === 0) return settle(new LinkError('offline'));
      let json: unknown = undefined;
      try {
        json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        if (status === 200) return settle(new LinkError('protocol', 'json'));
      }
      settle({ status, json });
    });
    stream.on('error', () => settle(new LinkError('offline')));
    stream.on('close', () => settle(new LinkError('offline')));
    stream.end(body);
  });
}

function replyOf(res: Response): Reply {
  if (res.status !== 200) throw statusError(res.status, res.json);
  const value = res.json as Reply | null;
  if (typeof value === 'object' && value !== null) {
    if (value.ok === true && 'value' in value) return value;
    if (
      value.ok === false &&
      typeof value.error?.code === 'string' &&
      typeof value.error.message === 'string'
    ) {
      return value;
    }
  }
  throw new LinkError('protocol', 'reply');
}

function statusError(status: number, json?: unknown): LinkError {
  const reason = (json as { reason?: unknown } | undefined)?.reason;
  if (status === 403) return new LinkError('refused', typeof reason === 'string' ? reason : undefined);
  if (status === 408) return new LinkError('timeout', '408');
  return new LinkError('protocol', String(status));
}

function asLinkError(error: unknown): LinkError {
  return error instanceof LinkError ? error : new LinkError('protocol', 'internal');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
