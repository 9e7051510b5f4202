import { z } from 'zod';
import type {
  AppStatus,
  AuditEntry,
  AuditVerifyResult,
  Customer,
  CustomerListItem,
  LockScreenUser,
  Page,
  SessionUser,
  Settings,
  SetupResult,
  UserRow,
} from './domain';
import { LANGUAGES } from './language';
import { PIN_MAX_LENGTH } from './pin-policy';
import { CHANNEL_NAMES, isChannel, type ChannelName } from './channels';
import type { Permission } from './roles';

/**
 * The one contract between renderer and main. Each channel names its input schema, its result
 * type and the permission it needs; main, preload and renderer are all typed from this map.
 */
export interface ChannelDef<I extends z.ZodType, O> {
  input: I;
  permission: Permission;
  /** Phantom: carries the result type only. */
  readonly output?: O;
}

function channel<O>() {
  return <I extends z.ZodType>(def: { input: I; permission: Permission }): ChannelDef<I, O> => def;
}

const id = z.string().uuid();
const pin = z.string().min(1).max(PIN_MAX_LENGTH);
const name = z.string().trim().min(1).max(120);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const none = z.object({}).strict();

const customerFields = {
  name,
  phone: optionalText(40),
  email: z.string().trim().max(254).email().nullable().optional().or(z.literal('')),
  address: optionalText(500),
  notes: optionalText(2000),
};

export const contract = {
  'app:status': channel<AppStatus>()({ input: none, permission: 'public' }),
  'app:setLanguage': channel<null>()({
    input: z.object({ language: z.enum(LANGUAGES) }).strict(),
    permission: 'public',
  }),

  'setup:create': channel<SetupResult>()({
    input: z.object({ shopName: name, ownerName: name, pin, pinConfirm: pin }).strict(),
    permission: 'public',
  }),
  /** The code again, while unconfirmed (a crash after setup must not leave an unseen code). */
  'setup:recoveryCode': channel<SetupResult>()({ input: none, permission: 'settings.manage' }),
  'setup:confirmRecovery': channel<null>()({
    input: z
      .object({
        answers: z
          .array(z.object({ group: z.number().int().min(1).max(6), value: z.string().max(16) }))
          .min(1)
          .max(6),
      })
      .strict(),
    permission: 'settings.manage',
  }),
  'setup:printRecoveryCard': channel<{ saved: boolean }>()({
    input: none,
    permission: 'settings.manage',
  }),

  'auth:users': channel<LockScreenUser[]>()({ input: none, permission: 'public' }),
  'auth:unlock': channel<SessionUser>()({
    input: z.object({ userId: id, pin }).strict(),
    permission: 'public',
  }),
  'auth:recoverOwner': channel<SessionUser>()({
    input: z.object({ code: z.string().min(1).max(64), newPin: pin, newPinConfirm: pin }).strict(),
    permission: 'public',
  }),
  'auth:lock': channel<null>()({ input: none, permission: 'public' }),
  'auth:touch': channel<null>()({ input: none, permission: 'session' }),
  'auth:changePin': channel<SessionUser>()({
    input: z.object({ currentPin: pin, newPin: pin, newPinConfirm: pin }).strict(),
    permission: 'session',
  }),

  'users:list': channel<UserRow[]>()({ input: none, permission: 'users.manage' }),
  'users:create': channel<UserRow>()({
    input: z.object({ name, pin }).strict(),
    permission: 'users.manage',
  }),
  'users:resetPin': channel<null>()({
    input: z.object({ userId: id, pin }).strict(),
    permission: 'users.manage',
  }),
  'users:disable': channel<null>()({
    input: z.object({ userId: id }).strict(),
    permission: 'users.manage',
  }),

  'customers:create': channel<Customer>()({
    input: z.object(customerFields).strict(),
    permission: 'customers.write',
  }),
  'customers:update': channel<Customer>()({
    input: z.object({ id: z.number().int().positive(), ...customerFields }).strict(),
    permission: 'customers.write',
  }),
  'customers:get': channel<Customer>()({
    input: z.object({ id: z.number().int().positive() }).strict(),
    permission: 'customers.read',
  }),
  'customers:search': channel<Page<CustomerListItem>>()({
    input: z
      .object({
        query: z.string().max(100),
        offset: z.number().int().min(0).max(10_000_000).default(0),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    permission: 'customers.read',
  }),

  'audit:list': channel<Page<AuditEntry>>()({
    input: z
      .object({
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    permission: 'audit.read',
  }),
  'audit:verify': channel<AuditVerifyResult>()({ input: none, permission: 'audit.read' }),

  'settings:get': channel<Settings>()({ input: none, permission: 'session' }),
  'settings:update': channel<Settings>()({
    input: z.object({ autoLockMinutes: z.number().int().min(1).max(120) }).strict(),
    permission: 'settings.manage',
  }),
} as const satisfies Record<ChannelName, ChannelDef<z.ZodType, unknown>>;

export type Contract = typeof contract;
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
export type ChannelParsed<C extends ChannelName> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> =
  Contract[C] extends ChannelDef<z.ZodType, infer O> ? O : never;

export const CHANNELS: readonly ChannelName[] = CHANNEL_NAMES;
export { isChannel, type ChannelName };

/** Channels a user who must still change the initial PIN may use. */
export const ALLOWED_BEFORE_PIN_CHANGE: ReadonlySet<ChannelName> = new Set<ChannelName>([
  'app:status',
  'app:setLanguage',
  'auth:lock',
  'auth:touch',
  'auth:changePin',
  'auth:users',
]);

/** Channels the owner may use between setup and confirming the recovery code. */
export const ALLOWED_BEFORE_RECOVERY_CONFIRMED: ReadonlySet<ChannelName> = new Set<ChannelName>([
  'app:status',
  'app:setLanguage',
  'auth:lock',
  'auth:touch',
  'auth:users',
  'setup:recoveryCode',
  'setup:confirmRecovery',
  'setup:printRecoveryCard',
]);
