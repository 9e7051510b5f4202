import { app } from 'electron';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** The data folder: the vault, its key slots and the sealed device secret. */
export function dataDir(): string {
  const dir = join(app.getPath('userData'), 'vault');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/**
 * The keystore's records (vault generation, retired recovery codes): beside the data folder, not
 * in it, so files copied back into the data folder cannot bring an older record with them.
 */
export function keystoreDir(): string {
  const dir = join(app.getPath('userData'), 'keystore');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/**
 * The Electron-ABI build of the SQLCipher module, kept beside the Node-ABI build that tests use
 * (see scripts/build-electron-native.mjs). Packaged apps carry it in resources/native. Never
 * falls back to the Node build in node_modules: that one cannot load in Electron.
 */
export function nativeBindingPath(): string {
  return app.isPackaged
    ? join(process.resourcesPath, 'native', 'better_sqlite3.node')
    : join(app.getAppPath(), 'build', 'native', 'electron', 'better_sqlite3.node');
}

export function rendererDir(): string {
  return join(__dirname, '../renderer');
}

export function preloadPath(): string {
  return join(__dirname, '../preload/index.cjs');
}

/** The backup thread (copies, seals and verifies backups off main's thread). */
export function backupWorkerPath(): string {
  return join(__dirname, 'backup-worker.js');
}

/** The owner's dashboard thread, built beside main's bundle (electron.vite.config.mts). */
export function dashboardWorkerPath(): string {
  return join(__dirname, 'dashboard-worker.js');
}

/** The sales import's .xlsx reading thread, built beside main's bundle (electron.vite.config.mts). */
export function xlsxWorkerPath(): string {
  return join(__dirname, 'xlsx-worker.js');
}

/** The import's phone-validation thread, built beside main's bundle (electron.vite.config.mts). */
export function phoneWorkerPath(): string {
  return join(__dirname, 'phone-worker.js');
}
