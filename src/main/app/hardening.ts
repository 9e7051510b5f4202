import { app, session, type WebContents } from 'electron';
import { APP_ORIGIN } from './protocol';

/** The app's own pages: app://brankas/, plus the dev server while developing unpackaged. */
export function isAppPageUrl(url: string): boolean {
  if (url.startsWith(`${APP_ORIGIN}/`)) return true;
  const dev = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
  return dev !== undefined && dev !== '' && url.startsWith(dev);
}

/** What a window may load: its own pages, inline data (the empty favicon), DevTools when unpackaged. */
export function isAllowedUrl(url: string): boolean {
  if (isAppPageUrl(url) || url.startsWith('data:')) return true;
  return !app.isPackaged && url.startsWith('devtools://');
}

/**
 * Everything the page might ask of the browser is refused: navigation, new windows, webviews,
 * permissions, and any request that would leave the app (the app makes no network requests).
 */
export function hardenSessions(): void {
  const s = session.defaultSession;
  s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  s.setPermissionCheckHandler(() => false);
  s.setDevicePermissionHandler(() => false);
  s.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedUrl(details.url) }));
  s.setSpellCheckerEnabled(false);

  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (e) => e.preventDefault());
    contents.on('will-redirect', (e) => e.preventDefault());
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

/** Chromium's own background traffic (updates, safe browsing, DNS prefetch) is switched off. */
export function disableBackgroundNetworking(): void {
  for (const sw of [
    'disable-background-networking',
    'disable-component-update',
    'disable-sync',
    'no-pings',
    'disable-domain-reliability',
  ]) {
    app.commandLine.appendSwitch(sw);
  }
}
