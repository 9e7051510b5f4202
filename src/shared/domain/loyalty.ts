/**
 * The member programme: points (1 per Rp N spent) or stamps (one per sale of at least Rp N),
 * rewards bought with them, and the ledger the balance is summed from.
 */
export const LOYALTY_MODES = ['points', 'stamps'] as const;
export type LoyaltyMode = (typeof LOYALTY_MODES)[number];

/**
 * The member purpose's legal basis. Joining is recorded in the consent ledger (at the counter, on
 * paper or from the customer's WhatsApp), so consent is the basis this version offers.
 */
export const LOYALTY_BASES = ['consent'] as const;
export type LoyaltyBasis = (typeof LOYALTY_BASES)[number];

/**
 * How joining the programme is proven. `whatsapp`: only by the customer's own WhatsApp message
 * (join:confirm), so no member's consent rests on a cashier's click alone (the default).
 * `whatsapp_or_counter`: also consent the cashier records (verbal, paper, digital), for shops
 * whose customers have no WhatsApp.
 */
export const LOYALTY_JOIN_PROOFS = ['whatsapp', 'whatsapp_or_counter'] as const;
export type LoyaltyJoinProof = (typeof LOYALTY_JOIN_PROOFS)[number];

export const LOYALTY_KINDS = ['earned', 'redeemed', 'expired', 'adjusted', 'reversed'] as const;
export type LoyaltyKind = (typeof LOYALTY_KINDS)[number];

/** Bounds checked in main (and shown on the settings screen). */
export const LOYALTY_RUPIAH_MAX = 100_000_000;
export const LOYALTY_EXPIRY_MONTHS_MAX = 60;
export const LOYALTY_REWARDS_MAX = 20;
export const LOYALTY_REWARD_NAME_MAX = 60;
export const LOYALTY_COST_MAX = 1_000_000;
export const LOYALTY_ADJUST_MAX = 100_000;

export interface LoyaltyReward {
  id: number;
  name: string;
  /** Points (or stamps) it costs. */
  cost: number;
  /** Whole rupiah off the sale. */
  discount: number;
  /** Hidden rewards stay for the sales that used them; the counter offers active ones only. */
  active: boolean;
}

export interface LoyaltyProgramme {
  enabled: boolean;
  mode: LoyaltyMode;
  /** Points: one point for every this many rupiah paid. Stamps: a sale of at least this much earns one. */
  rupiahPer: number;
  /** Points or stamps expire this many months after the day they were earned (null: never). */
  expiryMonths: number | null;
  legalBasis: LoyaltyBasis;
  /** How a member's consent is proven (see LOYALTY_JOIN_PROOFS). */
  joinProof: LoyaltyJoinProof;
  /** The member purpose in the purposes table (null until the programme is first turned on). */
  purposeId: number | null;
  rewards: LoyaltyReward[];
}

export interface LoyaltyEntry {
  id: number;
  kind: LoyaltyKind;
  /** Signed: earned and returned points are positive, spent, expired and taken back negative. */
  points: number;
  purchaseId: number | null;
  rewardName: string | null;
  /** The owner's reason for an adjustment. */
  reason: string | null;
  recordedBy: string | null;
  at: number;
}

/** A customer's standing in the programme right now. */
export interface LoyaltyStatus {
  enabled: boolean;
  mode: LoyaltyMode;
  /** Consent to the member purpose stands now. */
  member: boolean;
  restricted: boolean;
  /** May earn and redeem now (a member, not restricted). */
  active: boolean;
  balance: number;
}

export interface LoyaltyHistory {
  status: LoyaltyStatus;
  total: number;
  offset: number;
  items: LoyaltyEntry[];
}

/** Days after a WhatsApp join was started for the member purpose (and not finished) before the counter prompts for membership again. */
export const OFFER_QUIET_DAYS = 30;

/** What a sale will do before it is saved (and what it did, on the sale's reply). */
export interface LoyaltyQuote {
  enabled: boolean;
  active: boolean;
  /**
   * Prompt the cashier to offer membership: the programme is on and the customer is not a member,
   * not restricted, never withdrew from it, was not asked lately and is not a minor while members
   * join only by WhatsApp (main decides).
   */
  offer: boolean;
  /**
   * Why a customer who is not a member nor restricted gets no prompt: they withdrew from the
   * member purpose ('withdrawn': never prompted again), or a WhatsApp join was started for them
   * lately and not finished ('asked'), or they are a minor while members join only by WhatsApp,
   * which a child's message cannot prove ('minor'); null otherwise.
   */
  offerWithheld: 'withdrawn' | 'asked' | 'minor' | null;
  balance: number;
  earned: number;
  /** Points the chosen reward costs (0: none chosen). */
  redeemed: number;
  discount: number;
  amount: number;
  /** What the customer pays: amount minus discount. */
  total: number;
  balanceAfter: number;
}

/** What voiding or correcting a sale did to the points. */
export interface LoyaltyUndo {
  /** Net change of the balance (the sale's earned points back out, its redeemed points back in). */
  change: number;
  /** Earned points already spent or expired that could not be taken back (the balance stays >= 0). */
  notTakenBack: number;
}
