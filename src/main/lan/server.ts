import * as http2 from 'node:http2';
import { fingerprintOfPem } from './identity';
import { lanAddresses } from './interfaces';
import { fingerprintOf } from './pairing-proof';
import type { LanBackend, LanHost, RemoteEvent } from './protocol';
import { isLabel, ROUTES, TLS_VERSION, type EventLine, type TlsSocket } from './wire';

/** The primary's port on the shop's network; fixed so a paired laptop finds it again after a restart. */
export const LAN_PORT = 47321;

/**
 * Every bound the link keeps against a peer that misbehaves (a buggy or hostile laptop on the LAN).
 * The defaults are for a shop: a handful of laptops, a few windows each.
 */
export interface LanLimits {
  /** TCP connections open at once across all listeners, counted before any TLS work is done. */
  maxConnections: number;
  /** HTTP/2 streams open at once on one connection (advertised in SETTINGS, enforced by nghttp2). */
  maxStreamsPerSession: number;
  /**
   * The largest call body. The largest input in the contract is a list of 10,000 customer ids
   * (incidents), about 80 KB of JSON; file contents never cross the contract (imports are opened on
   * the primary). 256 KiB leaves three times that and keeps a peer's memory bounded.
   */
  maxBodyBytes: number;
  /** A pairing request is a name and a proof: a few hundred bytes. */
  maxPairBodyBytes: number;
  /** From TCP accept to a finished TLS handshake. */
  handshakeTimeoutMs: number;
  /** From a request's headers to the last byte of its body: a slow sender holds nothing longer. */
  bodyTimeoutMs: number;
  /** A connection with no frame at all for this long is closed (event streams send heartbeats). */
  idleTimeoutMs: number;
  /** How often an open event stream says it is alive, so both sides notice a dead network. */
  heartbeatMs: number;
  /** Event bytes queued for a window that does not read them; past it the stream is ended (it reconnects). */
  maxEventBacklogBytes: number;
}

export const DEFAULT_LIMITS: LanLimits = {
  maxConnections: 16,
  maxStreamsPerSession: 16,
  maxBodyBytes: 256 * 1024,
  maxPairBodyBytes: 4 * 1024,
  handshakeTimeoutMs: 10_000,
  bodyTimeoutMs: 15_000,
  idleTimeoutMs: 60_000,
  heartbeatMs: 15_000,
  maxEventBacklogBytes: 1024 * 1024,
};

export interface LanServerOptions {
  /** Addresses to listen on; by default the laptop's private IPv4 addresses (tests: 127.0.0.1). */
  interfaces?: string[];
  /** Default LAN_PORT; 0 picks a free port (tests). */
  port?: number;
  limits?: Partial<LanLimits>;
}

/** Who is at the other end of a connection, decided once from its TLS handshake. */
type Peer =
  { kind: 'device'; deviceId: string; fingerprint: string } | { kind: 'pairing'; fingerprint: string };

interface Connection {
  socket: TlsSocket;
  session?: http2.ServerHttp2Session;
  peer: Peer;
}

interface Window {
  deviceId: string;
  windowId: string;
  stream: http2.ServerHttp2Stream;
  heartbeat: NodeJS.Timeout;
  backend: LanBackend;
}

type Body = { ok: true; data: Buffer } | { ok: false; status: 408 | 413 } | { ok: false; status: 0 };

const { NGHTTP2_NO_ERROR, NGHTTP2_CANCEL } = http2.constants;

export class LanServer implements LanHost {
  private readonly limits: LanLimits;
  private servers: http2.Http2SecureServer[] = [];
  private running: { backend: LanBackend; serverFingerprint: string } | undefined;
  /** Raw TCP sockets, for the connection bound and to end them all at stop. */
  private readonly tcp = new Set<{ destroy(): void }>();
  private readonly connections = new Set<Connection>();
  private readonly sessionPeers = new WeakMap<http2.Http2Session, Peer>();
  /** The connection whose HTTP/2 session node:http2 is creating right now (it does so synchronously). */
  private admitting: Connection | undefined;
  private readonly windows = new Map<string, Window>();

