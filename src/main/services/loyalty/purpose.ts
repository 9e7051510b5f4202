import type { LoyaltyMode, LoyaltyProgramme } from '../../../shared/domain';
import type { Db } from '../../vault/database';
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
  purposeId: null,
};

export function storedProgramme(db: Db): StoredProgramme {
  const raw = getMeta(db, PROGRAMME_META);
  return raw ? { ...OFF, ...(JSON.parse(raw) as Partial<StoredProgramme>) } : { ...OFF };
}

/** The member purpose's id, whether the programme is on or off (null: never turned on). */
export function memberPurposeId(db: Db): number | null {
  return storedProgramme(db).purposeId;
}
