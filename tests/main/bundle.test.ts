import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The main bundle is CommonJS and runs from app.asar. A package it require()s at run time must
 * load as CommonJS there: an ESM-only package (type module, no "require" export) depends on
 * require-of-ESM from app.asar, which has crashed (electron/electron#46614), so it is bundled.
 * `npm test` builds out/ before running the tests.
 */
const root = join(__dirname, '..', '..');
const outMain = join(root, 'out', 'main');

function requiredPackages(): Set<string> {
  const names = new Set<string>();
  const files = (readdirSync(outMain, { recursive: true }) as string[]).filter((f) => f.endsWith('.js'));
  for (const file of files) {
    const code = readFileSync(join(outMain, file), 'utf8');
    for (const m of code.matchAll(/require\(["']([^"'./][^"']*)["']\)/g)) {
      const spec = m[1]!;
      if (spec.startsWith('node:') || builtinModules.includes(spec) || spec === 'electron') continue;
      const parts = spec.split('/');
      names.add(spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
    }
  }
  return names;
}

/** True when Node's require() would load the package as CommonJS. */
function loadsAsCommonJs(name: string): boolean {
  // Read from node_modules directly: some packages do not export ./package.json.
  const pkg = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as {
    type?: string;
    exports?: unknown;
    main?: string;
  };
  const hasRequireCondition = JSON.stringify(pkg.exports ?? null).includes('"require"');
  if (hasRequireCondition) return true;
  if (pkg.type === 'module') return false;
  return true;
}

describe('main bundle', () => {
  it('requires at run time only packages that load as CommonJS (ESM-only ones are bundled)', () => {
    expect(existsSync(outMain), 'out/main missing: run `electron-vite build` first').toBe(true);
    const names = requiredPackages();
    expect(names.size).toBeGreaterThan(0);
    expect(names.has('better-sqlite3-multiple-ciphers')).toBe(true);
    const esmOnly = [...names].filter((n) => !loadsAsCommonJs(n));
    expect(esmOnly).toEqual([]);
    // @scure/base is ESM-only: it must be inside the bundle, not required.
    expect(loadsAsCommonJs('@scure/base')).toBe(false);
    expect(names.has('@scure/base')).toBe(false);
  });
});
