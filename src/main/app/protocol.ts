import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { RENDERER_CSP } from '../../shared/csp';
import { MIME_TYPES } from '../../shared/mime';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://brankas';

/** Nothing remote, nothing inline: scripts, styles and fonts come from the app bundle only. */
export const CSP = RENDERER_CSP;

/** Must run before app 'ready'. A standard, secure scheme gives the page a real origin. */
export function registerSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false },
    },
  ]);
}

/** Serves the built renderer from app://brankas/, never from file://, refusing path escapes. */
export function serveRenderer(root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'brankas') return new Response('not found', { status: 404 });
    let decoded: string;
    try {
      decoded = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    } catch {
      return new Response('not found', { status: 404 }); // a malformed % escape
    }
    const rel = normalize(decoded);
    const file = join(root, rel);
    if (!file.startsWith(root + sep)) return new Response('not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'content-type': MIME_TYPES[extname(file)] ?? 'application/octet-stream',
          'content-security-policy': CSP,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
}
