export interface Page<T> {
  items: T[];
  /** Exact, unless `capped`: then at least this many (counting stops early on big searches). */
  total: number;
  offset: number;
  capped?: boolean;
}
