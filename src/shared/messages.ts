import type { ErrorCode, ErrorDetails, FieldIssue, IssueReason } from './errors';
import { PRODUCTS_MAX, type ImportRowError, type SalesRowProblem } from './domain';
import type { Language } from './language';
import { enCount } from './plural';

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
  KEYSTORE_UNAVAILABLE: {
    id: 'Penyimpanan kunci sistem (keyring) sedang terkunci atau tidak tersedia. Buka kuncinya (misalnya dengan masuk ulang ke akun komputer), lalu coba lagi.',
    en: "The system keystore (keyring) is locked or unavailable right now. Unlock it (for example by logging in to the computer's account again), then try again.",
  },
  INVALID_PHONE: {
    id: 'Nomor telepon tidak valid. Contoh: 0812-3456-7890.',
    en: 'The phone number is not valid. Example: 0812-3456-7890.',
  },
  SENSITIVE_DATA: {
    id: 'Catatan tampaknya berisi data yang tidak boleh disimpan ({kinds}). Hapus bagian itu, atau simpan tetap jika memang perlu.',
    en: 'The notes seem to hold data that should not be kept ({kinds}). Remove it, or save anyway if it is truly needed.',
  },
  FIELD_DISABLED: {
    id: 'Toko tidak mengumpulkan data ini. Pemilik dapat mengaktifkannya di Pengaturan.',
    en: 'The shop does not collect this data. The owner can turn it on in Settings.',
  },
  GUARDIAN_REQUIRED: {
    id: 'Pelanggan di bawah 18 tahun: isi nama orang tua atau wali yang memberi persetujuan.',
    en: 'Customer under 18: enter the name of the parent or guardian giving consent.',
  },
  BUSY: {
    id: 'Impor sedang berjalan. Coba lagi setelah selesai.',
    en: 'An import is running. Try again when it has finished.',
  },
  BAD_FILE: {
    id: 'Berkas tidak dapat dibaca sebagai CSV ({reason}). Tidak ada data yang diubah.',
    en: 'The file cannot be read as CSV ({reason}). Nothing was changed.',
  },
  CANCELLED: { id: 'Dibatalkan. Tidak ada data yang diubah.', en: 'Cancelled. Nothing was changed.' },
  // The storage under the vault, not the vault, is the problem: the owner is told so, and what to do.
  NO_ACCESS: {
    id: 'Brankas tidak diizinkan membaca atau menulis berkas di folder datanya (misalnya berkas itu milik akun komputer lain). Brankas Anda tidak rusak. Kembalikan izin folder itu untuk akun komputer ini, lalu coba lagi.',
    en: 'Brankas is not allowed to read or write files in its data folder (for example, they belong to another computer account). Your vault is not damaged. Give this computer account its rights to that folder again, then try again.',
  },
  DISK_FULL: {
    id: 'Penyimpanan laptop ini penuh, jadi Brankas tidak dapat menyimpan. Brankas Anda tidak rusak dan tidak ada yang diubah. Kosongkan ruang (hapus berkas yang tidak perlu, kosongkan Recycle Bin), lalu coba lagi.',
    en: "This laptop's storage is full, so Brankas cannot save. Your vault is not damaged and nothing was changed. Free some space (delete files you do not need, empty the Recycle Bin), then try again.",
  },
  VAULT_IN_USE: {
    id: 'Berkas brankas sedang dipakai program lain: mungkin Brankas kedua yang terbuka (di akun komputer lain atau dari salinan aplikasi lain), atau program cadangan/antivirus. Brankas Anda tidak rusak. Tutup program itu (atau mulai ulang komputer), lalu coba lagi.',
    en: 'The vault file is in use by another program: perhaps a second Brankas that is open (in another computer account or from another copy of the app), or a backup or antivirus program. Your vault is not damaged. Close that program (or restart the computer), then try again.',
  },
  IO_ERROR: {
    id: 'Penyimpanan laptop ini gagal dibaca atau ditulis (kesalahan perangkat). Tidak ada yang diubah. Mulai ulang komputer lalu coba lagi; jika terulang, periksa diska dan siapkan cadangan terbaru.',
    en: "This laptop's storage failed to read or write (a device error). Nothing was changed. Restart the computer and try again; if it happens again, have the disk checked and keep your latest backup at hand.",
  },
  INTERNAL: {
    id: 'Terjadi kesalahan di aplikasi. Data Anda tidak berubah.',
    en: 'Something went wrong in the app. Your data was not changed.',
  },
};

const KIND_NAMES: Record<string, Record<Language, string>> = {
  nik: { id: 'nomor NIK/KTP', en: 'a national ID (NIK) number' },
  card: { id: 'nomor kartu', en: 'a card number' },
  health: { id: 'kesehatan', en: 'health' },
  religion: { id: 'agama', en: 'religion' },
  criminal: { id: 'catatan kriminal', en: 'criminal record' },
  finance: { id: 'keuangan pribadi', en: 'personal finances' },
};

