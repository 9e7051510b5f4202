import type { LockReason, SessionUser } from '../../shared/domain';
import type { Clock } from '../ports/ports';

export interface Session {
  user: SessionUser;
  /** Monotonic ms: idle time must not depend on the wall clock. */
  lastActivity: number;
}

/**
 * Main's record of who is logged in at which window. The renderer never says who it is: the
 * transport (Electron's webContents id, or the bridge's per-page token) names the window.
 */
export class Sessions {
  private readonly byWindow = new Map<string, Session>();
  private readonly lockListeners: ((windowId: string, reason: LockReason) => void)[] = [];

  constructor(private readonly clock: Clock) {}

  get(windowId: string): Session | undefined {
    return this.byWindow.get(windowId);
  }

  start(windowId: string, user: SessionUser): void {
    this.byWindow.set(windowId, { user, lastActivity: this.clock.monotonic() });
  }

  update(windowId: string, user: SessionUser): void {
    const s = this.byWindow.get(windowId);
    if (s) s.user = user;
  }

  touch(windowId: string): void {
    const s = this.byWindow.get(windowId);
    if (s) s.lastActivity = this.clock.monotonic();
  }

  end(windowId: string, reason: LockReason): boolean {
    const had = this.byWindow.delete(windowId);
    if (had) for (const l of this.lockListeners) l(windowId, reason);
    return had;
  }

  count(): number {
    return this.byWindow.size;
  }

  entries(): [string, Session][] {
    return [...this.byWindow.entries()];
  }

  onLock(listener: (windowId: string, reason: LockReason) => void): void {
    this.lockListeners.push(listener);
  }
}
