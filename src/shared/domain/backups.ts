export interface BackupStatus {
  /** The owner has typed the recovery code once, so backups can be written without it. */
  enabled: boolean;
  folder: string | null;
  lastBackupAt: number | null;
  lastVerifiedAt: number | null;
  /** Daily automatic backups (and one when the app closes) to the folder. */
  auto: boolean;
  keepDaily: number;
  keepWeekly: number;
  /** Why the last automatic backup failed (a BAD_FILE reason or error code); null after a success. */
  lastError: string | null;
}

export interface BackupProgress {
  phase: 'copying' | 'sealing' | 'syncing' | 'verifying';
  done: number;
  total: number;
}

/**
 * Before a restore is confirmed: what it undoes (made since the backup and not carried) and which
 * decisions made since the backup it applies again. Counts only.
 */
export interface RestorePreview {
  undoes: {
    customersAdded: number;
    customersEdited: number;
    purchases: number;
    /** Consents given or withdrawn since the backup that go with it (those of customers added since). */
    consentChanges: number;
    /** The shop's settings (address, contact, recipients, lock time...) changed since the backup. */
    settingsChanged: number;
    /**
     * The owner's point adjustments since the backup that cannot stand: taking the points back
     * would leave the member below zero once the sales that earned them are undone.
     */
    pointAdjustments: number;
  };
  reapplies: {
    erasures: number;
    restrictions: number;
    consentWithdrawals: number;
    consentGrants: number;
    clearedFields: number;
    keeps: number;
    requests: number;
    objections: number;
    incidents: number;
    corrections: number;
    /** Sales voided since the backup (kept voided: out of totals and of the customer's activity). */
    voids: number;
    /** Sales recorded since the backup to correct a voided one (kept, not undone). */
    saleCorrections: number;
    fieldsStopped: number;
    staffRemoved: number;
    /** 1 when the member programme (its settings, rewards) changed since the backup: it is kept. */
    memberProgramme: number;
    /** The owner's point adjustments (a gift, a correction, with a reason) since the backup. */
    pointAdjustments: number;
    /** Purposes added, stopped, renamed or given another legal basis since the backup (kept). */
    purposes: number;
    auditEntries: number;
  };
}

export interface BackupManifestView {
  createdAt: number;
  shopName: string;
  schemaVersion: number;
  appVersion: string;
  customers: number;
  purchases: number;
}