const FILE_REASONS: Record<string, Record<Language, string>> = {
  empty: { id: 'berkas kosong', en: 'the file is empty' },
  headers_only: { id: 'hanya ada baris judul', en: 'only a header row' },
  binary: { id: 'bukan berkas teks', en: 'not a text file' },
  too_large: { id: 'lebih dari 50 MB', en: 'larger than 50 MB' },
  encoding: { id: 'pengodean teks tidak dikenal', en: 'unknown text encoding' },
  parse: { id: 'format CSV rusak', en: 'malformed CSV' },
  no_name_column: { id: 'kolom nama belum dipilih', en: 'no name column chosen' },
  unreadable: { id: 'berkas tidak dapat dibuka', en: 'the file cannot be opened' },
  too_many_rows: { id: 'lebih dari 1.000.000 baris', en: 'more than 1,000,000 rows' },
  too_many_columns: { id: 'lebih dari 200 kolom', en: 'more than 200 columns' },
  cell_too_long: {
    id: 'ada sel yang lebih dari 20.000 karakter',
    en: 'a cell holds more than 20,000 characters',
  },
  line_too_long: { id: 'ada baris yang terlalu panjang', en: 'a line is far too long' },
  folder_missing: {
    id: 'folder tujuan tidak ada (flashdisk dicabut?). Pasang lagi atau pilih folder lain',
    en: 'the target folder is gone (USB stick pulled?). Plug it back in or choose another folder',
  },
  folder_readonly: {
    id: 'folder tujuan tidak bisa ditulisi. Pilih folder lain',
    en: 'the target folder cannot be written. Choose another folder',
  },
  disk_full: { id: 'penyimpanan tujuan penuh', en: 'the target storage is full' },
  folder_is_data: {
    id: 'folder itu adalah folder data aplikasi (cadangan di sana hilang bersama datanya). Pilih flashdisk atau folder lain',
    en: "that is the app's data folder (a backup there is lost with the data). Choose a USB stick or another folder",
  },
};

/** A backup that cannot be written: the folder, not a CSV, is the problem. */
const BACKUP_FOLDER: Record<Language, string> = {
  id: 'Cadangan tidak dapat ditulis: {reason}. Tidak ada yang diubah.',
  en: 'The backup cannot be written: {reason}. Nothing was changed.',
};

/** An import mapped without a name column: what to do, not "cannot be read as CSV". */
const NO_NAME_COLUMN: Record<Language, string> = {
  id: 'Kolom nama belum dipilih: pilih kolom yang berisi nama pelanggan di "Cocokkan kolom" (berkas ini tidak punya kolom berjudul Nama). Tidak ada data yang diubah.',
  en: 'No name column chosen: pick the column holding the customers\' names under "Match the columns" (this file has no column titled Name). Nothing was changed.',
};

/** A duplicate says whose it is (to the window that asked only; see ErrorDetails.existing). */
const CONFLICT_REASONS: Record<string, Record<Language, string>> = {
  duplicate_phone: { id: 'Nomor ini sudah dipakai {name}.', en: 'This number already belongs to {name}.' },
  duplicate_name: {
    id: 'Nama ini sudah dipakai pengguna lain. Tambahkan inisial atau nama belakang.',
    en: 'Another user already has this name. Add an initial or a surname.',
  },
};

/** A restore that cannot make its copy: the laptop's own disk, not the backup, is the problem. */
const RESTORE_DISK_FULL: Record<Language, string> = {
  id: 'Pemulihan tidak dapat dilakukan: penyimpanan laptop ini penuh. Kosongkan ruang (sebesar berkas cadangan), lalu coba lagi. Tidak ada yang diubah.',
  en: "The restore cannot go ahead: this laptop's storage is full. Free space (as much as the backup file), then try again. Nothing was changed.",
};

/** WEAK_PIN says which rule the PIN broke. */
const PIN_REASONS: Record<string, Record<Language, string>> = {
  empty: { id: 'PIN belum diisi.', en: 'The PIN is empty.' },
  too_short: {
    id: 'PIN terlalu pendek: minimal 6 angka (kata sandi pemilik minimal 8 karakter).',
    en: "The PIN is too short: at least 6 digits (an owner's passphrase at least 8 characters).",
  },
  too_long: { id: 'PIN terlalu panjang.', en: 'The PIN is too long.' },
  not_digits: { id: 'PIN kasir hanya boleh angka.', en: "A cashier's PIN may hold digits only." },
  common: { id: 'PIN ini terlalu umum dan mudah ditebak.', en: 'This PIN is too common and easy to guess.' },
  repeated: {
    id: 'PIN tidak boleh berupa angka atau pola yang berulang (misalnya 111111 atau 121212).',
    en: 'The PIN may not repeat a digit or a pattern (such as 111111 or 121212).',
  },
  sequence: {
    id: 'PIN tidak boleh berupa angka berurutan (misalnya 345678).',
    en: 'The PIN may not be a run of digits (such as 345678).',
  },
  same_as_current: {
    id: 'PIN baru harus berbeda dari PIN saat ini.',
    en: 'The new PIN must differ from the current one.',
  },
};

