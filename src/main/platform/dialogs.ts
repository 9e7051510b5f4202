import { BrowserWindow, dialog } from 'electron';
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Dialogs } from '../ports/ports';

export class ElectronDialogs implements Dialogs {
  constructor(private readonly parent: () => BrowserWindow | null) {}

  openCsv(): Promise<{ path: string; name: string } | null> {
    return this.openFile([{ name: 'CSV', extensions: ['csv', 'txt'] }]);
  }

  openSales(): Promise<{ path: string; name: string } | null> {
    return this.openFile([{ name: 'CSV / Excel', extensions: ['csv', 'txt', 'xlsx'] }]);
  }

  async chooseFolder(): Promise<string | null> {
    const parent = this.parent();
    const options: Electron.OpenDialogOptions = { properties: ['openDirectory', 'createDirectory'] };
    const r = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
    return r.canceled ? null : (r.filePaths[0] ?? null);
  }

  openBackup(): Promise<{ path: string; name: string } | null> {
    return this.openFile([{ name: 'Brankas', extensions: ['brankas'] }]);
  }

  private async openFile(filters: Electron.FileFilter[]): Promise<{ path: string; name: string } | null> {
    const parent = this.parent();
    const options: Electron.OpenDialogOptions = { properties: ['openFile'], filters };
    const r = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
    const path = r.filePaths[0];
    return r.canceled || !path ? null : { path, name: basename(path) };
  }

  async saveFile(suggestedName: string, data: string | Buffer): Promise<{ saved: boolean }> {
    const parent = this.parent();
    const options: Electron.SaveDialogOptions = { defaultPath: suggestedName };
    const r = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
    if (r.canceled || !r.filePath) return { saved: false };
    await writeFile(r.filePath, data, { mode: 0o600 });
    return { saved: true };
  }
}
