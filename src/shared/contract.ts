import { z } from 'zod';
import {
  REQUEST_ACTIONS,
  DATA_CATEGORIES,
  INCIDENT_CHECKS,
  INCIDENT_KINDS,
  type Incident,
  type BriefingMistake,
  type AffectedCustomer,
  type IncidentWhatsApp,
  type BriefingStatus,
  type HealthItem,
  type BriefingText,
  REQUEST_CHANNELS,
  REQUEST_TYPES,
  type DocVersion,
  type DocVersionInfo,
  type RequestsSummary,
  type RightsRequest,
  type SettingsView,
  CONSENT_METHODS,
  SALE_ITEMS_MAX_CHARS,
  SALES_SOURCES,
  SALES_TARGETS,
  type SalesCheck,
  type SalesPreview,
  type SalesResult,
  type SalesTarget,
  GENDERS,
  IMPORT_TARGETS,
  LEGAL_BASES,
  MARKETING_CHANNELS,
  OPTIONAL_FIELDS,
  type AudiencePage,
  type ConsentEvent,
  type ConsentState,
  type FieldSetting,
  type ImportCheck,
  type ImportPreview,
  type ImportTarget,
  type Purchase,
  type PurchasePage,
  type Product,
  PRODUCT_NAME_MAX,
  PRODUCT_PRICE_MAX,
  SALE_LINES_MAX,
  SALE_QUANTITY_MAX,
  type Purpose,
  type AppStatus,
  type AuditPage,
  type AuditVerifyResult,
  type BackupManifestView,
  type RestorePreview,
  type BackupStatus,
  type Customer,
  type CustomerListItem,
  type CustomerSaved,
  type LockScreenUser,
  type Page,
  type SessionUser,
  type SetupResult,
  type UserRow,
  RETENTION_LIMITS,
  type PurgeResult,
  type RetentionPolicy,
  type ReviewItem,
} from './domain';
import { LANGUAGES } from './language';
import { PIN_MAX_LENGTH } from './pin-policy';
import { HIDDEN_CHARS, hasHiddenChars } from './text-policy';
import { HAS_LINK, hasWebLink } from './link-policy';
import { CHANNEL_NAMES, isChannel, type ChannelName } from './channels';
import type { Permission } from './roles';

/**
 * Where a session is held to a few channels: the initial PIN not changed yet (`pinChange`), a
 * cashier's staff briefing due (`briefing`: those and the PIN change's), the owner's recovery code
 * not confirmed yet (`recoveryUnconfirmed`).
 */
export type AllowedWhile = 'pinChange' | 'briefing' | 'recoveryUnconfirmed';

/**
 * The one contract between renderer and main. Each channel names its input schema, its result
 * type and the permission it needs; main, preload and renderer are all typed from this map.
 */
export interface ChannelDef<I extends z.ZodType, O> {
  input: I;
  permission: Permission;
  /**
   * Changes the vault, the key slots or a file. While a long job holds the vault's write
   * transaction these wait (BUSY); reads go on. Locking is not a write: it must always work (and
   * it stops a running job).
   */
  writes: boolean;
  /** Changes what the privacy notice says: a success makes a new notice version with it. */
  changesNotice?: true;
  /** States in which a user may still call this, while everything else is refused (see below). */
  allowedWhile?: readonly AllowedWhile[];
  /** Phantom: carries the result type only. */
  readonly output?: O;
}

function channel<O>() {
  return <I extends z.ZodType>(def: {
    input: I;
    permission: Permission;
    writes: boolean;
    changesNotice?: true;
    allowedWhile?: readonly AllowedWhile[];
  }): ChannelDef<I, O> => def;
}

const id = z.string().uuid();
const pin = z.string().min(1).max(PIN_MAX_LENGTH);
/** Every text input refuses control, bidi-override and broken characters (see text-policy). */
const clean = (s: z.ZodString, multiline = false) =>
  s.refine((v) => !hasHiddenChars(v, multiline), { message: HIDDEN_CHARS });