/** VALIDATION with a known reason says what is wrong, not only where. */
const VALIDATION_REASONS: Record<string, Record<Language, string>> = {
  counter_query: {
    id: 'Ketik minimal 3 huruf nama, 4 angka terakhir nomor HP, atau nomor HP lengkap.',
    en: 'Type at least 3 letters of the name, the last 4 digits of the phone, or the whole number.',
  },
  counter_phone: {
    id: 'Untuk mencari nomor HP, ketik 4 angka terakhir atau nomor lengkap.',
    en: 'To search by phone, type its last 4 digits or the whole number.',
  },
  counter_page: {
    id: 'Hasil terlalu banyak. Persempit pencarian dengan nama yang lebih lengkap.',
    en: 'Too many results. Narrow the search with more of the name.',
  },
  notice_not_found: {
    id: 'Versi pemberitahuan itu tidak ada di Brankas. Pilih salah satu versi dari daftar. Tidak ada yang diimpor.',
    en: 'That notice version does not exist in Brankas. Choose one of the listed versions. Nothing was imported.',
  },
  notice_newer_than_file: {
    id: 'Versi pemberitahuan yang dipilih lebih baru dari berkas ini (dibuat setelah berkas terakhir diubah), jadi pelanggan di berkas mungkin belum pernah melihatnya. Pilih versi yang mereka lihat, atau pastikan bahwa mereka memang melihat versi ini. Tidak ada yang diimpor.',
    en: 'The chosen notice version is newer than this file (made after the file was last changed), so its customers may never have seen it. Choose the version they saw, or confirm that they did see this one. Nothing was imported.',
  },
  fill_not_confirmable: {
    id: 'Baris yang dikonfirmasi untuk melengkapi tidak cocok lagi dengan pelanggan yang ditampilkan. Periksa berkas lagi. Tidak ada yang diimpor.',
    en: 'A row confirmed for filling no longer matches the customer shown. Check the file again. Nothing was imported.',
  },
  hidden_chars: {
    id: 'Teks berisi karakter tersembunyi atau karakter kendali yang tidak diizinkan. Ketik ulang tanpa menempelkan teks dari tempat lain.',
    en: 'The text holds hidden or control characters that are not allowed. Type it again rather than pasting it.',
  },
};

/** Field names for the summary of a refused form (paths by their first part). */
const FIELD_LABELS: Record<string, Record<Language, string>> = {
  name: { id: 'Nama', en: 'Name' },
  receivedAt: { id: 'Diterima pada', en: 'Received at' },
  receivedReason: { id: 'Alasan dicatat terlambat', en: 'Why it is recorded late' },
  askedAgain: { id: 'Bagaimana pelanggan memintanya lagi', en: 'How the customer asked again' },
  verification: { id: 'Cara memeriksa identitas', en: 'How identity was checked' },
  requester: { id: 'Nama peminta', en: "Requester's name" },
  details: { id: 'Yang diminta', en: 'What was asked' },
  note: { id: 'Yang dilakukan', en: 'What was done' },
  shopContact: { id: 'Kontak toko', en: 'Shop contact' },
  shopAddress: { id: 'Alamat toko', en: 'Shop address' },
  recipients: { id: 'Penerima data', en: 'Recipients' },
  phone: { id: 'Nomor HP', en: 'Phone' },
  email: { id: 'Email', en: 'Email' },
  address: { id: 'Alamat', en: 'Address' },
  notes: { id: 'Catatan', en: 'Notes' },
  birthday: { id: 'Tanggal lahir', en: 'Birthday' },
  gender: { id: 'Jenis kelamin', en: 'Gender' },
  tags: { id: 'Preferensi produk', en: 'Product preferences' },
  guardianName: { id: 'Nama orang tua/wali', en: "Parent's or guardian's name" },
  items: { id: 'Barang', en: 'Items' },
  amount: { id: 'Jumlah', en: 'Amount' },
  lines: { id: 'Produk', en: 'Products' },
  price: { id: 'Harga', en: 'Price' },
  at: { id: 'Tanggal', en: 'Date' },
  description: { id: 'Keterangan', en: 'Description' },
  autoLockMinutes: { id: 'Kunci otomatis', en: 'Auto-lock' },
  noticeVersion: { id: 'Versi pemberitahuan', en: 'Notice version' },
  purpose: { id: 'Tujuan', en: 'Purpose' },
  reason: { id: 'Alasan', en: 'Reason' },
  pin: { id: 'PIN', en: 'PIN' },
  code: { id: 'Kode pemulihan', en: 'Recovery code' },
  inactiveMonths: { id: 'Hapus setelah tidak aktif', en: 'Erase after inactivity' },
  consentLapseMonths: { id: 'Persetujuan berakhir', en: 'Consent ends' },
  salesKeepYears: { id: 'Simpan penjualan', en: 'Keep sales' },
  keepReviewMonths: { id: 'Tinjau ulang', en: 'Review again' },
  consent_whatsapp: { id: 'Persetujuan WhatsApp', en: 'WhatsApp consent' },
  consentMethod: { id: 'Cara persetujuan dikumpulkan', en: 'How consent was collected' },
  consent_sms_email: { id: 'Persetujuan SMS/email', en: 'SMS/email consent' },
};

