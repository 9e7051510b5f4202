import type { Db } from '../../vault/database';

/**
 * The purpose a customer consents to when joining the member programme, or null while the shop
 * has none. The programme's own module names it; until it is connected here there is no member
 * programme, and the dashboard shows its figures as not active ("belum aktif").
 */
export function memberPurposeId(_db: Db): number | null {
  return null;
}
