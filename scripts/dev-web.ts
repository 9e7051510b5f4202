import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Core } from '../src/main/core/core';
import { MemoryDialogs, MemoryKeyStore, MemoryHandoff } from '../src/main/ports/memory-ports';
import { startBridge } from '../tests/support/bridge';
import { sourcePhoneWorker, sourceXlsxWorker } from '../tests/support/source-worker';
import { FolderDialogs } from './dev-dialogs';
import { chromiumRenderer, FolderPrinter } from './dev-printer';

/**
 * Development only: the real backend with a fresh temporary vault, served to a local browser
 * through the test bridge. Nothing persists: the folder is deleted on exit. With
 * `-- --files <folder>`, the file dialogs pick the newest CSV or backup in that folder (a
 * browser cannot show the app's native dialogs), so a newcomer can try the import too. Printed
 * documents are saved as PDFs in ./dev-prints (or `-- --prints <folder>`); the app shows where.
 */
const option = (name: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const folder = option('--files');
const pdf = chromiumRenderer((line) => process.stdout.write(`${line}\n`));
const printer = new FolderPrinter(option('--prints') ?? 'dev-prints', pdf.render, (path) =>
  process.stdout.write(`Printed: ${path}\n`),
);
const dir = mkdtempSync(join(tmpdir(), 'brankas-dev-'));
const core = new Core({
  dataDir: dir,
  keyStore: new MemoryKeyStore(),
  printer,
  handoff: new MemoryHandoff(),
  dialogs: folder ? new FolderDialogs(folder) : new MemoryDialogs(),
  phoneWorker: sourcePhoneWorker,
  xlsxWorker: sourceXlsxWorker,
});
const timer = setInterval(() => core.tick(), 15_000);

void startBridge(core).then((bridge) => {
  process.stdout.write(
    `Brankas (dev bridge) at ${bridge.url}\nTemporary vault: ${dir}\n` +
      (folder
        ? `File dialogs pick the newest CSV or .brankas in ${folder}\n`
        : 'File dialogs cancel: add -- --files <folder> to pick files from a folder\n') +
      `Printed documents are saved in ${printer.folder}\n` +
      'Ctrl+C to stop.\n',
  );
  const stop = () => {
    clearInterval(timer);
    core.dispose();
    void Promise.all([bridge.close(), pdf.close()]).then(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
});
