import type { BriefingTexts } from '../id/briefingRules';

/** The staff briefing's default rules and its questions. */
export const briefingRules: BriefingTexts = {
  rules: {
    lockScreen: 'Lock Brankas whenever you leave the counter.',
    noPhotos: "Never photograph the screen or copy customers' numbers to a personal phone.",
    noSharing: 'Share no customer data with anyone outside the shop.',
    onlyAsked: 'Record only what the form asks for.',
    consentEach: 'Ask for consent for each purpose, and never tick it for the customer.',
    tellOwner: 'Tell the owner at once if something goes wrong or data leaks.',
  },
  asked: {
    lockScreen: 'Locking Brankas every time you leave the counter.',
    noPhotos: "Photographing the screen or copying customers' numbers to a personal phone.",
    noSharing: 'Giving customer data to someone outside the shop.',
    onlyAsked: 'Recording only what the form asks for.',
    consentEach: 'Asking the customer for consent for each purpose, one by one.',
    tellOwner: 'Telling the owner at once when something goes wrong or data leaks.',
  },
  wrong: {
    photoNotes: 'Photographing the screen for your own notes.',
    tickAll: 'Ticking the promotions consent for every customer to save time.',
    familyGroup: 'Sending the customer list to a family WhatsApp group when asked.',
    leftOpen: 'Leaving Brankas open during breaks so you need not type the PIN again.',
    justInCase: "Recording customers' ID numbers or religion just in case.",
    keptQuiet: 'Keeping a data leak quiet so the shop is not embarrassed.',
  },
};
