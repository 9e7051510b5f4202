import { clipboard, shell } from 'electron';
import { AppError } from '../lib/app-error';
import type { Handoff } from '../ports/ports';
import { isWaLink } from '../services/whatsapp';

/**
 * WhatsApp and the clipboard, through Electron. Defence in depth: even though only main builds
 * the links, anything but a wa.me link is refused here, so this edge can never open a file, a
 * custom protocol or another site.
 */
export class ElectronHandoff implements Handoff {
  async openWhatsApp(url: string): Promise<void> {
    if (!isWaLink(url)) throw new AppError('INTERNAL');
    await shell.openExternal(url, { activate: true });
  }

  copyText(text: string): void {
    clipboard.writeText(text);
  }
}
