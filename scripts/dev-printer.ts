import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { MemoryPrinter } from '../src/main/ports/memory-ports';

/** Turns printable HTML into a PDF, or null when there is no browser to do it with. */
export type PdfRenderer = (html: string) => Promise<Buffer | null>;

/**
 * The dev bridge's printer (`npm run dev:web`): a browser cannot show the app's save dialog, so
 * every printed document is written to a folder (./dev-prints by default) under its own name,
 * never over an earlier print, and its path is given back for the app and the terminal to show.
 * Without Chromium the document's HTML is written instead (open it in a browser and print it).
 */
export class FolderPrinter extends MemoryPrinter {
  readonly folder: string;

  constructor(
    folder: string,
    private readonly render: PdfRenderer,
    private readonly onSaved: (path: string) => void = () => undefined,
  ) {
    super();
    this.folder = resolve(folder);
  }

  override async printToPdf(html: string, suggestedName: string): Promise<{ saved: boolean; path: string }> {
    await super.printToPdf(html, suggestedName);
    const pdf = await this.render(html);
    mkdirSync(this.folder, { recursive: true });
    const path = this.freeName(basename(suggestedName, extname(suggestedName)), pdf ? '.pdf' : '.html');
    writeFileSync(path, pdf ?? html);
    this.onSaved(path);
    return { saved: true, path };
  }

  private freeName(stem: string, ext: string): string {
    const safe = stem.replace(/[^\p{L}\p{N}._-]+/gu, '-') || 'cetak';
    let path = join(this.folder, `${safe}${ext}`);
    for (let n = 2; existsSync(path); n++) path = join(this.folder, `${safe}-${n}${ext}`);
    return path;
  }
}

/**
 * Chromium (the engine Electron prints with) through playwright-core, started at the first print:
 * CHROMIUM_PATH, else Debian's /usr/bin/chromium. Scripts off, as in the app's print window.
 * Null (HTML is kept) when it cannot start.
 */
export function chromiumRenderer(
  log: (line: string) => void,
  /** Chromium's environment, when it must differ from ours. */
  env?: Record<string, string>,
): {
  render: PdfRenderer;
  close(): Promise<void>;
} {
  let browser: Promise<Browser | null> | null = null;
  const start = async (): Promise<Browser | null> => {
    try {
      const { chromium } = await import('playwright-core');
      return await chromium.launch({
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
        ...(env ? { env } : {}),
      });
    } catch {
      log('Chromium not found (set CHROMIUM_PATH): printed documents are saved as HTML.');
      return null;
    }
  };
  return {
    async render(html) {
      const b = await (browser ??= start());
      if (!b) return null;
      const context = await b.newContext({ javaScriptEnabled: false });
      try {
        const page = await context.newPage();
        await page.setContent(html);
        return await page.pdf({ format: 'A4', printBackground: true });
      } finally {
        await context.close();
      }
    },
    async close() {
      await (await browser)?.close();
    },
  };
}
