import { z } from 'zod';
import type { Page } from '../domain/page';
import {
  RETENTION_LIMITS,
  type PurgeResult,
  type RetentionPolicy,
  type ReviewItem,
} from '../domain/retention';
import { channel, clean, customerId, none, page, type ChannelPart } from './channel';

/** A retention period within its limits (negative or absurd periods are refused). */
const limited = (k: keyof typeof RETENTION_LIMITS) =>
  z.number().int().min(RETENTION_LIMITS[k].min).max(RETENTION_LIMITS[k].max);

/** The deletion schedule: the policy, the customers due, keeping one, the purge, and erasing one. */
export const retentionChannels = {
  'retention:policy': channel<RetentionPolicy>()({
    input: none,
    permission: 'retention.manage',
    writes: false,
  }),
  'retention:setPolicy': channel<RetentionPolicy>()({
    input: z
      .object({
        inactiveMonths: limited('inactiveMonths'),
        consentLapseMonths: limited('consentLapseMonths'),
        salesKeepYears: limited('salesKeepYears'),
        keepReviewMonths: limited('keepReviewMonths'),
      })
      .strict(),
    permission: 'retention.manage',
    writes: true,
    changesNotice: true,
  }),
  // "Akan dihapus": customers due within `days` (30 by default), soonest first, searchable.
  'retention:review': channel<Page<ReviewItem>>()({
    input: z
      .object({
        query: clean(z.string().max(100)).default(''),
        days: z.number().int().min(0).max(366).default(30),
        ...page,
      })
      .strict(),
    permission: 'retention.manage',
    writes: false,
  }),
  // Keep a customer past the due date (Art. 44): only with a written reason, until a review date.
  'retention:keep': channel<null>()({
    input: z.object({ id: customerId, reason: clean(z.string().trim().min(10).max(500), true) }).strict(),
    permission: 'retention.manage',
    writes: true,
  }),
  'retention:purge': channel<PurgeResult>()({
    primaryOnly: true,
    input: none,
    permission: 'retention.manage',
    writes: true,
  }),
  // The owner says the computer's date and time are right: the purge may act on the wall clock
  // again (it waits while the clock is ahead of the time the app has seen pass). Audited.
  'retention:confirmClock': channel<{ clockAheadDays: number }>()({
    primaryOnly: true,
    input: z.object({ confirm: z.literal(true) }).strict(),
    permission: 'retention.manage',
    writes: true,
  }),
  'customers:erase': channel<{ erased: number; purchasesKept: number }>()({
    input: z.object({ id: customerId, confirm: z.literal(true) }).strict(),
    permission: 'retention.manage',
    writes: true,
  }),
} as const satisfies ChannelPart;
