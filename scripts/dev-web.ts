import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Core } from '../src/main/core/core';
import { ClientCore } from '../src/main/lan/client-core';
import { LanServer, LAN_PORT } from '../src/main/lan/server';
import { tlsLinks } from '../src/main/lan/tls-link';
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
 * With `-- --lan`, a second, paired laptop too: an extra counter in its own tab, whose Core holds
 * no vault and reaches this primary over the real TLS link on 127.0.0.1.
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
const lan = process.argv.includes('--lan');
const dir = mkdtempSync(join(tmpdir(), 'brankas-dev-'));
const clientDir = lan ? mkdtempSync(join(tmpdir(), 'brankas-dev-counter-')) : null;
const dialogs = folder ? new FolderDialogs(folder) : new MemoryDialogs();
const core = new Core({
  dataDir: dir,
  keyStore: new MemoryKeyStore(),
  printer,
  handoff: new MemoryHandoff(),
  dialogs,
  phoneWorker: sourcePhoneWorker,
  xlsxWorker: sourceXlsxWorker,
  // The primary listens on this machine only: the dev bridge is not a shop's network.
  lanHost: lan ? new LanServer({ interfaces: ['127.0.0.1'] }) : undefined,
});
const counter = clientDir
  ? new ClientCore({
      dataDir: clientDir,
      keyStore: new MemoryKeyStore(),
      links: tlsLinks,
      // The counter's exports and prints land where the primary's do on this machine.
      dialogs: () => dialogs,
      printer: () => printer,
    })
  : null;
const timer = setInterval(() => core.tick(), 15_000);

void Promise.all([startBridge(core), counter ? startBridge(counter) : null]).then(([bridge, second]) => {
  process.stdout.write(
    `Brankas (dev bridge) at ${bridge.url}\nTemporary vault: ${dir}\n` +
      (second
        ? `Extra counter (paired laptop, no vault) at ${second.url}\n` +
          `  On the first tab: set up, then Pengaturan -> Kasir tambahan: turn it on and make a code.\n` +
          `  On the second: "Sambungkan ke laptop utama", address 127.0.0.1:${LAN_PORT} and the code.\n`
        : '') +
      (folder
        ? `File dialogs pick the newest CSV or .brankas in ${folder}\n`
        : 'File dialogs cancel: add -- --files <folder> to pick files from a folder\n') +
      `Printed documents are saved in ${printer.folder}\n` +
      'Ctrl+C to stop.\n',
  );
  const stop = () => {
    clearInterval(timer);
    counter?.dispose();
    core.dispose();
    void Promise.all([bridge.close(), second?.close(), pdf.close()]).then(() => {
      rmSync(dir, { recursive: true, force: true });
      if (clientDir) rmSync(clientDir, { recursive: true, force: true });
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
});
