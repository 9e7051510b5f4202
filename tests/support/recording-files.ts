import type { Dialogs, Printer } from '../../src/main/ports/ports';

/**
 * What the "user" does in the next save or print dialog: save, cancel, never answer, or the
 * dialog fails (a folder that cannot be written).
 */
export type DialogAnswer = 'save' | 'cancel' | 'hang' | 'fail';

/**
 * A paired laptop's save dialog and PDF printer in a test: they keep what reached them in memory
 * (nothing lands on disk) and answer as the test says; `asked` counts every dialog opened.
 */
export class RecordingFiles {
  answer: DialogAnswer = 'save';
  readonly asked: { kind: 'save' | 'print'; windowId: string; name: string }[] = [];
  readonly saved: { name: string; data: Buffer }[] = [];
  readonly printed: { name: string; html: string }[] = [];

  /** The dialogs of one window (the laptop's own window the call came from). */
  dialogs = (windowId: string): Pick<Dialogs, 'saveFile'> => ({
    saveFile: (name, data) => {
      this.asked.push({ kind: 'save', windowId, name });
      return this.settle(() => this.saved.push({ name, data: Buffer.from(data) }));
    },
  });

  printer = (windowId: string): Printer => ({
    printToPdf: (html, name) => {
      this.asked.push({ kind: 'print', windowId, name });
      return this.settle(() => this.printed.push({ name, html }));
    },
  });

  private settle(keep: () => void): Promise<{ saved: boolean }> {
    if (this.answer === 'hang') return new Promise(() => undefined);
    if (this.answer === 'fail') return Promise.reject(new Error('EACCES: the chosen folder is read-only'));
    if (this.answer === 'cancel') return Promise.resolve({ saved: false });
    keep();
    return Promise.resolve({ saved: true });
  }
}
