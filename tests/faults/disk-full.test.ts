import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { errorMessage } from '../../src/shared/messages';
import { tempDir } from '../support/fixtures';

/**
 * A full disk, for real: the child mounts tiny tmpfs file systems in its own namespaces, so the
 * kernel's ENOSPC reaches SQLite and node:fs exactly as a full USB stick or laptop disk would.
 * Needs unprivileged user namespaces (Linux); required where `.ci/run` sets BRANKAS_CI_STRICT, skipped with a reason elsewhere.
 */
const canUnshare =
  process.platform === 'linux' && spawnSync('unshare', ['-Urm', 'true'], { stdio: 'ignore' }).status === 0;
if (!canUnshare) {
  const why = 'unshare -Urm is not available: the disk-full tests need Linux user namespaces';
  if (process.env.BRANKAS_CI_STRICT) throw new Error(why);
  console.warn(`skipped: ${why}`);
}

describe.skipIf(!canUnshare)('a full disk', () => {
  const work = tempDir('brankas-full-');
  afterAll(() => work.cleanup());

  it('a backup to a full stick and a restore onto a full laptop say so, leave nothing behind and change nothing', () => {
    const run = spawnSync(
      'unshare',
      ['-Urm', process.execPath, '--import', 'tsx', join(__dirname, 'disk-full-child.ts'), work.dir],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.stderr).toBe('');
    const seen = JSON.parse(run.stdout.trim().split('\n').pop()!);

    // The backup: a clear message, no file (not even a partial one), the vault as it was.
    expect(seen.full).toMatchObject({
      ok: false,
      error: { code: 'BAD_FILE', details: { reason: 'disk_full' } },
    });
    expect(errorMessage('BAD_FILE', 'id', { reason: 'disk_full' })).toMatch(/penuh.*Tidak ada yang diubah/);
    expect(seen.usbLeft).toEqual([]);
    expect(seen.afterFullTotal).toBe(200);
    expect(seen.chainOk).toBe(true);

    // The restore: refused before the swap, its half copy removed, the old vault still in use.
    expect(seen.restore).toMatchObject({
      ok: false,
      error: { code: 'BAD_FILE', details: { reason: 'vault_disk_full' } },
    });
    expect(errorMessage('BAD_FILE', 'en', { reason: 'vault_disk_full' })).toMatch(
      /storage is full.*Nothing was changed/,
    );
    expect(seen.stillInOk).toBe(true);
    expect(seen.after.filter((f: string) => f.includes('restore'))).toEqual([]);
    expect(seen.after.filter((f: string) => f.startsWith('vault.db'))).toEqual(
      seen.before.filter((f: string) => f.startsWith('vault.db')),
    );
    expect(seen.reopenedTotal).toBe(200);
  });
});
