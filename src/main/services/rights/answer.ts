import type { DocText, RequestAction, RequestType, RightsRequest } from '../../../shared/domain';
import type { Language } from '../../../shared/language';
import type { Db } from '../../vault/database';
import { getMeta } from '../settings.service';
import { shopDateTime } from '../../../shared/shop-time';
import { customerAddressee } from './letter';

/**
 * The answer to the customer: what was asked, what was done (or why not), and when. Printed, or
 * sent as a WhatsApp text; it holds no data beyond what the customer asked about.
 */
const TYPES: Record<RequestType, Record<Language, string>> = {
  information: { id: 'informasi tentang data Anda', en: 'information about your data' },
  access: { id: 'melihat dan mendapat salinan data Anda', en: 'to see and get a copy of your data' },
  correction: { id: 'membetulkan data Anda', en: 'to correct your data' },
  erasure: { id: 'menghapus data Anda', en: 'to erase your data' },
  withdrawal: { id: 'menarik persetujuan Anda', en: 'to withdraw your consent' },
  restriction: { id: 'membatasi pemakaian data Anda', en: 'to restrict the use of your data' },
  portability: { id: 'mendapat data Anda dalam berkas', en: 'to receive your data as a file' },
  objection: { id: 'keberatan atas pemrosesan data Anda', en: 'an objection to how your data is used' },
};

const DONE: Record<RequestAction, Record<Language, string>> = {
  access_report: {
    id: 'Kami menyiapkan laporan berisi semua data Anda yang kami simpan dan siapa yang memakainya.',
    en: 'We prepared a report of all the data we hold on you and who used it.',
  },
  portability_export: {
    id: 'Kami menyiapkan data Anda dalam berkas JSON dan CSV.',
    en: 'We prepared your data as JSON and CSV files.',
  },
  erase: {
    id: 'Data Anda sudah kami hapus. Catatan penjualan disimpan tanpa nama atau kontak Anda, untuk pembukuan.',
    en: 'We erased your data. Sales records are kept for the books, without your name or contact.',
  },
  withdraw: { id: 'Semua persetujuan Anda sudah kami tarik.', en: 'We withdrew all your consents.' },
  restrict: {
    id: 'Data Anda kami simpan tetapi tidak kami pakai sampai Anda meminta lain.',
    en: 'We keep your data but do not use it until you ask otherwise.',
  },
  lift_restriction: {
    id: 'Pembatasan pemakaian data Anda sudah kami cabut sesuai permintaan Anda.',
    en: 'We lifted the restriction on your data as you asked.',
  },
  done: { id: 'Permintaan Anda sudah kami penuhi.', en: 'We did what you asked.' },
};

const when = (ms: number, lang: Language) => `${shopDateTime(ms, lang)} WIB`;

/**
 * Who the printed answer is addressed to: the customer's name and address; someone who is not a
 * customer by the name they gave; an erased customer only by the request (their name is gone).
 */
export function answerAddressee(db: Db, req: RightsRequest, lang: Language): string[] {
  const customer = customerAddressee(db, req.customerId);
  if (customer.length) return customer;
  if (req.requester) return [req.requester];
  return [
    lang === 'id' ? `Pemohon permintaan nomor ${req.id}` : `The person who made request number ${req.id}`,
  ];
}

export function answerText(db: Db, req: RightsRequest, lang: Language): DocText {
  const t = (id: string, en: string) => (lang === 'id' ? id : en);
  const shop = getMeta(db, 'shop_name') ?? '';
  const refused = req.status === 'refused';
  return {
    title: t(`${shop}: jawaban atas permintaan Anda`, `${shop}: the answer to your request`),
    subtitle: t(`Permintaan #${req.id}`, `Request #${req.id}`),
    sections: [
      {
        title: t('Yang Anda minta', 'What you asked'),
        paragraphs: [
          t(
            `Anda meminta ${TYPES[req.type].id} pada ${when(req.receivedAt, lang)}.`,
            `You asked ${TYPES[req.type].en} on ${when(req.receivedAt, lang)}.`,
          ),
        ],
      },
      {
        title: refused
          ? t('Mengapa tidak dapat kami penuhi', 'Why we cannot do it')
          : t('Yang kami lakukan', 'What we did'),
        paragraphs: refused
          ? [req.outcome ?? '']
          : [DONE[req.action ?? 'done'][lang], ...(req.outcome ? [req.outcome] : [])],
      },
      {
        title: t('Kapan', 'When'),
        paragraphs: [
          t(
            `Selesai pada ${when(req.closedAt ?? req.receivedAt, lang)} (tenggat: ${when(req.dueAt, lang)}).`,
            `Completed on ${when(req.closedAt ?? req.receivedAt, lang)} (deadline: ${when(req.dueAt, lang)}).`,
          ),
        ],
      },
    ],
  };
}
