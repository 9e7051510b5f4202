import type { LoyaltyMode, LoyaltyProgramme } from '../../../shared/domain';
import { cachedStatement, type Db } from '../../vault/database';
import { getMeta } from '../settings.service';

/** The programme's settings as kept in `meta` (its rewards have their own table). */
export type StoredProgramme = Omit<LoyaltyProgramme, 'rewards'>;

export const PROGRAMME_META = 'loyalty_programme';

const OFF: StoredProgramme = {
  enabled: false,
  mode: 'points' as LoyaltyMode,
  rupiahPer: 10_000,
  expiryMonths: null,
  legalBasis: 'consent',
  // A programme saved before the choice existed is WhatsApp-only too.
  joinProof: 'whatsapp',
  purposeId: null,
};

/** Stored (or carried) settings with what they leave out filled by the defaults. */
export const programmeWithDefaults = (raw: Partial<StoredProgramme>): StoredProgramme => ({ ...OFF, ...raw });

export function storedProgramme(db: Db): StoredProgramme {
  const raw = getMeta(db, PROGRAMME_META);
  return programmeWithDefaults(raw ? (JSON.parse(raw) as Partial<StoredProgramme>) : {});
}

/**
 * Whether a grant of the member purpose must come from the customer's own WhatsApp message
 * (join:confirm): the programme's setting. Every grant path asks here (consent.service, import).
 */
export function memberJoinsOnlyByWhatsApp(db: Db): boolean {
  return storedProgramme(db).joinProof === 'whatsapp';
}

/** The member purpose's id, whether the programme is on or off (null: never turned on). */
export function memberPurposeId(db: Db): number | null {
  return storedProgramme(db).purposeId;
}

/**
 * Whether the customer's consent to the active member purpose stands now, and whether they are
 * restricted (UU PDP Art. 11: kept, not used); undefined for no such customer. The one reading of
 * who is a member: the sale, the quote, the receipt and the member card all come here.
 */
export function memberNow(db: Db, customerId: number): { member: boolean; restricted: boolean } | undefined {
  const p = storedProgramme(db);
  const row = cachedStatement(
    db,
    `SELECT c.restricted,
            EXISTS (SELECT 1 FROM consent_state s JOIN purposes pu ON pu.id = s.purpose_id
                    WHERE s.customer_id = c.id AND s.purpose_id = ? AND s.granted = 1 AND pu.active = 1
                      AND pu.legal_basis = 'consent') AS member
     FROM customers c WHERE c.id = ?`,
  ).get(p.purposeId ?? -1, customerId) as { restricted: number; member: number } | undefined;
  return row && { member: p.enabled && row.member === 1, restricted: row.restricted === 1 };
}
