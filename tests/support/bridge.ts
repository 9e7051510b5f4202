import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { EdgeCore } from '../../src/main/core/edge-core';
import { RENDERER_CSP } from '../../src/shared/csp';
import { MIME_TYPES } from '../../src/shared/mime';

/**
 * TEST-ONLY bridge, never packaged: serves the built renderer on 127.0.0.1 and connects it to a
 * real in-process core, standing in for Electron's preload + IPC. Each page load gets its own
 * random window token (the analogue of a webContents id); calls without a known token, from
 * another Host, or not from this origin are refused.
 */
const CSP = RENDERER_CSP;

/** What the preload does in the app, over fetch and server-sent events. */
function shim(token: string): string {
  return `(() => {
  const token = ${JSON.stringify(token)};
  const listeners = new Map();
  const events = new EventSource('/__bridge/events?w=' + token);
  events.onmessage = (m) => {
    const { event, payload } = JSON.parse(m.data);
    for (const l of listeners.get(event) || []) l(payload);
  };
  window.brankas = Object.freeze({
    async invoke(channel, input) {
      const res = await fetch('/__bridge/rpc', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-brankas-window': token },
        body: JSON.stringify({ channel, input }),
      });
      if (!res.ok) throw new Error('bridge ' + res.status);
      return res.json();
    },
    on(event, listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event).add(listener);
      return () => listeners.get(event).delete(listener);
    },
  });
})();`;
}

export interface Bridge {
  url: string;
  close(): Promise<void>;
}

export async function startBridge(
  core: Pick<EdgeCore, 'dispatch' | 'setEventSink'>,
  rendererDir = resolve('out/renderer'),
): Promise<Bridge> {
  const root = resolve(rendererDir);
  const windows = new Map<string, string>();
  const streams = new Map<string, ServerResponse>();
  let counter = 0;
  let host = '';

  core.setEventSink((windowId, event, payload) => {
    const res = streams.get(windowId);
    res?.write(`data: ${JSON.stringify({ event, payload })}\n\n`);
  });

  const windowFor = (token: string | undefined): string | undefined => {
    if (!token) return undefined;
    for (const [known, id] of windows) {
      if (known.length === token.length && timingSafeEqual(Buffer.from(known), Buffer.from(token))) return id;
    }
    return undefined;
  };

  const send = (
    res: ServerResponse,
    status: number,
    body: string | Buffer,
    type = 'text/plain; charset=utf-8',
  ) => {
    res.writeHead(status, {
      'content-type': type,
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    res.end(body);
  };

  const readBody = (req: IncomingMessage): Promise<string> =>
    new Promise((ok, fail) => {
      let size = 0;
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > 1_000_000) req.destroy();
        else chunks.push(c);
      });
      req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
      req.on('error', fail);
    });

  const server = createServer((req, res) => {
    void (async () => {
      if (req.headers.host !== host) return send(res, 403, 'forbidden');
      const url = new URL(req.url ?? '/', `http://${host}`);
      if (url.pathname === '/__bridge/rpc' && req.method === 'POST') {
        const origin = req.headers.origin;
        const windowId = windowFor(req.headers['x-brankas-window'] as string | undefined);
        if (!windowId || (origin && origin !== `http://${host}`)) return send(res, 403, 'forbidden');
        let parsed: { channel?: unknown; input?: unknown };
        try {
          parsed = JSON.parse(await readBody(req)) as typeof parsed;
        } catch {
          return send(res, 400, 'bad request');
        }
        const result = await core.dispatch(windowId, parsed.channel, parsed.input);
        return send(res, 200, JSON.stringify(result), 'application/json');
      }
      if (url.pathname === '/__bridge/events') {
        const windowId = windowFor(url.searchParams.get('w') ?? undefined);
        if (!windowId) return send(res, 403, 'forbidden');
        res.writeHead(200, {
          'content-type': 'text/event-stream',
          'cache-control': 'no-store',
          connection: 'keep-alive',
        });
        res.write(': open\n\n');
        streams.set(windowId, res);
        req.on('close', () => streams.delete(windowId));
        return;
      }
      const shimMatch = /^\/__bridge\/shim-([0-9a-f]{64})\.js$/.exec(url.pathname);
      if (shimMatch?.[1] && windowFor(shimMatch[1]))
        return send(res, 200, shim(shimMatch[1]), MIME_TYPES['.js']);

      const rel = url.pathname === '/' ? '/index.html' : url.pathname;
      const file = join(root, normalize(decodeURIComponent(rel)));
      if (!file.startsWith(root + sep)) return send(res, 404, 'not found');
      try {
        let body: Buffer | string = await readFile(file);
        if (rel === '/index.html') {
          // A new page is a new window: it gets its own token, so its session is its own.
          const token = randomBytes(32).toString('hex');
          windows.set(token, `bridge-${++counter}`);
          body = body
            .toString('utf8')
            .replace('<head>', `<head><script src="/__bridge/shim-${token}.js"></script>`);
        }
        return send(res, 200, body, MIME_TYPES[extname(file)] ?? 'application/octet-stream');
      } catch {
        return send(res, 404, 'not found');
      }
    })().catch(() => send(res, 500, 'error'));
  });

  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  host = `127.0.0.1:${port}`;
  return {
    url: `http://${host}/`,
    close: () =>
      new Promise((ok) => {
        for (const s of streams.values()) s.end();
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
