import type { Page } from './page';

export interface AudienceMember {
  id: number;
  name: string;
  phone: string | null;
  email: string | null;
  /** wa.me link with the prefilled message, for the WhatsApp channel. */
  link: string | null;
  /** When this WhatsApp message was sent to them (their link opened, or marked sent); null if not yet. */
  sentAt: number | null;
}

/** The audience, and how many of it this WhatsApp message has not been sent to yet. */
export interface AudiencePage extends Page<AudienceMember> {
  /** The whole audience, whether or not the list is narrowed to those not sent yet. */
  audience: number;
  unsent: number;
}
