/** Texts main writes elsewhere: receipts, the recovery card, reports, exports and start-up checks. */
export const core = {
  /**
   * The box shown when the encrypted database module cannot load. It names the problem and the fix
   * in both languages at once: the owner's choice of language lives in the vault, not yet read.
   */
  startup: {
    title: 'Brankas tidak dapat dibuka',
    missing: 'Modul basis data terenkripsi untuk Electron tidak ditemukan.',
    mismatch: 'Modul basis data terenkripsi tidak cocok dengan versi Electron ini.',
    fixInstalled: 'Pasang ulang Brankas dari installer resminya.',
    fixDevelopment: 'Jalankan "npm run native:electron" di folder proyek, lalu "npm start" lagi.',
  },

  /**
   * The texts the first migration writes into every new vault, in Bahasa Indonesia. They are the
   * shop's data: the English app shows the English text of the same key until the owner rewrites
   * one (then it is shown as written). Changing a text here does not change a vault.
   */
  seeded: {
    purposes: {
      service: {
        name: 'Layanan & transaksi',
        description: 'Mencatat pembelian dan melayani pesanan pelanggan.',
      },
      whatsapp: {
        name: 'Promosi via WhatsApp',
        description: 'Mengirim kabar promo dan produk baru lewat WhatsApp.',
      },
      smsEmail: {
        name: 'Promosi via SMS/email',
        description: 'Mengirim kabar promo lewat SMS atau email.',
      },
      offers: {
        name: 'Personalisasi penawaran',
        description: 'Menyesuaikan penawaran dengan riwayat belanja.',
      },
      /** Made when the owner first turns the member programme on (not by a migration). */
      member: {
        name: 'Program member',
        description:
          'Mencatat poin atau stempel dari setiap pembelian dan menukarnya dengan hadiah berupa potongan harga.',
      },
    },
    /** Why each field is collected. */
    fields: {
      phone: 'Menghubungi pelanggan tentang pesanan dan transaksi.',
      email: 'Mengirim nota dan kabar pesanan.',
      address: 'Mengantar pesanan.',
      birthday: 'Ucapan dan penawaran ulang tahun.',
      gender: 'Menyesuaikan penawaran produk.',
      notes: 'Catatan layanan (misalnya ukuran atau pesanan tetap).',
      tags: 'Preferensi produk pelanggan.',
    },
  },

  /** The recovery card printed at set-up, in the app's language. */
  recoveryCard: {
    title: 'Kartu Pemulihan Brankas',
    intro: 'Kode ini membuka brankas dan semua cadangan jika PIN pemilik hilang atau laptop rusak.',
    keep: 'Simpan kartu ini di tempat aman, terpisah dari laptop. Jangan difoto atau dikirim lewat chat.',
    warn: 'Jika PIN pemilik DAN kode ini hilang, data pelanggan tidak dapat dibuka lagi oleh siapa pun, termasuk pembuat Brankas.',
    shop: 'Toko',
    made: 'Dibuat',
  },

  /**
   * The body the notices name as supervising personal data until the owner names another: the
   * PDP agency does not exist yet, so Komdigi.
   */
  authority: 'Kementerian Komunikasi dan Digital (Komdigi)',

  /**
   * Joining by WhatsApp: the messages the customer's phone (or the shop's) sends, prefilled in the
   * wa.me link, and the printed member card. Placeholders: the shop's name, the purposes' names,
   * the notice version, the one-time code.
   */
  join: {
    counterMessage:
      'Halo {{shop}}, saya setuju data saya dipakai untuk: {{purposes}}. Sesuai pemberitahuan privasi versi {{version}}. Kode: {{code}}',
    replyMessage:
      'Halo, ini {{shop}}. Untuk menyetujui: {{purposes}} (pemberitahuan privasi versi {{version}}), balas pesan ini dengan kode {{code}}. Abaikan jika Anda tidak memintanya.',
    posterMessage:
      'Halo {{shop}}, saya mau bergabung dan setuju data saya dipakai untuk: {{purposes}}. Sesuai pemberitahuan privasi versi {{version}}.',
    qrLabel: 'Kode QR: buka WhatsApp di ponsel Anda',
    posterTitle: 'Mau bergabung? Pindai dengan kamera ponsel Anda',
    posterSteps:
      'WhatsApp terbuka dengan pesan yang sudah terisi: kirim ke toko. Kami membalas dengan kode; kirim kode itu kembali untuk menyetujui.',
  },
  /** The printed member card: the QR carries only the member code. */
  memberCard: {
    title: 'Kartu anggota {{shop}}',
    code: 'Kode anggota',
    note: 'Tunjukkan kartu ini di kasir. Kartu tidak memuat nama atau nomor telepon Anda.',
    qrLabel: 'Kode QR kode anggota',
  },
  /** A purchase receipt sent to the customer's WhatsApp. */
  receipt: {
    title: 'Struk belanja — {{shop}}',
    time: '{{when}} WIB',
    item: '• {{item}}',
    more: '… dan {{n}} barang lainnya',
    total: 'Total: {{amount}}',
    discount: 'Potongan member: −{{amount}}',
    paid: 'Dibayar: {{amount}}',
    balance: 'Saldo {{unit}} member Anda: {{balance}}',
    thanks: 'Terima kasih, {{name}}.',
  },

  /** The export of every customer: column names and the values of yes/no columns. */
  customerCsv: {
    columns: [
      'id',
      'nama',
      'telepon',
      'email',
      'alamat',
      'tanggal_lahir',
      'jenis_kelamin',
      'catatan',
      'tag',
      'di_bawah_18',
      'wali',
      'dibatasi',
    ],
    /** One column per purpose, named after it. */
    consent: 'persetujuan:{{purpose}}',
    dates: ['dibuat', 'aktivitas_terakhir'],
    yes: 'ya',
    no: 'tidak',
    withdrawn: 'ditarik',
  },

  /** The audit log exported for an auditor. */
  auditCsv: {
    columns: ['id', 'waktu_utc', 'pengguna_id', 'tindakan', 'sasaran', 'hasil', 'rincian', 'hash'],
  },

  /** The list of customers who agreed to a promotion channel, exported. */
  audienceCsv: {
    whatsapp: ['nama', 'telepon', 'tautan_whatsapp'],
    smsEmail: ['nama', 'telepon', 'email'],
  },

  /** What main adds to a closed correction request's note: the audit entries of the edits. */
  requests: {
    editsNote: '(log audit {{entries}})',
  },

  /** The names offered in the save dialog for the files main writes. */
  files: {
    customers: 'pelanggan-{{day}}.{{format}}',
    audit: 'log-audit-{{day}}.csv',
    audience: 'audiens-{{channel}}-{{day}}.csv',
    importErrors: 'kesalahan-impor-{{day}}.csv',
    recoveryCard: 'brankas-kartu-pemulihan.pdf',
    memberCard: 'kartu-anggota-{{code}}.pdf',
    accessReport: 'laporan-data-{{customer}}-{{day}}.pdf',
    customerData: 'data-pelanggan-{{customer}}-{{day}}.{{format}}',
    requestAnswer: 'jawaban-permintaan-{{request}}.pdf',
    incidentAuthority: 'pemberitahuan-insiden-{{incident}}-lembaga.pdf',
    incidentCustomer: 'pemberitahuan-insiden-{{incident}}-{{customer}}.pdf',
    incidentLetters: 'pemberitahuan-insiden-{{incident}}-surat-{{letters}}.pdf',
  },
};

export type CoreTexts = typeof core;
