import type { BackupProgress } from './backups';
import type { LanConnectionState } from './lanClient';
import type { LanDevice } from './lan';
import type { ImportProgress } from './import';
import type { RetentionProgress } from './retention';

export type LockReason = 'manual' | 'idle' | 'os-lock' | 'suspend' | 'switch-user';

/** Events main pushes to a window. */
export interface EventMap {
  'session:locked': { reason: LockReason };
  'import:progress': ImportProgress;
  /** The POS sales import's steps: its own event, so the customer import's screen does not show them. */
  'sales:progress': ImportProgress;
  'backup:progress': BackupProgress;
  'retention:progress': RetentionProgress;
  /** A backup (the owner's or an automatic one) ended: banners and status read main again. */
  'backup:finished': { ok: boolean };
  /** A printed PDF was written to a folder the printer chose (the dev bridge): where, to read it. */
  'print:saved': { path: string };
  /** A paired laptop's link to the primary went down or came back (sent to each of its windows). */
  'lan:connection': { state: LanConnectionState };
  /**
   * A laptop paired with the code on the owner's screen (to the owner's windows): the list shows
   * it and the used code leaves, without the screen asking main again (which would count as
   * someone at the screen and keep an unattended window from locking).
   */
  'lan:paired': { device: LanDevice };
}
export type EventName = keyof EventMap;

// Every event in the map is listed in channels.ts (which the preload reads), and nothing else.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const EVENT_LIST_MATCHES: Same<EventName, import('../channels').EventNameList> = true;
