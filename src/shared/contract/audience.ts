import { z } from 'zod';
import type { AudiencePage } from '../domain/audience';
import { MARKETING_CHANNELS } from '../domain/consent';
import { channel, clean, customerId, handoffMode, page, type ChannelPart } from './channel';

/**
 * One page of a list a WhatsApp message goes out to: the message (which members it was sent to
 * already) and whether to show only those it was not sent to yet ("belum dikirim").
 */
export const sendingPage = {
  message: clean(z.string().max(500), true).default(''),
  unsentOnly: z.boolean().default(false),
  ...page,
};

/** Marketing: the customers who agreed to a channel, and the WhatsApp messages sent to them. */
export const audienceChannels = {
  'audience:list': channel<AudiencePage>()({
    input: z
      .object({
        channel: z.enum(MARKETING_CHANNELS),
        ...sendingPage,
      })
      .strict(),
    permission: 'customers.bulk',
    writes: false,
  }),
  'audience:export': channel<{ saved: boolean; count: number }>()({
    input: z
      .object({ channel: z.enum(MARKETING_CHANNELS), message: clean(z.string().max(500), true).default('') })
      .strict(),
    permission: 'customers.bulk',
    writes: true,
    handsFile: true,
  }),

  // One member's WhatsApp link, opened or copied with one click (consent checked again in main).
  'audience:whatsapp': channel<{ done: true }>()({
    input: z
      .object({ customerId, message: clean(z.string().max(500), true).default(''), mode: handoffMode })
      .strict(),
    permission: 'customers.bulk',
    writes: true,
  }),
  // The owner's own mark: sent (e.g. after copying the link) or not sent after all.
  'audience:markSent': channel<{ sentAt: number | null }>()({
    input: z
      .object({ customerId, message: clean(z.string().max(500), true).default(''), sent: z.boolean() })
      .strict(),
    permission: 'customers.bulk',
    writes: true,
  }),
} as const satisfies ChannelPart;
