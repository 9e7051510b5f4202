import { z } from 'zod';
import type { Page } from '../domain/page';
import {
  REQUEST_ACTIONS,
  REQUEST_CHANNELS,
  REQUEST_TYPES,
  type RequestsSummary,
  type RightsRequest,
} from '../domain/requests';
import { LANGUAGES } from '../language';
import { channel, customerId, none, optionalText, page, text, type ChannelPart } from './channel';

export const requestsChannels = {
  // The requests register (Art. 14): anyone at the counter records; only the owner fulfils.
  'requests:create': channel<RightsRequest>()({
    input: z
      .object({
        type: z.enum(REQUEST_TYPES),
        customerId: customerId.nullable(),
        requester: optionalText(120),
        details: optionalText(1000, true),
        /** When the request came in; omitted: now (main's clock). */
        receivedAt: z
          .number()
          .int()
          .min(Date.UTC(2024, 9, 17))
          .optional(),
        channel: z.enum(REQUEST_CHANNELS),
        verification: text(300).pipe(z.string().min(3)),
        /** The 3 x 24 hours have already run out: the owner says they know. */
        acknowledgeLate: z.boolean().default(false),
        /** Why it is recorded as received hours ago (required then; the owner's only). */
        receivedReason: optionalText(300, true),
      })
      .strict(),
    permission: 'customers.write',
    writes: true,
  }),
  'requests:list': channel<Page<RightsRequest>>()({
    input: z
      .object({
        status: z.enum(['open', 'closed', 'all']).default('open'),
        customerId: customerId.optional(),
        ...page,
      })
      .strict(),
    permission: 'rights.manage',
    writes: false,
  }),
  'requests:get': channel<RightsRequest>()({
    input: z.object({ id: z.number().int().positive() }).strict(),
    permission: 'rights.manage',
    writes: false,
  }),
  'requests:summary': channel<RequestsSummary>()({ input: none, permission: 'rights.manage', writes: false }),
  'requests:fulfil': channel<RightsRequest>()({
    input: z
      .object({
        id: z.number().int().positive(),
        action: z.enum(REQUEST_ACTIONS),
        /** What was done, in the owner's words (required for "done"). */
        note: optionalText(1000, true),
        /** The language of the report or files handed to this customer (default: the screen's). */
        language: z.enum(LANGUAGES).optional(),
      })
      .strict(),
    permission: 'rights.manage',
    writes: true,
    handsFile: true,
  }),
  'requests:refuse': channel<RightsRequest>()({
    input: z
      .object({ id: z.number().int().positive(), reason: text(1000, true).pipe(z.string().min(10)) })
      .strict(),
    permission: 'rights.manage',
    writes: true,
  }),
  // A flood of requests that were not genuine, refused at once with one reason.
  'requests:dismiss': channel<{ dismissed: number; skipped: number }>()({
    input: z
      .object({
        ids: z.array(z.number().int().positive()).min(1).max(500),
        reason: text(1000, true).pipe(z.string().min(10)),
      })
      .strict(),
    permission: 'rights.manage',
    writes: true,
  }),
  // The answer to the customer: printed, or as a WhatsApp text (opened or copied).
  'requests:answer': channel<{ saved: boolean }>()({
    input: z
      .object({
        id: z.number().int().positive(),
        mode: z.enum(['print', 'open', 'copy']),
        /** The language of the letter for this customer (default: the screen's). */
        language: z.enum(LANGUAGES).optional(),
      })
      .strict(),
    permission: 'rights.manage',
    writes: true,
    handsFile: true,
  }),
} as const satisfies ChannelPart;
