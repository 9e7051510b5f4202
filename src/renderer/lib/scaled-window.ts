/**
 * Which rows of a long list are on screen, for a list taller than a browser can draw.
 *
 * Chromium cannot lay out an element taller than about 33 million pixels, so a million 56-pixel
 * rows (56 million pixels) cannot simply be stacked. Past MAX_SCROLL_PX the scrollable height is
 * capped and the scroll position is mapped proportionally onto the rows: dragging the scrollbar
 * to the end reaches the last row, and wheel scrolling still moves row by row near the cursor.
 * (Virtual-list libraries, @tanstack/react-virtual included, assume the full height fits.)
 */
export const MAX_SCROLL_PX = 24_000_000;

export interface WindowRow {
  index: number;
  /** Offset from the top of the scroll content, in pixels. */
  top: number;
}

export interface ScaledWindow {
  /** Height to give the scroll content. */
  height: number;
  rows: WindowRow[];
}

export function scaledWindow(
  count: number,
  rowHeight: number,
  viewport: number,
  scrollTop: number,
  overscan = 8,
): ScaledWindow {
  const full = count * rowHeight;
  if (count === 0 || viewport <= 0) return { height: full, rows: [] };
  const height = Math.min(full, MAX_SCROLL_PX);
  const maxScroll = Math.max(0, height - viewport);
  const top = Math.min(Math.max(0, scrollTop), maxScroll);
  // Where the viewport's top is in the full list.
  const virtualTop = maxScroll === 0 ? 0 : (top / maxScroll) * Math.max(0, full - viewport);
  const first = Math.max(0, Math.floor(virtualTop / rowHeight) - overscan);
  const last = Math.min(count - 1, Math.floor((virtualTop + viewport) / rowHeight) + overscan);
  const rows: WindowRow[] = [];
  for (let index = first; index <= last; index++) {
    rows.push({ index, top: top + (index * rowHeight - virtualTop) });
  }
  return { height, rows };
}
