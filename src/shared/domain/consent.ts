/** Optional fields the owner may switch on or off (minimization, UU PDP Art. 16(2)). */
export const OPTIONAL_FIELDS = ['phone', 'email', 'address', 'birthday', 'gender', 'notes', 'tags'] as const;
export type OptionalField = (typeof OPTIONAL_FIELDS)[number];

export interface FieldSetting {
  key: OptionalField;
  enabled: boolean;
  /** Why the shop collects it, in the owner's words; shown on the form and in the notice. */
  purpose: string;
}

export const CONSENT_METHODS = ['verbal', 'paper', 'digital'] as const;
/**
 * The notice version of consent given under a notice outside Brankas (a shop's own paper form,
 * before Brankas): its text is not stored, and such consent counts as older than every version.
 */
export const NOTICE_OUTSIDE = 0;
/** How staff record consent at the counter; 'import' is only ever set by a CSV import. */
export type CounterConsentMethod = (typeof CONSENT_METHODS)[number];
/**
 * 'whatsapp' is only ever set by main, when the customer's own WhatsApp message with a one-time
 * code proved it (join.service.ts): no channel lets staff pick it.
 */
export type ConsentMethod = CounterConsentMethod | 'import' | 'whatsapp';

export const LEGAL_BASES = [
  'consent',
  'contract',
  'legal_obligation',
  'vital_interest',
  'public_task',
  'legitimate_interest',
] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

export const MARKETING_CHANNELS = ['whatsapp', 'sms_email'] as const;
export type MarketingChannel = (typeof MARKETING_CHANNELS)[number];

export interface Purpose {
  id: number;
  name: string;
  description: string;
  legalBasis: LegalBasis;
  channel: MarketingChannel | null;
  active: boolean;
}

export interface ConsentState {
  purposeId: number;
  granted: boolean;
  at: number;
  method: ConsentMethod | 'policy';
  recordedBy: string | null;
  noticeVersion: number;
  /** Where the decision came from: the counter, a spreadsheet import, or the shop's lapse policy. */
  source: ConsentEvent['source'];
}

export interface ConsentEvent {
  id: number;
  purposeId: number;
  /** 'lapsed': promotional consent that ran out by the shop's policy (no renewal). */
  action: 'granted' | 'withdrawn' | 'lapsed';
  method: ConsentMethod | 'policy';
  recordedBy: string | null;
  at: number;
  noticeVersion: number;
  guardianName: string | null;
  /** Where the row came from: the counter, a spreadsheet import, or the shop's lapse policy. */
  source: 'counter' | 'import' | 'policy';
  /** The owner's record that a customer who had withdrawn this purpose asked for it again. */
  note: string | null;
  /** Method 'whatsapp': the one-time code of the customer's message (spent; finds the message). */
  proofCode: string | null;
}
