import type Database from 'better-sqlite3-multiple-ciphers';
import { m0010Initial } from './0010-initial';
import { m0020ShopData } from './0020-shop-data';
import { m0030CounterSearch } from './0030-counter-search';
import { m0040Retention } from './0040-retention';
import { m0050FoldApostrophes } from './0050-fold-apostrophes';
import { m0060ConsentSource } from './0060-consent-source';
import { m0070PurchaseCorrections } from './0070-purchase-corrections';
import { m0080Rights } from './0080-rights';
import { m0090Incidents } from './0090-incidents';
import { m0100Briefing } from './0100-briefing';
import { m0130RegisterGuards } from './0130-register-guards';
import { m0140AuditIndexes } from './0140-audit-indexes';
import { m0150CustomerIds } from './0150-customer-ids';
import { m0160PosReceipts } from './0160-pos-receipts';
import { m0180Products } from './0180-products';
import { m0190AudienceSends } from './0190-audience-sends';
import { m0200IncidentLateReason } from './0200-incident-late-reason';
import { m0210LanDevices } from './0210-lan-devices';
import { m0220Loyalty } from './0220-loyalty';
import { m0230JoinWhatsapp } from './0230-join-whatsapp';
import { m0240StandingSales } from './0240-standing-sales';
import { m0250DashboardMonths } from './0250-dashboard-months';
import { m0260FirstSalesByTime } from './0260-first-sales-by-time';

export interface Migration {
  /** Goes up in steps of 10 so a fix can slot in between; recorded in PRAGMA user_version. */
  version: number;
  name: string;
  /**
   * Runs with foreign keys off (a table rebuild: dropping a parent table would otherwise run its
   * ON DELETE actions); the keys are checked before the transaction commits.
   */
  foreignKeysOff?: boolean;
  up(db: Database.Database): void;
}

/** Forward-only and append-only: never edit a migration that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  m0010Initial,
  m0020ShopData,
  m0030CounterSearch,
  m0040Retention,
  m0050FoldApostrophes,
  m0060ConsentSource,
  m0070PurchaseCorrections,
  m0080Rights,
  m0090Incidents,
  m0100Briefing,
  m0130RegisterGuards,
  m0140AuditIndexes,
  m0150CustomerIds,
  m0160PosReceipts,
  m0180Products,
  m0190AudienceSends,
  m0200IncidentLateReason,
  m0210LanDevices,
  m0220Loyalty,
  m0230JoinWhatsapp,
  m0240StandingSales,
  m0250DashboardMonths,
  m0260FirstSalesByTime,
];
