import { z } from 'zod';
import {
  PRODUCT_NAME_MAX,
  PRODUCT_PRICE_MAX,
  SALE_ITEMS_MAX_CHARS,
  SALE_LINES_MAX,
  SALE_QUANTITY_MAX,
  type Product,
  type PurchasePage,
  type RecordedSale,
  type VoidResult,
} from '../domain/sales';
import { channel, clean, customerId, handoffMode, noLink, none, page, type ChannelPart } from './channel';

/**
 * A sale's items: each up to 200 characters, and together up to SALE_ITEMS_MAX_CHARS, so a
 * customer's sales (and their access report) cannot be made to grow without bound.
 */
const saleItems = z
  .array(clean(z.string().trim().min(1).max(200)))
  .min(1)
  .max(100)
  .superRefine((items, ctx) => {
    if (items.reduce((n, i) => n + i.length, 0) > SALE_ITEMS_MAX_CHARS)
      ctx.addIssue({
        code: 'too_big',
        origin: 'string',
        maximum: SALE_ITEMS_MAX_CHARS,
        inclusive: true,
        input: items,
        message: `items: at most ${SALE_ITEMS_MAX_CHARS} characters in all`,
      });
  });

/** A member's reward redeemed on the sale (checked in main: member, balance, not above the sale). */
export const rewardId = z.number().int().positive().optional();

/** The lines of a sale from the price list: products and quantities only, each product once. */
export const saleLines = z
  .array(
    z
      .object({
        productId: z.number().int().positive(),
        quantity: z.number().int().min(1).max(SALE_QUANTITY_MAX),
      })
      .strict(),
  )
  .min(1)
  .max(SALE_LINES_MAX)
  .refine((lines) => new Set(lines.map((l) => l.productId)).size === lines.length, {
    message: 'lines: each product once (raise its quantity instead)',
  });

/** Rp 0 is not a sale. */
export const saleAmount = z.number().int().min(1).max(1_000_000_000_000);

/** Sales at the counter, their receipts, and the shop's price list. */
export const salesChannels = {
  'purchases:create': channel<RecordedSale>()({
    input: z
      .object({
        customerId,
        at: z
          .number()
          .int()
          .min(Date.UTC(2000, 0, 1))
          .optional(),
        amount: saleAmount,
        items: saleItems,
        rewardId,
      })
      .strict(),
    permission: 'customers.write',
    writes: true,
  }),
  // Void a mistaken sale, or (with a replacement) correct it: the original stays in the record.
  // The owner any time; a cashier only their own sale, the same day (checked in main).
  'purchases:void': channel<VoidResult>()({
    input: z
      .object({
        id: z.number().int().positive(),
        reason: clean(z.string().trim().min(3).max(200)),
        replacement: z
          .object({
            amount: saleAmount,
            items: saleItems,
            rewardId,
          })
          .strict()
          .optional(),
      })
      .strict(),
    permission: 'customers.write',
    writes: true,
  }),
  // A receipt for the customer's WhatsApp: main builds the wa.me link and hands it to the system
  // (open) or the clipboard (copy); the renderer never sees or sends a URL.
  'purchases:receipt': channel<{ done: true; customerId: number }>()({
    input: z.object({ id: z.number().int().positive(), mode: handoffMode }).strict(),
    permission: 'customers.write',
    writes: true,
  }),
  'purchases:list': channel<PurchasePage>()({
    input: z.object({ customerId, ...page }).strict(),
    permission: 'customers.read',
    writes: false,
  }),
  // A sale tapped together from the shop's price list: the renderer names products and
  // quantities only; main prices them and writes the items ("2 x Kopi susu"), so a cashier cannot
  // send a price.
  'purchases:createFromProducts': channel<RecordedSale>()({
    input: z
      .object({
        customerId,
        at: z
          .number()
          .int()
          .min(Date.UTC(2000, 0, 1))
          .optional(),
        lines: saleLines,
        rewardId,
      })
      .strict(),
    permission: 'customers.write',
    writes: true,
  }),

  // The price list: everyone at the counter reads it; the owner adds, renames, reprices, hides
  // and reorders (each change audited).
  'products:list': channel<Product[]>()({ input: none, permission: 'customers.read', writes: false }),
  'products:save': channel<Product>()({
    input: z
      .object({
        id: z.number().int().positive().optional(),
        name: noLink(clean(z.string().trim().min(1).max(PRODUCT_NAME_MAX))),
        price: z.number().int().min(1).max(PRODUCT_PRICE_MAX),
        active: z.boolean(),
      })
      .strict(),
    permission: 'settings.manage',
    writes: true,
  }),
  'products:move': channel<Product[]>()({
    input: z.object({ id: z.number().int().positive(), direction: z.enum(['up', 'down']) }).strict(),
    permission: 'settings.manage',
    writes: true,
  }),
} as const satisfies ChannelPart;
