import type { ImportRowError, SalesRowProblem } from '../../domain';
import type { ErrorCode } from '../../errors';

/**
 * Error messages and their reasons, filled in by main so every error reaches the screen readable.
 * Placeholders take only non-personal numbers and names of kinds, except {{name}}: the customer a
 * duplicate phone belongs to, sent only to the window that asked.
 */
export const errors = {
  offline: 'Tidak dapat menghubungi inti aplikasi.',
  /** One message per error code: a new code without one is a type error. */
  codes: {
    VALIDATION: 'Data yang diisi tidak valid. Periksa kembali kolom yang ditandai.',
    UNKNOWN_CHANNEL: 'Perintah tidak dikenal.',
    FORBIDDEN: 'Anda tidak memiliki izin untuk tindakan ini.',
    LOCKED: 'Brankas terkunci. Masuk dengan PIN terlebih dahulu.',
    WRONG_PIN: 'PIN salah. Sisa {{attemptsLeft}} percobaan sebelum jeda.',
    THROTTLED: 'Terlalu banyak percobaan. Coba lagi dalam {{seconds}} detik.',
    SLOT_DISABLED: 'Akun ini dinonaktifkan. Minta pemilik toko untuk mengatur ulang PIN Anda.',
    RECOVERY_REQUIRED: 'Terlalu banyak PIN salah. Gunakan kode pemulihan untuk membuat PIN baru.',
    WRONG_RECOVERY_CODE: 'Kode pemulihan salah. Periksa kartu pemulihan Anda.',
    WEAK_PIN: 'PIN terlalu mudah ditebak. Gunakan minimal 6 angka yang tidak berurutan atau berulang.',
    PIN_MISMATCH: 'Kedua PIN tidak sama.',
    PIN_CHANGE_REQUIRED: 'Ganti PIN awal Anda terlebih dahulu.',
    NOT_FOUND: 'Data tidak ditemukan.',
    CONFLICT: 'Data ini sudah ada atau sudah diubah.',
    CORRUPT: 'Berkas brankas rusak atau bukan berkas Brankas.',
    VAULT_TOO_NEW: 'Brankas ini dibuat oleh versi aplikasi yang lebih baru. Perbarui Brankas.',
    ALREADY_SETUP: 'Brankas sudah disiapkan.',
    NOT_SETUP: 'Brankas belum disiapkan.',
    DEVICE_CHANGED:
      'Kunci perangkat berubah atau tidak dapat dibaca. Pemilik perlu masuk dengan kode pemulihan.',
    KEYSTORE_UNAVAILABLE:
      'Penyimpanan kunci sistem (keyring) sedang terkunci atau tidak tersedia. Buka kuncinya (misalnya dengan masuk ulang ke akun komputer), lalu coba lagi.',
    INVALID_PHONE: 'Nomor telepon tidak valid. Contoh: 0812-3456-7890.',
    SENSITIVE_DATA:
      'Catatan tampaknya berisi data yang tidak boleh disimpan ({{kinds}}). Hapus bagian itu, atau simpan tetap jika memang perlu.',
    FIELD_DISABLED: 'Toko tidak mengumpulkan data ini. Pemilik dapat mengaktifkannya di Pengaturan.',
    GUARDIAN_REQUIRED: 'Pelanggan di bawah 18 tahun: isi nama orang tua atau wali yang memberi persetujuan.',
    BUSY: 'Impor sedang berjalan. Coba lagi setelah selesai.',
    BAD_FILE: 'Berkas tidak dapat dibaca sebagai CSV ({{reason}}). Tidak ada data yang diubah.',
    CANCELLED: 'Dibatalkan. Tidak ada data yang diubah.',
    NO_ACCESS:
      'Brankas tidak diizinkan membaca atau menulis berkas di folder datanya (misalnya berkas itu milik akun komputer lain). Brankas Anda tidak rusak. Kembalikan izin folder itu untuk akun komputer ini, lalu coba lagi.',
    DISK_FULL:
      'Penyimpanan laptop ini penuh, jadi Brankas tidak dapat menyimpan. Brankas Anda tidak rusak dan tidak ada yang diubah. Kosongkan ruang (hapus berkas yang tidak perlu, kosongkan Recycle Bin), lalu coba lagi.',
    VAULT_IN_USE:
      'Berkas brankas sedang dipakai program lain: mungkin Brankas kedua yang terbuka (di akun komputer lain atau dari salinan aplikasi lain), atau program cadangan/antivirus. Brankas Anda tidak rusak. Tutup program itu (atau mulai ulang komputer), lalu coba lagi.',
    IO_ERROR:
      'Penyimpanan laptop ini gagal dibaca atau ditulis (kesalahan perangkat). Tidak ada yang diubah. Mulai ulang komputer lalu coba lagi; jika terulang, periksa diska dan siapkan cadangan terbaru.',
    PRIMARY_OFFLINE:
      'Belum dapat dikerjakan: laptop utama tidak terhubung. Coba lagi setelah tersambung; yang sudah diisi tetap ada.',
    INTERNAL: 'Terjadi kesalahan di aplikasi. Data Anda tidak berubah.',
  } satisfies Record<ErrorCode, string>,
  /**
   * A code with a known reason says what is wrong and what to do, in place of the code's message
   * (a duplicate says whose it is; WEAK_PIN which rule the PIN broke; the storage under the vault,
   * not the vault, is the problem; a backup that cannot be used says what is wrong with it).
   */
  reasons: {
    PRIMARY_OFFLINE: {
      unsure:
        'Laptop utama tidak terhubung sebelum menjawab, jadi belum pasti ini tersimpan. Yang sudah diisi tetap ada: setelah tersambung, simpan sekali lagi. Bila disimpan lagi dalam 10 menit dari layar ini, Brankas memastikan tidak tercatat dua kali.',
      not_reached:
        'Laptop utama tidak dapat dihubungi di alamat itu. Periksa alamatnya, dan bahwa "Kasir tambahan" menyala di laptop utama dan kedua laptop memakai jaringan toko yang sama.',
      refused:
        'Laptop utama menolak laptop ini: pasangannya sudah dicabut oleh pemilik toko. Minta kode pasangan baru dan sambungkan lagi.',
      file_timeout:
        'Jendela simpan atau cetak di laptop ini tidak dijawab dalam waktu yang ditentukan, jadi berkas tidak dicatat sebagai tersimpan. Coba lagi, lalu pilih tempat menyimpannya.',
      file_not_delivered:
        'Berkas tidak dapat diserahkan ke laptop ini: sambungannya dengan laptop utama terputus. Tidak ada yang disimpan atau dicatat. Tunggu sampai tersambung lagi, lalu coba lagi.',
    },
    NOT_SETUP: {
      not_paired: 'Laptop ini belum disambungkan ke laptop utama.',
      pairing_unreadable:
        'Data pasangan laptop ini dengan laptop utama tidak dapat dibuka (rusak, diubah, atau dari akun komputer lain). Tidak ada data pelanggan di laptop ini. Sambungkan lagi dengan kode pasangan baru dari laptop utama.',
    },
    BAD_FILE: {
      xlsx_not_zip:
        'Berkas ini bukan berkas Excel (.xlsx) yang utuh; mungkin berkas lain yang diberi nama .xlsx. Ekspor lagi dari POS atau simpan ulang di Excel. Tidak ada data yang diubah.',
      xlsx_not_xlsx:
        'Lembar Excel di berkas ini tidak dapat dibaca. Ekspor lagi dari POS atau simpan sebagai CSV. Tidak ada data yang diubah.',
      xlsx_too_big:
        'Berkas Excel ini terlalu besar untuk laporan penjualan (lebih dari 20 MB, atau isinya membengkak saat dibuka). Ekspor periode yang lebih pendek dari POS. Tidak ada data yang diubah.',
      xlsx_formula:
        'Berkas Excel ini berisi rumus. Laporan POS berisi angka, bukan rumus: ekspor lagi dari POS, atau salin lalu tempel sebagai nilai (Paste Values). Tidak ada data yang diubah.',
      xlsx_unavailable:
        'Berkas Excel tidak dapat dibuka di sini. Simpan laporan sebagai CSV lalu impor lagi. Tidak ada data yang diubah.',
      too_many_sales:
        'Laporan penjualan ini lebih dari 200.000 baris. Ekspor periode yang lebih pendek dari POS. Tidak ada data yang diubah.',
      backup_missing:
        'Berkas cadangan tidak ditemukan: sudah dipindah, dihapus, atau flashdisk-nya dicabut. Pasang lagi lalu pilih berkasnya. Tidak ada yang diubah.',
      no_name_column:
        'Kolom nama belum dipilih: pilih kolom yang berisi nama pelanggan di "Cocokkan kolom" (berkas ini tidak punya kolom berjudul Nama). Tidak ada data yang diubah.',
      vault_disk_full:
        'Pemulihan tidak dapat dilakukan: penyimpanan laptop ini penuh. Kosongkan ruang (sebesar berkas cadangan), lalu coba lagi. Tidak ada yang diubah.',
    },
    CONFLICT: {
      join_no_shop_whatsapp:
        'Nomor WhatsApp toko belum diisi. Pemilik dapat mengisinya di Pengaturan. Tidak ada yang diubah.',
      join_no_phone:
        'Pelanggan ini belum punya nomor ponsel yang tercatat. Isi nomornya dulu, lalu buat kode lagi.',
      join_minor:
        'Pelanggan di bawah 18 tahun: persetujuan diberikan orang tua atau wali, bukan lewat WhatsApp anak. Catat persetujuan wali di kasir.',
      join_code_expired:
        'Tidak ada kode yang masih berlaku untuk pelanggan ini (sudah dipakai, kedaluwarsa, atau terlalu banyak salah). Buat kode baru. Tidak ada yang diubah.',
      not_member: 'Pelanggan ini belum menjadi anggota: kartu anggota tidak dibuat.',
      lan_off: 'Kasir tambahan belum dinyalakan. Nyalakan dulu, lalu buat kode baru.',
      lan_unavailable: 'Kasir tambahan tidak tersedia di laptop ini.',
      file_too_large:
        'Berkas ini terlalu besar untuk dikirim ke laptop ini. Simpan atau cetak dari laptop utama. Tidak ada yang disimpan atau dicatat.',
      reply_forgotten:
        'Permintaan ini sudah diproses di laptop utama. Muat ulang layar untuk melihat datanya.',
      not_a_client:
        'Laptop ini adalah laptop utama: brankas toko ada di sini. Menyambung ke laptop lain atau melepas pasangan hanya dilakukan di laptop kasir tambahan.',
      already_paired:
        'Laptop ini sudah tersambung ke laptop utama. Lepaskan dulu pasangannya untuk menyambung ulang.',
      already_voided: 'Pembelian ini sudah dibatalkan.',
      receipt_voided: 'Pembelian ini sudah dibatalkan: tidak ada struk untuknya.',
      receipt_no_phone: 'Pelanggan ini tidak punya nomor WhatsApp yang tercatat.',
      answer_no_phone:
        'Pelanggan ini tidak punya nomor WhatsApp yang tercatat, jadi jawaban tidak dapat dikirim lewat WhatsApp. Cetak jawabannya dan serahkan atau kirimkan.',
      incident_no_phone:
        'Pelanggan ini tidak punya nomor WhatsApp yang tercatat, jadi pemberitahuan insiden tidak dapat dikirim lewat WhatsApp. Cetak suratnya dan serahkan atau kirimkan.',
      wa_not_mobile:
        'Nomor pelanggan ini telepon rumah/kantor, bukan nomor ponsel: WhatsApp tidak bisa dikirim ke sana.',
      receipt_restricted: 'Data pelanggan ini sedang dibatasi atas permintaannya: struk tidak dikirim.',
      request_closed: 'Permintaan ini sudah selesai atau ditolak.',
      request_open: 'Permintaan ini belum selesai: penuhi atau tolak dulu, lalu kirim jawabannya.',
      request_no_customer:
        'Peminta bukan pelanggan yang tercatat: tidak ada data untuk diproses. Selesaikan dengan "selesai" dan jelaskan.',
      briefing_no_quiz: 'Pertanyaan sudah tidak berlaku. Mulai lagi.',
      loyalty_off: 'Program member belum dinyalakan pemilik toko. Tidak ada yang diubah.',
      loyalty_not_member:
        'Pelanggan ini bukan member (belum setuju ikut program member, atau sudah menarik persetujuannya): tidak ada poin, stempel, atau hadiah. Tidak ada yang diubah.',
      loyalty_restricted:
        'Data pelanggan ini sedang dibatasi atas permintaannya: saldonya tidak bertambah dan tidak dapat ditukar. Tidak ada yang diubah.',
      loyalty_balance_low: 'Saldo pelanggan ini tidak cukup untuk itu. Tidak ada yang diubah.',
      loyalty_discount_too_big:
        'Potongan hadiah ini lebih besar dari total pembelian. Tambahkan barang atau pilih hadiah lain. Tidak ada yang diubah.',
      member_purpose_managed:
        'Tujuan "Program member" diatur di Pengaturan → Program member (menyalakan, mematikan, dasar hukumnya). Di sini hanya nama dan penjelasannya yang dapat diubah. Tidak ada yang diubah.',
      reward_hidden: 'Hadiah ini sudah disembunyikan pemilik toko. Pilih hadiah lain. Tidak ada yang diubah.',
      reward_name_taken:
        'Dua hadiah memakai nama yang sama (huruf besar/kecil dianggap sama). Pakai nama lain. Tidak ada yang diubah.',
      rewards_full:
        'Daftar hadiah sudah penuh. Sembunyikan atau ubah hadiah yang ada. Tidak ada yang diubah.',
      product_hidden:
        'Salah satu produk sudah disembunyikan pemilik (tidak dijual lagi). Hapus dari penjualan atau minta pemilik menampilkannya. Penjualan tidak dicatat.',
      product_name_taken:
        'Nama produk ini sudah ada di daftar harga (huruf besar/kecil dianggap sama). Pakai nama lain atau ubah produk yang ada. Tidak ada yang diubah.',
      products_full:
        'Daftar harga sudah berisi {{max}} produk, batas maksimalnya. Sembunyikan atau ubah produk yang ada. Tidak ada yang diubah.',
      incident_closed: 'Insiden ini sudah ditutup.',
      incident_no_scope: 'Tentukan dulu siapa yang terkena (langkah 2).',
      incident_all_notified:
        'Semua pelanggan yang terkena sudah diberi tahu: tidak ada surat yang perlu dicetak.',
      duplicate_phone: 'Nomor ini sudah dipakai {{name}}.',
      duplicate_name: 'Nama ini sudah dipakai pengguna lain. Tambahkan inisial atau nama belakang.',
    },
    CORRUPT: {
      backup_verify_failed:
        'Cadangan yang baru ditulis gagal diperiksa: isinya tidak terbaca kembali dengan utuh, jadi jangan andalkan berkas itu. Coba lagi, sebaiknya ke flashdisk atau folder lain.',
      carry_tampered:
        'Keputusan pelanggan yang dibawa ke pemulihan telah diubah, jadi pemulihan ditolak. Tidak ada yang berubah.',
      backup_salt_damaged:
        'Kode pemulihan benar, tetapi awal berkas cadangan ini (16 byte pertama) rusak, sehingga berkas tidak bisa dibuka. Pakai cadangan lain. Tidak ada yang diubah.',
      backup_header_damaged:
        'Kode pemulihan benar, tetapi halaman pertama berkas cadangan ini rusak, sehingga berkas tidak bisa dibuka. Pakai cadangan lain. Tidak ada yang diubah.',
      backup_damaged:
        'Berkas cadangan ini rusak (isinya tidak utuh lagi). Pakai cadangan lain. Tidak ada yang diubah.',
      not_brankas:
        'Berkas ini terbuka dengan kode tersebut, tetapi bukan cadangan Brankas. Tidak ada yang diubah.',
      vault_damaged:
        'Kunci brankas benar, tetapi sebagian isi berkas brankas rusak (misalnya karena diska bermasalah atau listrik padam saat menyimpan). Jangan hapus berkas apa pun. Pulihkan dari cadangan terbaru dengan kode pemulihan Anda.',
      vault_rolled_back:
        'Brankas ini adalah salinan lama: sejak salinan ini dibuat, kuncinya sudah diganti atau brankas sudah dipulihkan. Brankas ini tidak dibuka. Jika Anda tidak mengembalikan berkas lama, mungkin ada yang mengutak-atik folder data. Pulihkan dari cadangan terbaru bila perlu.',
    },
    FORBIDDEN: {
      join_code_wrong:
        'Kode tidak cocok dengan kode yang dibuat untuk pelanggan ini. Sisa {{attemptsLeft}} percobaan. Tidak ada yang dicatat.',
      join_sender_mismatch:
        'Nomor pengirim pesan tidak sama dengan nomor yang tercatat untuk pelanggan ini. Periksa nomornya di data pelanggan. Sisa {{attemptsLeft}} percobaan. Tidak ada yang dicatat.',
      device_revoked:
        'Laptop ini tidak lagi tersambung ke laptop utama. Minta pemilik toko menyambungkannya lagi.',
      primary_only:
        'Ini hanya dapat dilakukan di laptop utama (yang menyimpan brankas), bukan di kasir tambahan. Tidak ada yang diubah.',
      pairing_refused:
        'Kode pasangan tidak diterima: salah, sudah dipakai, atau sudah lewat 10 menit. Buat kode baru di laptop utama, lalu coba lagi.',
      loyalty_points_spent:
        'Poin atau stempel dari pembelian ini sudah dipakai pelanggan untuk hadiah, jadi tidak dapat ditarik kembali. Hanya pemilik toko yang dapat membatalkannya. Tidak ada yang diubah.',
      not_your_sale_today:
        'Kasir hanya dapat membatalkan atau mengoreksi pembelian yang ia catat sendiri hari ini. Minta pemilik toko.',
      restriction_by_request:
        'Pembatasan hanya dicabut atas permintaan pelanggan: catat permintaan "pembatasan", lalu penuhi dengan "cabut pembatasan".',
      request_backdate_owner:
        'Permintaan yang diterima lebih dari 4 jam lalu hanya dapat dicatat oleh pemilik toko, dengan alasan. Minta pemilik mencatatnya.',
      briefing_due:
        'Baca dulu aturan data toko dan jawab pertanyaannya (menu Aturan data). Setelah lulus, Anda dapat bekerja seperti biasa.',
      customer_restricted:
        'Data pelanggan ini sedang dibatasi atas permintaannya: kasir tidak dapat mengubahnya, mencatat penjualan, atau mencatat persetujuan. Hubungi pemilik toko.',
      member_whatsapp_only:
        'Persetujuan ikut program member hanya dapat diberikan pelanggan lewat WhatsApp dari ponselnya sendiri (diatur pemilik di Pengaturan → Program member), bukan dicatat kasir secara lisan, di kertas, atau dari berkas. Pakai "Gabung lewat WhatsApp" di data pelanggan. Tidak ada yang diubah.',
      consent_withdrawn:
        'Pelanggan ini telah menarik persetujuan untuk tujuan ini (atau permintaan penarikannya masih terbuka). Hanya pemilik toko yang dapat mencatatnya lagi, bila pelanggan sendiri memintanya.',
      untrusted_frame:
        'Permintaan ini tidak datang dari halaman Brankas sendiri, jadi ditolak dan dicatat. Tutup jendela lain lalu pakai jendela Brankas.',
      receipt_not_own:
        'Kasir hanya dapat mengirim struk penjualan yang ia catat sendiri dalam 10 menit terakhir.',
    },
    IO_ERROR: {
      file_failed:
        'Berkas tidak dapat disimpan atau dicetak di laptop ini (jendela simpan atau penyimpanannya gagal). Tidak ada yang dicatat sebagai tersimpan. Coba lagi, atau simpan di folder lain.',
      device_secret:
        'Kunci perangkat Brankas gagal dibaca (kesalahan perangkat penyimpanan). Kunci itu belum tentu berubah: mulai ulang komputer lalu coba lagi sebelum memakai kode pemulihan.',
    },
    NOT_FOUND: {
      member_code_unknown: 'Kode anggota ini tidak dikenal. Periksa kodenya atau cari dengan nama.',
      not_in_audience:
        'Pelanggan ini tidak lagi ada di daftar: persetujuan WhatsApp-nya dicabut, datanya dibatasi, atau nomornya kosong. Muat ulang daftar.',
      reward_unknown:
        'Hadiah ini tidak ada di program member. Muat ulang, lalu pilih lagi. Tidak ada yang diubah.',
      product_unknown:
        'Salah satu produk tidak ada di daftar harga toko. Muat ulang daftar, lalu pilih lagi. Penjualan tidak dicatat.',
      not_affected: 'Pelanggan ini tidak termasuk yang terkena insiden ini.',
    },
    NO_ACCESS: {
      read_only:
        'Folder data Brankas hanya bisa dibaca (read-only), jadi Brankas tidak dapat menyimpan apa pun. Brankas Anda tidak rusak. Jadikan folder itu bisa ditulisi lagi (atau pindahkan dari CD/flashdisk yang terkunci), lalu coba lagi.',
      device_secret:
        'Kunci perangkat Brankas ada, tetapi tidak boleh dibaca oleh akun komputer ini (izin berkas diubah). Kunci itu tidak berubah: jangan pakai kode pemulihan. Kembalikan izin folder data Brankas, lalu coba lagi.',
    },
    VALIDATION: {
      request_late:
        'Tenggat 3 x 24 jam untuk permintaan ini sudah lewat. Centang "Saya tahu tenggatnya sudah lewat" untuk tetap mencatatnya, lalu segera tangani.',
      request_too_old: 'Tanggal diterima lebih dari 30 hari lalu. Periksa tanggalnya.',
      consent_asked_again:
        'Pelanggan ini pernah menarik persetujuan untuk tujuan ini. Tulis bagaimana dan kapan pelanggan memintanya lagi (minimal 10 karakter).',
      request_action: 'Tindakan ini tidak sesuai dengan jenis permintaannya.',
      briefing_short: 'Tulis minimal 3 aturan, satu per baris (atau kosongkan untuk memakai aturan bawaan).',
      incident_range: 'Rentang tanggal tidak valid: tanggal awal harus sebelum tanggal akhir.',
      incident_unnotified:
        'Masih ada pelanggan terkena yang belum diberi tahu. Beri tahu mereka, atau tulis alasannya (minimal 10 karakter) untuk menutup insiden.',
      incident_order:
        'Waktu diketahui tidak boleh sebelum waktu kejadian: periksa kedua tanggal dan jamnya. Insiden belum dicatat.',
      incident_future:
        'Waktu diketahui tidak boleh di masa depan: periksa tanggal dan jamnya. Insiden belum dicatat.',
      incident_late:
        'Waktu diketahui lebih dari 1 jam sebelum sekarang, jadi tenggat 3 x 24 jam sudah berjalan. Tulis mengapa baru dicatat sekarang (minimal 10 karakter). Insiden belum dicatat.',
      counter_query: 'Ketik minimal 3 huruf nama, 4 angka terakhir nomor HP, atau nomor HP lengkap.',
      counter_phone: 'Untuk mencari nomor HP, ketik 4 angka terakhir atau nomor lengkap.',
      counter_page: 'Hasil terlalu banyak. Persempit pencarian dengan nama yang lebih lengkap.',
      notice_not_found:
        'Versi pemberitahuan itu tidak ada di Brankas. Pilih salah satu versi dari daftar. Tidak ada yang diimpor.',
      notice_newer_than_file:
        'Versi pemberitahuan yang dipilih lebih baru dari berkas ini (dibuat setelah berkas terakhir diubah), jadi pelanggan di berkas mungkin belum pernah melihatnya. Pilih versi yang mereka lihat, atau pastikan bahwa mereka memang melihat versi ini. Tidak ada yang diimpor.',
      fill_not_confirmable:
        'Baris yang dikonfirmasi untuk melengkapi tidak cocok lagi dengan pelanggan yang ditampilkan. Periksa berkas lagi. Tidak ada yang diimpor.',
      hidden_chars:
        'Teks berisi karakter tersembunyi atau karakter kendali yang tidak diizinkan. Ketik ulang tanpa menempelkan teks dari tempat lain.',
    },
    WEAK_PIN: {
      empty: 'PIN belum diisi.',
      too_short: 'PIN terlalu pendek: minimal 6 angka (kata sandi pemilik minimal 8 karakter).',
      too_long: 'PIN terlalu panjang.',
      not_digits: 'PIN kasir hanya boleh angka.',
      common: 'PIN ini terlalu umum dan mudah ditebak.',
      repeated: 'PIN tidak boleh berupa angka atau pola yang berulang (misalnya 111111 atau 121212).',
      sequence: 'PIN tidak boleh berupa angka berurutan (misalnya 345678).',
      same_as_current: 'PIN baru harus berbeda dari PIN saat ini.',
    },
    WRONG_RECOVERY_CODE: {
      retired_code:
        'Kode pemulihan ini sudah dihentikan saat kunci diganti. Cadangan lama ini tetap bisa dipulihkan, tetapi kode ini tidak akan berlaku lagi: Anda akan mendapat kode pemulihan baru untuk dicatat. Centang "Pulihkan dan buat kode baru" untuk melanjutkan.',
    },
  },
  /** What {{reason}} says in BAD_FILE and backupFolder. */
  fileReasons: {
    empty: 'berkas kosong',
    headers_only: 'hanya ada baris judul',
    binary: 'bukan berkas teks',
    too_large: 'lebih dari 50 MB',
    encoding: 'pengodean teks tidak dikenal',
    parse: 'format CSV rusak',
    no_name_column: 'kolom nama belum dipilih',
    unreadable: 'berkas tidak dapat dibuka',
    too_many_rows: 'lebih dari 1.000.000 baris',
    too_many_columns: 'lebih dari 200 kolom',
    cell_too_long: 'ada sel yang lebih dari 20.000 karakter',
    line_too_long: 'ada baris yang terlalu panjang',
    folder_missing: 'folder tujuan tidak ada (flashdisk dicabut?). Pasang lagi atau pilih folder lain',
    folder_readonly: 'folder tujuan tidak bisa ditulisi. Pilih folder lain',
    disk_full: 'penyimpanan tujuan penuh',
    folder_is_data:
      'folder itu adalah folder data aplikasi (cadangan di sana hilang bersama datanya). Pilih flashdisk atau folder lain',
  },
  /** A backup that cannot be written: the folder, not a CSV, is the problem. */
  backupFolder: 'Cadangan tidak dapat ditulis: {{reason}}. Tidak ada yang diubah.',
  /** The kinds of sensitive data SENSITIVE_DATA names in {{kinds}}. */
  kinds: {
    nik: 'nomor NIK/KTP',
    card: 'nomor kartu',
    health: 'kesehatan',
    religion: 'agama',
    criminal: 'catatan kriminal',
    finance: 'keuangan pribadi',
  },
  /** Field names for the summary of a refused form (paths by their first part). */
  fields: {
    name: 'Nama',
    receivedAt: 'Diterima pada',
    receivedReason: 'Alasan dicatat terlambat',
    askedAgain: 'Bagaimana pelanggan memintanya lagi',
    verification: 'Cara memeriksa identitas',
    requester: 'Nama peminta',
    details: 'Yang diminta',
    note: 'Yang dilakukan',
    shopContact: 'Kontak toko',
    shopAddress: 'Alamat toko',
    recipients: 'Penerima data',
    phone: 'Nomor HP',
    email: 'Email',
    address: 'Alamat',
    notes: 'Catatan',
    birthday: 'Tanggal lahir',
    gender: 'Jenis kelamin',
    tags: 'Preferensi produk',
    guardianName: 'Nama orang tua/wali',
    items: 'Barang',
    amount: 'Jumlah',
    lines: 'Produk',
    price: 'Harga',
    at: 'Tanggal',
    description: 'Keterangan',
    autoLockMinutes: 'Kunci otomatis',
    noticeVersion: 'Versi pemberitahuan',
    purpose: 'Tujuan',
    reason: 'Alasan',
    pin: 'PIN',
    code: 'Kode pemulihan',
    inactiveMonths: 'Hapus setelah tidak aktif',
    consentLapseMonths: 'Persetujuan berakhir',
    salesKeepYears: 'Simpan penjualan',
    keepReviewMonths: 'Tinjau ulang',
    consent_whatsapp: 'Persetujuan WhatsApp',
    consentMethod: 'Cara persetujuan dikumpulkan',
    consent_sms_email: 'Persetujuan SMS/email',
  },
  /** Why a field was refused, in words (shown beside the field), by IssueReason in camelCase. */
  issues: {
    required: 'wajib diisi',
    tooShort: 'terlalu pendek (minimal {{limit, number}} karakter)',
    tooLong: 'terlalu panjang (maksimal {{limit, number}} karakter)',
    tooMany: 'terlalu banyak (maksimal {{limit, number}})',
    tooSmall: 'minimal {{limit, number}}',
    tooBig: 'maksimal {{limit, number}}',
    notWhole: 'harus angka bulat',
    futureDate: 'tanggal tidak boleh di masa depan',
    hiddenChars: 'berisi karakter tersembunyi',
    hasLink: 'tidak boleh berisi tautan atau alamat situs (teks ini masuk ke pesan WhatsApp toko)',
    invalid: 'isinya tidak valid',
  },
  /** The summary of a refused form: "Periksa: Nama (wajib diisi); Barang (terlalu panjang, …)." */
  checkFields: 'Periksa: {{fields}}.',
  /** Counted nouns nested into the texts above (Bahasa Indonesia does not inflect: both forms alike). */
  counts: {
    attemptsLeft_one: '{{count}} percobaan',
    attemptsLeft_other: '{{count}} percobaan',
    seconds_one: '{{count}} detik',
    seconds_other: '{{count}} detik',
    characters_one: '{{count, number}} karakter',
    characters_other: '{{count, number}} karakter',
  },
  /** Problems of an import's rows, in words: on the page and in the saved problem file. */
  importProblems: {
    missing_name: 'Nama kosong',
    invalid_phone: 'Nomor HP tidak valid',
    phone_as_number:
      'Nomor ini berubah jadi angka di Excel (misalnya 6.28E+12). Format kolom sebagai Teks lalu simpan ulang',
    duplicate_in_file: 'Nomor HP dobel di berkas',
    duplicate_in_vault: 'Nomor HP sudah ada di Brankas',
    invalid_email: 'Email tidak valid',
    invalid_birthday: 'Tanggal lahir tidak valid',
    invalid_gender: 'Jenis kelamin tidak dikenal',
    invalid_consent:
      'Isi persetujuan tidak jelas. Yang dihitung setuju: ya, iya, y, yes, setuju, bersedia, ok, 1, v, x. Kosong atau tidak: tidak setuju',
    guardian_required: 'Di bawah 18 tahun: persetujuan perlu wali',
    too_long: 'Terlalu panjang',
    sensitive_notes: 'Catatan berisi data sensitif',
  } satisfies Record<ImportRowError['code'], string>,
  /** Why a row of a POS sales export is not imported, in words. */
  salesProblems: {
    missing_receipt: 'Nomor struk kosong',
    bad_receipt: 'Nomor struk terlalu panjang',
    bad_date: 'Tanggal tidak terbaca (tulis hh/bb/tttt)',
    future_date: 'Tanggal di masa depan',
    too_old: 'Lebih tua dari masa simpan catatan penjualan toko',
    bad_total: 'Total bukan jumlah rupiah',
    receipt_conflict: 'Nomor struk sama dengan baris lain, tetapi tanggal atau totalnya berbeda',
  } satisfies Record<SalesRowProblem, string>,
};

export type ErrorTexts = typeof errors;
