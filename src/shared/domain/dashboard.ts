import type { AudienceMember } from './audience';
import type { LoyaltyMode } from './loyalty';
import type { Page } from './page';

/** One month of the shop's calendar: its buyers, split by whether they had bought before it. */
export interface DashboardMonth {
  /** yyyy-mm, on the shop's calendar (Asia/Jakarta). */
  month: string;
  /** Bought this month and had bought before the month began. */
  returning: number;
  /** Bought this month for the first time. */
  new: number;
}

/** How many customers agree right now to one purpose that rests on consent. */
export interface DashboardCoverage {
  purposeId: number;
  name: string;
  channel: 'whatsapp' | 'sms_email' | null;
  granted: number;
}

/** The owner's "Pelanggan" view: figures only, no one's name (the lists are asked for apart). */
export interface DashboardSummary {
  /** The instant the figures were computed for. */
  at: number;
  /** Customers in the vault now. */
  customers: number;
  /** The last six months, oldest first; the last is this month. */
  months: DashboardMonth[];
  coverage: DashboardCoverage[];
  /** Customers consenting to the member purpose; null while the member programme is not active. */
  members: number | null;
  /** Points the shop owes its members (the ledger's sum); null while there is no ledger. */
  pointsOutstanding: number | null;
  /** What the programme counts (its ledger's unit); null while the shop never had it. */
  unit: LoyaltyMode | null;
  /** Rewards redeemed on sales that stand; null while there is no ledger. */
  rewardsRedeemed: { thisMonth: number; lastMonth: number } | null;
  /**
   * The WhatsApp list of birthdays this week (Monday to Sunday, the shop's calendar): its size and
   * the week; null when the shop does not collect birthdays.
   */
  birthdays: { from: string; to: string; total: number } | null;
  /** The WhatsApp list of customers not seen since `since` (the start of the day `weeks` weeks ago). */
  lapsed: { weeks: number; since: number; total: number };
}

export const DASHBOARD_LISTS = ['birthdays', 'lapsed'] as const;
export type DashboardList = (typeof DASHBOARD_LISTS)[number];

/** One customer of a dashboard list: a member of the WhatsApp audience, with why they are listed. */
export interface DashboardMember extends AudienceMember {
  /** dd/mm, without the year (birthdays list only). */
  birthday: string | null;
  /** When the shop last saw them (a sale that stands, their consent, their record made). */
  lastSeen: number;
}

export interface DashboardPage extends Page<DashboardMember> {
  /** The whole list, whether or not narrowed to those this message has not been sent to. */
  audience: number;
  unsent: number;
}