  constructor(private readonly options: LanServerOptions = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
  }

  async start(
    identity: { key: string; cert: string },
    backend: LanBackend,
  ): Promise<{ addresses: string[]; port: number }> {
    if (this.running) throw new Error('The LAN server is already listening.');
    const addresses = this.options.interfaces ?? lanAddresses();
    if (addresses.length === 0) {
      throw Object.assign(new Error('No shop network interface to listen on.'), { code: 'NO_LAN_INTERFACE' });
    }
    for (const address of addresses) {
      if (address === '' || address === '0.0.0.0' || address === '::') {
        throw new Error('The LAN server listens on named addresses only, never on every interface.');
      }
    }
    this.running = { backend, serverFingerprint: fingerprintOfPem(identity.cert) };
    let port = this.options.port ?? LAN_PORT;
    try {
      for (const host of addresses) {
        const server = this.createServer(identity);
        this.servers.push(server);
        port = await new Promise<number>((resolve, reject) => {
          server.once('error', reject);
          server.listen({ host, port, exclusive: true }, () => {
            server.off('error', reject);
            resolve((server.address() as { port: number }).port);
          });
        });
      }
    } catch (error) {
      await this.stop();
      throw error;
    }
    return { addresses, port };
  }

  async stop(): Promise<void> {
    this.running = undefined;
    for (const window of [...this.windows.values()]) this.endWindow(window);
    for (const connection of this.connections) {
      connection.session?.destroy();
      connection.socket.destroy();
    }
    for (const socket of this.tcp) socket.destroy();
    const servers = this.servers;
    this.servers = [];
    await Promise.all(
      servers.map(
        (s) => new Promise<void>((resolve) => (s.listening ? s.close(() => resolve()) : resolve())),
      ),
    );
  }

  cutOff(deviceId: string): void {
    for (const window of [...this.windows.values()]) if (window.deviceId === deviceId) this.endWindow(window);
    for (const connection of this.connections) {
      if (connection.peer.kind === 'device' && connection.peer.deviceId === deviceId) {
        connection.session?.destroy();
        connection.socket.destroy();
      }
    }
  }

  emit(event: RemoteEvent): boolean {
    const window = this.windows.get(windowKey(event.deviceId, event.windowId));
    if (!window) return false;
    return this.writeLine(window, { type: 'event', event: event.event, payload: event.payload });
  }

  private createServer(identity: { key: string; cert: string }): http2.Http2SecureServer {
    const server = http2.createSecureServer({
      key: identity.key,
      cert: identity.cert,
      minVersion: TLS_VERSION,
      maxVersion: TLS_VERSION,
      // Ask for the laptop's certificate, and check it ourselves against the pinned fingerprints:
      // there is no authority to verify it against.
      requestCert: true,
      rejectUnauthorized: false,
      allowHTTP1: false,
      handshakeTimeout: this.limits.handshakeTimeoutMs,
      settings: {
        maxConcurrentStreams: this.limits.maxStreamsPerSession,
        maxHeaderListSize: 16 * 1024,
        enablePush: false,
      },
    });
    server.on('connection', (socket: { destroy(): void; once(e: 'close', l: () => void): void }) => {
      if (this.tcp.size >= this.limits.maxConnections || !this.running) {
        socket.destroy();
        return;
      }
      this.tcp.add(socket);
      socket.once('close', () => this.tcp.delete(socket));
    });
    // node:http2 turns every TLS connection into an HTTP/2 session in its own 'secureConnection'
    // listener. We take its place, so a certificate that is not paired (and not pairing) is dropped
    // before HTTP/2 reads or writes a single frame, and call it only for connections we admit.
    const sessionFromSocket = server.listeners('secureConnection');
    if (sessionFromSocket.length !== 1)
      throw new Error('node:http2 no longer takes connections as expected.');
    const toSession = sessionFromSocket[0] as (socket: TlsSocket) => void;
    server.removeAllListeners('secureConnection');
    server.on('secureConnection', (socket: TlsSocket) =>
      this.admit(socket, (s) => toSession.call(server, s)),
    );
    server.on('session', (session) => this.onSession(session));
    server.on('stream', (stream, headers) => this.onStream(stream, headers));
    // Failed handshakes (TLS 1.2, a timeout, garbage) end their socket in Node; nothing to add.
    server.on('tlsClientError', () => undefined);
    return server;
  }