/** Why a field was refused, in words (shown beside the field). */
export function issueText(issue: FieldIssue, lang: Language): string {
  const n =
    issue.limit === undefined
      ? ''
      : new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB').format(issue.limit);
  const texts: Record<IssueReason, Record<Language, string>> = {
    required: { id: 'wajib diisi', en: 'required' },
    too_short: {
      id: `terlalu pendek (minimal ${n} karakter)`,
      en: `too short (at least ${enCount(issue.limit ?? 0, 'character', 'characters', n)})`,
    },
    too_long: {
      id: `terlalu panjang (maksimal ${n} karakter)`,
      en: `too long (at most ${enCount(issue.limit ?? 0, 'character', 'characters', n)})`,
    },
    too_many: { id: `terlalu banyak (maksimal ${n})`, en: `too many (at most ${n})` },
    too_small: { id: `minimal ${n}`, en: `at least ${n}` },
    too_big: { id: `maksimal ${n}`, en: `at most ${n}` },
    not_whole: { id: 'harus angka bulat', en: 'must be a whole number' },
    future_date: { id: 'tanggal tidak boleh di masa depan', en: 'the date cannot be in the future' },
    hidden_chars: { id: 'berisi karakter tersembunyi', en: 'holds hidden characters' },
    has_link: {
      id: 'tidak boleh berisi tautan atau alamat situs (teks ini masuk ke pesan WhatsApp toko)',
      en: "may not hold a link or web address (this text goes into the shop's WhatsApp messages)",
    },
    invalid: { id: 'isinya tidak valid', en: 'not valid' },
  };
  return texts[issue.reason][lang];
}

export function fieldLabel(path: string, lang: Language): string {
  const head = path.split('.')[0] ?? path;
  return FIELD_LABELS[head]?.[lang] ?? head;
}

/** "Periksa: Nama (wajib diisi); Barang (terlalu panjang, …)." for a refused form. */
export function issuesSummary(issues: FieldIssue[], lang: Language): string {
  const parts = issues.map((i) => `${fieldLabel(i.field, lang)} (${issueText(i, lang)})`);
  return lang === 'id' ? `Periksa: ${parts.join('; ')}.` : `Please check: ${parts.join('; ')}.`;
}

