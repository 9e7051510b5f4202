/** Breach response (Art. 46). */
export const INCIDENT_KINDS = [
  'lost_laptop',
  'lost_backup',
  'staff_misuse',
  'wrong_recipient',
  'malware',
  'other',
] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];
export const DATA_CATEGORIES = ['identity', 'contact', 'address', 'purchases', 'consents', 'notes'] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];
/** The post-incident checklist (step 5); each item is answered yes or no. */
export const INCIDENT_CHECKS = [
  'cause_found',
  'access_reviewed',
  'pins_changed',
  'backups_checked',
  'staff_briefed',
  'notices_done',
] as const;
export type IncidentCheck = (typeof INCIDENT_CHECKS)[number];

export interface IncidentScope {
  mode: 'all' | 'range' | 'list';
  /** For 'range': customers added or seen between these times. */
  from?: number;
  to?: number;
  /** For 'list': hand-picked customer ids. */
  ids?: number[];
  categories: DataCategory[];
}

export interface Incident {
  id: number;
  kind: IncidentKind;
  description: string;
  happenedAt: number | null;
  discoveredAt: number;
  /** 3 x 24 hours after discovery. */
  dueAt: number;
  /** When the owner recorded it in the app (main's clock). */
  recordedAt: number;
  /** Discovery entered well before it was recorded: the owner's reason for the delay. */
  lateReason: string | null;
  status: 'open' | 'closed';
  containment: {
    sessionsEnded?: number;
    usersDisabled?: string[];
    keyRotatedAt?: number;
    cashierPinsShut?: number;
  };
  scope: IncidentScope | null;
  affected: number | null;
  notices: { customers: number; authority: number };
  evaluation: {
    checks: Partial<Record<IncidentCheck, boolean>>;
    notes: string;
    /** Closed with affected customers never notified: how many, and the owner's reason. */
    unnotified?: { count: number; reason: string };
  } | null;
  createdBy: string | null;
  closedAt: number | null;
}

/**
 * Discovery entered further back than this from the moment it is recorded starts the 72 hours in
 * the past: the owner says why it was recorded late (kept, and stated on the authority's form).
 */
export const INCIDENT_LATE_MS = 3_600_000;

/** One affected customer in the breach flow, told apart from others of the same name. */
export interface AffectedCustomer {
  id: number;
  name: string;
  /** Display form; masked for a role that sees phones masked. */
  phone: string | null;
  /** The phone reaches WhatsApp (a mobile). */
  whatsapp: boolean;
  /** "#12 · 0812-****-7890 · Jl. Melati 3": the customer number, phone ending and address start. */
  hint: string;
  notified: boolean;
}

/** An affected customer WhatsApp can reach, with the prefilled notice (built by main). */
export interface IncidentWhatsApp {
  id: number;
  name: string;
  hint: string;
  link: string;
  notified: boolean;
}