  /** The handshake is done: the fingerprint the peer proved there decides what it may do. */
  private admit(socket: TlsSocket, toSession: (socket: TlsSocket) => void): void {
    const running = this.running;
    const peer = running ? this.peerOf(socket, running.backend) : null;
    if (!running || !peer || socket.alpnProtocol !== 'h2') {
      socket.destroy();
      return;
    }
    const connection: Connection = { socket, peer };
    this.connections.add(connection);
    socket.once('close', () => this.connections.delete(connection));
    this.admitting = connection;
    try {
      toSession(socket);
    } finally {
      this.admitting = undefined;
    }
    if (!connection.session) {
      socket.destroy();
      return;
    }
    if (peer.kind === 'device') running.backend.seen(peer.deviceId);
  }

  private peerOf(socket: TlsSocket, backend: LanBackend): Peer | null {
    const der = socket.getPeerCertificate()?.raw;
    if (!der || der.length === 0) return null;
    const fingerprint = fingerprintOf(der);
    try {
      const device = backend.deviceFor(fingerprint);
      if (device) return { kind: 'device', deviceId: device.deviceId, fingerprint };
      return backend.pairingOpen() ? { kind: 'pairing', fingerprint } : null;
    } catch {
      return null;
    }
  }

  private onSession(session: http2.ServerHttp2Session): void {
    const connection = this.admitting;
    if (!connection) {
      session.destroy();
      return;
    }
    connection.session = session;
    this.sessionPeers.set(session, connection.peer);
    session.setTimeout(this.limits.idleTimeoutMs, () => session.destroy());
    // A peer that vanishes mid-frame: the socket is gone either way.
    session.on('error', () => undefined);
  }

  private onStream(stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders): void {
    stream.on('error', () => undefined);
    const peer = stream.session ? this.sessionPeers.get(stream.session) : undefined;
    const running = this.running;
    if (!peer || !running) {
      stream.close(NGHTTP2_CANCEL);
      return;
    }
    const method = headers[':method'];
    let url: URL;
    try {
      url = new URL(headers[':path'] ?? '/', 'https://lan.invalid');
    } catch {
      return reply(stream, 404, { error: 'not_found' });
    }
    const route = `${method} ${url.pathname}`;
    const known = [
      `POST ${ROUTES.pair}`,
      `POST ${ROUTES.call}`,
      `GET ${ROUTES.events}`,
      `POST ${ROUTES.file}`,
    ];
    if (!known.includes(route)) return reply(stream, 404, { error: 'not_found' });
    if (route === `POST ${ROUTES.pair}`) {
      if (peer.kind !== 'pairing') return reply(stream, 403, { reason: 'already_paired' });
      return void this.pair(stream, headers, peer, running).catch(() =>
        reply(stream, 500, { error: 'internal' }),
      );
    }
    if (peer.kind !== 'device') return reply(stream, 403, { reason: 'not_paired' });
    if (route === `POST ${ROUTES.call}`) {
      return void this.call(stream, headers, peer, running.backend).catch(() =>
        reply(stream, 500, { error: 'internal' }),
      );
    }
    if (route === `POST ${ROUTES.file}`) {
      return void this.file(stream, headers, peer, running.backend).catch(() =>
        reply(stream, 500, { error: 'internal' }),
      );
    }
    this.openWindow(stream, peer, url.searchParams.get('window'), running.backend);
  }

