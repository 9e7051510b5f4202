// Builds better-sqlite3-multiple-ciphers for Electron's ABI into build/native/electron/, beside
// (not over) the Node-ABI build in node_modules that tests and benchmarks load. Needs internet
// once, for Electron's headers. Run by `npm start`, `npm run dev` and `npm run package`.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const moduleDir = dirname(require.resolve('better-sqlite3-multiple-ciphers/package.json'));
const outDir = join(root, 'build', 'native', 'electron');
const stamp = join(outDir, `electron-${electronVersion}-${process.platform}-${process.arch}`);

if (existsSync(stamp) && existsSync(join(outDir, 'better_sqlite3.node'))) {
  console.log(`Electron ${electronVersion} native module already built.`);
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), 'brankas-native-'));
try {
  cpSync(moduleDir, work, { recursive: true, filter: (src) => !src.includes(`${moduleDir}/build`) });
  const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
  console.log(
    `Building the SQLCipher module for Electron ${electronVersion} (${process.platform}-${process.arch})…`,
  );
  execFileSync(
    process.execPath,
    [
      nodeGyp,
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      '--dist-url=https://electronjs.org/headers',
      `--arch=${process.arch}`,
    ],
    { cwd: work, stdio: 'inherit', env: { ...process.env, npm_config_nodedir: '' } },
  );
  mkdirSync(outDir, { recursive: true });
  cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), join(outDir, 'better_sqlite3.node'));
  cpSync(join(work, 'package.json'), stamp);
  console.log(`Done: ${join(outDir, 'better_sqlite3.node')}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
