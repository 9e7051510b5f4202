/**
 * The edges of the core. Electron implementations live in src/main/platform; in-memory ones in
 * ./memory-ports.ts serve tests, benchmarks and the dev bridge.
 */

/** Seals the device secret with the OS keystore (Electron safeStorage in the app). */
export interface KeyStore {
  /** Name of the backend that seals, e.g. 'dpapi', 'keychain', 'gnome_libsecret', 'basic_text'. */
  backend(): string;
  /** False when sealing gives no real protection (no keystore, or Linux basic_text). */
  isProtected(): boolean;
  seal(secret: Buffer): Buffer;
  /** Throws if the data was sealed elsewhere or by another backend. */
  unseal(sealed: Buffer): Buffer;
  /**
   * A small record kept with the keystore, outside the data folder (the vault's generation and
   * the fingerprints of retired recovery codes): putting old files back into the data folder does
   * not bring an old record back with them. Stored as given (the caller seals it); null if none.
   */
  loadRecord(name: string): Buffer | null;
  saveRecord(name: string, data: Buffer): void;
}

export interface Clock {
  /** Wall-clock time (UTC epoch ms): stored, shown, compared across restarts. */
  now(): number;
  /**
   * A clock that only moves forward, for waits and idle time inside this process: setting the
   * computer's clock back or forward must not lock anyone out or keep the vault open.
   */
  monotonic(): number;
}

/** Turns a printable HTML document into a PDF the user saves (recovery card, notices). */
export interface Printer {
  /**
   * `path` is where the PDF went when the printer chose the place itself (the dev bridge's folder
   * of prints); the app's printer asks the user, who sees the place in the save dialog.
   */
  printToPdf(html: string, suggestedName: string): Promise<{ saved: boolean; path?: string }>;
}

/** Native file dialogs. Main reads and writes the files itself: the renderer never touches disk. */
export interface Dialogs {
  /** Asks for a CSV file to import; null when the user cancels. */
  openCsv(): Promise<{ path: string; name: string } | null>;
  /** Asks for a POS sales export (.csv or .xlsx); null when the user cancels. */
  openSales(): Promise<{ path: string; name: string } | null>;
  /** Asks where to save and writes the data there; saved is false when the user cancels. */
  saveFile(suggestedName: string, data: string | Buffer): Promise<{ saved: boolean }>;
  /** Asks for a folder (backups); null when the user cancels. */
  chooseFolder(): Promise<string | null>;
  /** Asks for a backup file (.brankas); null when the user cancels. */
  openBackup(): Promise<{ path: string; name: string } | null>;
}

/**
 * Hands a message to the shop's WhatsApp or to the clipboard, when the user clicks. The app itself
 * makes no request: the link goes to the operating system, which opens WhatsApp (or the browser,
 * which opens WhatsApp). Only wa.me links that main built are ever handed over.
 */
export interface Handoff {
  openWhatsApp(url: string): Promise<void>;
  copyText(text: string): void;
}

/**
 * The second counter's server (src/main/lan/server.ts in the app; a recording one in tests): the
 * primary's Core starts it while the owner has the feature on, and stops it otherwise.
 */
export type { LanHost } from '../lan/protocol';

export const systemClock: Clock = { now: () => Date.now(), monotonic: () => performance.now() };
