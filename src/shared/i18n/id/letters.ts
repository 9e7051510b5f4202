/** Letters to customers: the access report, answers to requests, and the printed documents' names. */
export const letters = {
  /** The frame of every letter the shop signs: addressee label, closing, the signer's role. */
  frame: {
    to: 'Kepada Yth.',
    closing: 'Hormat kami,',
    owner: 'Pemilik {{shop}}',
    staff: 'Staf {{shop}}',
  },
  /** The answer to a request: what was asked, what was done (or why not), and when. */
  answer: {
    /** What the customer asked for, by the type of request ("Anda meminta …"). */
    types: {
      information: 'informasi tentang data Anda',
      access: 'melihat dan mendapat salinan data Anda',
      correction: 'membetulkan data Anda',
      erasure: 'menghapus data Anda',
      withdrawal: 'menarik persetujuan Anda',
      restriction: 'membatasi pemakaian data Anda',
      portability: 'mendapat data Anda dalam berkas',
      objection: 'keberatan atas pemrosesan data Anda',
    },
    /** What the shop did, by the way the request was fulfilled. */
    done: {
      access_report:
        'Kami menyiapkan laporan berisi semua data Anda yang kami simpan dan siapa yang memakainya.',
      portability_export: 'Kami menyiapkan data Anda dalam berkas JSON dan CSV.',
      erase:
        'Data Anda sudah kami hapus. Catatan penjualan disimpan tanpa nama atau kontak Anda, untuk pembukuan.',
      withdraw: 'Semua persetujuan Anda sudah kami tarik.',
      restrict: 'Data Anda kami simpan tetapi tidak kami pakai sampai Anda meminta lain.',
      lift_restriction: 'Pembatasan pemakaian data Anda sudah kami cabut sesuai permintaan Anda.',
      done: 'Permintaan Anda sudah kami penuhi.',
    },
    title: '{{shop}}: jawaban atas permintaan Anda',
    subtitle: 'Permintaan #{{id}}',
    askedTitle: 'Yang Anda minta',
    asked: 'Anda meminta {{what}} pada {{at}}.',
    refusedTitle: 'Mengapa tidak dapat kami penuhi',
    doneTitle: 'Yang kami lakukan',
    whenTitle: 'Kapan',
    completed: 'Selesai pada {{at}} (tenggat: {{due}}).',
    /** The addressee when the customer's name is gone (erased) and no requester was named. */
    requester: 'Pemohon permintaan nomor {{id}}',
  },
  /** The access report (UU PDP Pasal 7, 32): everything the shop holds on one customer, in words. */
  report: {
    title: 'Data pribadi Anda di {{shop}}',
    subtitle:
      'Jawaban atas permintaan Anda nomor {{id}} untuk melihat data Anda (UU No. 27 Tahun 2022 tentang Pelindungan Data Pribadi, Pasal 7 dan 32)',
    intro:
      'Pada {{at}} Anda meminta melihat data pribadi Anda yang kami simpan. Surat ini memuat semua data itu, untuk apa dan atas dasar apa kami memakainya, siapa yang menerimanya, berapa lama kami menyimpannya, dari mana asalnya, siapa di toko kami yang melihatnya, dan apa saja hak Anda.',
    sections: {
      held: 'Data Anda yang kami simpan',
      purposes: 'Untuk apa kami memakainya, dan atas dasar apa',
      consents: 'Riwayat persetujuan Anda',
      recipients: 'Siapa yang menerima data Anda',
      keeping: 'Berapa lama kami menyimpannya',
      origin: 'Dari mana data Anda berasal',
      processing: 'Siapa yang melihat dan memakai data Anda',
      rights: 'Hak Anda (UU PDP Pasal 5 sampai 13)',
      howTo: 'Cara memakai hak Anda',
    },
    /** What we hold, beyond the fields themselves. */
    held: {
      minor: 'Anda tercatat sebagai anak di bawah 18 tahun; wali Anda: {{guardian}}.',
      adult: 'Anda tercatat sebagai orang dewasa (18 tahun atau lebih).',
      restricted:
        'Atas permintaan Anda, pemakaian data Anda dibatasi: kami menyimpannya tetapi tidak memakainya.',
      notRestricted: 'Pemakaian data Anda tidak dibatasi.',
      since: 'Anda tercatat sebagai pelanggan sejak {{at}}.',
      /** {{n}}: the count as the shop writes numbers; `count` picks the English plural. */
      purchases_one: 'Riwayat pembelian Anda: {{n}} pembelian, dirinci di lampiran surat ini.',
      purchases_other: 'Riwayat pembelian Anda: {{n}} pembelian, dirinci di lampiran surat ini.',
      noPurchases: 'Belum ada pembelian Anda yang tercatat.',
      /** The member programme's ledger: how many entries and the balance they add up to. */
      points:
        'Buku {{unit}} program member Anda: {{entries}} catatan, saldo {{balance}} (rinciannya ada di berkas data Anda).',
      promotions_one:
        'Pesan promosi yang kami kirim kepada Anda lewat WhatsApp: {{n}} kali, terakhir {{last}}.',
      promotions_other:
        'Pesan promosi yang kami kirim kepada Anda lewat WhatsApp: {{n}} kali, terakhir {{last}}.',
    },
    /** A kept field or value said in words, never by its internal name. */
    fields: {
      minor: 'Usia (anak atau dewasa)',
      other: 'data lain',
      none: 'tidak kami catat',
    },
    genders: {
      female: 'Perempuan',
      male: 'Laki-laki',
    },
    /** Why the law lets the shop use data for a purpose, by legal basis. */
    bases: {
      consent: 'Dasarnya: persetujuan Anda (UU PDP Pasal 20 ayat 2 huruf a).',
      contract:
        'Dasarnya: kami memerlukannya untuk melayani pembelian atau pesanan Anda (UU PDP Pasal 20 ayat 2 huruf b).',
      legal_obligation:
        'Dasarnya: kewajiban hukum yang harus dipenuhi toko (UU PDP Pasal 20 ayat 2 huruf c).',
      vital_interest:
        'Dasarnya: melindungi keselamatan atau kepentingan vital seseorang (UU PDP Pasal 20 ayat 2 huruf d).',
      public_task: 'Dasarnya: tugas untuk kepentingan umum (UU PDP Pasal 20 ayat 2 huruf e).',
      legitimate_interest:
        'Dasarnya: kepentingan sah toko, yang tidak boleh merugikan Anda (UU PDP Pasal 20 ayat 2 huruf f).',
    },
    /** The customer's answer for one purpose. */
    purposes: {
      notConsented: 'Anda tidak memberi persetujuan untuk ini, jadi kami tidak memakai data Anda untuk itu.',
      granted: 'Anda memberi persetujuan pada {{at}}, {{how}}.',
      withdrawn:
        'Anda menarik persetujuan ini pada {{at}}; sejak itu kami tidak memakai data Anda untuk tujuan ini.',
      lapsed:
        'Persetujuan Anda berakhir pada {{at}} menurut aturan toko; sejak itu kami tidak memakai data Anda untuk tujuan ini.',
    },
    /** One line of the consent history. */
    consents: {
      granted: 'Anda memberi persetujuan untuk {{purpose}}',
      withdrawn: 'Anda menarik persetujuan untuk {{purpose}}',
      lapsed: 'Persetujuan Anda untuk {{purpose}} berakhir',
      none: 'Tidak ada catatan persetujuan.',
      /** Version 0: an import whose customers saw the shop's own notice, kept outside Brankas. */
      noticeOutside: 'pemberitahuan privasi toko di luar Brankas',
      notice: 'pemberitahuan privasi versi {{version}}',
    },
    /** How a consent was given or taken back, as the customer would say it. */
    methods: {
      verbal: 'secara lisan',
      paper: 'dengan formulir kertas',
      digital: 'secara digital',
      import: 'menurut berkas catatan toko sebelumnya (caranya tidak tercatat)',
      whatsapp: 'dengan pesan WhatsApp dari nomor Anda sendiri',
      policy: 'karena masa berlakunya habis menurut aturan toko',
    },
    how: {
      imported: '{{how}}, dari berkas yang diimpor toko',
      recordedBy: '{{how}}, dicatat oleh {{who}}',
    },
    roles: {
      owner: 'pemilik toko',
      cashier: 'kasir',
    },
    /** A role the letter has no word for. */
    someRole: 'staf',
    /** What staff did with the customer's data, by audit family and action. */
    actions: {
      customer: {
        create: 'Mencatat Anda sebagai pelanggan',
        update: 'Mengubah data Anda',
        view: 'Membuka data Anda',
        revealPhone: 'Menampilkan nomor HP Anda secara lengkap',
        restrict: 'Mengubah pembatasan pemakaian data Anda',
        erase: 'Menghapus data Anda',
      },
      consent: {
        grant: 'Mencatat persetujuan Anda',
        withdraw: 'Mencatat penarikan persetujuan Anda',
        history: 'Melihat riwayat persetujuan Anda',
      },
      purchase: {
        create: 'Mencatat pembelian Anda',
        list: 'Melihat riwayat pembelian Anda',
        void: 'Membatalkan atau membetulkan catatan pembelian Anda',
        receipt: 'Mengirim struk pembelian ke WhatsApp Anda',
      },
      retention: {
        keep: 'Menahan data Anda dari penghapusan terjadwal',
      },
      audience: {
        whatsapp: 'Menyiapkan pesan promosi WhatsApp untuk Anda',
      },
      request: {
        create: 'Mencatat permintaan Anda tentang data Anda',
        fulfil: 'Memenuhi permintaan Anda',
        refuse: 'Menolak permintaan Anda, dengan alasan',
        answer: 'Mengirim jawaban atas permintaan Anda',
        dismiss: 'Menutup permintaan atas nama Anda',
      },
    },
    /** An action not listed above (a newer kind), said by its family; `customer` for any other. */
    families: {
      customer: 'Memakai data Anda',
      consent: 'Memakai catatan persetujuan Anda',
      purchase: 'Memakai catatan pembelian Anda',
      request: 'Menangani permintaan Anda',
    },
    processing: {
      app: 'Aplikasi (otomatis)',
      denied: 'ditolak, karena tidak berwenang',
      failed: 'tidak berhasil, tidak ada yang berubah',
      intro:
        'Hanya pemilik toko dan kasir kami, masing-masing masuk dengan PIN sendiri, yang dapat membuka data Anda. Aplikasi mencatat setiap kali data Anda dibuka atau diubah; inilah catatan itu, yang terbaru lebih dulu (tanggal dan jam menurut waktu toko, WIB).',
    },
    /** How long the shop keeps the data; `count` is the policy's number of months or years. */
    keeping: {
      kept: 'Pemilik toko menahan data Anda lebih lama dari biasanya, sampai {{until}}. Sesudah itu data Anda dihapus, kecuali Anda masih berbelanja.',
      keptBecause:
        'Pemilik toko menahan data Anda lebih lama dari biasanya, sampai {{until}}, dengan alasan: {{reason}}. Sesudah itu data Anda dihapus, kecuali Anda masih berbelanja.',
      inactive_one:
        'Kami menghapus data pelanggan {{count}} bulan setelah kegiatan terakhirnya (pembelian atau perubahan persetujuan). Kegiatan terakhir Anda pada {{last}}, jadi bila Anda tidak datang lagi, data Anda kami hapus pada {{due}}. Setiap pembelian baru menggeser tanggal itu.',
      inactive_other:
        'Kami menghapus data pelanggan {{count}} bulan setelah kegiatan terakhirnya (pembelian atau perubahan persetujuan). Kegiatan terakhir Anda pada {{last}}, jadi bila Anda tidak datang lagi, data Anda kami hapus pada {{due}}. Setiap pembelian baru menggeser tanggal itu.',
      lapses_one:
        'Persetujuan Anda untuk {{purpose}} berlaku {{count}} bulan: bila tidak Anda perbarui, berakhir pada {{end}}.',
      lapses_other:
        'Persetujuan Anda untuk {{purpose}} berlaku {{count}} bulan: bila tidak Anda perbarui, berakhir pada {{end}}.',
      untilWithdrawn: 'Persetujuan Anda untuk {{purpose}} berlaku sampai Anda menariknya.',
      sales_one:
        'Catatan penjualan (tanggal, barang, jumlah) kami simpan {{count}} tahun untuk pembukuan pajak. Setelah data Anda dihapus, catatan itu tidak lagi memuat nama atau kontak Anda.',
      sales_other:
        'Catatan penjualan (tanggal, barang, jumlah) kami simpan {{count}} tahun untuk pembukuan pajak. Setelah data Anda dihapus, catatan itu tidak lagi memuat nama atau kontak Anda.',
    },
    /** Where the record came from. */
    origin: {
      counter: 'Anda sendiri memberikan data ini kepada kami di toko. {{who}} mencatatnya pada {{at}}.',
      ourStaff: 'Staf kami',
      imported:
        'Data Anda berasal dari catatan toko sebelumnya (buku atau berkas) dan dimasukkan ke aplikasi ini dengan mengimpor berkas pada {{at}}.',
      edits_one: 'Sejak itu data Anda diubah {{n}} kali; setiap perubahan ada di bagian berikutnya.',
      edits_other: 'Sejak itu data Anda diubah {{n}} kali; setiap perubahan ada di bagian berikutnya.',
      purchases:
        'Pembelian Anda dicatat oleh kasir kami saat Anda berbelanja. Kami tidak membeli atau menerima data Anda dari pihak lain.',
    },
    recipients: {
      none: 'Kami tidak memberikan data Anda kepada siapa pun di luar toko. Data disimpan terenkripsi di komputer toko, tidak di internet.',
      some: 'Selain toko kami, data Anda diterima oleh:',
    },
    /** The customer's rights under UU PDP Pasal 5 to 13, one line each. */
    rights: [
      'Mendapat penjelasan tentang data Anda: apa yang kami simpan, untuk apa, dan siapa yang memakainya, seperti surat ini (Pasal 5).',
      'Meminta kami membetulkan atau melengkapi data yang salah (Pasal 6).',
      'Melihat data Anda dan mendapat salinannya (Pasal 7).',
      'Meminta data Anda dihapus; catatan penjualan tetap disimpan untuk pembukuan, tanpa nama Anda (Pasal 8).',
      'Menarik persetujuan kapan saja (Pasal 9).',
      'Menolak keputusan tentang Anda yang diambil secara otomatis (Pasal 10); toko ini tidak mengambil keputusan seperti itu.',
      'Meminta pemakaian data Anda dibatasi (Pasal 11).',
      'Menggugat dan meminta ganti rugi bila data Anda diproses dengan melanggar hukum (Pasal 12).',
      'Mendapat data Anda dalam berkas yang dapat dibaca komputer (Pasal 13).',
    ],
    /** How to use those rights: where to ask, and whom to complain to. */
    ask: {
      byLetter: 'surat ke {{address}}',
      /** Between the ways to reach the shop. */
      or: ', atau ',
      atCounter:
        'Sampaikan permintaan Anda di kasir. Kami memastikan bahwa yang meminta memang Anda, mencatat permintaan itu, dan menjawabnya paling lambat 3 x 24 jam.',
      atCounterOr:
        'Sampaikan permintaan Anda di kasir, atau lewat {{reach}}. Kami memastikan bahwa yang meminta memang Anda, mencatat permintaan itu, dan menjawabnya paling lambat 3 x 24 jam.',
      complain: 'Bila Anda tidak puas dengan jawaban kami, Anda dapat mengadu kepada {{authority}}.',
      /** Unless the shop set another authority in its breach settings. */
      authority: 'Kementerian Komunikasi dan Digital (Komdigi)',
    },
    /** Above a list the report cut short: how many rows in all, and where the rest are. */
    rest: {
      /** `count`: how many older rows were left out. */
      text_one:
        'Ditampilkan {{shown}} {{what}} terbaru dari {{total}}. {{older}} yang lebih lama tidak dicetak di sini; semuanya ada dalam salinan data lengkap (berkas portabilitas data), yang kami berikan atas permintaan.',
      text_other:
        'Ditampilkan {{shown}} {{what}} terbaru dari {{total}}. {{older}} yang lebih lama tidak dicetak di sini; semuanya ada dalam salinan data lengkap (berkas portabilitas data), yang kami berikan atas permintaan.',
      nouns: {
        consents: 'catatan persetujuan',
        processing: 'catatan pemrosesan',
        purchases: 'pembelian',
      },
    },
    /** The appendix: the customer's purchases as a table. */
    appendix: {
      title: 'Lampiran: pembelian Anda',
      head: ['Tanggal', 'Barang', 'Jumlah (Rp)', 'Keterangan'],
      voided: 'dibatalkan, tidak dihitung',
      /** After a sale's items cut short: how many characters were left out. */
      more_one: '+{{n}} karakter',
      more_other: '+{{n}} karakter',
    },
  },
  /** The portability CSV's own words: its header and the names of its records. */
  portability: {
    head: ['bagian', 'kolom', 'nilai'],
    customer: 'pelanggan',
    consent: 'persetujuan {{n}}',
    purchase: 'pembelian {{n}}',
  },
};

export type LetterTexts = typeof letters;
