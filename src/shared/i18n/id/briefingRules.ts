/** The staff briefing's default rules and its questions. */
export const briefingRules = {
  /** The default rules, one per line, in the order they are shown. */
  rules: {
    lockScreen: 'Kunci layar Brankas setiap kali meninggalkan kasir.',
    noPhotos: 'Jangan memotret layar dan jangan menyalin nomor pelanggan ke HP pribadi.',
    noSharing: 'Jangan membagikan data pelanggan kepada siapa pun di luar toko.',
    onlyAsked: 'Catat hanya data yang diminta formulir.',
    consentEach: 'Tanyakan persetujuan untuk setiap tujuan, dan jangan pernah mencentangnya untuk pelanggan.',
    tellOwner: 'Beri tahu pemilik toko segera bila ada yang salah atau data bocor.',
  },
  /** Each default rule asked as an action ("Boleh" or "Tidak boleh"), under the rule's name. */
  asked: {
    lockScreen: 'Mengunci layar Brankas setiap kali meninggalkan kasir.',
    noPhotos: 'Memotret layar Brankas atau menyalin nomor pelanggan ke HP pribadi.',
    noSharing: 'Memberikan data pelanggan kepada orang di luar toko.',
    onlyAsked: 'Mencatat hanya data yang diminta formulir.',
    consentEach: 'Menanyakan persetujuan pelanggan untuk setiap tujuan, satu per satu.',
    tellOwner: 'Memberi tahu pemilik toko segera bila ada yang salah atau data bocor.',
  },
  /** Practices that break the rules, whatever the shop's own wording. */
  wrong: {
    photoNotes: 'Memotret layar untuk catatan pribadi.',
    tickAll: 'Mencentang persetujuan promosi untuk semua pelanggan agar cepat.',
    familyGroup: 'Mengirim daftar pelanggan ke grup WhatsApp keluarga bila diminta.',
    leftOpen: 'Membiarkan Brankas terbuka saat istirahat agar tidak perlu PIN lagi.',
    justInCase: 'Mencatat NIK atau agama pelanggan untuk berjaga-jaga.',
    keptQuiet: 'Merahasiakan kebocoran data agar toko tidak malu.',
  },
};

export type BriefingTexts = typeof briefingRules;
