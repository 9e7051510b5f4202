import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { platformBlockers, TARGETS } from '../../scripts/check-platforms.mjs';
import { ensureElectron } from '../../scripts/ensure-electron.mjs';
import { projectRoot } from '../../scripts/lib/project-root.mjs';
import { tempDir } from '../support/fixtures';

/** What `npm ci && npm start` needs on a shop's Windows, macOS or Linux machine. */
const root = join(__dirname, '..', '..');

describe('installs on every shop OS', () => {
  it('the lockfile has no required package that Windows x64, macOS arm64 or Linux x64 refuses', () => {
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
    expect(TARGETS.map((t) => `${t.os}-${t.cpu}`)).toEqual(['win32-x64', 'darwin-arm64', 'linux-x64']);
    expect(platformBlockers(lock)).toEqual([]);
    // The reference SQLCipher used by the interop tests is there, but optional.
    expect(lock.packages['node_modules/@journeyapps/sqlcipher']).toMatchObject({ optional: true });
  });

  it('the check catches what npm would refuse (os lists, "!" lists, cpu lists)', () => {
    const lock = {
      packages: {
        '': { name: 'brankas' },
        'node_modules/linux-mac-only': { version: '1.0.0', os: ['darwin', 'linux'] },
        'node_modules/not-windows': { version: '1.0.0', os: ['!win32'] },
        'node_modules/x64-only': { version: '1.0.0', cpu: ['x64'] },
        'node_modules/a/node_modules/fine-optional': { version: '1.0.0', os: ['darwin'], optional: true },
        'node_modules/everywhere': { version: '1.0.0' },
      },
    };
    expect(platformBlockers(lock)).toEqual([
      { name: 'linux-mac-only', version: '1.0.0', excludes: ['win32-x64'] },
      { name: 'not-windows', version: '1.0.0', excludes: ['win32-x64'] },
      { name: 'x64-only', version: '1.0.0', excludes: ['darwin-arm64'] },
    ]);
  });

  it('the script passes this lockfile and exits non-zero on the one that broke Windows installs', () => {
    const script = join(root, 'scripts/check-platforms.mjs');
    const ok = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/installs on win32-x64, darwin-arm64, linux-x64/);

    const dir = tempDir();
    const broken = join(dir.dir, 'package-lock.json');
    // The entry as it was while @journeyapps/sqlcipher was a plain dev dependency.
    writeFileSync(
      broken,
      JSON.stringify({
        packages: {
          '': {},
          'node_modules/@journeyapps/sqlcipher': { version: '6.0.0', dev: true, os: ['darwin', 'linux'] },
        },
      }),
    );
    const bad = spawnSync(process.execPath, [script, broken], { encoding: 'utf8' });
    dir.cleanup();
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/@journeyapps\/sqlcipher@6\.0\.0: required, but not installable on win32-x64/);
  });
});

describe('project root of the build scripts', () => {
  it('resolves a Windows path with a drive letter and a space', () => {
    expect(
      projectRoot('file:///C:/Users/Toko%20Maju/brankas/scripts/build-electron-native.mjs', {
        windows: true,
      }),
    ).toBe('C:\\Users\\Toko Maju\\brankas');
  });

  it('resolves a POSIX path with a space, without %20', () => {
    expect(
      projectRoot('file:///home/toko%20maju/brankas/scripts/build-electron-native.mjs', { windows: false }),
    ).toBe('/home/toko maju/brankas');
  });

  it('the native build script takes its root that way (not from URL.pathname)', () => {
    const src = readFileSync(join(root, 'scripts/build-electron-native.mjs'), 'utf8');
    expect(src).toMatch(/projectRoot\(import\.meta\.url\)/);
    expect(src).not.toMatch(/\.pathname/);
    expect(src).toMatch(/@electron\/rebuild/);
  });
});

describe('fetching the Electron binary before start', () => {
  it('skips, without running the installer, when ELECTRON_SKIP_BINARY_DOWNLOAD is set', () => {
    for (const value of ['1', 'true']) {
      const run = vi.fn(() => 0);
      const r = ensureElectron({ env: { ELECTRON_SKIP_BINARY_DOWNLOAD: value }, installer: 'x', run });
      expect(r.status).toBe('skipped');
      expect(run).not.toHaveBeenCalled();
    }
  });

  it('runs Electron’s own installer otherwise, and says what to do when it fails', () => {
    const run = vi.fn(() => 0);
    expect(
      ensureElectron({ env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '0' }, installer: '/i.js', run }),
    ).toMatchObject({ status: 'ready' });
    expect(run).toHaveBeenCalledWith('/i.js');
    const failed = ensureElectron({ env: {}, installer: '/i.js', run: () => 1 });
    expect(failed.status).toBe('failed');
    expect(failed.message).toMatch(/gagal diunduh/);
    expect(failed.message).toMatch(/could not be downloaded/);
    // A killed installer (status null) is a failure too.
    expect(ensureElectron({ env: {}, installer: '/i.js', run: () => null }).status).toBe('failed');
  });

  it('as a command under ELECTRON_SKIP_BINARY_DOWNLOAD: exits 0 and says it skipped', () => {
    const out = execFileSync(process.execPath, [join(root, 'scripts/ensure-electron.mjs')], {
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
      encoding: 'utf8',
    });
    expect(out).toMatch(/ELECTRON_SKIP_BINARY_DOWNLOAD is set/);
  });

  it('npm start, dev and package fetch the binary and build the Electron native module first', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    for (const script of ['start', 'dev', 'package']) {
      expect(pkg.scripts[script], script).toMatch(/^npm run electron:fetch && .*npm run native:electron && /);
    }
    expect(pkg.author.email).toMatch(/@/);
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.devDependencies['@journeyapps/sqlcipher']).toBeUndefined();
    expect(pkg.optionalDependencies['@journeyapps/sqlcipher']).toBeDefined();
  });
});
