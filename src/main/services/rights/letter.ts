import { text } from '../../../shared/i18n/text';
import type { Language } from '../../../shared/language';
import { shopDay } from '../../../shared/shop-time';
import type { Db } from '../../vault/database';
import { letterhead } from '../settings.service';
import type { LetterParts } from './print';

const split = (text: string | null | undefined) =>
  (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** The addressee of a letter about one customer: their name and, if the shop keeps it, their address. */
export function customerAddressee(db: Db, customerId: number | null): string[] {
  if (customerId === null) return [];
  const c = db.prepare('SELECT name, address FROM customers WHERE id = ?').get(customerId) as
    { name: string; address: string | null } | undefined;
  return c ? [c.name, ...split(c.address)] : [];
}

/**
 * The frame of a letter the shop signs to a customer: the letterhead from the settings, the
 * addressee, the date in the shop's calendar, and the signer (the owner sending it) by name and role.
 */
export function letterParts(
  db: Db,
  to: string[],
  signer: { userId: string; now: number },
  lang: Language,
): LetterParts {
  const shop = letterhead(db);
  const user = db.prepare('SELECT name, role FROM users WHERE id = ?').get(signer.userId) as
    { name: string; role: string } | undefined;
  const role = text(lang, user?.role === 'owner' ? 'letters.frame.owner' : 'letters.frame.staff', {
    shop: shop.name,
  });
  return {
    from: [shop.name, ...split(shop.address), ...split(shop.contact)],
    to,
    toLabel: text(lang, 'letters.frame.to'),
    date: shopDay(signer.now, lang),
    sign: { closing: text(lang, 'letters.frame.closing'), name: user?.name ?? '', role },
  };
}
