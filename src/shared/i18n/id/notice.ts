/**
 * The privacy notice, the record of processing and the counter poster. The notice and the poster
 * speak to the customer (`you`: "Anda"); the record is the shop's own register for the authority
 * and speaks of "pelanggan" in the third person (`register`). These words are what the shop
 * promises: a change here changes the documents the shop has printed, so it comes with a new
 * DOC_WORDING (notice-text.ts).
 */
export const notice = {
  /** Counted nouns the documents need beside the screens' `counts`. */
  units: {
    years_one: '{{count}} tahun',
    years_other: '{{count}} tahun',
  },
  /** The documents' names, as printed at the foot of every page with the page counters. */
  docNames: {
    notice: 'Pemberitahuan privasi',
    record: 'Catatan kegiatan pemrosesan',
  },
  footer: '{{name}} v{{version}} · halaman {page} dari {pages}',
  fieldNames: {
    phone: 'Nomor HP',
    email: 'Email',
    address: 'Alamat',
    birthday: 'Tanggal lahir',
    gender: 'Jenis kelamin',
    notes: 'Catatan layanan',
    tags: 'Preferensi produk',
  },
  /**
   * The texts every vault starts with, as the documents say them: in the notice's voice where the
   * seed speaks of "pelanggan", and without repeating the field's own name.
   */
  seeded: {
    orders: {
      you: 'Mencatat pembelian dan melayani pesanan Anda.',
    },
    contact: {
      you: 'Menghubungi Anda tentang pesanan dan transaksi.',
    },
    notes: {
      you: 'Untuk mengingat kebutuhan Anda (misalnya ukuran atau pesanan tetap).',
      register: 'Untuk mengingat kebutuhan pelanggan (misalnya ukuran atau pesanan tetap).',
    },
    tags: {
      you: 'Untuk mengingat produk yang Anda sukai.',
      register: 'Untuk mengingat produk yang disukai pelanggan.',
    },
  },
  /** Consent given by a WhatsApp message from the customer's own phone (join by WhatsApp). */
  whatsappConsent: {
    you: 'Anda juga dapat memberi persetujuan dengan mengirim pesan WhatsApp dari nomor Anda sendiri ke nomor toko {{number}} (lewat kode QR di kasir atau di poster). Kami mencatat kode dalam pesan itu, waktunya, dan versi pemberitahuan ini sebagai bukti, dan nomor Anda sebagai terkonfirmasi.',
    register:
      'Persetujuan dapat diberikan pelanggan lewat pesan WhatsApp dari nomornya sendiri ke nomor toko {{number}}: kode satu kali dalam pesan (disimpan hanya sebagai hash sampai dipakai), waktunya, dan versi pemberitahuan dicatat sebagai bukti; nomornya dicatat terkonfirmasi hanya bila nomor pengirim sama dengan nomor yang tercatat.',
  },
  /** The legal bases of UU PDP Pasal 20 ayat 2. */
  bases: {
    consent: {
      you: 'persetujuan Anda (Pasal 20 ayat 2 huruf a); Anda boleh menariknya kapan saja',
      register: 'persetujuan pelanggan (Pasal 20 ayat 2 huruf a), yang dapat ditarik kapan saja',
    },
    contract: {
      you: 'perlu untuk melayani pembelian atau pesanan Anda (Pasal 20 ayat 2 huruf b)',
      register: 'perlu untuk melayani pembelian atau pesanan pelanggan (Pasal 20 ayat 2 huruf b)',
    },
    legal_obligation: {
      you: 'kewajiban hukum toko (Pasal 20 ayat 2 huruf c)',
      register: 'kewajiban hukum toko (Pasal 20 ayat 2 huruf c)',
    },
    vital_interest: {
      you: 'melindungi kepentingan vital seseorang (Pasal 20 ayat 2 huruf d)',
      register: 'melindungi kepentingan vital seseorang (Pasal 20 ayat 2 huruf d)',
    },
    public_task: {
      you: 'tugas pelayanan publik (Pasal 20 ayat 2 huruf e)',
      register: 'tugas pelayanan publik (Pasal 20 ayat 2 huruf e)',
    },
    legitimate_interest: {
      you: 'kepentingan sah toko yang tidak merugikan Anda (Pasal 20 ayat 2 huruf f)',
      register: 'kepentingan sah toko yang tidak merugikan pelanggan (Pasal 20 ayat 2 huruf f)',
    },
  },
  /** The data subject's rights, UU PDP Pasal 5 to 13. */
  rights: [
    'Mendapat informasi tentang data Anda dan untuk apa dipakai (Pasal 5).',
    'Membetulkan data yang salah atau kurang (Pasal 6).',
    'Melihat dan mendapat salinan data Anda (Pasal 7).',
    'Meminta data Anda dihapus (Pasal 8).',
    'Menarik persetujuan yang pernah Anda berikan (Pasal 9).',
    'Menolak keputusan yang dibuat otomatis tentang Anda (Pasal 10) — toko ini tidak membuat keputusan otomatis.',
    'Meminta pemakaian data Anda dibatasi (Pasal 11).',
    'Menuntut dan menerima ganti rugi bila data Anda diproses dengan melanggar hukum (Pasal 12).',
    'Mendapat data Anda dalam bentuk berkas yang bisa dibaca komputer (Pasal 13).',
  ],
  /** What is recorded: the name first, then each field the shop collects, then the history. */
  collected: {
    name: {
      you: 'Nama — untuk mengenali Anda dan mencatat pembelian Anda.',
      register: 'Nama — untuk mengenali pelanggan dan mencatat pembeliannya.',
    },
    field: '{{field}} — {{purpose}}',
    history: {
      you: 'Riwayat pembelian Anda (tanggal, barang, jumlah) dan catatan persetujuan Anda.',
      register: 'Riwayat pembelian (tanggal, barang, jumlah) dan catatan persetujuan pelanggan.',
    },
  },
  purpose: '{{name}}: {{description}} Dasar: {{basis}}.',
  /** What the retention schedule does, in its order: erasure, keeping longer, consent, sales. */
  retention: {
    erased: {
      you: 'Data Anda kami hapus otomatis {{months}} bulan setelah kegiatan terakhir Anda di toko ini (data dicatat, pembelian, atau memberi atau menarik persetujuan).',
      register:
        'Data pelanggan dihapus otomatis {{months}} bulan setelah kegiatan terakhirnya (data dicatat, pembelian, atau persetujuan diberikan atau ditarik).',
    },
    keep: {
      you: 'Bila ada alasan untuk menyimpannya lebih lama, pemilik toko mencatat alasan itu dan meninjaunya lagi setelah {{months}} bulan.',
      register:
        'Penyimpanan lebih lama hanya dengan alasan tertulis dari pemilik, ditinjau lagi setelah {{months}} bulan.',
    },
    lapse: {
      you: 'Persetujuan yang Anda berikan berakhir {{months}} bulan setelah Anda memberikannya, kecuali Anda memperbaruinya.',
      register: 'Persetujuan pelanggan berakhir {{months}} bulan setelah diberikan bila tidak diperbarui.',
    },
    noLapse: {
      you: 'Persetujuan yang Anda berikan berlaku sampai Anda menariknya.',
      register: 'Persetujuan pelanggan berlaku sampai ditarik.',
    },
    sales: {
      you: 'Catatan penjualan kami simpan {{years}} tahun untuk pembukuan; setelah data Anda dihapus, catatan itu tidak lagi memuat nama atau kontak Anda.',
      register:
        'Catatan penjualan disimpan {{years}} tahun untuk pembukuan; setelah data pelanggan dihapus, catatan itu tanpa nama atau kontak.',
    },
  },
  /** Whether and to whom the data goes. */
  recipients: {
    titleNone: 'Tidak dibagikan',
    titleSome: 'Siapa yang menerima data Anda',
    none: {
      you: 'Kami tidak memberikan data Anda kepada pihak lain.',
      register: 'Toko tidak memberikan data pelanggan kepada pihak lain.',
    },
    some: {
      you: 'Data Anda juga kami berikan kepada:',
      register: 'Data pelanggan juga diberikan kepada:',
    },
  },
  contact: {
    given: 'Hubungi kami: {{contact}}.',
    counter: 'Hubungi kami langsung di kasir.',
  },
  /** How a cashier sees phones, from the same list main masks them by. */
  cashierPhones: {
    whole: 'Kasir melihat nomor HP lengkap',
    wholeShort: 'nomor HP lengkap',
    masked:
      'Kasir melihat nomor HP tersamar (misalnya {{example}}); nomor lengkap hanya ditampilkan bila diminta',
    maskedShort: 'nomor HP tersamar',
  },
  /**
   * The member programme, when it is on: what its ledger records, how points are earned, how
   * long they last, and what a withdrawal or an erasure does to them.
   */
  loyalty: {
    title: 'Program member',
    unit: { points: 'poin', stamps: 'stempel' },
    recorded: {
      you: 'Bila Anda ikut program member (dengan persetujuan Anda), kami mencatat buku {{unit}} Anda: {{unit}} yang didapat dari setiap pembelian, hadiah yang ditukar, {{unit}} yang hangus, dan penyesuaian oleh pemilik toko beserta alasannya. Saldo {{unit}} dihitung dari catatan itu.',
      register:
        'Untuk member (pelanggan yang menyetujui tujuan program member) dicatat buku {{unit}}: {{unit}} yang didapat dari setiap pembelian, hadiah yang ditukar, {{unit}} yang hangus, dan penyesuaian pemilik beserta alasannya. Saldo dihitung dari catatan itu.',
    },
    /** How joining is proven (the programme's setting), and that leaving takes any way at all. */
    join: {
      whatsapp: {
        you: 'Cara bergabung: hanya dengan mengirim pesan WhatsApp dari ponsel Anda sendiri ke nomor toko (lewat kode QR di kasir atau di poster). Kasir tidak dapat mencatat Anda sebagai member dari persetujuan lisan, di kertas, atau digital. Anak di bawah umur tidak dapat menjadi member, karena persetujuan untuknya diberikan orang tua atau walinya, bukan lewat pesan dari ponsel anak. Keluar dari program dapat kapan saja dan dengan cara apa pun (lisan, tertulis, atau pesan).',
        register:
          'Cara bergabung: persetujuan untuk program member hanya diterima lewat pesan WhatsApp dari nomor pelanggan sendiri ke nomor toko (dengan kode satu kali); persetujuan lisan, di kertas, digital, atau dari berkas impor untuk tujuan ini ditolak aplikasi dan penolakannya dicatat di log audit. Anak di bawah umur tidak dapat menjadi member (persetujuan untuknya diberikan orang tua atau wali, tidak lewat pesan dari ponsel anak). Penarikan diterima kapan saja dengan cara apa pun.',
      },
      counter: {
        you: 'Cara bergabung: dengan mengirim pesan WhatsApp dari ponsel Anda sendiri ke nomor toko, atau dengan menyatakan setuju kepada kasir (lisan atau di kertas), yang mencatat caranya, waktunya, dan siapa yang mencatat. Keluar dari program dapat kapan saja dan dengan cara apa pun (lisan, tertulis, atau pesan).',
        register:
          'Cara bergabung: lewat pesan WhatsApp dari nomor pelanggan sendiri ke nomor toko (dengan kode satu kali), atau persetujuan lisan, di kertas, atau digital yang dicatat kasir beserta caranya, waktunya, dan nama kasirnya. Penarikan diterima kapan saja dengan cara apa pun.',
      },
    },
    earnPoints: 'Setiap Rp {{rupiah}} yang dibayar memberi 1 poin.',
    earnStamps: 'Setiap pembelian minimal Rp {{rupiah}} memberi 1 stempel.',
    paused:
      'Program member sedang dihentikan: {{unit}} yang sudah tercatat tetap disimpan, tetapi tidak bertambah dan tidak dapat ditukar sampai program dijalankan lagi.',
    why: {
      you: 'Gunanya hanya untuk memberi Anda hadiah berupa potongan harga. Hanya member yang mendapat dan menukar {{unit}}; selama data Anda dibatasi atas permintaan Anda, {{unit}} tidak bertambah dan tidak dapat ditukar.',
      register:
        'Gunanya hanya untuk memberi hadiah berupa potongan harga. Hanya member yang mendapat dan menukar {{unit}}; selama data pelanggan dibatasi, {{unit}} tidak bertambah dan tidak dapat ditukar.',
    },
    expiry: 'Masa berlaku: {{unit}} hangus {{months}} bulan setelah didapat (dihitung menurut tanggal toko).',
    noExpiry: 'Masa berlaku: {{unit}} tidak hangus selama pelanggan tetap member.',
    withdraw: {
      you: 'Bila Anda menarik persetujuan program member, {{unit}} Anda hangus dan catatan {{unit}} Anda kami hapus saat itu juga; catatan pembelian Anda tetap seperti biasa. Bila data Anda dihapus, catatan {{unit}} ikut terhapus.',
      register:
        'Bila member menarik persetujuannya, {{unit}} hangus dan catatan {{unit}} dihapus saat itu juga; catatan pembelian tetap. Bila data pelanggan dihapus, catatan {{unit}} ikut terhapus.',
    },
  },
  /** The privacy notice itself. */
  notice: {
    title: 'Pemberitahuan privasi — {{shop}}',
    subtitle: 'Versi {{version}}, berlaku sejak {{date}}',
    who: {
      title: 'Siapa kami',
      body: '{{shop}} mencatat dan menyimpan sendiri data pribadi Anda, sesuai UU No. 27 Tahun 2022 tentang Pelindungan Data Pribadi.',
    },
    collectedTitle: 'Data yang kami catat',
    purposesTitle: 'Untuk apa, dan dasarnya',
    retentionTitle: 'Berapa lama kami simpan',
    access: {
      title: 'Siapa yang dapat melihat',
      body: 'Hanya pemilik toko dan kasirnya, masing-masing masuk dengan PIN sendiri; setiap kali data Anda dibuka, itu tercatat di log audit. {{cashierPhones}}.',
    },
    rightsTitle: 'Hak Anda',
    howTo: {
      title: 'Cara memakai hak Anda',
      ask: 'Sampaikan permintaan Anda di kasir atau lewat kontak di atas (WhatsApp, telepon, atau surat). Kami memeriksa identitas Anda, mencatat permintaan itu, dan menjawabnya paling lambat 3 x 24 jam.',
      complain:
        'Bila Anda tidak puas dengan jawaban kami, Anda dapat mengadu kepada {{authority}}, yang mengawasi pelindungan data pribadi.',
    },
    security: {
      title: 'Keamanan',
      body: 'Data Anda disimpan terenkripsi di komputer toko, tidak di internet. Cadangannya juga terenkripsi dan hanya dapat dibuka dengan kode pemulihan pemilik.',
    },
    breach: {
      title: 'Bila terjadi kebocoran',
      body: 'Bila data Anda bocor, kami memberi tahu Anda dan {{authority}} paling lambat 3 x 24 jam sejak kami mengetahuinya: data apa, kapan dan bagaimana, dan apa yang kami lakukan.',
    },
  },
  /** The one-page counter poster: the notice's short version. */
  poster: {
    title: 'Data Anda di {{shop}}',
    subtitle:
      'Ringkasan pemberitahuan privasi versi {{version}} ({{date}}). Versi lengkap dapat Anda minta di kasir.',
    recorded: {
      title: 'Yang kami catat',
      name: 'Nama',
      purchases: 'riwayat pembelian',
    },
    purposes: {
      title: 'Untuk apa',
      consent: 'Hanya dengan persetujuan Anda: {{purposes}}. Anda boleh menolak atau menariknya kapan saja.',
      noConsent: 'Tidak ada yang memerlukan persetujuan Anda.',
    },
    howLong: {
      title: 'Berapa lama',
      erased: 'Dihapus otomatis {{months}} bulan setelah kegiatan terakhir Anda di toko ini.',
      lapse: 'Persetujuan berakhir setelah {{months}} bulan, kecuali Anda memperbaruinya.',
    },
    sees: {
      title: 'Siapa yang melihat',
      body: 'Pemilik dan kasir, masing-masing dengan PIN. Kasir melihat {{phones}}.',
    },
    rights: {
      title: 'Hak Anda',
      body: 'Lihat, salin, betulkan, hapus, batasi, atau tarik persetujuan. Tanyakan di kasir — kami jawab paling lambat 3 x 24 jam.',
    },
  },
  /** The record of processing (UU PDP Pasal 31), the shop's register for the authority. */
  record: {
    title: 'Catatan kegiatan pemrosesan — {{shop}}',
    subtitle: 'Versi {{version}}, {{date}} (UU PDP Pasal 31)',
    controller: {
      title: 'Pengendali data',
      noContact: '(kontak belum diisi)',
    },
    subjects: {
      title: 'Subjek data',
      body: 'Pelanggan toko; anak di bawah 18 tahun hanya dengan persetujuan orang tua atau wali.',
    },
    categoriesTitle: 'Kategori data dan alasannya',
    purposesTitle: 'Tujuan dan dasar hukum',
    retentionTitle: 'Masa simpan',
    access: {
      title: 'Akses menurut peran',
      owners: 'Pemilik ({{owners}}): semua data, pengaturan, log audit.',
      cashiers:
        'Kasir aktif ({{cashiers}}): mencari dan mencatat pelanggan yang dilayani; {{phones}}; tanpa ekspor.',
    },
    security: {
      title: 'Langkah keamanan',
      database: 'Basis data terenkripsi SQLCipher 4 (AES-256).',
      pin: 'PIN per pengguna, diturunkan dengan Argon2id; penundaan setelah PIN salah.',
      autoLock: 'Kunci otomatis setelah {{minutes}} menit tidak dipakai.',
      audit: 'Log audit berantai hash.',
      backupsAuto: 'Cadangan terenkripsi harian otomatis, disimpan {{daily}} harian dan {{weekly}} mingguan.',
      backupsManual: 'Cadangan terenkripsi (manual).',
      backupsOff: 'Cadangan terenkripsi: belum diaktifkan.',
      keystore: 'Rahasia perangkat dilindungi penyimpanan kunci sistem ({{keystore}}).',
      keystoreNot: 'Rahasia perangkat TIDAK dilindungi penyimpanan kunci sistem ({{keystore}}).',
      countersOff:
        'Kasir tambahan tidak aktif: data pelanggan hanya dibuka di laptop utama yang menyimpannya.',
      countersOn_one:
        'Kasir tambahan aktif: {{count}} laptop terpasang membuka data lewat jaringan toko (TLS 1.3, sertifikat kedua pihak disematkan saat dipasangkan). Data tetap disimpan hanya di laptop utama; laptop tambahan tidak menyimpannya.',
      countersOn_other:
        'Kasir tambahan aktif: {{count}} laptop terpasang membuka data lewat jaringan toko (TLS 1.3, sertifikat kedua pihak disematkan saat dipasangkan). Data tetap disimpan hanya di laptop utama; laptop tambahan tidak menyimpannya.',
      offline: 'Aplikasi tidak tersambung ke internet.',
    },
    recipientsTitle: 'Penerima',
    authority: {
      title: 'Pengawas dan kebocoran',
      body: 'Lembaga pengawas: {{authority}}. Kebocoran diberitahukan kepada pelanggan yang terdampak dan kepada lembaga itu paling lambat 3 x 24 jam sejak diketahui (Pasal 46).',
    },
  },
};

export type NoticeTexts = typeof notice;
