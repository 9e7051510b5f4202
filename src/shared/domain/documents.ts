export interface Settings {
  autoLockMinutes: number;
  /** Refuse (not just warn about) sensitive data in notes. */
  notesHardBlock: boolean;
  /** How customers reach the shop about their data (address, phone, WhatsApp): in the notice. */
  shopContact: string;
  /** The shop's postal address, printed in the letterhead of letters to customers and the authority. */
  shopAddress: string;
  /** Anyone outside the shop who receives customers' data, one per line; empty = nobody. */
  recipients: string;
  /** Who receives breach notices (Art. 46); empty = Komdigi, until the PDP agency exists. */
  breachAuthority: string;
  /**
   * The shop's own WhatsApp number, where customers send the message that proves their consent
   * (join by WhatsApp). Display form; '' = not set. Left out of an update: unchanged.
   */
  shopWhatsApp?: string;
}

/** The settings and, read-only, the privacy notice version in force (recorded with every consent). */
export interface SettingsView extends Settings {
  shopWhatsApp: string;
  noticeVersion: number;
}

/** A generated document: the privacy notice or the record of processing (Art. 21, 31). */
export type DocKind = 'notice' | 'record';
export interface DocSection {
  title: string;
  paragraphs?: string[];
  items?: string[];
}
export interface DocText {
  title: string;
  subtitle: string;
  sections: DocSection[];
}
export interface DocVersionInfo {
  version: number;
  createdAt: number;
  /** The change touched what customers consent to (purposes, fields): consent may need renewing. */
  touchesConsent: boolean;
}
export interface DocVersion extends DocVersionInfo {
  kind: DocKind;
  current: boolean;
  text: DocText;
}

/** One line of the owner's privacy health screen: a status, facts (counts), and where to fix it. */
export interface HealthItem {
  key:
    | 'consent'
    | 'fields'
    | 'users'
    | 'ownerPin'
    | 'autoLock'
    | 'backup'
    | 'deletion'
    | 'requests'
    | 'keystore'
    | 'audit'
    | 'breach';
  status: 'ok' | 'warn' | 'bad';
  values: Record<string, string | number>;
  page: 'privacy' | 'settings' | 'backups' | 'retention' | 'audit';
}
