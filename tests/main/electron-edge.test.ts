import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeCore, setupShop, tempDir, type TestCore } from '../support/fixtures';
import { errorMessage } from '../../src/shared/messages';

/**
 * Electron cannot run here, so only its API surface is mocked: these tests check what our edge
 * code asks of Electron (sandbox flags, refusals, protocol, IPC sender checks).
 */
const e = vi.hoisted(() => {
  const handlers: Record<string, (...args: unknown[]) => unknown> = {};
  const appEvents: Record<string, ((...args: unknown[]) => void)[]> = {};
  const windows: { options: Record<string, unknown>; loaded?: string }[] = [];
  const session = {
    permissionRequest: undefined as undefined | ((...a: unknown[]) => void),
    permissionCheck: undefined as undefined | ((...a: unknown[]) => boolean),
    beforeRequest: undefined as
      undefined | ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
  };
  class BrowserWindow {
    webContents = { id: 7, send: vi.fn(), on: vi.fn(), setWindowOpenHandler: vi.fn() };
    constructor(public options: Record<string, unknown>) {
      windows.push(this as never);
    }
    once = vi.fn();
    on = vi.fn();
    loadURL = vi.fn((url: string) => {
      (this as unknown as { loaded: string }).loaded = url;
      return Promise.resolve();
    });
    static getAllWindows = () => [];
  }
  return {
    handlers,
    appEvents,
    windows,
    session,
    mod: {
      app: {
        isPackaged: true,
        enableSandbox: vi.fn(),
        requestSingleInstanceLock: vi.fn(() => true),
        whenReady: vi.fn(() => new Promise(() => undefined)),
        on: vi.fn((name: string, fn: (...a: unknown[]) => void) => (appEvents[name] ??= []).push(fn)),
        quit: vi.fn(),
        exit: vi.fn(),
        getVersion: vi.fn(() => '0.0.0-test'),
        commandLine: { appendSwitch: vi.fn() },
        getPath: vi.fn(() => '/tmp'),
        getAppPath: vi.fn(() => '/tmp'),
      },
      protocol: {
        registerSchemesAsPrivileged: vi.fn(),
        handle: vi.fn(
          (scheme: string, fn: (...a: unknown[]) => unknown) => (handlers[`protocol:${scheme}`] = fn),
        ),
      },
      ipcMain: {
        handle: vi.fn((name: string, fn: (...a: unknown[]) => unknown) => (handlers[`ipc:${name}`] = fn)),
      },
      session: {
        defaultSession: {
          setPermissionRequestHandler: vi.fn((fn) => (session.permissionRequest = fn)),
          setPermissionCheckHandler: vi.fn((fn) => (session.permissionCheck = fn)),
          setDevicePermissionHandler: vi.fn(),
          setSpellCheckerEnabled: vi.fn(),
          webRequest: { onBeforeRequest: vi.fn((fn) => (session.beforeRequest = fn)) },
        },
      },
      BrowserWindow,
      powerMonitor: { on: vi.fn() },
      contextBridge: {
        exposeInMainWorld: vi.fn((key: string, api: unknown) => (handlers[`bridge:${key}`] = api as never)),
      },
      ipcRenderer: {
        invoke: vi.fn(() => Promise.resolve({ ok: true, value: null })),
        on: vi.fn(),
        removeListener: vi.fn(),
      },
      safeStorage: {
        isEncryptionAvailable: vi.fn(() => false),
        getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
      },
      dialog: { showErrorBox: vi.fn() },
      shell: { openExternal: vi.fn(() => Promise.resolve()) },
      clipboard: { writeText: vi.fn() },
    },
  };
});
vi.mock('electron', () => ({ ...e.mod, default: e.mod }));

const nodeBuild = join(
  dirname(createRequire(__filename).resolve('better-sqlite3-multiple-ciphers/package.json')),
  'build',
  'Release',
  'better_sqlite3.node',
);

let t: TestCore | undefined;
afterEach(() => t?.cleanup());
beforeEach(() => vi.clearAllMocks());