const text = (max: number, multiline = false) => clean(z.string().trim().max(max), multiline);
const name = clean(z.string().trim().min(1).max(120));
/** Text that goes into every message the shop sends: no web links (see link-policy). */
const noLink = <T extends z.ZodType<string>>(s: T) => s.refine((v) => !hasWebLink(v), { message: HAS_LINK });
const optionalText = (max: number, multiline = false) => text(max, multiline).nullable().optional();
const none = z.object({}).strict();
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
const customerId = z.number().int().positive();
/** Open WhatsApp with the message, or copy the link. */
const handoffMode = z.enum(['open', 'copy']);
const purposeId = z.number().int().positive();
const docKind = z.enum(['notice', 'record']);
/** What the owner narrows the audit log to (the viewer and its CSV export take the same). */
const auditFilter = {
  actorId: id.optional(),
  customerId: customerId.optional(),
  action: clean(z.string().max(60)).optional(),
  from: z.number().int().min(0).optional(),
  to: z.number().int().min(0).optional(),
};
const method = z.enum(CONSENT_METHODS);
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
const page = {
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(50),
};

/**
 * A restore: the code opens the backup, the owner sets a new PIN. acceptRetiredCode is the owner's
 * choice to go on with a code a key rotation retired: the restored vault then gets a fresh code.
 */
const restoreInput = z
  .object({
    code: clean(z.string().min(1).max(64)),
    newPin: pin,
    newPinConfirm: pin,
    acceptRetiredCode: z.boolean().optional(),
  })
  .strict();
interface RestoreResult {
  user: SessionUser;
  customers: number;
  /** A fresh recovery code replaced the retired one typed (shown next, to be typed back). */
  newRecoveryCode: boolean;
  /** Key rotations made after the backup was taken: the restored vault did not know of them. */
  rotationsSince: number;
}

/** A retention period within its limits (negative or absurd periods are refused). */
const limited = (k: keyof typeof RETENTION_LIMITS) =>
  z.number().int().min(RETENTION_LIMITS[k].min).max(RETENTION_LIMITS[k].max);

