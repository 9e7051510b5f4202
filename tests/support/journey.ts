import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startBridge, type Bridge } from './bridge';
import { launchChromium, watchPage } from './browser';
import { makeCore, type TestCore } from './fixtures';
import { ChromiumPrinter } from './chromium-printer';

/**
 * One shop served to real Chromium for a describe block: `prepare` fills the shop (its owner is
 * logged in on the test's own window), which is then locked so the browser starts at the lock
 * screen. The fields are set in beforeAll.
 */
export function useJourney(
  prepare: (t: TestCore) => Promise<void>,
  opts: { chromiumPrinter?: boolean } = {},
): {
  t: TestCore;
  bridge: Bridge;
  browser: Browser;
} {
  const j = {} as { t: TestCore; bridge: Bridge; browser: Browser };
  beforeAll(async () => {
    // The printer renders with the same Chromium as the pages (launched just below).
    const printer = opts.chromiumPrinter ? new ChromiumPrinter(() => j.browser) : undefined;
    j.t = makeCore({ printer });
    await prepare(j.t);
    await j.t.ok('auth:lock', {});
    j.bridge = await startBridge(j.t.core);
    j.browser = await launchChromium();
  });
  afterAll(async () => {
    await j.browser?.close();
    await j.bridge?.close();
    j.t?.cleanup();
  });
  return j;
}

/** Logs a user in from the lock screen: their name, then the PIN. */
export async function loginAs(page: Page, name: RegExp, pin: string): Promise<void> {
  await page.getByRole('heading', { name: 'Siapa yang bertugas?' }).waitFor();
  await page.getByRole('button', { name }).click();
  await page.locator('.pin-input').fill(pin);
  await page.getByRole('button', { name: 'Buka' }).click();
}

/** A fresh browser window on the app at a laptop's size, with the user logged in and requests watched. */
export async function openAs(
  j: { browser: Browser; bridge: Bridge },
  user: { name: RegExp; pin: string },
  viewport = { width: 1280, height: 800 },
) {
  const context = await j.browser.newContext({ viewport });
  const page = await context.newPage();
  const watch = watchPage(page, j.bridge.url.replace(/\/$/, ''));
  await page.goto(j.bridge.url);
  await loginAs(page, user.name, user.pin);
  return { context, page, watch };
}