describe('Electron edge (Electron API mocked, our code real)', () => {
  it('the app:// protocol serves the renderer with a CSP and refuses path escapes and other hosts', async () => {
    const { serveRenderer } = await import('../../src/main/app/protocol');
    const dir = tempDir();
    const root = join(dir.dir, 'renderer');
    mkdirSync(root);
    writeFileSync(join(root, 'index.html'), '<html>ok</html>');
    writeFileSync(join(dir.dir, 'secret.txt'), 'secret');
    serveRenderer(root);
    const handle = e.handlers['protocol:app'] as (r: Request) => Promise<Response>;
    const ok = await handle(new Request('app://brankas/index.html'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect((await handle(new Request('app://brankas/%2e%2e/secret.txt'))).status).toBe(404);
    expect((await handle(new Request('app://brankas/..%2Fsecret.txt'))).status).toBe(404);
    expect((await handle(new Request('app://evil/index.html'))).status).toBe(404);
    expect((await handle(new Request('app://brankas/%E0%A4%A.js'))).status).toBe(404);
    dir.cleanup();
  });

  it('IPC from a frame that is not our page is refused and audited; our page reaches the router', async () => {
    const { registerIpc } = await import('../../src/main/app/ipc');
    t = makeCore();
    await setupShop(t);
    t.core.sessions.start('7', (await t.ok('app:status', {})).user!);
    registerIpc(t.core);
    const invoke = e.handlers['ipc:brankas:invoke']!;
    const evil = await invoke(
      { sender: { id: 7 }, senderFrame: { url: 'https://evil.example/', parent: null } },
      'users:list',
      {},
    );
    // Refused like every other denial: coded, with its reason and the owner's language's words.
    expect(evil).toEqual({
      ok: false,
      error: {
        code: 'FORBIDDEN',
        message: errorMessage('FORBIDDEN', 'id', { reason: 'untrusted_frame' }),
        details: { reason: 'untrusted_frame' },
      },
    });
    expect(errorMessage('FORBIDDEN', 'id', { reason: 'untrusted_frame' })).toMatch(
      /tidak datang dari halaman Brankas sendiri.*ditolak dan dicatat/,
    );
    expect(errorMessage('FORBIDDEN', 'en', { reason: 'untrusted_frame' })).toMatch(
      /did not come from Brankas's own page.*refused and recorded/,
    );
    const sub = await invoke(
      { sender: { id: 7 }, senderFrame: { url: 'app://brankas/index.html', parent: {} } },
      'users:list',
      {},
    );
    expect(sub).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    for (const url of ['data:text/html,<script>x</script>', 'devtools://devtools/bundled/x.html']) {
      const other = await invoke({ sender: { id: 7 }, senderFrame: { url, parent: null } }, 'users:list', {});
      expect(other, url).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const good = (await invoke(
      { sender: { id: 7 }, senderFrame: { url: 'app://brankas/index.html', parent: null } },
      'users:list',
      {},
    )) as { ok: boolean };
    expect(good.ok).toBe(true);
    const audit = await t.ok('audit:list', {});
    expect(
      audit.items.filter((i) => i.action === 'ipc.denied' && i.detail.code === 'UNTRUSTED_FRAME'),
    ).toHaveLength(4);
  });

  it('permissions, navigation, new windows and every request off the app are refused', async () => {
    const { hardenSessions } = await import('../../src/main/app/hardening');
    hardenSessions();
    const decide = vi.fn();
    e.session.permissionRequest?.({}, 'media', decide);
    expect(decide).toHaveBeenCalledWith(false);
    expect(e.session.permissionCheck?.()).toBe(false);
    const verdict = (url: string) => {
      let cancel: boolean | undefined;
      e.session.beforeRequest?.({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(verdict('app://brankas/index.html')).toBe(false);
    for (const url of ['https://example.com/', 'http://127.0.0.1:8080/', 'ws://x/', 'file:///etc/passwd'])
      expect(verdict(url)).toBe(true);

    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    for (const fn of e.appEvents['web-contents-created'] ?? []) fn({}, contents);
    const events = Object.fromEntries(contents.on.mock.calls.map(([name, fn]) => [name, fn]));
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const preventDefault = vi.fn();
      events[name]({ preventDefault });
      expect(preventDefault, name).toHaveBeenCalled();
    }
    expect(contents.setWindowOpenHandler.mock.calls[0]![0]()).toEqual({ action: 'deny' });
  });

  it('the main window is sandboxed, isolated, without Node, and loads app://', async () => {
    vi.resetModules();
    const dir = tempDir();
    e.mod.app.getPath.mockReturnValue(dir.dir);
    Object.assign(process, { resourcesPath: dir.dir });
    // The packaged app's native module (here the Node build stands in for Electron's).
    mkdirSync(join(dir.dir, 'native'));
    copyFileSync(nodeBuild, join(dir.dir, 'native', 'better_sqlite3.node'));
    e.mod.app.whenReady.mockImplementation(() => Promise.resolve());
    await import('../../src/main/app/main');
    await vi.waitFor(() => expect(e.windows.length).toBeGreaterThan(0));
    expect(e.mod.dialog.showErrorBox).not.toHaveBeenCalled();
    const win = e.windows[0]!;
    expect(win.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: false,
    });
    expect(String((win.options.webPreferences as { preload: string }).preload)).toMatch(
      /preload[/\\]index\.cjs$/,
    );
    expect(win.loaded).toBe('app://brankas/index.html');
    expect(e.mod.app.enableSandbox).toHaveBeenCalled();
    expect(e.mod.app.requestSingleInstanceLock).toHaveBeenCalled();
    // Dates as the shop writes them in Chromium's date fields, set before the app is ready.
    expect(e.mod.app.commandLine.appendSwitch).toHaveBeenCalledWith('lang', 'id-ID');
    expect(e.mod.powerMonitor.on.mock.calls.map((c) => c[0])).toEqual(
      expect.arrayContaining(['lock-screen', 'suspend', 'resume']),
    );
    // Quitting locks the vault and stops the idle timer.
    for (const fn of e.appEvents['before-quit'] ?? []) fn({ preventDefault: vi.fn() });
    dir.cleanup();
  });

  it('a data folder holding a pairing starts the paired laptop Core: no vault, the pairing problem said', async () => {
    vi.resetModules();
    const dir = tempDir();
    e.mod.app.getPath.mockReturnValue(dir.dir);
    Object.assign(process, { resourcesPath: dir.dir });
    mkdirSync(join(dir.dir, 'native'));
    copyFileSync(nodeBuild, join(dir.dir, 'native', 'better_sqlite3.node'));
    mkdirSync(join(dir.dir, 'vault'));
    // Not one this OS account sealed: the laptop is "not paired", and says why.
    writeFileSync(join(dir.dir, 'vault', 'lan-pairing.json'), '{"format":1}');
    e.mod.app.whenReady.mockImplementation(() => Promise.resolve());
    await import('../../src/main/app/main');
    await vi.waitFor(() => expect(e.windows.length).toBeGreaterThan(0));
    const invoke = e.handlers['ipc:brankas:invoke']!;
    const status = (await invoke(
      { sender: { id: 7 }, senderFrame: { url: 'app://brankas/index.html', parent: null } },
      'app:status',
      {},
    )) as { ok: boolean; value: { setupDone: boolean; lan?: { problem: string } } };
    expect(status).toMatchObject({
      ok: true,
      value: { setupDone: false, lan: { problem: 'pairing_unreadable' } },
    });
    expect(readdirSync(join(dir.dir, 'vault'))).toEqual(['lan-pairing.json']);
    for (const fn of e.appEvents['before-quit'] ?? []) fn({ preventDefault: vi.fn() });
    dir.cleanup();
  });

  it('without a loadable Electron build of the SQLCipher module, start-up says what to run and quits', async () => {
    const dir = tempDir();
    e.mod.app.isPackaged = false;
    e.mod.app.getAppPath.mockReturnValue(dir.dir);
    e.mod.app.whenReady.mockImplementation(() => Promise.resolve());
    try {
      // Missing (never built), then present but not loadable (a stale or broken build).
      for (const [content, says] of [
        [null, /tidak ditemukan[\s\S]*is missing/],
        ['not a shared library', /tidak cocok[\s\S]*does not match/],
      ] as const) {
        vi.resetModules();
        vi.clearAllMocks();
        e.windows.length = 0;
        if (content) {
          mkdirSync(join(dir.dir, 'build', 'native', 'electron'), { recursive: true });
          writeFileSync(join(dir.dir, 'build', 'native', 'electron', 'better_sqlite3.node'), content);
        }
        await import('../../src/main/app/main');
        await vi.waitFor(() => expect(e.mod.app.exit).toHaveBeenCalledWith(1));
        const [title, body] = e.mod.dialog.showErrorBox.mock.calls[0] as [string, string];
        expect(title).toMatch(/Brankas tidak dapat dibuka/);
        expect(body).toMatch(says);
        expect(body).toMatch(/npm run native:electron/);
        expect(e.windows).toHaveLength(0);
        expect(e.mod.ipcMain.handle).not.toHaveBeenCalled();
      }
    } finally {
      e.mod.app.isPackaged = true;
      dir.cleanup();
    }
  });

  it('the keystore reports no protection while safeStorage is unavailable (a locked Linux keyring)', async () => {
    const { SafeStorageKeyStore } = await import('../../src/main/platform/safe-storage-keystore');
    // Only the backend is asked here: no record is read or written.
    const store = new SafeStorageKeyStore(join('unused', 'keystore'));
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { value: 'linux' });
    try {
      e.mod.safeStorage.isEncryptionAvailable.mockReturnValue(true);
      expect([store.backend(), store.isProtected()]).toEqual(['gnome_libsecret', true]);
      e.mod.safeStorage.getSelectedStorageBackend.mockReturnValue('basic_text');
      expect([store.backend(), store.isProtected()]).toEqual(['basic_text', false]);
      // Keyring locked or not started yet: the core then says KEYSTORE_UNAVAILABLE (keystore.test.ts).
      e.mod.safeStorage.isEncryptionAvailable.mockReturnValue(false);
      expect([store.backend(), store.isProtected()]).toEqual(['plaintext', false]);
    } finally {
      Object.defineProperty(process, 'platform', platform);
      e.mod.safeStorage.isEncryptionAvailable.mockReturnValue(false);
      e.mod.safeStorage.getSelectedStorageBackend.mockReturnValue('gnome_libsecret');
    }
  });

  it('the preload exposes only contract channels and main events, through one IPC name', async () => {
    await import('../../src/main/preload');
    const api = e.handlers['bridge:brankas'] as unknown as import('../../src/shared/api').BrankasApi;
    await expect(api.invoke('x:y' as never, {} as never)).rejects.toThrow();
    await api.invoke('app:status', {});
    expect(e.mod.ipcRenderer.invoke).toHaveBeenCalledWith('brankas:invoke', 'app:status', {});
    api.on('import:progress', () => undefined);
    api.on('session:locked', () => undefined);
    api.on('bogus' as never, () => undefined);
    expect(e.mod.ipcRenderer.on).toHaveBeenCalledTimes(2);
    expect(e.mod.ipcRenderer.on.mock.calls.every((c) => c[0] === 'brankas:event')).toBe(true);
  });

  it('installers carry the hardening fuses', () => {
    const yml = readFileSync('electron-builder.yml', 'utf8');
    for (const line of [
      'runAsNode: false',
      'enableNodeOptionsEnvironmentVariable: false',
      'enableNodeCliInspectArguments: false',
      'enableCookieEncryption: true',
      'enableEmbeddedAsarIntegrityValidation: true',
      'onlyLoadAppFromAsar: true',
    ]) {
      expect(yml).toContain(line);
    }
    for (const target of ['nsis', 'AppImage', 'deb', 'dmg']) expect(yml).toContain(target);
  });

  it('hands only wa.me links to the system, and copies through the clipboard', async () => {
    const { ElectronHandoff } = await import('../../src/main/platform/handoff');
    const h = new ElectronHandoff();
    await h.openWhatsApp('https://wa.me/6281234567890?text=Halo');
    expect(e.mod.shell.openExternal).toHaveBeenCalledWith('https://wa.me/6281234567890?text=Halo', {
      activate: true,
    });
    for (const bad of ['file:///etc/passwd', 'https://example.com/', 'ms-settings:', 'https://wa.me/1?x=1']) {
      await expect(h.openWhatsApp(bad)).rejects.toMatchObject({ code: 'INTERNAL' });
    }
    expect(e.mod.shell.openExternal).toHaveBeenCalledTimes(1);
    h.copyText('https://wa.me/6281234567890');
    expect(e.mod.clipboard.writeText).toHaveBeenCalledWith('https://wa.me/6281234567890');
  });
});