  private async pair(
    stream: http2.ServerHttp2Stream,
    headers: http2.IncomingHttpHeaders,
    peer: Peer,
    running: { backend: LanBackend; serverFingerprint: string },
  ): Promise<void> {
    const body = await this.json(stream, headers, this.limits.maxPairBodyBytes);
    if (body === undefined) return;
    const session = stream.session;
    const { name, proof } = body as { name?: unknown; proof?: unknown };
    if (
      typeof name !== 'string' ||
      name.trim() === '' ||
      name.length > 60 ||
      typeof proof !== 'string' ||
      proof.length > 128
    ) {
      return reply(stream, 400, { error: 'bad_request' });
    }
    const result = await running.backend.pair({
      clientFingerprint: peer.fingerprint,
      serverFingerprint: running.serverFingerprint,
      name,
      proof,
    });
    if (result.ok) reply(stream, 200, { deviceId: result.deviceId, serverProof: result.serverProof });
    else reply(stream, 403, { reason: result.reason });
    // A pairing connection has done its one job: the laptop comes back with its pinned connection.
    stream.once('close', () => session?.close());
  }

  private async call(
    stream: http2.ServerHttp2Stream,
    headers: http2.IncomingHttpHeaders,
    peer: Extract<Peer, { kind: 'device' }>,
    backend: LanBackend,
  ): Promise<void> {
    const body = await this.json(stream, headers, this.limits.maxBodyBytes);
    if (body === undefined) return;
    const { windowId, requestId, channel, input } = body as Record<string, unknown>;
    if (!isLabel(windowId) || !isLabel(requestId) || !('channel' in body)) {
      return reply(stream, 400, { error: 'bad_request' });
    }
    const answer = await backend.dispatchRemote({
      deviceId: peer.deviceId,
      windowId,
      requestId,
      channel,
      input,
    });
    reply(stream, 200, answer);
  }

  /**
   * A file waiting for one of this device's windows (taken), or what its user did with it
   * (answered). Main-to-main, outside the contract: no window can call it, and a device reaches
   * only its own files (the backend checks the device the handshake proved).
   */
  private async file(
    stream: http2.ServerHttp2Stream,
    headers: http2.IncomingHttpHeaders,
    peer: Extract<Peer, { kind: 'device' }>,
    backend: LanBackend,
  ): Promise<void> {
    // A step is an id and a yes or no: as small as a pairing request, and bounded the same.
    const body = await this.json(stream, headers, this.limits.maxPairBodyBytes);
    if (body === undefined) return;
    const { fileId, step, saved, failed } = body;
    const take = step === 'take';
    const answer =
      step === 'answer' &&
      typeof saved === 'boolean' &&
      (failed === undefined || typeof failed === 'boolean');
    if (!isLabel(fileId) || (!take && !answer)) return reply(stream, 400, { error: 'bad_request' });
    const result = backend.fileStep(
      peer.deviceId,
      take
        ? { fileId, step: 'take' }
        : { fileId, step: 'answer', saved: saved as boolean, ...(failed === true ? { failed: true } : {}) },
    );
    if (result === null) return reply(stream, 404, { error: 'not_found' });
    reply(stream, 200, result);
  }

