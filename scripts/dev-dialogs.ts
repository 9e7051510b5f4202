import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { MemoryDialogs } from '../src/main/ports/memory-ports';

/**
 * The dev bridge's file dialogs (`npm run dev:web -- --files <folder>`): a browser cannot show
 * the app's native dialogs, so "choose a file" takes the newest CSV (or .brankas backup) in the
 * given folder, and "choose a folder" is that folder. Saved files stay in memory, as in tests.
 */
export class FolderDialogs extends MemoryDialogs {
  constructor(private readonly folder: string) {
    super();
    this.nextFolder = folder;
  }

  private newest(...exts: string[]): { path: string; name: string } | null {
    const files = readdirSync(this.folder)
      .filter((f) => exts.some((ext) => f.toLowerCase().endsWith(ext)))
      .map((f) => ({ path: join(this.folder, f), at: statSync(join(this.folder, f)).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    return files[0] ? { path: files[0].path, name: basename(files[0].path) } : null;
  }

  override openCsv(): Promise<{ path: string; name: string } | null> {
    return Promise.resolve(this.newest('.csv'));
  }

  /** A POS sales export: the newest CSV or .xlsx. */
  override openSales(): Promise<{ path: string; name: string } | null> {
    return Promise.resolve(this.newest('.csv', '.xlsx'));
  }

  override openBackup(): Promise<{ path: string; name: string } | null> {
    return Promise.resolve(this.newest('.brankas'));
  }
}
