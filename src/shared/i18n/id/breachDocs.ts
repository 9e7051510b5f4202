/** The breach response: letters to customers, the authority form and the incident's words. */
export const breachDocs = {
  /** What happened, as the sentence's subject and verb ("Pada … laptop toko hilang …"). */
  kind: {
    lost_laptop: 'laptop toko hilang atau dicuri',
    lost_backup: 'berkas cadangan atau flashdisk hilang',
    staff_misuse: 'data disalahgunakan oleh staf',
    wrong_recipient: 'data terkirim ke orang yang salah',
    malware: 'komputer toko terkena program jahat',
    other: 'kejadian lain',
  },
  /** The kinds of customer data an incident touched. */
  category: {
    identity: 'nama',
    contact: 'nomor HP dan email',
    address: 'alamat',
    purchases: 'riwayat pembelian',
    consents: 'catatan persetujuan',
    notes: 'catatan layanan',
  },
  /** A moment in the shop's time zone. */
  at: '{{time}} WIB',
  happened: 'Pada {{when}} {{kind}}. Kami mengetahuinya pada {{discovered}}.',
  unknownTime: 'waktu yang belum diketahui',
  /** What the shop did to contain it (from the containment record). */
  action: {
    sessionsEnded: 'Semua sesi di aplikasi diakhiri.',
    usersDisabled: 'Akses staf yang dicurigai dicabut.',
    keyRotated: 'Kunci enkripsi data diganti dan kode pemulihan baru dibuat.',
  },
  /** The sender's block at the head of a notice. */
  head: {
    address: 'Alamat: {{address}}',
    contact: 'Kontak: {{contact}}',
    date: 'Tanggal: {{date}}',
  },
  /** The closing: the owner, responsible, and a line to sign on. */
  signature: {
    title: 'Penanggung jawab',
    owner: '{{name}}, pemilik {{shop}}',
    sign: 'Tanda tangan: ______________________________',
  },
  /** The notice to one affected customer, on paper and on WhatsApp. */
  customer: {
    title: '{{shop}}: pemberitahuan tentang data pribadi Anda',
    subtitle: 'Kepada {{name}} · Pelanggan #{{id}}',
    dear: 'Yth. {{name}}',
    dearLine: 'Yth. {{name}},',
    whatHappened: 'Apa yang terjadi',
    data: 'Data Anda yang terkena',
    dataLine: 'Data Anda yang terkena: {{categories}}.',
    doing: 'Yang kami lakukan',
    authorityTold: 'Kami memberi tahu lembaga yang berwenang.',
    youCan: 'Yang dapat Anda lakukan',
    youCanText:
      'Waspadai pesan atau telepon yang mengaku dari toko kami dan meminta uang atau kode. Anda boleh meminta melihat, membetulkan atau menghapus data Anda.',
    beware: 'Waspadai pesan atau telepon yang mengaku dari toko kami dan meminta uang atau kode.',
    contact: 'Hubungi kami',
    contactLine: 'Hubungi kami: {{contact}}',
    counter: 'kasir toko',
  },
  /** The form for the authority (UU PDP Art. 46). */
  authority: {
    defaultBody: 'Kementerian Komunikasi dan Digital (Komdigi)',
    title: 'Pemberitahuan kegagalan pelindungan data pribadi',
    subtitle: 'Kepada: {{body}} · UU No. 27 Tahun 2022 Pasal 46',
    controller: 'Pengendali data',
    noAddress: '(alamat belum diisi)',
    noContact: '(kontak belum diisi)',
    incident: 'Kejadian',
    kind: 'Jenis: {{kind}}',
    happened: 'Terjadi: {{when}}',
    discovered: 'Diketahui: {{when}}',
    recorded: 'Dicatat di aplikasi: {{when}}',
    lateReason: 'Alasan dicatat belakangan: {{reason}}',
    description: 'Uraian: {{description}}',
    affected: 'Data dan subjek yang terkena',
    categories: 'Kategori data: {{categories}}',
    customers: 'Jumlah pelanggan: {{number}}',
    response: 'Penanganan',
    noAction: 'Belum ada tindakan yang dicatat.',
  },
};

export type BreachTexts = typeof breachDocs;