/** Messages for a code with a reason, keyed "CODE:reason" (newer reasons live here). */
const REASON_MESSAGES: Record<string, Record<Language, string>> = {
  // A POS sales export that cannot be used: what is wrong and what to do, in both languages.
  'BAD_FILE:xlsx_not_zip': {
    id: 'Berkas ini bukan berkas Excel (.xlsx) yang utuh; mungkin berkas lain yang diberi nama .xlsx. Ekspor lagi dari POS atau simpan ulang di Excel. Tidak ada data yang diubah.',
    en: 'This is not a complete Excel (.xlsx) file; it may be another file named .xlsx. Export it again from the POS or save it again in Excel. Nothing was changed.',
  },
  'BAD_FILE:xlsx_not_xlsx': {
    id: 'Lembar Excel di berkas ini tidak dapat dibaca. Ekspor lagi dari POS atau simpan sebagai CSV. Tidak ada data yang diubah.',
    en: 'The Excel sheet in this file cannot be read. Export it again from the POS or save it as CSV. Nothing was changed.',
  },
  'BAD_FILE:xlsx_too_big': {
    id: 'Berkas Excel ini terlalu besar untuk laporan penjualan (lebih dari 20 MB, atau isinya membengkak saat dibuka). Ekspor periode yang lebih pendek dari POS. Tidak ada data yang diubah.',
    en: 'This Excel file is too big for a sales report (over 20 MB, or its contents swell when opened). Export a shorter period from the POS. Nothing was changed.',
  },
  'BAD_FILE:xlsx_formula': {
    id: 'Berkas Excel ini berisi rumus. Laporan POS berisi angka, bukan rumus: ekspor lagi dari POS, atau salin lalu tempel sebagai nilai (Paste Values). Tidak ada data yang diubah.',
    en: 'This Excel file contains formulas. A POS report holds values, not formulas: export it again from the POS, or copy and paste as values. Nothing was changed.',
  },
  'BAD_FILE:xlsx_unavailable': {
    id: 'Berkas Excel tidak dapat dibuka di sini. Simpan laporan sebagai CSV lalu impor lagi. Tidak ada data yang diubah.',
    en: 'Excel files cannot be opened here. Save the report as CSV and import it again. Nothing was changed.',
  },
  'BAD_FILE:too_many_sales': {
    id: 'Laporan penjualan ini lebih dari 200.000 baris. Ekspor periode yang lebih pendek dari POS. Tidak ada data yang diubah.',
    en: 'This sales report has more than 200,000 rows. Export a shorter period from the POS. Nothing was changed.',
  },
  'CORRUPT:carry_tampered': {
    id: 'Keputusan pelanggan yang dibawa ke pemulihan telah diubah, jadi pemulihan ditolak. Tidak ada yang berubah.',
    en: "The customers' decisions carried into the restore were altered, so the restore was refused. Nothing changed.",
  },
  // A backup that cannot be used says what is wrong with it: gone, which part is damaged, or whose.
  'BAD_FILE:backup_missing': {
    id: 'Berkas cadangan tidak ditemukan: sudah dipindah, dihapus, atau flashdisk-nya dicabut. Pasang lagi lalu pilih berkasnya. Tidak ada yang diubah.',
    en: 'The backup file cannot be found: it was moved or deleted, or its USB stick was pulled. Plug it back in and pick the file. Nothing was changed.',
  },
  'CORRUPT:backup_salt_damaged': {
    id: 'Kode pemulihan benar, tetapi awal berkas cadangan ini (16 byte pertama) rusak, sehingga berkas tidak bisa dibuka. Pakai cadangan lain. Tidak ada yang diubah.',
    en: 'The recovery code is right, but the start of this backup file (its first 16 bytes) is damaged, so it cannot be opened. Use another backup. Nothing was changed.',
  },
  'CORRUPT:backup_header_damaged': {
    id: 'Kode pemulihan benar, tetapi halaman pertama berkas cadangan ini rusak, sehingga berkas tidak bisa dibuka. Pakai cadangan lain. Tidak ada yang diubah.',
    en: 'The recovery code is right, but the first page of this backup file is damaged, so it cannot be opened. Use another backup. Nothing was changed.',
  },
  'CORRUPT:backup_damaged': {
    id: 'Berkas cadangan ini rusak (isinya tidak utuh lagi). Pakai cadangan lain. Tidak ada yang diubah.',
    en: 'This backup file is damaged (its contents are no longer whole). Use another backup. Nothing was changed.',
  },
  'CORRUPT:not_brankas': {
    id: 'Berkas ini terbuka dengan kode tersebut, tetapi bukan cadangan Brankas. Tidak ada yang diubah.',
    en: 'This file opens with that code but is not a Brankas backup. Nothing was changed.',
  },
  'NOT_FOUND:not_in_audience': {
    id: 'Pelanggan ini tidak lagi ada di daftar: persetujuan WhatsApp-nya dicabut, datanya dibatasi, atau nomornya kosong. Muat ulang daftar.',
    en: 'This customer is no longer in the list: their WhatsApp consent was withdrawn, their data is restricted, or the number is empty. Reload the list.',
  },
  'CONFLICT:receipt_voided': {
    id: 'Pembelian ini sudah dibatalkan: tidak ada struk untuknya.',
    en: 'This purchase was voided: it has no receipt.',
  },
  'CONFLICT:receipt_no_phone': {
    id: 'Pelanggan ini tidak punya nomor WhatsApp yang tercatat.',
    en: 'This customer has no WhatsApp number on record.',
  },
  'CONFLICT:answer_no_phone': {
    id: 'Pelanggan ini tidak punya nomor WhatsApp yang tercatat, jadi jawaban tidak dapat dikirim lewat WhatsApp. Cetak jawabannya dan serahkan atau kirimkan.',
    en: 'This customer has no WhatsApp number on record, so the answer cannot go by WhatsApp. Print the answer and hand it over or post it.',
  },
  'CONFLICT:incident_no_phone': {
    id: 'Pelanggan ini tidak punya nomor WhatsApp yang tercatat, jadi pemberitahuan insiden tidak dapat dikirim lewat WhatsApp. Cetak suratnya dan serahkan atau kirimkan.',
    en: 'This customer has no WhatsApp number on record, so the incident notice cannot go by WhatsApp. Print the letter and hand it over or post it.',
  },
  'CORRUPT:vault_damaged': {
    id: 'Kunci brankas benar, tetapi sebagian isi berkas brankas rusak (misalnya karena diska bermasalah atau listrik padam saat menyimpan). Jangan hapus berkas apa pun. Pulihkan dari cadangan terbaru dengan kode pemulihan Anda.',
    en: "The vault's key is right, but part of the vault file is damaged (for example by a failing disk or a power cut while saving). Do not delete any files. Restore from your latest backup with your recovery code.",
  },
  'NO_ACCESS:read_only': {
    id: 'Folder data Brankas hanya bisa dibaca (read-only), jadi Brankas tidak dapat menyimpan apa pun. Brankas Anda tidak rusak. Jadikan folder itu bisa ditulisi lagi (atau pindahkan dari CD/flashdisk yang terkunci), lalu coba lagi.',
    en: "Brankas's data folder is read-only, so Brankas cannot save anything. Your vault is not damaged. Make that folder writable again (or move it off a locked disc or USB stick), then try again.",
  },
  'NO_ACCESS:device_secret': {
    id: 'Kunci perangkat Brankas ada, tetapi tidak boleh dibaca oleh akun komputer ini (izin berkas diubah). Kunci itu tidak berubah: jangan pakai kode pemulihan. Kembalikan izin folder data Brankas, lalu coba lagi.',
    en: "Brankas's device key is there, but this computer account may not read it (the file's rights were changed). The key has not changed: do not use the recovery code. Give the account its rights to Brankas's data folder again, then try again.",
  },
  'IO_ERROR:device_secret': {
    id: 'Kunci perangkat Brankas gagal dibaca (kesalahan perangkat penyimpanan). Kunci itu belum tentu berubah: mulai ulang komputer lalu coba lagi sebelum memakai kode pemulihan.',
    en: "Brankas's device key could not be read (a storage device error). The key has not necessarily changed: restart the computer and try again before using the recovery code.",
  },
  'CONFLICT:wa_not_mobile': {
    id: 'Nomor pelanggan ini telepon rumah/kantor, bukan nomor ponsel: WhatsApp tidak bisa dikirim ke sana.',
    en: "This customer's number is a landline, not a mobile number: WhatsApp cannot be sent to it.",
  },
  'CONFLICT:receipt_restricted': {
    id: 'Data pelanggan ini sedang dibatasi atas permintaannya: struk tidak dikirim.',
    en: "This customer's data is restricted at their request: no receipt is sent.",
  },
  'FORBIDDEN:restriction_by_request': {
    id: 'Pembatasan hanya dicabut atas permintaan pelanggan: catat permintaan "pembatasan", lalu penuhi dengan "cabut pembatasan".',
    en: 'A restriction is lifted only at the customer\'s request: record a "restriction" request, then fulfil it with "lift the restriction".',
  },
  'VALIDATION:request_late': {
    id: 'Tenggat 3 x 24 jam untuk permintaan ini sudah lewat. Centang "Saya tahu tenggatnya sudah lewat" untuk tetap mencatatnya, lalu segera tangani.',
    en: 'The 3 x 24-hour deadline for this request has already passed. Tick "I know the deadline has passed" to record it anyway, then deal with it at once.',
  },
  'VALIDATION:request_too_old': {
    id: 'Tanggal diterima lebih dari 30 hari lalu. Periksa tanggalnya.',
    en: 'The date received is more than 30 days ago. Check the date.',
  },
  'FORBIDDEN:request_backdate_owner': {
    id: 'Permintaan yang diterima lebih dari 4 jam lalu hanya dapat dicatat oleh pemilik toko, dengan alasan. Minta pemilik mencatatnya.',
    en: 'A request received more than 4 hours ago can be recorded only by the shop owner, with a reason. Ask the owner to record it.',
  },
  'FORBIDDEN:briefing_due': {
    id: 'Baca dulu aturan data toko dan jawab pertanyaannya (menu Aturan data). Setelah lulus, Anda dapat bekerja seperti biasa.',
    en: "First read the shop's data rules and answer the check (Data rules). Once you pass, you can work as usual.",
  },
  'FORBIDDEN:customer_restricted': {
    id: 'Data pelanggan ini sedang dibatasi atas permintaannya: kasir tidak dapat mengubahnya, mencatat penjualan, atau mencatat persetujuan. Hubungi pemilik toko.',
    en: "This customer's data is restricted at their request: a cashier cannot change it, record a sale or record consent. Ask the shop owner.",
  },
  'FORBIDDEN:consent_withdrawn': {
    id: 'Pelanggan ini telah menarik persetujuan untuk tujuan ini (atau permintaan penarikannya masih terbuka). Hanya pemilik toko yang dapat mencatatnya lagi, bila pelanggan sendiri memintanya.',
    en: 'This customer withdrew consent for this purpose (or their withdrawal request is still open). Only the shop owner can record it again, if the customer asks for it themselves.',
  },
  'VALIDATION:consent_asked_again': {
    id: 'Pelanggan ini pernah menarik persetujuan untuk tujuan ini. Tulis bagaimana dan kapan pelanggan memintanya lagi (minimal 10 karakter).',
    en: 'This customer withdrew consent for this purpose before. Write how and when the customer asked for it again (at least 10 characters).',
  },
  'VALIDATION:request_action': {
    id: 'Tindakan ini tidak sesuai dengan jenis permintaannya.',
    en: 'This action does not fit the type of request.',
  },
  'CONFLICT:request_closed': {
    id: 'Permintaan ini sudah selesai atau ditolak.',
    en: 'This request is already completed or refused.',
  },
  'CONFLICT:request_open': {
    id: 'Permintaan ini belum selesai: penuhi atau tolak dulu, lalu kirim jawabannya.',
    en: 'This request is still open: fulfil or refuse it first, then send the answer.',
  },
  'CONFLICT:request_no_customer': {
    id: 'Peminta bukan pelanggan yang tercatat: tidak ada data untuk diproses. Selesaikan dengan "selesai" dan jelaskan.',
    en: 'The requester is not a recorded customer: there is no data to act on. Close it with "done" and explain.',
  },
  'VALIDATION:briefing_short': {
    id: 'Tulis minimal 3 aturan, satu per baris (atau kosongkan untuk memakai aturan bawaan).',
    en: 'Write at least 3 rules, one per line (or leave it empty for the default rules).',
  },
  'CONFLICT:briefing_no_quiz': {
    id: 'Pertanyaan sudah tidak berlaku. Mulai lagi.',
    en: 'These questions are no longer valid. Start again.',
  },
  'NOT_FOUND:product_unknown': {
    id: 'Salah satu produk tidak ada di daftar harga toko. Muat ulang daftar, lalu pilih lagi. Penjualan tidak dicatat.',
    en: "One of the products is not on the shop's price list. Reload the list and pick again. The sale was not recorded.",
  },
  'CONFLICT:product_hidden': {
    id: 'Salah satu produk sudah disembunyikan pemilik (tidak dijual lagi). Hapus dari penjualan atau minta pemilik menampilkannya. Penjualan tidak dicatat.',
    en: 'One of the products was hidden by the owner (no longer sold). Take it off the sale or ask the owner to show it again. The sale was not recorded.',
  },
  'CONFLICT:product_name_taken': {
    id: 'Nama produk ini sudah ada di daftar harga (huruf besar/kecil dianggap sama). Pakai nama lain atau ubah produk yang ada. Tidak ada yang diubah.',
    en: 'A product with this name is already on the price list (upper and lower case count as the same). Use another name or edit that product. Nothing was changed.',
  },
  'CONFLICT:products_full': {
    id: `Daftar harga sudah berisi ${PRODUCTS_MAX} produk, batas maksimalnya. Sembunyikan atau ubah produk yang ada. Tidak ada yang diubah.`,
    en: `The price list already holds ${PRODUCTS_MAX} products, its limit. Hide or edit a product already on it. Nothing was changed.`,
  },
  'CONFLICT:incident_closed': { id: 'Insiden ini sudah ditutup.', en: 'This incident is closed.' },
  'CONFLICT:incident_no_scope': {
    id: 'Tentukan dulu siapa yang terkena (langkah 2).',
    en: 'First say who is affected (step 2).',
  },
  'NOT_FOUND:not_affected': {
    id: 'Pelanggan ini tidak termasuk yang terkena insiden ini.',
    en: 'This customer is not among those affected by this incident.',
  },
  'VALIDATION:incident_range': {
    id: 'Rentang tanggal tidak valid: tanggal awal harus sebelum tanggal akhir.',
    en: 'The date range is not valid: the start must come before the end.',
  },
  'VALIDATION:incident_unnotified': {
    id: 'Masih ada pelanggan terkena yang belum diberi tahu. Beri tahu mereka, atau tulis alasannya (minimal 10 karakter) untuk menutup insiden.',
    en: 'Some affected customers have not been notified. Notify them, or write why (at least 10 characters) to close the incident.',
  },
  'VALIDATION:incident_order': {
    id: 'Waktu diketahui tidak boleh sebelum waktu kejadian: periksa kedua tanggal dan jamnya. Insiden belum dicatat.',
    en: 'When it was discovered cannot be before when it happened: check both dates and times. The incident was not recorded.',
  },
  'VALIDATION:incident_future': {
    id: 'Waktu diketahui tidak boleh di masa depan: periksa tanggal dan jamnya. Insiden belum dicatat.',
    en: 'When it was discovered cannot be in the future: check the date and time. The incident was not recorded.',
  },
  'VALIDATION:incident_late': {
    id: 'Waktu diketahui lebih dari 1 jam sebelum sekarang, jadi tenggat 3 x 24 jam sudah berjalan. Tulis mengapa baru dicatat sekarang (minimal 10 karakter). Insiden belum dicatat.',
    en: 'Discovery was more than an hour ago, so the 72 hours are already running. Write why it is recorded only now (at least 10 characters). The incident was not recorded.',
  },
  'CONFLICT:incident_all_notified': {
    id: 'Semua pelanggan yang terkena sudah diberi tahu: tidak ada surat yang perlu dicetak.',
    en: 'Every affected customer has been notified: there are no letters to print.',
  },
  'CORRUPT:vault_rolled_back': {
    id: 'Brankas ini adalah salinan lama: sejak salinan ini dibuat, kuncinya sudah diganti atau brankas sudah dipulihkan. Brankas ini tidak dibuka. Jika Anda tidak mengembalikan berkas lama, mungkin ada yang mengutak-atik folder data. Pulihkan dari cadangan terbaru bila perlu.',
    en: 'This vault is an old copy: since it was made, its key was replaced or the vault was restored. It was not opened. If you did not put old files back, someone may have tampered with the data folder. Restore from the latest backup if needed.',
  },
  'WRONG_RECOVERY_CODE:retired_code': {
    id: 'Kode pemulihan ini sudah dihentikan saat kunci diganti. Cadangan lama ini tetap bisa dipulihkan, tetapi kode ini tidak akan berlaku lagi: Anda akan mendapat kode pemulihan baru untuk dicatat. Centang "Pulihkan dan buat kode baru" untuk melanjutkan.',
    en: 'This recovery code was retired when the key was replaced. This old backup can still be restored, but the code will not work again: you will get a new recovery code to write down. Tick "Restore and make a new code" to go on.',
  },
  'FORBIDDEN:untrusted_frame': {
    id: 'Permintaan ini tidak datang dari halaman Brankas sendiri, jadi ditolak dan dicatat. Tutup jendela lain lalu pakai jendela Brankas.',
    en: "This request did not come from Brankas's own page, so it was refused and recorded. Close other windows and use the Brankas window.",
  },
  'FORBIDDEN:receipt_not_own': {
    id: 'Kasir hanya dapat mengirim struk penjualan yang ia catat sendiri dalam 10 menit terakhir.',
    en: 'A cashier may send a receipt only for a sale they recorded in the last 10 minutes.',
  },
};

