import { source as axeSource } from 'axe-core';
import type { Page } from 'playwright-core';

/** The page's own globals, as axe needs them (the Node-side types know no DOM). */
interface AxePage {
  document: unknown;
  axe?: {
    run(
      context: unknown,
      options: object,
    ): Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }>;
  };
}

/**
 * axe-core's accessibility rules on the page as it is now. Injected through the DevTools
 * protocol (page.evaluate), which the app's CSP does not govern: nothing is loaded from anywhere.
 * Returns the violations that matter at the counter (critical, serious, moderate), by rule and node.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => (globalThis as unknown as AxePage).axe !== undefined);
  if (!loaded) await page.evaluate(axeSource);
  const found = await page.evaluate(async () => {
    const p = globalThis as unknown as AxePage;
    return (await p.axe!.run(p.document, { resultTypes: ['violations'] })).violations;
  });
  return found
    .filter((v) => v.impact === 'critical' || v.impact === 'serious' || v.impact === 'moderate')
    .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id}: ${n.target.join(' ')}`));
}
