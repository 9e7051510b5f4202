import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The lint rule that keeps one shop clock: outside src/shared/shop-time.ts no code reads a Date in
 * the laptop's zone. Shown failing on deliberate violations, and silent on the sanctioned forms.
 */
const VIOLATIONS = `
export const a = (d: Date) => \`\${d.getFullYear()}-\${d.getMonth()}-\${d.getDate()} \${d.getHours()}\`;
export const b = (d: Date) => d.toLocaleDateString('id-ID');
export const c = new Intl.DateTimeFormat('id-ID', { day: 'numeric' });
export const e = Date.parse(\`\${'2026-01-01'}T00:00\`);
export const f = new Date(2026, 0, 1);
export const g = (d: Date) => d.toLocaleString('id-ID');
`;
const ALLOWED = `
export const h = (d: Date) => d.toLocaleString('id-ID', { timeZone: 'Asia/Jakarta' });
export const i = new Intl.DateTimeFormat('id-ID', { day: 'numeric', timeZone: 'Asia/Jakarta' });
export const j = (d: Date) => d.getUTCDate();
export const k = Date.parse(\`\${'2026-01-01'}T00:00:00Z\`);
`;

async function lint(code: string, filePath: string) {
  const [result] = await new ESLint().lintText(code, { filePath });
  return result!.messages.map((m) => `${m.line}:${m.ruleId}`);
}

describe("the lint rule for the shop's clock", () => {
  it("refuses the laptop's zone in main, the renderer and shared code", async () => {
    for (const file of ['src/main/services/x.ts', 'src/renderer/features/x/X.tsx', 'src/shared/x.ts']) {
      const found = await lint(VIOLATIONS, file);
      for (const line of [2, 3, 4, 5, 6, 7])
        expect(
          found.some((m) => m.startsWith(`${line}:`)),
          `${file}:${line}`,
        ).toBe(true);
      expect(found.filter((m) => m.startsWith('2:'))).toHaveLength(4);
    }
  }, 60_000);

  it('refuses it in tests too', async () => {
    expect(await lint(VIOLATIONS, 'tests/main/x.test.ts')).not.toEqual([]);
  }, 60_000);

  it('lets the shop-time module read Date fields, and anyone format with a time zone or read UTC', async () => {
    expect(await lint(VIOLATIONS.replace(/^export const [c-g].*$/gm, ''), 'src/shared/shop-time.ts')).toEqual(
      [],
    );
    expect(await lint(ALLOWED, 'src/main/services/x.ts')).toEqual([]);
  }, 60_000);
});
