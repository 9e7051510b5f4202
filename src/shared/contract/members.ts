import { z } from 'zod';
import type { ConsentState } from '../domain/consent';
import type { CustomerListItem } from '../domain/customers';
import { LANGUAGES } from '../language';
import { channel, customerId, purposeId, type ChannelPart } from './channel';

/** What a join by WhatsApp answers when it starts: the QR and link that carry the one-time code. */
export interface JoinStarted {
  kind: 'counter' | 'reply';
  /** The wa.me link the QR carries (shown as the short link to open on a phone). */
  link: string;
  /** The QR as SVG markup, made in main. */
  qrSvg: string;
  expiresAt: number;
  noticeVersion: number;
  purposeIds: number[];
  /** The shop's number the message goes to ('counter'), in display form. */
  to: string;
}

export interface JoinConfirmed {
  consents: ConsentState[];
  phoneConfirmedAt: number;
}

/** Joining by the customer's own WhatsApp, and the member card. */
export const joinChannels = {
  'join:start': channel<JoinStarted>()({
    input: z
      .object({
        customerId,
        purposeIds: z.array(purposeId).min(1).max(20),
        /** 'counter': the customer sends the code; 'reply': the shop sends it to a poster joiner. */
        kind: z.enum(['counter', 'reply']).default('counter'),
      })
      .strict(),
    permission: 'customers.write',
    writes: true,
  }),
  'join:confirm': channel<JoinConfirmed>()({
    input: z
      .object({
        customerId,
        /** As read from the message (spaces and dashes are fine). */
        code: z.string().trim().min(1).max(40),
        /** The sender's whole number as WhatsApp shows it on the shop's phone. */
        sender: z.string().trim().min(4).max(30),
      })
      .strict(),
    permission: 'customers.write',
    writes: true,
  }),
  'members:card': channel<{ saved: boolean }>()({
    input: z.object({ customerId, language: z.enum(LANGUAGES).optional() }).strict(),
    permission: 'customers.write',
    writes: true,
    handsFile: true,
  }),
  'members:find': channel<CustomerListItem>()({
    input: z
      .object({
        /** As a USB scanner types it or a cashier does. */
        code: z.string().trim().min(1).max(40),
      })
      .strict(),
    permission: 'customers.read',
    writes: false,
  }),
} as const satisfies ChannelPart;
