import { BrowserWindow, dialog } from 'electron';
import { writeFile } from 'node:fs/promises';
import type { Printer } from '../ports/ports';

/**
 * Renders a self-contained HTML document in a hidden, script-less window and saves it as PDF
 * where the user chooses (usually to print it straight away).
 */
export class ElectronPdfPrinter implements Printer {
  constructor(private readonly parent: () => BrowserWindow | null) {}

  async printToPdf(html: string, suggestedName: string): Promise<{ saved: boolean }> {
    const win = new BrowserWindow({
      show: false,
      webPreferences: {
        sandbox: true,
        javascript: false,
        contextIsolation: true,
        nodeIntegration: false,
        disableBlinkFeatures: 'Auxclick',
      },
    });
    try {
      await win.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html).toString('base64')}`);
      const pdf = await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true });
      const parent = this.parent();
      const options = { defaultPath: suggestedName, filters: [{ name: 'PDF', extensions: ['pdf'] }] };
      const choice = parent
        ? await dialog.showSaveDialog(parent, options)
        : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return { saved: false };
      await writeFile(choice.filePath, pdf);
      return { saved: true };
    } finally {
      win.destroy();
    }
  }
}
