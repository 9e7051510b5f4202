import { AppError } from '../lib/app-error';
import { text, type TextKey, type TextVars } from '../../shared/i18n/text';
import { defangLinks } from '../../shared/link-policy';
import { shopDateTime } from '../../shared/shop-time';
import { reachesWhatsApp } from './phone';

/**
 * wa.me click-to-chat links. Main builds every link itself (from a stored phone and the shop's
 * text); the renderer never sends a URL, and the edge refuses anything that is not one of these.
 */
const WA_LINK = /^https:\/\/wa\.me\/\d{8,15}(\?text=[A-Za-z0-9\-_.!~*'()%]*)?$/;

export function isWaLink(url: string): boolean {
  return WA_LINK.test(url);
}

/**
 * A link to the number in E.164 with the message prefilled (line breaks kept). Every message is
 * built from typed text (items, reasons, the shop's contact, names), so any link in it is
 * defanged here, the one way out: the shop never sends a clickable link it did not build.
 */
export function waLink(e164: string, message: string): string {
  if (!reachesWhatsApp(e164)) throw new AppError('CONFLICT', { reason: 'wa_not_mobile' });
  const digits = e164.replace(/\D/g, '');
  const body = defangLinks(message.trim());
  const text = body ? `?text=${encodeURIComponent(body)}` : '';
  const url = `https://wa.me/${digits}${text}`;
  if (!isWaLink(url)) throw new AppError('INTERNAL');
  return url;
}

/** `{nama}` in the shop's message becomes the customer's name. */
export function personalise(message: string, name: string): string {
  return message.replace(/\{nama\}/gi, name);
}

const rupiah = (n: number) => `Rp ${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 }).format(n)}`;
const when = (ms: number) => shopDateTime(ms, 'id');

const ITEMS_BUDGET = 600;

/** The receipt's words, always in Bahasa Indonesia: the language the customers read. */
const say = (key: TextKey, vars: TextVars) => text('id', key, vars);

/**
 * A purchase receipt: a service message about the customer's own sale (the transaction purpose),
 * with nothing promotional in it, so it needs no marketing consent. In Bahasa Indonesia, the
 * customers' language; the time is the shop's (WIB).
 */
export function receiptText(r: {
  shop: string;
  name: string;
  at: number;
  items: string[];
  amount: number;
  /** A member's reward taken off the total (0: none). */
  discount?: number;
  /** A member's balance after this sale, with its unit word ("poin", "stempel"). */
  member?: { balance: number; unit: string } | null;
}): string {
  // A long list is cut short: a link of a few thousand characters may not open everywhere.
  const lines: string[] = [];
  let used = 0;
  for (const [i, item] of r.items.entries()) {
    if (used + item.length > ITEMS_BUDGET) {
      lines.push(say('core.receipt.more', { n: r.items.length - i }));
      break;
    }
    lines.push(say('core.receipt.item', { item }));
    used += item.length + 3;
  }
  return [
    say('core.receipt.title', { shop: r.shop }),
    say('core.receipt.time', { when: when(r.at) }),
    '',
    ...lines,
    '',
    say('core.receipt.total', { amount: rupiah(r.amount) }),
    ...(r.discount
      ? [
          say('core.receipt.discount', { amount: rupiah(r.discount) }),
          say('core.receipt.paid', { amount: rupiah(r.amount - r.discount) }),
        ]
      : []),
    ...(r.member ? [say('core.receipt.balance', { unit: r.member.unit, balance: r.member.balance })] : []),
    '',
    say('core.receipt.thanks', { name: r.name }),
  ].join('\n');
}
