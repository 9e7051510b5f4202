export interface AuditEntry {
  id: number;
  at: number;
  actorId: string | null;
  actorName: string | null;
  action: string;
  target: string | null;
  /** The customer the target names, looked up now (null when erased, or not a customer). */
  targetName: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  detail: Record<string, unknown>;
}

/**
 * A page of the audit log, newest first. Keyset paging: `next` is the id to pass as `before` for
 * the following page (null when there is none), so entries added meanwhile never shift a page.
 */
export interface AuditPage {
  items: AuditEntry[];
  total: number;
  next: number | null;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBrokenId: number | null;
  /**
   * The chain against its head anchored outside the vault: 'behind' means entries were removed or
   * the chain rewritten since; 'forged' that the anchor file was tampered with; 'missing' that the
   * vault was anchored but the file is gone; 'none' that there is no anchor yet (or the keystore
   * is unavailable).
   */
  anchor: 'ok' | 'none' | 'missing' | 'behind' | 'forged';
}
