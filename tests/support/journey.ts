import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startBridge, type Bridge } from './bridge';
import { launchChromium, shopContext, watchPage } from './browser';
import { makeCore, type TestCore } from './fixtures';
import { ChromiumPrinter } from './chromium-printer';
import { acknowledge } from '../../src/main/services/briefing';
import type { LanHost } from '../../src/main/lan/protocol';
import { briefingAnswers } from './briefing-answers';

/**
 * One shop served to real Chromium for a describe block: `prepare` fills the shop (its owner is
 * logged in on the test's own window), which is then locked so the browser starts at the lock
 * screen. The fields are set in beforeAll.
 */
export function useJourney(
  prepare: (t: TestCore) => Promise<void>,
  /** `briefed`: who has already read the staff briefing (default everyone, so journeys about
   * something else start at the shop's pages; 'owner' leaves the cashiers' first reading to the test). */
  opts: {
    chromiumPrinter?: boolean;
    briefed?: 'all' | 'owner';
    /** The second counter's server (a real LanServer on 127.0.0.1, or MemoryLanHost). */
    lanHost?: LanHost;
  } = {},
): {
  t: TestCore;
  bridge: Bridge;
  browser: Browser;
} {
  const j = {} as { t: TestCore; bridge: Bridge; browser: Browser };
  beforeAll(async () => {
    // The printer renders with the same Chromium as the pages (launched just below).
    const printer = opts.chromiumPrinter ? new ChromiumPrinter(() => j.browser) : undefined;
    j.t = makeCore({ printer, lanHost: opts.lanHost });
    await prepare(j.t);
    const db = j.t.core.vault.requireDb();
    const who = opts.briefed === 'owner' ? "WHERE role = 'owner'" : '';
    for (const id of db.prepare(`SELECT id FROM users ${who}`).pluck().all() as string[]) {
      acknowledge(db, id, j.t.clock.now());
    }
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
  j: { browser: Browser; bridge: Bridge; t: TestCore },
  user: { name: RegExp; pin: string },
  viewport = { width: 1280, height: 800 },
) {
  const context = await shopContext(j.browser, viewport, j.t.clock);
  const page = await context.newPage();
  const watch = watchPage(page, j.bridge.url.replace(/\/$/, ''));
  await page.goto(j.bridge.url);
  await loginAs(page, user.name, user.pin);
  return { context, page, watch };
}

/**
 * Reads the staff briefing shown at login and answers its check as someone who learned the rules:
 * each action "Boleh" or "Tidak boleh" as the rules shown say.
 */
export async function passBriefing(page: Page): Promise<void> {
  const list = page.getByTestId('briefing-rules');
  await list.waitFor();
  const rules = (await list.locator('li').allInnerTexts()).map((r) => r.trim());
  const english = (await page.getByRole('button', { name: /start the questions/ }).count()) > 0;
  await page.getByRole('button', { name: /mulai pertanyaan|start the questions/ }).click();
  const items = page.locator('.briefing-quiz li');
  await items.nth(4).waitFor();
  const statements = (await items.locator('p').allInnerTexts()).map((s) => ({ text: s.trim() }));
  const answers = briefingAnswers(rules, statements, english ? 'en' : 'id');
  for (const [i, item] of (await items.all()).entries()) {
    const name = answers[i] ? (english ? 'Allowed' : 'Boleh') : english ? 'Not allowed' : 'Tidak boleh';
    await item.getByRole('button', { name, exact: true }).click();
  }
  await page.getByRole('button', { name: /Periksa jawaban|Check my answers/ }).click();
  await page.getByTestId('current-user').waitFor();
}
