import fc from 'fast-check';
import { z } from 'zod';

/**
 * Inputs for fuzzing, made from a channel's own zod schema: zod 4 turns it into JSON Schema
 * (`io: 'input'`, what a caller may send), and the small walker below turns that into fast-check
 * arbitraries. Refinements (hidden characters, real dates, a pipe's second minimum) have no JSON
 * Schema form, so strings are drawn from plain shop text of a realistic length and some values
 * still fail validation: the fuzz measures how many get through rather than trusting this file.
 */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
}

export interface SchemaArbitraryOptions {
  /**
   * Values for every property of this name, mixed 3:1 with what the schema allows (real ids of
   * rows, the real PIN): random ids alone would almost never name a row.
   */
  byKey?: Readonly<Record<string, fc.Arbitrary<unknown>>>;
  /** Arrays longer than this are not generated (a schema's max of 10,000 ids would be slow). */
  maxArray?: number;
}

export function inputSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** Letters a shop types, a few non-Latin ones and a whole emoji; no control or bidi characters. */
const TEXT_UNITS = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  ...'     .,-/()\'"&%+=@#:;?!*',
  ...'éüñçØß中文ありがとう',
  '😀',
  '👍🏽',
];
const textUnit = fc.constantFrom(...TEXT_UNITS);
const firstUnit = fc.constantFrom(...TEXT_UNITS.filter((u) => u.trim() !== ''));

/** Shop text that survives `.trim()` with its length: no leading or trailing blanks. */
export function textArbitrary(min: number, max: number): fc.Arbitrary<string> {
  if (max === 0) return fc.constant('');
  const body = (lo: number, hi: number) =>
    fc
      .tuple(
        firstUnit,
        fc.array(textUnit, { minLength: Math.max(0, lo - 1), maxLength: Math.max(0, hi - 1) }),
      )
      .map(([first, rest]) => `${first}${rest.join('')}`.trimEnd())
      .filter((s) => [...s].length >= lo && s.length <= max);
  // Mostly a realistic length (at least ten characters when the schema allows: a pipe's own
  // minimum, e.g. a reason's ten, is lost in JSON Schema), sometimes anything the schema allows.
  const realisticLo = Math.max(min, Math.min(10, max));
  const realisticHi = Math.min(max, Math.max(realisticLo, 60));
  return fc.oneof(
    { weight: 3, arbitrary: body(realisticLo, realisticHi) },
    { weight: 1, arbitrary: body(Math.max(min, 1), Math.min(max, Math.max(min, 1) + 300)) },
  );
}

function stringArbitrary(s: JsonSchema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? 500;
  if (s.pattern) {
    return fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length >= min && v.length <= max);
  }
  if (s.format === 'uuid') return fc.uuid();
  if (s.format === 'email') return fc.emailAddress().filter((v) => v.length <= max);
  const text = textArbitrary(min, max);
  return min === 0
    ? fc.oneof({ weight: 9, arbitrary: text }, { weight: 1, arbitrary: fc.constant('') })
    : text;
}

function integerArbitrary(s: JsonSchema): fc.Arbitrary<number> {
  const min =
    s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : (s.minimum ?? Number.MIN_SAFE_INTEGER);
  const max =
    s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : (s.maximum ?? Number.MAX_SAFE_INTEGER);
  return fc.integer({
    min: Math.max(min, Number.MIN_SAFE_INTEGER),
    max: Math.min(max, Number.MAX_SAFE_INTEGER),
  });
}

function objectArbitrary(s: JsonSchema, o: SchemaArbitraryOptions): fc.Arbitrary<unknown> {
  if (s.propertyNames && typeof s.additionalProperties === 'object') {
    return fc.dictionary(
      schemaArbitrary(s.propertyNames, o) as fc.Arbitrary<string>,
      schemaArbitrary(s.additionalProperties, o),
    );
  }
  const props = s.properties ?? {};
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, sub] of Object.entries(props)) {
    const derived = schemaArbitrary(sub, o);
    const extra = o.byKey?.[key];
    model[key] = extra
      ? fc.oneof({ weight: 3, arbitrary: extra }, { weight: 1, arbitrary: derived })
      : derived;
  }
  return fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
}

