import type { BrankasApi } from '../../src/shared/api';
import { afterEach, beforeEach, vi } from 'vitest';
import { useShop } from '../../src/renderer/features/shop/shop.store';
import { makeCore, setupShop, type TestCore } from '../support/fixtures';

/**
 * Connects components to a real core in-process, the way the preload connects them to main:
 * input is cloned (structured clone, like IPC) and the window id is fixed by the connection.
 */
export function connect(t: TestCore, windowId = 'w1'): void {
  followClock(t);
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  t.core.setEventSink((w, event, payload) => {
    if (w === windowId) for (const l of listeners.get(event) ?? []) l(payload);
  });
  const api: BrankasApi = {
    invoke: (channel, input) => t.core.dispatch(windowId, channel, structuredClone(input)) as never,
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (p: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (p: unknown) => void);
    },
  };
  window.brankas = api;
}

/**
 * The renderer's `Date` is the core's clock, as in the app where main and the window read one
 * machine clock: it starts at the core's time, jumps when the test moves that clock, and runs in
 * real time in between (countdowns still count). Undone after each test (setup.ts).
 */
function followClock(t: TestCore): void {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  stopFollowing.push(t.clock.follow((now) => vi.setSystemTime(now)));
}
const stopFollowing: (() => void)[] = [];
afterEach(() => {
  for (const stop of stopFollowing.splice(0)) stop();
  vi.useRealTimers();
});

/**
 * Each test gets its own set-up shop on a real core, connected as the window; the shop's field
 * choices (global UI state) are reset after it. Returns a getter for the current test's core.
 */
export function useShopCore(): () => TestCore {
  let t: TestCore;
  beforeEach(async () => {
    t = makeCore();
    await setupShop(t);
    connect(t);
  });
  afterEach(() => {
    t.cleanup();
    useShop.setState({ fields: [], purposes: [], loaded: false });
  });
  return () => t;
}
