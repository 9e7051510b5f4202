/** The keys more than one part declares (never when the parts are disjoint). */
type Overlap<P extends readonly object[], Seen extends PropertyKey = never> = P extends readonly [
  infer H extends object,
  ...infer R extends readonly object[],
]
  ? (keyof H & Seen) | Overlap<R, Seen | keyof H>
  : never;

type Joined<P extends readonly object[]> = P extends readonly [
  infer H extends object,
  ...infer R extends readonly object[],
]
  ? H & Joined<R>
  : unknown;

/** The parts as one flat object type (a readable map rather than an intersection of 14). */
type Join<P extends readonly object[]> = { [K in keyof Joined<P>]: Joined<P>[K] };

/**
 * Joins the capabilities' parts of the channel map into one. A channel two parts both define is
 * refused: by the compiler when the parts' types are known (the call then asks for a
 * `'defined twice'` property naming the channels), and at module load in any case. An object
 * spread would silently keep the last definition, and with it the wrong schema or permission.
 */
export function joinParts<const P extends readonly object[]>(
  ...parts: P & ([Overlap<P>] extends [never] ? unknown : { 'defined twice': Overlap<P> })
): Join<P> {
  const joined: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      if (Object.hasOwn(joined, key)) throw new Error(`Channel defined twice: ${key}`);
      joined[key] = value;
    }
  }
  return joined as Join<P>;
}
