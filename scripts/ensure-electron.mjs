// Fetches Electron's binary before `npm start`, `npm run dev` and `npm run package`.
// Since Electron 42 the `electron` package downloads its binary lazily, but electron-vite 6.0.0
// reads node_modules/electron/path.txt directly and fails with "Electron uninstall" when it is
// missing (alex8088/electron-vite#904). Running Electron's own installer first avoids that.
// ELECTRON_SKIP_BINARY_DOWNLOAD is honoured (machines without internet, CI).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

const FAILED = [
  'Brankas: Electron belum terpasang dan gagal diunduh.',
  '  Periksa koneksi internet (atau proxy: HTTPS_PROXY), lalu jalankan lagi perintah yang sama.',
  '  Dari mirror: ELECTRON_MIRROR=<alamat mirror> npm start',
  'Brankas: Electron is not installed and could not be downloaded.',
  '  Check the internet connection (or proxy: HTTPS_PROXY) and run the same command again.',
  '  From a mirror: ELECTRON_MIRROR=<mirror url> npm start',
].join('\n');

/** True for the values npm and Electron treat as "set" ("1", "true"; not "", "0" or "false"). */
function isSet(value) {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/**
 * @param {{ env?: NodeJS.ProcessEnv, installer?: string, run?: (file: string) => number | null }} [deps]
 * @returns {{ status: 'skipped' | 'ready' | 'failed', message: string }}
 */
export function ensureElectron(deps = {}) {
  const env = deps.env ?? process.env;
  if (isSet(env.ELECTRON_SKIP_BINARY_DOWNLOAD)) {
    return {
      status: 'skipped',
      message:
        'ELECTRON_SKIP_BINARY_DOWNLOAD is set: Electron binary not fetched (the app cannot start without it).',
    };
  }
  const installer = deps.installer ?? require.resolve('electron/install.js');
  // install.js exits 0 at once when the right version is already there.
  const run = deps.run ?? ((file) => spawnSync(process.execPath, [file], { stdio: 'inherit', env }).status);
  const status = run(installer);
  return status === 0
    ? { status: 'ready', message: 'Electron binary ready.' }
    : { status: 'failed', message: FAILED };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = ensureElectron();
  (result.status === 'failed' ? console.error : console.log)(result.message);
  process.exit(result.status === 'failed' ? 1 : 0);
}
