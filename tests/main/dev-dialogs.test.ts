import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FolderDialogs } from '../../scripts/dev-dialogs';
import { makeCore, setupShop, tempDir, type TestCore } from '../support/fixtures';

let t: TestCore;
let files: { dir: string; cleanup(): void };
afterEach(() => {
  t?.cleanup();
  files?.cleanup();
});

describe('npm run dev:web -- --files <folder>', () => {
  it('the file dialog picks the newest CSV in the folder, so the import can be tried in a browser', async () => {
    files = tempDir('brankas-files-');
    writeFileSync(join(files.dir, 'lama.csv'), 'Nama\nLama\n');
    utimesSync(join(files.dir, 'lama.csv'), new Date(Date.UTC(2020, 0, 1)), new Date(Date.UTC(2020, 0, 1)));
    writeFileSync(join(files.dir, 'baru.csv'), 'Nama;HP\nAni;0812-1111-2222\n');
    const dialogs = new FolderDialogs(files.dir);
    expect((await dialogs.openCsv())?.name).toBe('baru.csv');
    expect(await dialogs.chooseFolder()).toBe(files.dir);
    expect(await dialogs.openBackup()).toBeNull();
    t = makeCore();
    await setupShop(t);
    t.dialogs.nextOpen = (await dialogs.openCsv())!.path;
    const preview = await t.ok('import:open', {});
    expect(preview).toMatchObject({ fileName: 'baru.csv', rowCount: 1 });
  });
});
