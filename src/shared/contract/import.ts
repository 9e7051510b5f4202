import { z } from 'zod';
import {
  IMPORT_TARGETS,
  SALES_SOURCES,
  SALES_TARGETS,
  type ImportCheck,
  type ImportPreview,
  type ImportTarget,
  type SalesCheck,
  type SalesPreview,
  type SalesResult,
  type SalesTarget,
} from '../domain/import';
import { channel, customerId, method, none, type ChannelPart } from './channel';

const importMapping = z
  .object(
    Object.fromEntries(IMPORT_TARGETS.map((k) => [k, z.number().int().min(0).max(500).optional()])) as Record<
      ImportTarget,
      z.ZodOptional<z.ZodNumber>
    >,
  )
  .strict();

const salesMapping = z
  .object(
    Object.fromEntries(SALES_TARGETS.map((k) => [k, z.number().int().min(0).max(500).optional()])) as Record<
      SalesTarget,
      z.ZodOptional<z.ZodNumber>
    >,
  )
  .strict();
// `columns`, not `mapping`: the customer import's mapping has other targets.
const salesInput = z.object({ columns: salesMapping, source: z.enum(SALES_SOURCES) }).strict();

/** Spreadsheets brought in: the customer import and the sales from a POS export. */
export const importChannels = {
  'import:open': channel<ImportPreview>()({
    primaryOnly: true,
    input: none,
    permission: 'customers.bulk',
    writes: false,
  }),
  'import:check': channel<ImportCheck>()({
    primaryOnly: true,
    input: z.object({ mapping: importMapping }).strict(),
    permission: 'customers.bulk',
    writes: false,
  }),
  'import:commit': channel<{ imported: number; filled: number }>()({
    primaryOnly: true,
    input: z
      .object({
        mapping: importMapping,
        // Rows whose phone is a customer already: skipped, or fill that customer's empty fields
        // (never overwriting a value, never touching consent).
        duplicates: z.enum(['skip', 'fill']).default('skip'),
        // Rows whose name differs from the customer with their phone: filled only when the owner
        // confirms that row, naming the customer they were shown.
        confirmFill: z
          .array(z.object({ row: z.number().int().min(1).max(2_000_000), customerId }).strict())
          .max(1000)
          .default([]),
        // Required when the file grants consent: how it was collected, under which notice (one the
        // customers can have seen: a version made after the file was last changed needs
        // `acknowledgeNewer`; 0 is a notice outside Brankas, such as the paper form itself).
        consent: z
          .object({
            method: method,
            noticeVersion: z.number().int().min(0).max(10_000),
            acknowledgeNewer: z.boolean().default(false),
          })
          .strict()
          .optional(),
      })
      .strict(),
    permission: 'customers.bulk',
    writes: true,
  }),
  'import:cancel': channel<null>()({
    primaryOnly: true,
    input: none,
    permission: 'customers.bulk',
    writes: false,
  }),
  'import:saveErrors': channel<{ saved: boolean }>()({
    primaryOnly: true,
    input: none,
    permission: 'customers.bulk',
    writes: true,
  }),

  // Sales from the shop's POS export (owner only, like the customer import; cancel: import:cancel).
  'sales:open': channel<SalesPreview>()({
    primaryOnly: true,
    input: none,
    permission: 'customers.bulk',
    writes: false,
  }),
  'sales:check': channel<SalesCheck>()({
    primaryOnly: true,
    input: salesInput,
    permission: 'customers.bulk',
    writes: false,
  }),
  'sales:commit': channel<SalesResult>()({
    primaryOnly: true,
    input: salesInput,
    permission: 'customers.bulk',
    writes: true,
  }),
} as const satisfies ChannelPart;
