// Builds better-sqlite3-multiple-ciphers for Electron's ABI into build/native/electron/, beside
// (not over) the Node-ABI build in node_modules that tests and benchmarks load; the app loads it
// through better-sqlite3's `nativeBinding` option (src/main/platform/paths.ts). Electron 45 has no
// prebuilt binary of this module, so it is compiled from source with @electron/rebuild, which
// downloads Electron's headers once (needs internet, Python 3 and a C++20 compiler: see README).
// Run by `npm start`, `npm run dev` and `npm run package`.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { projectRoot } from './lib/project-root.mjs';

const require = createRequire(import.meta.url);
const MODULE = 'better-sqlite3-multiple-ciphers';
const root = projectRoot(import.meta.url);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const moduleDir = dirname(require.resolve(`${MODULE}/package.json`));
const moduleVersion = JSON.parse(readFileSync(join(moduleDir, 'package.json'), 'utf8')).version;
const outDir = join(root, 'build', 'native', 'electron');
const output = join(outDir, 'better_sqlite3.node');
const stamp = join(
  outDir,
  `electron-${electronVersion}-${MODULE}-${moduleVersion}-${process.platform}-${process.arch}`,
);

if (existsSync(stamp) && existsSync(output)) {
  console.log(`Electron ${electronVersion} native module already built (${output}).`);
  process.exit(0);
}

// The machine's npm config may point node-gyp at Node's own headers (nodedir); an Electron build
// must use Electron's, which @electron/rebuild fetches.
for (const key of Object.keys(process.env)) {
  if (key.toLowerCase() === 'npm_config_nodedir') delete process.env[key];
}

const { rebuild } = await import('@electron/rebuild');
// A throwaway project holding only a copy of the module: rebuilding there leaves the Node build
// in node_modules untouched.
const work = mkdtempSync(join(tmpdir(), 'brankas-native-'));
try {
  const copy = join(work, 'node_modules', MODULE);
  cpSync(moduleDir, copy, {
    recursive: true,
    filter: (src) => !relative(moduleDir, src).split(sep).includes('build'),
  });
  writeFileSync(
    join(work, 'package.json'),
    JSON.stringify({ name: 'brankas-native', private: true, dependencies: { [MODULE]: moduleVersion } }),
  );
  console.log(`Building ${MODULE} for Electron ${electronVersion} (${process.platform}-${process.arch})…`);
  await rebuild({
    buildPath: work,
    electronVersion,
    arch: process.arch,
    onlyModules: [MODULE],
    force: true,
    buildFromSource: true,
  });
  mkdirSync(outDir, { recursive: true });
  rmSync(output, { force: true });
  cpSync(join(copy, 'build', 'Release', 'better_sqlite3.node'), output);
  writeFileSync(stamp, `${electronVersion}\n`);
  console.log(`Done: ${output}`);
} catch (err) {
  console.error(
    [
      `Brankas: modul SQLCipher untuk Electron gagal dibangun. / The SQLCipher module for Electron could not be built.`,
      '  Perlu / Needs: internet (Electron headers), Python 3, and a C++20 compiler:',
      '    Windows: Visual Studio 2022 Build Tools ("Desktop development with C++")',
      '    macOS:   xcode-select --install',
      '    Linux:   sudo apt install build-essential python3',
      `  ${err instanceof Error ? err.message : String(err)}`,
    ].join('\n'),
  );
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