export function errorMessage(code: ErrorCode, lang: Language, details?: ErrorDetails): string {
  if (code === 'VALIDATION' && details?.issues?.length && !details.reason)
    return issuesSummary(details.issues, lang);
  const special =
    (details?.reason ? REASON_MESSAGES[`${code}:${details.reason}`] : undefined) ??
    (code === 'BAD_FILE' && details?.reason === 'no_name_column'
      ? NO_NAME_COLUMN
      : code === 'CONFLICT' && details?.reason && CONFLICT_REASONS[details.reason]
        ? CONFLICT_REASONS[details.reason]
        : code === 'WEAK_PIN' && details?.reason
          ? PIN_REASONS[details.reason]
          : code === 'VALIDATION' && details?.reason
            ? VALIDATION_REASONS[details.reason]
            : code === 'BAD_FILE' && details?.reason?.startsWith('folder_')
              ? BACKUP_FOLDER
              : code === 'BAD_FILE' && details?.reason === 'disk_full'
                ? BACKUP_FOLDER
                : code === 'BAD_FILE' && details?.reason === 'vault_disk_full'
                  ? RESTORE_DISK_FULL
                  : undefined);
  const template = special?.[lang] ?? MESSAGES[code][lang];
  const seconds = details?.retryAfterMs !== undefined ? Math.ceil(details.retryAfterMs / 1000) : 0;
  return template
    .replace('{attemptsLeft}', String(details?.attemptsLeft ?? 0))
    .replace('{seconds}', String(seconds))
    .replace('{name}', details?.existing?.name ?? '')
    .replace('{kinds}', (details?.kinds ?? []).map((k) => KIND_NAMES[k]?.[lang] ?? k).join(', '))
    .replace('{reason}', details?.reason ? (FILE_REASONS[details.reason]?.[lang] ?? details.reason) : '');
}

