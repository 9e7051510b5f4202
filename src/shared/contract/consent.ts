import { z } from 'zod';
import {
  LEGAL_BASES,
  MARKETING_CHANNELS,
  OPTIONAL_FIELDS,
  type ConsentEvent,
  type ConsentState,
  type FieldSetting,
  type Purpose,
} from '../domain/consent';
import {
  channel,
  clean,
  customerId,
  method,
  none,
  optionalText,
  purposeId,
  type ChannelPart,
} from './channel';

/** What the shop collects and why: the optional fields, the purposes, and each customer's consent. */
export const consentChannels = {
  'fields:list': channel<FieldSetting[]>()({ input: none, permission: 'session', writes: false }),
  'fields:update': channel<{ cleared: number }>()({
    input: z
      .object({
        key: z.enum(OPTIONAL_FIELDS),
        enabled: z.boolean(),
        purpose: clean(z.string().trim().min(3).max(300)),
        /** When turning a field off: also erase the values already stored. */
        clearStored: z.boolean().default(false),
      })
      .strict(),
    permission: 'settings.manage',
    writes: true,
    changesNotice: true,
  }),

  'purposes:list': channel<Purpose[]>()({ input: none, permission: 'session', writes: false }),
  'purposes:save': channel<Purpose>()({
    input: z
      .object({
        id: purposeId.optional(),
        name: clean(z.string().trim().min(3).max(80)),
        description: clean(z.string().trim().min(3).max(300), true),
        legalBasis: z.enum(LEGAL_BASES),
        channel: z.enum(MARKETING_CHANNELS).nullable(),
        active: z.boolean(),
      })
      .strict(),
    permission: 'settings.manage',
    writes: true,
    changesNotice: true,
  }),

  'consent:grant': channel<ConsentState>()({
    input: z
      .object({
        customerId,
        purposeId,
        method,
        guardianName: optionalText(120),
        /** After a withdrawal: how the customer asked for it again (the owner's words). */
        askedAgain: optionalText(300, true),
      })
      .strict(),
    permission: 'customers.write',
    writes: true,
  }),
  'consent:withdraw': channel<ConsentState>()({
    input: z.object({ customerId, purposeId, method }).strict(),
    permission: 'customers.write',
    writes: true,
  }),
  'consent:history': channel<ConsentEvent[]>()({
    input: z.object({ customerId }).strict(),
    permission: 'customers.read',
    writes: false,
  }),
} as const satisfies ChannelPart;