/** Values the schema accepts (up to the refinements JSON Schema cannot say). */
export function schemaArbitrary(s: JsonSchema, o: SchemaArbitraryOptions = {}): fc.Arbitrary<unknown> {
  if ('const' in s) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  if (s.anyOf) return fc.oneof(...s.anyOf.map((sub) => schemaArbitrary(sub, o)));
  switch (s.type) {
    case 'object':
      return objectArbitrary(s, o);
    case 'array':
      return fc.array(schemaArbitrary(s.items ?? {}, o), {
        minLength: s.minItems ?? 0,
        maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 10, o.maxArray ?? 10)),
      });
    case 'string':
      return stringArbitrary(s);
    case 'integer':
      return integerArbitrary(s);
    case 'number':
      return fc.double({ min: s.minimum, max: s.maximum, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.anything();
  }
}

/** Characters every text field refuses (control, bidi override, a lone surrogate). */
const HIDDEN = fc.constantFrom('\u0000', '\u0007', '\u001b', '\u202e', '\u2066', '\ud800', '\u0085');

/** A value of the wrong kind, or a right kind just outside its bounds. */
const wrongValue = fc.oneof(
  fc.anything(),
  fc.constantFrom(-1, 0, 1.5, Number.NaN, Infinity, 2 ** 53, '', ' ', '   ', null, true, [], {}),
  fc.string({ minLength: 301, maxLength: 3100 }),
);

type Mutation =
  | { kind: 'drop'; pick: number }
  | { kind: 'extra'; key: string; value: unknown }
  | { kind: 'wrong'; pick: number; value: unknown }
  | { kind: 'hidden'; pick: number; at: number; char: string }
  | { kind: 'replace'; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('extra' as const),
    key: fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('__proto__', 'constructor', 'role', 'userId'),
    ),
    value: fc.anything(),
  }),
  fc.record({ kind: fc.constant('wrong' as const), pick: fc.nat(), value: wrongValue }),
  fc.record({ kind: fc.constant('hidden' as const), pick: fc.nat(), at: fc.nat(), char: HIDDEN }),
  fc.record({ kind: fc.constant('replace' as const), value: fc.anything() }),
);

function mutate(input: unknown, m: Mutation): unknown {
  if (m.kind === 'replace') return m.value;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const out: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  const keys = Object.keys(out);
  // An input with no fields can only be broken by adding one.
  if (m.kind === 'extra' || keys.length === 0) {
    const key = m.kind === 'extra' ? m.key : 'x';
    const value = m.kind === 'extra' || m.kind === 'wrong' ? m.value : 1;
    Object.defineProperty(out, key, { value, enumerable: true, configurable: true, writable: true });
    return out;
  }
  const key = keys[m.pick % keys.length]!;
  if (m.kind === 'drop') delete out[key];
  else if (m.kind === 'wrong') out[key] = m.value;
  else {
    const strings = keys.filter((k) => typeof out[k] === 'string');
    const k = strings.length ? strings[m.pick % strings.length]! : key;
    const v = typeof out[k] === 'string' ? (out[k] as string) : '';
    const at = v.length ? m.at % v.length : 0;
    out[k] = `${v.slice(0, at)}${m.char}${v.slice(at)}`;
  }
  return out;
}

/** Valid-looking inputs broken in one place: a key dropped or added, a wrong value, a hidden character. */
export function mutantArbitrary(s: JsonSchema, o: SchemaArbitraryOptions = {}): fc.Arbitrary<unknown> {
  return fc.tuple(schemaArbitrary(s, o), mutation).map(([input, m]) => mutate(input, m));
}