/** Problems of an import's rows, in words: on the page and in the saved problem file. */
const IMPORT_PROBLEMS: Record<ImportRowError['code'], Record<Language, string>> = {
  missing_name: { id: 'Nama kosong', en: 'Name is empty' },
  invalid_phone: { id: 'Nomor HP tidak valid', en: 'Invalid phone' },
  phone_as_number: {
    id: 'Nomor ini berubah jadi angka di Excel (misalnya 6.28E+12). Format kolom sebagai Teks lalu simpan ulang',
    en: 'Excel turned this number into a figure (such as 6.28E+12). Format the column as Text and save again',
  },
  duplicate_in_file: { id: 'Nomor HP dobel di berkas', en: 'Phone appears twice in the file' },
  duplicate_in_vault: { id: 'Nomor HP sudah ada di Brankas', en: 'Phone already in Brankas' },
  invalid_email: { id: 'Email tidak valid', en: 'Invalid email' },
  invalid_birthday: { id: 'Tanggal lahir tidak valid', en: 'Invalid birthday' },
  invalid_gender: { id: 'Jenis kelamin tidak dikenal', en: 'Unknown gender' },
  invalid_consent: {
    id: 'Isi persetujuan tidak jelas. Yang dihitung setuju: ya, iya, y, yes, setuju, bersedia, ok, 1, v, x. Kosong atau tidak: tidak setuju',
    en: 'Unclear consent. Counted as yes: ya, iya, y, yes, setuju, bersedia, ok, 1, v, x. Blank or no: no consent',
  },
  guardian_required: {
    id: 'Di bawah 18 tahun: persetujuan perlu wali',
    en: 'Under 18: consent needs a guardian',
  },
  too_long: { id: 'Terlalu panjang', en: 'Too long' },
  sensitive_notes: { id: 'Catatan berisi data sensitif', en: 'Notes hold sensitive data' },
};

