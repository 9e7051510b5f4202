import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { chromiumRenderer, FolderPrinter } from '../../scripts/dev-printer';
import { chromiumEnv } from '../support/browser';
import { makeCore, setupShop, tempDir, type TestCore } from '../support/fixtures';
import { pdfText } from '../support/pdf-text';

let t: TestCore;
let prints: { dir: string; cleanup(): void };
afterEach(() => {
  t?.cleanup();
  prints?.cleanup();
});
const chromium = chromiumRenderer(() => undefined, chromiumEnv());
afterAll(() => chromium.close());

/** A shop on the dev bridge's printer, and the print paths its owner's window was told. */
async function shopPrintingTo(render = chromium.render) {
  prints = tempDir('brankas-prints-');
  const folder = join(prints.dir, 'dev-prints');
  const printer = new FolderPrinter(folder, render);
  t = makeCore({ printer });
  await setupShop(t);
  const told: string[] = [];
  t.core.setEventSink((_w, event, payload) => {
    if (event === 'print:saved') told.push((payload as { path: string }).path);
  });
  return { folder, told };
}

describe('npm run dev:web saves printed documents to a folder, and says where', () => {
  it('the privacy notice printed twice: two readable PDFs side by side in ./dev-prints, each path shown in the app', async () => {
    const { folder, told } = await shopPrintingTo();
    expect(existsSync(folder)).toBe(false);
    expect(await t.ok('docs:print', { kind: 'notice' })).toEqual({ saved: true });
    // The same document again: a second file beside the first, never over it.
    expect(await t.ok('docs:print', { kind: 'notice' })).toEqual({ saved: true });
    const files = readdirSync(folder).sort();
    expect(files).toHaveLength(2);
    expect(files).toEqual(['pemberitahuan-privasi-v1-2.pdf', 'pemberitahuan-privasi-v1.pdf']);
    expect(files.every((f) => f.endsWith('.pdf'))).toBe(true);
    // The owner's window was told where each one went: the folder's files, nothing else.
    expect(told.map((p) => p.slice(folder.length + 1)).sort()).toEqual(files);
    for (const f of files) {
      const pdf = readFileSync(join(folder, f));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(await pdfText(new Uint8Array(pdf))).toContain('Toko Maju');
    }
  }, 60_000);

  it('without Chromium the document is kept as HTML, to open in a browser and print', async () => {
    const { folder, told } = await shopPrintingTo(() => Promise.resolve(null));
    await t.ok('docs:print', { kind: 'notice' });
    const [file] = readdirSync(folder);
    expect(file).toMatch(/\.html$/);
    expect(readFileSync(join(folder, file!), 'utf8')).toContain('Toko Maju');
    expect(told).toEqual([join(folder, file!)]);
  });
});
