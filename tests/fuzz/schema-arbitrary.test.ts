import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHANNELS, contract } from '../../src/shared/contract';
import { inputSchema, mutantArbitrary, schemaArbitrary } from '../support/schema-arbitrary';

/** Share of `n` samples of `arb` that `schema` accepts. */
function accepted(schema: z.ZodType, arb: fc.Arbitrary<unknown>, n = 300): number {
  return fc.sample(arb, n).filter((v) => schema.safeParse(v).success).length / n;
}

describe('schema arbitrary: JSON Schema from zod into fast-check inputs', () => {
  it('every value made from a schema without refinements is accepted by that schema', () => {
    const plain = z
      .object({
        id: z.number().int().positive(),
        at: z.number().int().min(10).max(20),
        ratio: z.number().min(0).max(1),
        name: z.string().trim().min(3).max(12),
        note: z.string().max(5).nullable().optional(),
        user: z.string().uuid(),
        email: z.string().email(),
        kind: z.enum(['a', 'b']),
        sure: z.literal(true),
        tags: z.array(z.string().min(1).max(4)).min(2).max(3),
        checks: z.partialRecord(z.enum(['x', 'y']), z.boolean()),
        nested: z
          .object({ n: z.number().int().min(0).max(0) })
          .strict()
          .optional(),
        paged: z.number().int().min(1).max(9).default(5),
      })
      .strict();
    // fc.assert, not fc.sample: its runs lean towards the bounds, where an off-by-one hides.
    fc.assert(
      fc.property(schemaArbitrary(inputSchema(plain)), (v) => {
        expect(plain.safeParse(v).error?.issues ?? []).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it("nearly every value made from a channel's schema is accepted by it", () => {
    let all = 0;
    for (const channel of CHANNELS) {
      const schema = contract[channel].input;
      const share = accepted(schema, schemaArbitrary(inputSchema(schema)));
      // Refinements JSON Schema cannot say (a real date, a pipe's minimum) cost a little.
      expect(share, channel).toBeGreaterThanOrEqual(0.6);
      all += share;
    }
    expect(all / CHANNELS.length).toBeGreaterThanOrEqual(0.9);
  });

  it('mutants are mostly refused', () => {
    let refused = 0;
    for (const channel of CHANNELS) {
      const schema = contract[channel].input;
      refused += 1 - accepted(schema, mutantArbitrary(inputSchema(schema)), 200);
    }
    expect(refused / CHANNELS.length).toBeGreaterThanOrEqual(0.75);
  });

  it('values given for a key are used for most of that key', () => {
    const schema = contract['customers:get'].input;
    const ids = fc.sample(schemaArbitrary(inputSchema(schema), { byKey: { id: fc.constant(424242) } }), 400);
    const share = ids.filter((v) => (v as { id: number }).id === 424242).length / ids.length;
    expect(share).toBeGreaterThan(0.6);
    expect(share).toBeLessThan(0.9);
  });
});
