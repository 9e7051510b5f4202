import type { DocText, RightsRequest } from '../../../shared/domain';
import { text, words } from '../../../shared/i18n/text';
import type { Language } from '../../../shared/language';
import { shopDateTime } from '../../../shared/shop-time';
import type { Db } from '../../vault/database';
import { getMeta } from '../settings.service';
import { customerAddressee } from './letter';

const when = (ms: number, lang: Language) => `${shopDateTime(ms, lang)} WIB`;

/**
 * Who the printed answer is addressed to: the customer's name and address; someone who is not a
 * customer by the name they gave; an erased customer only by the request (their name is gone).
 */
export function answerAddressee(db: Db, req: RightsRequest, lang: Language): string[] {
  const customer = customerAddressee(db, req.customerId);
  if (customer.length) return customer;
  if (req.requester) return [req.requester];
  return [text(lang, 'letters.answer.requester', { id: req.id })];
}

/**
 * The answer to the customer: what was asked, what was done (or why not), and when. Printed, or
 * sent as a WhatsApp text; it holds no data beyond what the customer asked about.
 */
export function answerText(db: Db, req: RightsRequest, lang: Language): DocText {
  const shop = getMeta(db, 'shop_name') ?? '';
  const refused = req.status === 'refused';
  const answer = words(lang).letters.answer;
  return {
    title: text(lang, 'letters.answer.title', { shop }),
    subtitle: text(lang, 'letters.answer.subtitle', { id: req.id }),
    sections: [
      {
        title: text(lang, 'letters.answer.askedTitle'),
        paragraphs: [
          text(lang, 'letters.answer.asked', {
            what: answer.types[req.type],
            at: when(req.receivedAt, lang),
          }),
        ],
      },
      {
        title: text(lang, refused ? 'letters.answer.refusedTitle' : 'letters.answer.doneTitle'),
        paragraphs: refused
          ? [req.outcome ?? '']
          : [answer.done[req.action ?? 'done'], ...(req.outcome ? [req.outcome] : [])],
      },
      {
        title: text(lang, 'letters.answer.whenTitle'),
        paragraphs: [
          text(lang, 'letters.answer.completed', {
            at: when(req.closedAt ?? req.receivedAt, lang),
            due: when(req.dueAt, lang),
          }),
        ],
      },
    ],
  };
}