  private openWindow(
    stream: http2.ServerHttp2Stream,
    peer: Extract<Peer, { kind: 'device' }>,
    windowId: string | null,
    backend: LanBackend,
  ): void {
    if (!isLabel(windowId)) return reply(stream, 400, { error: 'bad_request' });
    const key = windowKey(peer.deviceId, windowId);
    // The same window reconnecting replaces its old stream; the window itself has not gone.
    const old = this.windows.get(key);
    if (old) {
      this.windows.delete(key);
      clearInterval(old.heartbeat);
      old.stream.close(NGHTTP2_CANCEL);
    }
    stream.respond({ ':status': 200, 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' });
    const window: Window = {
      deviceId: peer.deviceId,
      windowId,
      stream,
      backend,
      heartbeat: setInterval(() => this.writeLine(window, { type: 'heartbeat' }), this.limits.heartbeatMs),
    };
    this.windows.set(key, window);
    stream.once('close', () => {
      if (this.windows.get(key) === window) this.endWindow(window);
    });
    this.writeLine(window, { type: 'hello', heartbeatMs: this.limits.heartbeatMs });
  }

  /** A window's stream is over: its session on the primary ends as a closed window's does. */
  private endWindow(window: Window): void {
    const key = windowKey(window.deviceId, window.windowId);
    if (this.windows.get(key) !== window) return;
    this.windows.delete(key);
    clearInterval(window.heartbeat);
    if (!window.stream.destroyed) window.stream.close(NGHTTP2_CANCEL);
    window.backend.windowGone(window.deviceId, window.windowId);
  }

  /** False when the line could not be handed to the window's stream. */
  private writeLine(window: Window, line: EventLine): boolean {
    const { stream } = window;
    if (stream.destroyed || stream.closed) return false;
    if (stream.writableLength > this.limits.maxEventBacklogBytes) {
      this.endWindow(window);
      return false;
    }
    let text: string;
    try {
      text = JSON.stringify(line);
    } catch {
      return false;
    }
    stream.write(`${text}\n`);
    return true;
  }

  /** The request's body as JSON, or undefined once an error has been answered. */
  private async json(
    stream: http2.ServerHttp2Stream,
    headers: http2.IncomingHttpHeaders,
    max: number,
  ): Promise<Record<string, unknown> | undefined> {
    const body = await readBody(stream, headers, max, this.limits.bodyTimeoutMs);
    if (!body.ok) {
      if (body.status !== 0) refuse(stream, body.status);
      return undefined;
    }
    try {
      const value: unknown = JSON.parse(body.data.toString('utf8'));
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        return value as Record<string, unknown>;
      }
    } catch {
      // Answered below like any other body that is not a JSON object.
    }
    reply(stream, 400, { error: 'bad_json' });
    return undefined;
  }
}

function windowKey(deviceId: string, windowId: string): string {
  return `${deviceId}\n${windowId}`;
}

/**
 * Reads a body up to `max` bytes. Past it (declared or counted) it stops reading at once: the rest
 * is never buffered, HTTP/2 flow control stops the sender, and the answer is 413.
 */
function readBody(
  stream: http2.ServerHttp2Stream,
  headers: http2.IncomingHttpHeaders,
  max: number,
  timeoutMs: number,
): Promise<Body> {
  const declared = Number(headers['content-length']);
  if (Number.isFinite(declared) && declared > max) return Promise.resolve({ ok: false, status: 413 });
  return new Promise<Body>((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (result: Body): void => {
      clearTimeout(timer);
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('close', onClose);
      if (!result.ok) stream.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > max) done({ ok: false, status: 413 });
      else chunks.push(chunk);
    };
    const onEnd = (): void => done({ ok: true, data: Buffer.concat(chunks) });
    const onClose = (): void => done({ ok: false, status: 0 });
    const timer = setTimeout(() => done({ ok: false, status: 408 }), timeoutMs);
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('close', onClose);
  });
}

function reply(stream: http2.ServerHttp2Stream, status: number, body: unknown): void {
  if (stream.destroyed || stream.closed || stream.headersSent) return;
  const data = Buffer.from(JSON.stringify(body));
  stream.respond({ ':status': status, 'content-type': 'application/json', 'content-length': data.length });
  stream.end(data);
}

/** Answers, then resets the stream so the sender stops sending the rest (RFC 9113 §8.1). */
function refuse(stream: http2.ServerHttp2Stream, status: 408 | 413): void {
  reply(stream, status, { error: status === 413 ? 'too_large' : 'too_slow' });
  stream.once('finish', () => stream.close(NGHTTP2_NO_ERROR));
}
