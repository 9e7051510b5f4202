import type { Db } from '../../vault/database';
import { memberPurposeId as programmePurpose } from '../loyalty/purpose';

/**
 * The purpose a customer consents to when joining the member programme, or null while the shop
 * has never turned the programme on: the dashboard then shows its figures as not active
 * ("belum aktif"). The programme's own module names it.
 */
export function memberPurposeId(db: Db): number | null {
  return programmePurpose(db);
}