export const contract = {
  'app:status': channel<AppStatus>()({
    input: none,
    permission: 'public',
    writes: false,
    allowedWhile: ['pinChange', 'recoveryUnconfirmed'],
  }),
  'app:setLanguage': channel<null>()({
    input: z.object({ language: z.enum(LANGUAGES) }).strict(),
    permission: 'public',
    writes: true,
    allowedWhile: ['pinChange', 'recoveryUnconfirmed'],
  }),

  'setup:create': channel<SetupResult>()({
    input: z.object({ shopName: noLink(name), ownerName: name, pin, pinConfirm: pin }).strict(),
    permission: 'public',
    writes: true,
  }),
  /** The code again, while unconfirmed (a crash after setup must not leave an unseen code). */
  'setup:recoveryCode': channel<SetupResult>()({
    input: none,
    permission: 'settings.manage',
    writes: true,
    allowedWhile: ['recoveryUnconfirmed'],
  }),
  'setup:confirmRecovery': channel<null>()({
    input: z
      .object({
        answers: z
          .array(z.object({ group: z.number().int().min(1).max(6), value: clean(z.string().max(16)) }))
          .min(1)
          .max(6),
      })
      .strict(),
    permission: 'settings.manage',
    writes: true,
    allowedWhile: ['recoveryUnconfirmed'],
  }),
  'setup:printRecoveryCard': channel<{ saved: boolean }>()({
    input: none,
    permission: 'settings.manage',
    writes: true,
    allowedWhile: ['recoveryUnconfirmed'],
  }),

  'auth:users': channel<LockScreenUser[]>()({
    input: none,
    permission: 'public',
    writes: false,
    allowedWhile: ['pinChange', 'recoveryUnconfirmed'],
  }),
  'auth:unlock': channel<SessionUser>()({
    input: z.object({ userId: id, pin }).strict(),
    permission: 'public',
    writes: true,
  }),
  'auth:recoverOwner': channel<SessionUser>()({
    input: z
      .object({
        code: clean(z.string().min(1).max(64)),
        newPin: pin,
        newPinConfirm: pin,
        // The owner's explicit, warned choice to keep the device secret without the OS keystore
        // (only asked for when the keystore that protected it is unavailable).
        allowUnprotected: z.boolean().optional(),
      })
      .strict(),
    permission: 'public',
    writes: true,
  }),
  'auth:lock': channel<null>()({
    input: none,
    permission: 'public',
    writes: false,
    allowedWhile: ['pinChange', 'recoveryUnconfirmed'],
  }),
  'auth:touch': channel<null>()({
    input: none,
    permission: 'session',
    writes: false,
    allowedWhile: ['pinChange', 'recoveryUnconfirmed'],
  }),
  'auth:changePin': channel<SessionUser>()({
    input: z.object({ currentPin: pin, newPin: pin, newPinConfirm: pin }).strict(),
    permission: 'session',
    writes: true,
    allowedWhile: ['pinChange'],
  }),

  'users:list': channel<UserRow[]>()({ input: none, permission: 'users.manage', writes: false }),
  'users:create': channel<UserRow>()({
    input: z.object({ name, pin }).strict(),
    permission: 'users.manage',
    writes: true,
  }),
  'users:resetPin': channel<null>()({
    input: z.object({ userId: id, pin }).strict(),
    permission: 'users.manage',
    writes: true,
  }),
  'users:disable': channel<null>()({
    input: z.object({ userId: id }).strict(),
    permission: 'users.manage',
    writes: true,
  }),

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
  }),

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

  'purchases:create': channel<Purchase>()({
    input: z
      .object({
        customerId,
        at: z
          .number()
          .int()
          .min(Date.UTC(2000, 0, 1))
          .optional(),
        // Rp 0 is not a sale.
        amount: z.number().int().min(1).max(1_000_000_000_000),
        items: saleItems,
      })
      .strict(),
    permission: 'customers.write',
    writes: true,
  }),
  // Void a mistaken sale, or (with a replacement) correct it: the original stays in the record.
  // The owner any time; a cashier only their own sale, the same day (checked in main).
  'purchases:void': channel<{ voided: number; customerId: number; correction: Purchase | null }>()({
    input: z
      .object({
        id: z.number().int().positive(),
        reason: clean(z.string().trim().min(3).max(200)),
        replacement: z
          .object({
            amount: z.number().int().min(1).max(1_000_000_000_000),
            items: saleItems,
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
  'purchases:createFromProducts': channel<Purchase>()({
    input: z
      .object({
        customerId,
        at: z
          .number()
          .int()
          .min(Date.UTC(2000, 0, 1))
          .optional(),
        lines: z
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
          }),
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

  'audience:list': channel<AudiencePage>()({
    input: z
      .object({
        channel: z.enum(MARKETING_CHANNELS),
        message: clean(z.string().max(500), true).default(''),
        /** Only those this WhatsApp message has not been sent to ("belum dikirim"). */
        unsentOnly: z.boolean().default(false),
        ...page,
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

  'import:open': channel<ImportPreview>()({ input: none, permission: 'customers.bulk', writes: false }),
  'import:check': channel<ImportCheck>()({
    input: z.object({ mapping: importMapping }).strict(),
    permission: 'customers.bulk',
    writes: false,
  }),
  'import:commit': channel<{ imported: number; filled: number }>()({
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
  'import:cancel': channel<null>()({ input: none, permission: 'customers.bulk', writes: false }),
  'import:saveErrors': channel<{ saved: boolean }>()({
    input: none,
    permission: 'customers.bulk',
    writes: true,
  }),

  // Sales from the shop's POS export (owner only, like the customer import; cancel: import:cancel).
  'sales:open': channel<SalesPreview>()({ input: none, permission: 'customers.bulk', writes: false }),
  'sales:check': channel<SalesCheck>()({ input: salesInput, permission: 'customers.bulk', writes: false }),
  'sales:commit': channel<SalesResult>()({ input: salesInput, permission: 'customers.bulk', writes: true }),

  // Newest first; the next page starts after the last entry shown (`before`: its id).
  'audit:list': channel<AuditPage & { actions?: string[] }>()({
    input: z
      .object({
        before: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(500).default(100),
        ...auditFilter,
      })
      .strict(),
    permission: 'audit.read',
    writes: false,
  }),
  // The log as CSV for an auditor: ids, actions, outcomes and details, never names or phones.
  'audit:export': channel<{ saved: boolean; count: number }>()({
    input: z.object(auditFilter).strict(),
    permission: 'audit.read',
    writes: true,
  }),
  'audit:verify': channel<AuditVerifyResult>()({ input: none, permission: 'audit.read', writes: false }),

  'backups:status': channel<BackupStatus>()({ input: none, permission: 'backups.manage', writes: false }),
  'backups:enable': channel<BackupStatus>()({
    input: z.object({ code: clean(z.string().min(1).max(64)) }).strict(),
    permission: 'backups.manage',
    writes: true,
  }),
  'backups:create': channel<{ file: string; bytes: number; customers: number }>()({
    input: z.object({ chooseFolder: z.boolean().default(false) }).strict(),
    permission: 'backups.manage',
    // Writes a file; reads the vault on its own connection.
    writes: true,
  }),
  'backups:restore': channel<RestoreResult>()({
    input: restoreInput,
    permission: 'backups.manage',
    writes: true,
    changesNotice: true,
  }),
  // A new laptop: restore instead of a fresh start (before any setup).
  'setup:restore': channel<RestoreResult>()({
    input: restoreInput,
    permission: 'public',
    writes: true,
    changesNotice: true,
  }),
  'backups:schedule': channel<BackupStatus>()({
    input: z
      .object({
        auto: z.boolean(),
        keepDaily: z.number().int().min(1).max(60),
        keepWeekly: z.number().int().min(0).max(52),
      })
      .strict(),
    permission: 'backups.manage',
    writes: true,
  }),
  'backups:verify': channel<{
    ok: boolean;
    file: string;
    problem: string | null;
    manifest: BackupManifestView | null;
    /** What restoring this file would undo and apply again (null: not verified, or it cannot be compared). */
    restorePreview: RestorePreview | null;
  }>()({
    input: z.object({ code: clean(z.string().max(64)).optional() }).strict(),
    permission: 'backups.manage',
    writes: false,
  }),

  'settings:get': channel<SettingsView>()({ input: none, permission: 'session', writes: false }),
  'settings:update': channel<SettingsView>()({
    input: z
      .object({
        autoLockMinutes: z.number().int().min(1).max(120),
        notesHardBlock: z.boolean(),
        shopContact: noLink(text(300, true)).default(''),
        shopAddress: noLink(text(300, true)).default(''),
        recipients: text(500, true).default(''),
        breachAuthority: text(200).default(''),
      })
      .strict(),
    permission: 'settings.manage',
    writes: true,
    changesNotice: true,
  }),

  // The privacy notice and the record of processing, generated from the settings and versioned
  // (Art. 21, 24, 31). Anyone logged in may show the notice to a customer.
  'docs:current': channel<DocVersion>()({
    input: z.object({ kind: docKind }).strict(),
    permission: 'customers.read',
    writes: false,
  }),
  'docs:get': channel<DocVersion>()({
    input: z.object({ kind: docKind, version: z.number().int().min(1).max(1_000_000) }).strict(),
    permission: 'customers.read',
    writes: false,
  }),
  'docs:versions': channel<DocVersionInfo[]>()({
    input: z.object({ kind: docKind }).strict(),
    permission: 'customers.read',
    writes: false,
  }),
  'docs:print': channel<{ saved: boolean }>()({
    input: z
      .object({
        kind: docKind,
        version: z.number().int().min(1).max(1_000_000).optional(),
        format: z.enum(['full', 'poster']).default('full'),
        /** The language of this print; the screen's language when not given. */
        language: z.enum(LANGUAGES).optional(),
      })
      .strict(),
    permission: 'customers.read',
    writes: true,
  }),
  // Customers whose standing consent was given under a notice older than the last change that
  // touched consent (the owner may ask them again).
  'docs:staleConsents': channel<
    Page<{ id: number; name: string; version: number }> & { since: number | null }
  >()({
    input: z.object(page).strict(),
    permission: 'rights.manage',
    writes: false,
  }),

  // The owner's privacy health screen.
  'health:get': channel<HealthItem[]>()({ input: none, permission: 'audit.read', writes: false }),

  // Staff briefing: everyone reads and passes the check; the owner edits and sees who is current.
  'briefing:get': channel<BriefingText>()({
    input: none,
    permission: 'session',
    writes: false,
    allowedWhile: ['briefing'],
  }),
  'briefing:quiz': channel<{ questions: { id: number; text: string }[] }>()({
    input: none,
    permission: 'session',
    writes: false,
    allowedWhile: ['briefing'],
  }),
  'briefing:answer': channel<{ passed: boolean; wrong: number; mistakes: BriefingMistake[] }>()({
    input: z.object({ answers: z.array(z.boolean()).length(5) }).strict(),
    permission: 'session',
    writes: true,
    allowedWhile: ['briefing'],
  }),
  'briefing:update': channel<BriefingText>()({
    input: z.object({ text: text(3000, true), months: z.number().int().min(1).max(24) }).strict(),
    permission: 'settings.manage',
    writes: true,
  }),
  'briefing:status': channel<BriefingStatus[]>()({ input: none, permission: 'users.manage', writes: false }),

  // Breach response (Art. 46), owner only; every step audited.
  'incident:create': channel<Incident>()({
    input: z
      .object({
        kind: z.enum(INCIDENT_KINDS),
        description: text(2000, true).pipe(z.string().min(10)),
        happenedAt: z
          .number()
          .int()
          .min(Date.UTC(2000, 0, 1))
          .nullable()
          .default(null),
        /** When the shop found out; omitted: now (main's clock). The 72 hours start here. */
        discoveredAt: z
          .number()
          .int()
          .min(Date.UTC(2000, 0, 1))
          .optional(),
        /** Required (10+ characters) when discovery is entered more than an hour before now. */
        lateReason: optionalText(500, true),
      })
      .strict(),
    permission: 'incidents.manage',
    writes: true,
  }),
  'incident:list': channel<Incident[]>()({ input: none, permission: 'incidents.manage', writes: false }),
  'incident:contain': channel<Incident>()({
    input: z
      .object({
        id: z.number().int().positive(),
        endSessions: z.boolean(),
        disableUsers: z.array(id).max(50).default([]),
      })
      .strict(),
    permission: 'incidents.manage',
    writes: true,
  }),
  // A new data key and recovery code (the owner's PIN again); other sessions end.
  'incident:rotateKey': channel<{
    incident: Incident;
    recoveryCode: string;
    shut: number;
    /** Where the old backups (still opened by the old code) were written, if known. */
    oldBackupsFolder: string | null;
  }>()({
    input: z.object({ id: z.number().int().positive(), pin }).strict(),
    permission: 'incidents.manage',
    writes: true,
  }),
  'incident:scope': channel<Incident>()({
    input: z
      .object({
        id: z.number().int().positive(),
        mode: z.enum(['all', 'range', 'list']),
        from: z.number().int().min(0).optional(),
        to: z.number().int().min(0).optional(),
        ids: z.array(customerId).max(10_000).optional(),
        categories: z.array(z.enum(DATA_CATEGORIES)).min(1).max(DATA_CATEGORIES.length),
      })
      .strict(),
    permission: 'incidents.manage',
    writes: true,
  }),
  'incident:affected': channel<Page<AffectedCustomer>>()({
    input: z.object({ id: z.number().int().positive(), ...page }).strict(),
    permission: 'incidents.manage',
    writes: false,
  }),
  // A notice to one affected customer (letter or WhatsApp), or the form for the authority.
  'incident:notify': channel<Incident>()({
    input: z
      .object({
        id: z.number().int().positive(),
        to: z.enum(['customer', 'authority']),
        customerId: customerId.optional(),
        mode: z.enum(['print', 'open', 'copy']),
        /** The notice's language; omitted: the screen's. */
        language: z.enum(LANGUAGES).optional(),
      })
      .strict(),
    permission: 'incidents.manage',
    writes: true,
  }),
  // One PDF, one letter per customer (the given ones, or every affected one not yet notified).
  'incident:letters': channel<{ incident: Incident; letters: number; saved: boolean; remaining: number }>()({
    input: z
      .object({
        id: z.number().int().positive(),
        customerIds: z.array(customerId).min(1).max(500).optional(),
        language: z.enum(LANGUAGES).optional(),
      })
      .strict(),
    permission: 'incidents.manage',
    writes: true,
  }),
  // The affected customers WhatsApp reaches, each with a wa.me link holding the short notice.
  'incident:whatsappList': channel<{ items: IncidentWhatsApp[]; unreachable: number }>()({
    input: z.object({ id: z.number().int().positive(), language: z.enum(LANGUAGES).optional() }).strict(),
    permission: 'incidents.manage',
    writes: false,
  }),
  // The owner sent the WhatsApp notices: every one recorded (and audited) in one step.
  'incident:markNotified': channel<Incident>()({
    input: z
      .object({
        id: z.number().int().positive(),
        customerIds: z.array(customerId).min(1).max(500),
        channel: z.enum(['whatsapp']),
      })
      .strict(),
    permission: 'incidents.manage',
    writes: true,
  }),
  'incident:close': channel<Incident>()({
    input: z
      .object({
        id: z.number().int().positive(),
        checks: z.partialRecord(z.enum(INCIDENT_CHECKS), z.boolean()),
        notes: text(2000, true),
        /** Required (10+ characters) while affected customers are still un-notified. */
        unnotifiedReason: optionalText(500, true),
      })
      .strict(),
    permission: 'incidents.manage',
    writes: true,
  }),

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
  }),

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
  'retention:purge': channel<PurgeResult>()({ input: none, permission: 'retention.manage', writes: true }),
  // The owner says the computer's date and time are right: the purge may act on the wall clock
  // again (it waits while the clock is ahead of the time the app has seen pass). Audited.
  'retention:confirmClock': channel<{ clockAheadDays: number }>()({
    input: z.object({ confirm: z.literal(true) }).strict(),
    permission: 'retention.manage',
    writes: true,
  }),
  'customers:erase': channel<{ erased: number; purchasesKept: number }>()({
    input: z.object({ id: customerId, confirm: z.literal(true) }).strict(),
    permission: 'retention.manage',
    writes: true,
  }),
} as const satisfies Record<ChannelName, ChannelDef<z.ZodType, unknown>>;

export type Contract = typeof contract;
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
export type ChannelParsed<C extends ChannelName> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> =
  Contract[C] extends ChannelDef<z.ZodType, infer O> ? O : never;

export const CHANNELS: readonly ChannelName[] = CHANNEL_NAMES;
export { isChannel, type ChannelName };

const allowedWhile = (state: AllowedWhile): ChannelName[] =>
  CHANNELS.filter((c) =>
    (contract[c] as { allowedWhile?: readonly AllowedWhile[] }).allowedWhile?.includes(state),
  );

/** Channels a user who must still change the initial PIN may use. */
export const ALLOWED_BEFORE_PIN_CHANGE: ReadonlySet<ChannelName> = new Set<ChannelName>(
  allowedWhile('pinChange'),
);

/**
 * Channels a cashier whose staff briefing is due may use: reading the rules, the check, and
 * leaving (the PIN change comes first when both are due). Everything else waits for the pass.
 */
export const ALLOWED_DURING_BRIEFING: ReadonlySet<ChannelName> = new Set<ChannelName>([
  ...ALLOWED_BEFORE_PIN_CHANGE,
  ...allowedWhile('briefing'),
]);

/** Channels the owner may use between setup and confirming the recovery code. */
export const ALLOWED_BEFORE_RECOVERY_CONFIRMED: ReadonlySet<ChannelName> = new Set<ChannelName>(
  allowedWhile('recoveryUnconfirmed'),
);