/** Why a row of a POS sales export is not imported, in words. */
const SALES_PROBLEMS: Record<SalesRowProblem, Record<Language, string>> = {
  missing_receipt: { id: 'Nomor struk kosong', en: 'Receipt number is empty' },
  bad_receipt: { id: 'Nomor struk terlalu panjang', en: 'Receipt number is too long' },
  bad_date: { id: 'Tanggal tidak terbaca (tulis hh/bb/tttt)', en: 'Date not readable (write dd/mm/yyyy)' },
  future_date: { id: 'Tanggal di masa depan', en: 'Date is in the future' },
  too_old: {
    id: 'Lebih tua dari masa simpan catatan penjualan toko',
    en: "Older than the shop's period for keeping sales records",
  },
  bad_total: { id: 'Total bukan jumlah rupiah', en: 'Total is not a rupiah amount' },
  receipt_conflict: {
    id: 'Nomor struk sama dengan baris lain, tetapi tanggal atau totalnya berbeda',
    en: 'Same receipt number as another row, but a different date or total',
  },
};

export function salesProblemText(code: SalesRowProblem, lang: Language): string {
  return SALES_PROBLEMS[code][lang];
}

export function importProblemText(code: ImportRowError['code'], lang: Language): string {
  return IMPORT_PROBLEMS[code][lang];
}
