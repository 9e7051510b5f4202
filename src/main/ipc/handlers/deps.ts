import { shopIsoDay } from '../../../shared/shop-time';
import type { JobRunner } from '../../lib/long-job';
import type { Clock, Dialogs, KeyStore, Printer } from '../../ports/ports';
import type { AuditAnchor } from '../../services/audit-anchor';
import type { AuthService } from '../../services/auth.service';
import type { BackupService } from '../../services/backup/backup.service';
import type { CsvImport } from '../../services/import/csv-import';
import type { SalesImport } from '../../services/sales/sales-import';
import type { RetentionService } from '../../services/retention/retention.service';
import type { Reports } from '../../services/reports';
import type { SessionLifecycle } from '../../services/session-lifecycle';
import type { UsageGuard } from '../../services/usage-guard';
import type { ConfirmedTime } from '../../services/confirmed-time';
import type { HourlyLimit } from '../../services/hourly-limit';
import type { UsersService } from '../../services/users.service';
import type { VaultState } from '../../vault/vault-state';
import type { Router } from '../router';
import type { LanPrimary } from '../../services/lan/primary';
import type { Sessions } from '../sessions';

/**
 * Everything a handler may use. Each handler file takes only the part it needs (Pick<...>), so
 * what a capability depends on is visible at its registration; none receives the Core.
 */
export interface HandlerDeps {
  router: Router;
  vault: VaultState;
  clock: Clock;
  /** The time the app has seen pass (a clock set ahead is held back): what member points count from. */
  time: ConfirmedTime;
  auth: AuthService;
  users: UsersService;
  sessions: Sessions;
  lifecycle: SessionLifecycle;
  printer: Printer;
  dialogs: Dialogs;
  /**
   * WhatsApp and the clipboard of the laptop the calling window is on: this one's, or for a
   * window on a paired laptop, that laptop's (the link hands the text over to its main).
   */
  handoff: WindowHandoff;
  /**
   * Saving a file and printing for the calling window: this laptop's own dialog and printer, or
   * for a window on a paired laptop, that laptop's (its main opens them there and answers).
   */
  files: WindowFiles;
  /** Which keystore seals the device secret (named in the record of processing). */
  keyStore: KeyStore;
  jobs: JobRunner;
  csvImport: CsvImport;
  salesImport: SalesImport;
  usage: UsageGuard;
  /** Requests a cashier may record per hour. */
  requestLimit: HourlyLimit;
  /** One-time join codes a cashier may make per hour (each allows JOIN_ATTEMPTS tries). */
  joinLimit: HourlyLimit;
  anchor: AuditAnchor;
  backups: BackupService;
  retention: RetentionService;
  /** The audit export, access report and portability files (on the long-job worker). */
  reports: Reports;
  dataDir: string;
  nativeBinding?: string;
  /** The second counter on this laptop as the primary (remote sessions end at a restore or rotation). */
  lan: LanPrimary;
}

/** The date for file names (exports, problem lists): YYYY-MM-DD, the shop's day. */
export function fileStamp(clock: Clock): string {
  return shopIsoDay(clock.now());
}

export interface WindowHandoff {
  openWhatsApp(windowId: string, url: string): Promise<void>;
  copyText(windowId: string, text: string): void;
}

export interface WindowFiles {
  /** Asks where to save and writes the data there; saved is false when the user cancels. */
  saveFile(windowId: string, suggestedName: string, data: string | Buffer): Promise<{ saved: boolean }>;
  /** Turns the printable HTML into a PDF the user saves; saved is false when the user cancels. */
  printToPdf(windowId: string, html: string, suggestedName: string): Promise<{ saved: boolean }>;
}
