import type { ErrorCode, ErrorDetails } from './errors';
import type { Language } from './language';

/**
 * Error messages in both UI languages. Main fills these in so that every error reaching the
 * renderer is already readable; placeholders take only non-personal numbers.
 */
const MESSAGES: Record<ErrorCode, Record<Language, string>> = {
  VALIDATION: {
    id: 'Data yang diisi tidak valid. Periksa kembali kolom yang ditandai.',
    en: 'Some input is not valid. Please check the marked fields.',
  },
  UNKNOWN_CHANNEL: { id: 'Perintah tidak dikenal.', en: 'Unknown command.' },
  FORBIDDEN: {
    id: 'Anda tidak memiliki izin untuk tindakan ini.',
    en: 'You do not have permission for this action.',
  },
  LOCKED: {
    id: 'Brankas terkunci. Masuk dengan PIN terlebih dahulu.',
    en: 'The vault is locked. Please log in with your PIN first.',
  },
  WRONG_PIN: {
    id: 'PIN salah. Sisa {attemptsLeft} percobaan sebelum jeda.',
    en: 'Wrong PIN. {attemptsLeft} attempts left before a delay.',
  },
  THROTTLED: {
    id: 'Terlalu banyak percobaan. Coba lagi dalam {seconds} detik.',
    en: 'Too many attempts. Try again in {seconds} seconds.',
  },
  SLOT_DISABLED: {
    id: 'Akun ini dinonaktifkan. Minta pemilik toko untuk mengatur ulang PIN Anda.',
    en: 'This account is disabled. Ask the shop owner to reset your PIN.',
  },
  RECOVERY_REQUIRED: {
    id: 'Terlalu banyak PIN salah. Gunakan kode pemulihan untuk membuat PIN baru.',
    en: 'Too many wrong PINs. Use the recovery code to set a new PIN.',
  },
  WRONG_RECOVERY_CODE: {
    id: 'Kode pemulihan salah. Periksa kartu pemulihan Anda.',
    en: 'Wrong recovery code. Please check your recovery card.',
  },
  WEAK_PIN: {
    id: 'PIN terlalu mudah ditebak. Gunakan minimal 6 angka yang tidak berurutan atau berulang.',
    en: 'This PIN is too easy to guess. Use at least 6 digits that are not a sequence or repeat.',
  },
  PIN_MISMATCH: {
    id: 'Kedua PIN tidak sama.',
    en: 'The two PINs do not match.',
  },
  PIN_CHANGE_REQUIRED: {
    id: 'Ganti PIN awal Anda terlebih dahulu.',
    en: 'Please change your initial PIN first.',
  },
  NOT_FOUND: { id: 'Data tidak ditemukan.', en: 'Not found.' },
  CONFLICT: {
    id: 'Data ini sudah ada atau sudah diubah.',
    en: 'This already exists or was changed.',
  },
  CORRUPT: {
    id: 'Berkas brankas rusak atau bukan berkas Brankas.',
    en: 'The vault file is damaged or not a Brankas file.',
  },
  VAULT_TOO_NEW: {
    id: 'Brankas ini dibuat oleh versi aplikasi yang lebih baru. Perbarui Brankas.',
    en: 'This vault was made by a newer version of the app. Please update Brankas.',
  },
  ALREADY_SETUP: { id: 'Brankas sudah disiapkan.', en: 'The vault is already set up.' },
  NOT_SETUP: { id: 'Brankas belum disiapkan.', en: 'The vault is not set up yet.' },
  DEVICE_CHANGED: {
    id: 'Kunci perangkat berubah atau tidak dapat dibaca. Pemilik perlu masuk dengan kode pemulihan.',
    en: 'The device key changed or cannot be read. The owner needs to log in with the recovery code.',
  },
  INVALID_PHONE: {
    id: 'Nomor telepon tidak valid. Contoh: 0812-3456-7890.',
    en: 'The phone number is not valid. Example: 0812-3456-7890.',
  },
  INTERNAL: {
    id: 'Terjadi kesalahan di aplikasi. Data Anda tidak berubah.',
    en: 'Something went wrong in the app. Your data was not changed.',
  },
};

export function errorMessage(code: ErrorCode, lang: Language, details?: ErrorDetails): string {
  const template = MESSAGES[code][lang];
  const seconds = details?.retryAfterMs !== undefined ? Math.ceil(details.retryAfterMs / 1000) : 0;
  return template
    .replace('{attemptsLeft}', String(details?.attemptsLeft ?? 0))
    .replace('{seconds}', String(seconds));
}
