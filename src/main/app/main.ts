import { app, BrowserWindow, powerMonitor } from 'electron';
import { Worker } from 'node:worker_threads';
import { Core } from '../core/core';
import { ElectronDialogs } from '../platform/dialogs';
import { ElectronPdfPrinter } from '../platform/pdf-printer';
import { ElectronHandoff } from '../platform/handoff';
import {
  backupWorkerPath,
  dashboardWorkerPath,
  dataDir,
  keystoreDir,
  nativeBindingPath,
  phoneWorkerPath,
  xlsxWorkerPath,
  preloadPath,
  rendererDir,
} from '../platform/paths';
import { SafeStorageKeyStore } from '../platform/safe-storage-keystore';
import { ClientCore } from '../lan/client-core';
import { PairingSwitch } from '../lan/pairing-switch';
import { LanServer } from '../lan/server';
import { tlsLinks } from '../lan/tls-link';
import { disableBackgroundNetworking, hardenSessions } from './hardening';
import { IPC_EVENT, registerIpc } from './ipc';
import { APP_ORIGIN, registerSchemePrivileges, serveRenderer } from './protocol';
import { nativeModuleReady } from './startup-check';

/** The Electron edge: windows, lifecycle and hardening. Everything else is the Node core. */
let mainWindow: BrowserWindow | null = null;

registerSchemePrivileges();
disableBackgroundNetworking();
// Date fields and Chromium's own words follow its locale, not the app's language: the shop writes
// dates day first (dd/mm/yyyy) whatever language Windows is in.
app.commandLine.appendSwitch('lang', 'id-ID');
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // A second copy would open the same vault twice; hand focus to the first and leave.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  void app.whenReady().then(start);
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 900,
    minHeight: 640,
    show: false,
    backgroundColor: '#f4f6f8',
    title: 'Brankas',
    webPreferences: {
      preload: preloadPath(),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      devTools: !app.isPackaged,
      // A middle click cannot open a link in a new window (electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
  void win.loadURL(devUrl ?? `${APP_ORIGIN}/index.html`);
  return win;
}

/** The window whose renderer is `windowId` (the id the IPC edge gives each call), if still open. */
function windowOf(windowId: string): BrowserWindow | null {
  return BrowserWindow.getAllWindows().find((w) => String(w.webContents.id) === windowId) ?? null;
}

function start(): void {
  const nativeBinding = nativeBindingPath();
  if (!nativeModuleReady(nativeBinding)) {
    app.exit(1);
    return;
  }
  hardenSessions();
  serveRenderer(rendererDir());
  const folder = dataDir();
  const keyStore = new SafeStorageKeyStore(keystoreDir());
  // A laptop paired with a primary runs a Core that forwards everything and holds no vault.
  const core = new PairingSwitch({
    dataDir: folder,
    primary: () =>
      new Core({
        dataDir: folder,
        keyStore,
        printer: new ElectronPdfPrinter(() => mainWindow),
        dialogs: new ElectronDialogs(() => mainWindow),
        handoff: new ElectronHandoff(),
        nativeBinding,
        // Electron (18+) loads worker scripts and their modules from inside app.asar.
        phoneWorker: () => new Worker(phoneWorkerPath()),
        backupWorker: () => new Worker(backupWorkerPath()),
        dashboardWorker: () => new Worker(dashboardWorkerPath()),
        xlsxWorker: (options) => new Worker(xlsxWorkerPath(), options),
        appVersion: app.getVersion(),
        // "Kasir tambahan": listens only while the owner has it on, on the shop's network only.
        lanHost: new LanServer(),
      }),
    setupPending: (primary) => primary instanceof Core && !primary.slots.exists(),
    client: (language) =>
      new ClientCore({
        dataDir: folder,
        keyStore,
        links: tlsLinks,
        language,
        handoff: new ElectronHandoff(),
        // This laptop's own save dialog and PDF printer, over the window the call came from.
        dialogs: (windowId) => new ElectronDialogs(() => windowOf(windowId)),
        printer: (windowId) => new ElectronPdfPrinter(() => windowOf(windowId)),
      }),
  });
  core.setEventSink((windowId, event, payload) =>
    windowOf(windowId)?.webContents.send(IPC_EVENT, event, payload),
  );
  registerIpc(core);

  // 'lock-screen' fires on Windows and macOS only; on Linux the idle auto-lock (core.tick) is
  // what locks the vault when the shop walks away (README, "Running on a shop machine").
  powerMonitor.on('lock-screen', () => core.lockAll('os-lock'));
  powerMonitor.on('suspend', () => core.lockAll('suspend'));
  powerMonitor.on('resume', () => core.clockResumed());
  const timer = setInterval(() => core.tick(), 15_000);

  mainWindow = createWindow();
  const windowId = String(mainWindow.webContents.id);
  mainWindow.on('closed', () => {
    core.lock(windowId, 'manual');
    mainWindow = null;
  });

  app.on('window-all-closed', () => app.quit());
  // Closing makes one last automatic backup (if they are on) before the vault locks.
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting) return;
    event.preventDefault();
    quitting = true;
    clearInterval(timer);
    void core
      .beforeQuit()
      .catch(() => undefined)
      .finally(() => {
        core.dispose();
        app.quit();
      });
  });
}
