import { describe, expect, it } from 'vitest';
import { MAX_SCROLL_PX, scaledWindow } from '../../src/renderer/lib/scaled-window';

describe('scaledWindow: a million rows in a browser', () => {
  it('a short list is drawn at full height, rows where they belong', () => {
    const w = scaledWindow(100, 56, 560, 560, 0);
    expect(w.height).toBe(5600);
    expect(w.rows[0]).toEqual({ index: 10, top: 560 });
    expect(w.rows.at(-1)?.index).toBe(20);
  });

  it('a million rows stay under the browser height limit, and both ends are reachable', () => {
    const rows = 1_000_000;
    const top = scaledWindow(rows, 56, 700, 0, 0);
    expect(top.height).toBe(MAX_SCROLL_PX);
    expect(top.height).toBeLessThan(33_000_000);
    expect(top.rows[0]).toEqual({ index: 0, top: 0 });
    const end = scaledWindow(rows, 56, 700, MAX_SCROLL_PX - 700, 0);
    expect(end.rows.at(-1)?.index).toBe(rows - 1);
    // The last row ends exactly at the bottom of the viewport.
    expect(end.rows.at(-1)!.top + 56).toBeCloseTo(MAX_SCROLL_PX, 5);
    const middle = scaledWindow(rows, 56, 700, (MAX_SCROLL_PX - 700) / 2, 0);
    expect(Math.abs(middle.rows[0]!.index - rows / 2)).toBeLessThan(20);
  });

  it('rows in view are contiguous and never more than a screenful plus overscan', () => {
    const w = scaledWindow(1_000_000, 56, 700, 12_345_678, 8);
    const idx = w.rows.map((r) => r.index);
    expect(idx).toEqual(Array.from({ length: idx.length }, (_, i) => idx[0]! + i));
    expect(idx.length).toBeLessThanOrEqual(Math.ceil(700 / 56) + 1 + 16);
    for (let i = 1; i < w.rows.length; i++) expect(w.rows[i]!.top - w.rows[i - 1]!.top).toBeCloseTo(56, 6);
  });

  it('empty or unmeasured lists draw nothing', () => {
    expect(scaledWindow(0, 56, 700, 0).rows).toEqual([]);
    expect(scaledWindow(10, 56, 0, 0).rows).toEqual([]);
  });
});
