import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { axeViolations } from './axe';
import type { TestClock } from './clock';

export const SCREENSHOT_DIR = join('test-results', 'screenshots');

/**
 * The environment Chromium starts with: ours without libfaketime. The any-date pass moves the
 * wall clock of our code; Chromium is a tool it drives (pages follow the test clock), and under
 * libfaketime its start-up and printing slow to a minute.
 */
export function chromiumEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && k !== 'LD_PRELOAD' && !k.startsWith('FAKETIME')) env[k] = v;
  return env;
}

/** Debian's Chromium, headless, with its own background traffic switched off. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    env: chromiumEnv(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A browser context for the shop's pages whose clock is the core's: the page's `Date` starts at the
 * core's time and moves with it (and in real time between moves), as the app's window and main
 * share one machine clock. Without a clock the core runs on the machine's, and so does the page.
 */
export async function shopContext(
  browser: Browser,
  viewport: { width: number; height: number },
  clock?: TestClock,
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport });
  if (clock) {
    await context.clock.install({ time: clock.now() });
    const stop = clock.follow((now) => void context.clock.setSystemTime(now).catch(() => undefined));
    context.on('close', stop);
  }
  return context;
}

/**
 * Saves a screenshot of the screen as it is and, unless it is already that small, again at a
 * cheap shop laptop's 1024x640 (`<name>-1024.png`); scans both with axe-core: a critical, serious
 * or moderate accessibility violation fails the test at the screen where it appears.
 */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const size = page.viewportSize();
  const sizes: [string, { width: number; height: number } | null][] = [[name, null]];
  if (size && (size.width !== 1024 || size.height !== 640))
    sizes.push([`${name}-1024`, { width: 1024, height: 640 }]);
  for (const [file, viewport] of sizes) {
    if (viewport) await page.setViewportSize(viewport);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${file}.png`), fullPage: true });
    const violations = await axeViolations(page);
    if (violations.length > 0) throw new Error(`axe on ${file}:\n${violations.join('\n')}`);
  }
  if (size && sizes.length > 1) await page.setViewportSize(size);
}

/** Records every request and console error, to assert the app stays on its own origin. */
export function watchPage(page: Page, origin: string) {
  const foreign: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) foreign.push(r.url());
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return { foreign, errors };
}

/** Whether the whole of the element is on screen, without scrolling anything. */
export async function inViewport(page: Page, target: Locator): Promise<boolean> {
  const box = await target.boundingBox();
  const view = page.viewportSize()!;
  return (
    box !== null &&
    box.x >= 0 &&
    box.y >= 0 &&
    box.x + box.width <= view.width &&
    box.y + box.height <= view.height
  );
}
