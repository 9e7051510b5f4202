import { call } from './client';

/**
 * Tells main the person at the screen is still there, at most once every 30 s, so the idle
 * auto-lock (which main enforces) does not fire while someone is typing or tapping. Only while
 * someone is logged in (`active`): a touch from the lock screen is refused by main and lands in the
 * owner's audit log as a denied call at every login.
 */
export function watchActivity(
  active: () => boolean,
  target: Window = window,
  intervalMs = 30_000,
): () => void {
  let last = 0;
  const onActivity = () => {
    if (!active()) return;
    const now = Date.now();
    if (now - last < intervalMs) return;
    last = now;
    void call('auth:touch', {});
  };
  const events = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;
  for (const e of events) target.addEventListener(e, onActivity, { passive: true });
  return () => {
    for (const e of events) target.removeEventListener(e, onActivity);
  };
}
