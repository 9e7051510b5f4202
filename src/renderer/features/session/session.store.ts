import { create } from 'zustand';
import type { ChannelInput } from '../../../shared/contract';
import type { AppStatus, LockReason, LockScreenUser, SessionUser } from '../../../shared/domain';
import type { Result } from '../../../shared/errors';
import type { Language } from '../../../shared/language';
import { initI18n } from '../../i18n';
import { call } from '../../lib/client';

export type Page =
  | 'customers'
  | 'dashboard'
  | 'marketing'
  | 'data'
  | 'users'
  | 'audit'
  | 'backups'
  | 'retention'
  | 'privacy'
  | 'briefing'
  | 'settings';

/** The tabs of the Privacy page. */
export type PrivacyTab = 'health' | 'requests' | 'record' | 'notice' | 'processing' | 'incidents';

interface SessionState {
  status: AppStatus | null;
  lockReason: LockReason | null;
  page: Page;
  /**
   * The Privacy page's tab, kept here rather than in the page: a screen that replaces the shell
   * for a while (the new recovery code after a key rotation) returns the owner to where they were.
   */
  privacyTab: PrivacyTab | null;
  setPrivacyTab(tab: PrivacyTab): void;
  refresh(): Promise<void>;
  setUser(user: SessionUser): Promise<void>;
  setLanguage(language: Language): Promise<void>;
  /** Ends this window's session; switching user is a lock that shows no 'locked' notice. */
  lock(reason?: LockReason): Promise<void>;
  lockedByMain(reason: LockReason): void;
  setPage(page: Page): void;
  /** The names on the lock screen. */
  lockScreenUsers(): Promise<Result<LockScreenUser[]>>;
  /** Log in with a PIN; on success this window's session starts. */
  unlock(userId: string, pin: string): Promise<Result<SessionUser>>;
  recoverOwner(input: ChannelInput<'auth:recoverOwner'>): Promise<Result<SessionUser>>;
  /** Changes the logged-in user's own PIN; `enter` starts the session after a forced change. */
  changePin(input: ChannelInput<'auth:changePin'>, enter: boolean): Promise<Result<SessionUser>>;
}

/** What main says about this window: set up or not, who is logged in, which language. */
export const useSession = create<SessionState>((set, get) => ({
  status: null,
  lockReason: null,
  page: 'customers',
  privacyTab: null,
  setPrivacyTab(tab) {
    set({ privacyTab: tab });
  },
  async refresh() {
    const r = await call('app:status', {});
    if (r.ok) {
      initI18n(r.value.language);
      set({ status: r.value });
    }
  },
  async setUser() {
    set({ lockReason: null, page: 'customers', privacyTab: null });
    await get().refresh();
  },
  async setLanguage(language) {
    initI18n(language);
    await call('app:setLanguage', { language });
    await get().refresh();
  },
  async lock(reason = 'manual') {
    await call('auth:lock', {});
    set({ lockReason: reason });
    await get().refresh();
  },
  lockedByMain(reason) {
    set({ lockReason: reason });
    void get().refresh();
  },
  setPage(page) {
    set({ page });
  },
  lockScreenUsers() {
    return call('auth:users', {});
  },
  async unlock(userId, pin) {
    const r = await call('auth:unlock', { userId, pin });
    if (r.ok) await get().setUser(r.value);
    return r;
  },
  async recoverOwner(input) {
    const r = await call('auth:recoverOwner', input);
    if (r.ok) await get().setUser(r.value);
    return r;
  },
  async changePin(input, enter) {
    const r = await call('auth:changePin', input);
    if (r.ok && enter) await get().setUser(r.value);
    return r;
  },
}));
