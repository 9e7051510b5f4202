import type { Browser } from 'playwright-core';
import { MemoryPrinter } from '../../src/main/ports/memory-ports';

/**
 * The app prints with Electron's printToPDF; here the same HTML goes through Chromium's page.pdf
 * (the same engine), scripts off as in the app's hidden print window. The PDFs stay in memory.
 */
export class ChromiumPrinter extends MemoryPrinter {
  readonly pdfs: { name: string; pdf: Buffer }[] = [];
  constructor(private readonly browser: () => Browser) {
    super();
  }

  override async printToPdf(html: string, suggestedName: string): Promise<{ saved: boolean }> {
    await super.printToPdf(html, suggestedName);
    const context = await this.browser().newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.setContent(html);
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      this.pdfs.push({ name: suggestedName, pdf });
    } finally {
      await context.close();
    }
    return { saved: true };
  }
}
