import type { Language } from './language';

/**
 * Texts every vault starts with (the default purposes and why each field is collected), written in
 * Bahasa Indonesia by the first migration. They are the shop's data and the owner may rewrite them;
 * until then the English app shows them in English. A rewritten text is shown as written.
 */
const SEEDED_EN: Record<string, string> = {
  'Layanan & transaksi': 'Service & transactions',
  'Mencatat pembelian dan melayani pesanan pelanggan.': "Recording purchases and serving customers' orders.",
  'Promosi via WhatsApp': 'Promotions via WhatsApp',
  'Mengirim kabar promo dan produk baru lewat WhatsApp.':
    'Sending news of offers and new products by WhatsApp.',
  'Promosi via SMS/email': 'Promotions via SMS/email',
  'Mengirim kabar promo lewat SMS atau email.': 'Sending news of offers by SMS or email.',
  'Personalisasi penawaran': 'Personalised offers',
  'Menyesuaikan penawaran dengan riwayat belanja.': 'Tailoring offers to the purchase history.',
  'Menghubungi pelanggan tentang pesanan dan transaksi.':
    'Contacting customers about orders and transactions.',
  'Mengirim nota dan kabar pesanan.': 'Sending receipts and news of orders.',
  'Mengantar pesanan.': 'Delivering orders.',
  'Ucapan dan penawaran ulang tahun.': 'Birthday greetings and offers.',
  'Menyesuaikan penawaran produk.': 'Tailoring product offers.',
  'Catatan layanan (misalnya ukuran atau pesanan tetap).':
    'Service notes (such as sizes or standing orders).',
  'Preferensi produk pelanggan.': "Customers' product preferences.",
};

export function seededText(text: string, lang: Language): string {
  return lang === 'en' ? (SEEDED_EN[text] ?? text) : text;
}
