import { z } from 'zod';
import {
  LOYALTY_ADJUST_MAX,
  LOYALTY_BASES,
  LOYALTY_COST_MAX,
  LOYALTY_EXPIRY_MONTHS_MAX,
  LOYALTY_JOIN_PROOFS,
  LOYALTY_MODES,
  LOYALTY_REWARD_NAME_MAX,
  LOYALTY_REWARDS_MAX,
  LOYALTY_RUPIAH_MAX,
  PRODUCT_PRICE_MAX,
  type LoyaltyHistory,
  type LoyaltyProgramme,
  type LoyaltyQuote,
  type LoyaltyStatus,
} from '../domain';
import { channel, clean, customerId, noLink, none, page, type ChannelPart } from './channel';
import { rewardId, saleAmount, saleLines } from './sales';

/**
 * The member programme: the owner's settings and rewards, a customer's points (their ledger), the
 * quote a sale shows before it is saved, and the owner's adjustment.
 */
export const loyaltyChannels = {
  // Everyone at the counter reads it (the sale form offers the rewards).
  'loyalty:get': channel<LoyaltyProgramme>()({ input: none, permission: 'session', writes: false }),
  // Turning the programme on or off, or changing its basis, expiry or how joining is proven,
  // changes the notice.
  'loyalty:save': channel<LoyaltyProgramme>()({
    input: z
      .object({
        enabled: z.boolean(),
        mode: z.enum(LOYALTY_MODES),
        rupiahPer: z.number().int().min(1).max(LOYALTY_RUPIAH_MAX),
        expiryMonths: z.number().int().min(1).max(LOYALTY_EXPIRY_MONTHS_MAX).nullable(),
        legalBasis: z.enum(LOYALTY_BASES).default('consent'),
        // Left out: WhatsApp only, the safe default (a member's consent is the customer's own act).
        joinProof: z.enum(LOYALTY_JOIN_PROOFS).default('whatsapp'),
        rewards: z
          .array(
            z
              .object({
                id: z.number().int().positive().optional(),
                name: noLink(clean(z.string().trim().min(1).max(LOYALTY_REWARD_NAME_MAX))),
                cost: z.number().int().min(1).max(LOYALTY_COST_MAX),
                discount: z.number().int().min(1).max(PRODUCT_PRICE_MAX),
                active: z.boolean(),
              })
              .strict(),
          )
          .max(LOYALTY_REWARDS_MAX),
      })
      .strict(),
    permission: 'settings.manage',
    writes: true,
    changesNotice: true,
  }),
  // A customer's standing and points history (their personal data: counted as a view).
  'loyalty:history': channel<LoyaltyHistory>()({
    input: z.object({ customerId, ...page }).strict(),
    permission: 'customers.read',
    writes: false,
  }),
  // What the sale would do, before it is saved: the same rule as the sale itself, nothing written.
  'loyalty:quote': channel<LoyaltyQuote>()({
    // A typed amount, or lines of the price list (priced by main, as the sale will be).
    input: z.union([
      z.object({ customerId, amount: saleAmount, rewardId }).strict(),
      z.object({ customerId, lines: saleLines, rewardId }).strict(),
    ]),
    permission: 'customers.read',
    writes: false,
  }),
  // The owner corrects a balance with a reason (a gift, a mistake): a ledger row, audited.
  'loyalty:adjust': channel<LoyaltyStatus>()({
    input: z
      .object({
        customerId,
        points: z
          .number()
          .int()
          .min(-LOYALTY_ADJUST_MAX)
          .max(LOYALTY_ADJUST_MAX)
          .refine((n) => n !== 0, { message: 'points: not zero' }),
        reason: clean(z.string().trim().min(5).max(200)),
      })
      .strict(),
    permission: 'settings.manage',
    writes: true,
  }),
} as const satisfies ChannelPart;
