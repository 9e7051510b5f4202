// Proves `npm ci` can install on every OS a shop runs: no package in the lockfile that npm would
// install as required may declare an `os`/`cpu` that excludes one of them (npm refuses such a
// package with EBADPLATFORM, and then nothing installs). Optional packages are skipped by npm.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from './lib/project-root.mjs';

export const TARGETS = [
  { os: 'win32', cpu: 'x64' },
  { os: 'darwin', cpu: 'arm64' },
  { os: 'linux', cpu: 'x64' },
];

/** npm's rule: a list of allowed values, or of refused ones written with a leading "!". */
function allows(list, value) {
  if (!Array.isArray(list) || list.length === 0) return true;
  if (list.includes(`!${value}`)) return false;
  const positive = list.filter((v) => !v.startsWith('!'));
  return positive.length === 0 || positive.includes(value);
}

/**
 * @param {{ packages?: Record<string, { os?: string[], cpu?: string[], optional?: boolean, version?: string }> }} lock
 * @returns {{ name: string, version?: string, excludes: string[] }[]}
 */
export function platformBlockers(lock, targets = TARGETS) {
  const found = [];
  for (const [key, entry] of Object.entries(lock.packages ?? {})) {
    if (key === '' || entry.optional === true) continue;
    const excludes = targets
      .filter((t) => !allows(entry.os, t.os) || !allows(entry.cpu, t.cpu))
      .map((t) => `${t.os}-${t.cpu}`);
    if (excludes.length > 0) {
      found.push({ name: key.replace(/^.*node_modules\//, ''), version: entry.version, excludes });
    }
  }
  return found;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // An optional argument names another lockfile (tests use it).
  const file = process.argv[2] ?? join(projectRoot(import.meta.url), 'package-lock.json');
  const lock = JSON.parse(readFileSync(file, 'utf8'));
  const blockers = platformBlockers(lock);
  if (blockers.length === 0) {
    console.log(`package-lock.json installs on ${TARGETS.map((t) => `${t.os}-${t.cpu}`).join(', ')}.`);
  } else {
    for (const b of blockers) {
      console.error(`${b.name}@${b.version}: required, but not installable on ${b.excludes.join(', ')}`);
    }
    console.error('Make these optional (optionalDependencies) or replace them.');
    process.exit(1);
  }
}
