import { z } from 'zod';
import { GENDERS, type Customer, type CustomerListItem, type CustomerSaved } from '../domain/customers';
import type { Page } from '../domain/page';
import {
  channel,
  clean,
  customerId,
  method,
  optionalText,
  page,
  purposeId,
  name,
  type ChannelPart,
} from './channel';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
  );

const customerFields = {
  name,
  phone: optionalText(40),
  email: z.string().trim().max(254).email().nullable().optional().or(z.literal('')),
  address: optionalText(500, true),
  notes: optionalText(2000, true),
  birthday: isoDate.nullable().optional().or(z.literal('')),
  gender: z.enum(GENDERS).nullable().optional(),
  tags: z
    .array(clean(z.string().trim().min(1).max(40)))
    .max(20)
    .nullable()
    .optional(),
  isMinor: z.boolean().optional(),
  guardianName: optionalText(120),
  acknowledgeSensitive: z.boolean().optional(),
};

/** The customer record: adding, editing, finding, restricting and exporting it. */
export const customersChannels = {
  'customers:create': channel<Customer>()({
    input: z
      .object({
        ...customerFields,
        /** Purposes the customer agreed to at the counter, each ticked separately (Art. 22). */
        consents: z.array(z.object({ purposeId, method }).strict()).max(20).optional(),
      })
      .strict(),
    permission: 'customers.write',
    writes: true,
  }),
  // Only what the form sent comes back (see CustomerSaved); counted as a view of the customer.
  'customers:update': channel<CustomerSaved>()({
    input: z.object({ id: z.number().int().positive(), ...customerFields }).strict(),
    permission: 'customers.write',
    writes: true,
  }),
  'customers:get': channel<Customer>()({
    input: z.object({ id: z.number().int().positive() }).strict(),
    permission: 'customers.read',
    writes: false,
  }),
  // The whole phone for a role that sees it masked: counted as opening the customer, audited.
  'customers:revealPhone': channel<{ phone: string | null }>()({
    input: z.object({ id: z.number().int().positive() }).strict(),
    permission: 'customers.read',
    writes: false,
  }),
  'customers:search': channel<Page<CustomerListItem>>()({
    // 20 a page unless asked: what a cashier may see at once (the owner may ask for more).
    input: z
      .object({ query: clean(z.string().max(100)), ...page, limit: page.limit.removeDefault().default(20) })
      .strict(),
    permission: 'customers.read',
    writes: false,
  }),
  'customers:setRestricted': channel<null>()({
    input: z.object({ id: customerId, restricted: z.boolean() }).strict(),
    permission: 'customers.bulk',
    writes: true,
  }),
  'customers:export': channel<{ saved: boolean; count: number }>()({
    input: z.object({ format: z.enum(['csv', 'json']) }).strict(),
    permission: 'customers.bulk',
    writes: true,
    handsFile: true,
  }),
} as const satisfies ChannelPart;
