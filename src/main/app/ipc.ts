import { ipcMain, type IpcMainInvokeEvent, type WebFrameMain } from 'electron';
import type { EdgeCore } from '../core/edge-core';
import { isAppPageUrl } from './hardening';

export const IPC_INVOKE = 'brankas:invoke';
export const IPC_EVENT = 'brankas:event';

function trustedFrame(frame: WebFrameMain | null): boolean {
  // Only our own top-level page may call: not a subframe, not a page navigated elsewhere, not a
  // data: or devtools:// page (which may load, but may not speak for the app).
  return frame !== null && frame.parent === null && isAppPageUrl(frame.url);
}

/** The single IPC entry point; the window's webContents id is the session key, never the page's word. */
export function registerIpc(core: EdgeCore): void {
  ipcMain.handle(IPC_INVOKE, (event: IpcMainInvokeEvent, channel: unknown, input: unknown) => {
    const windowId = String(event.sender.id);
    if (!trustedFrame(event.senderFrame)) {
      core.router.refused(windowId, 'UNTRUSTED_FRAME');
      return core.refuse('FORBIDDEN', { reason: 'untrusted_frame' });
    }
    return core.dispatch(windowId, channel, input);
  });
}
