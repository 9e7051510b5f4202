/**
 * Channel names alone, with no schema library: the sandboxed preload imports this file only, so
 * it stays a few lines. contract.ts must declare exactly these (checked by the compiler).
 */
export const CHANNEL_NAMES = [
  'backups:status',
  'backups:enable',
  'backups:create',
  'backups:verify',
  'backups:schedule',
  'backups:restore',
  'setup:restore',
  'app:status',
  'app:setLanguage',
  'setup:create',
  'setup:recoveryCode',
  'setup:confirmRecovery',
  'setup:printRecoveryCard',
  'auth:users',
  'auth:unlock',
  'auth:recoverOwner',
  'auth:lock',
  'auth:touch',
  'auth:changePin',
  'users:list',
  'users:create',
  'users:resetPin',
  'users:disable',
  'customers:create',
  'customers:update',
  'customers:get',
  'customers:search',
  'customers:setRestricted',
  'customers:export',
  'fields:list',
  'fields:update',
  'purposes:list',
  'purposes:save',
  'consent:grant',
  'consent:withdraw',
  'consent:history',
  'purchases:create',
  'purchases:list',
  'purchases:void',
  'purchases:receipt',
  'docs:current',
  'docs:get',
  'docs:versions',
  'docs:print',
  'docs:staleConsents',
  'requests:create',
  'requests:list',
  'requests:get',
  'requests:summary',
  'requests:fulfil',
  'requests:refuse',
  'requests:answer',
  'audience:list',
  'audience:export',
  'audience:whatsapp',
  'import:open',
  'import:check',
  'import:commit',
  'import:cancel',
  'import:saveErrors',
  'audit:list',
  'audit:verify',
  'settings:get',
  'settings:update',
  'retention:policy',
  'retention:setPolicy',
  'retention:review',
  'retention:keep',
  'retention:purge',
  'customers:erase',
] as const;

export type ChannelName = (typeof CHANNEL_NAMES)[number];

const NAMES: ReadonlySet<string> = new Set(CHANNEL_NAMES);

export function isChannel(name: unknown): name is ChannelName {
  return typeof name === 'string' && NAMES.has(name);
}

/** Events main pushes to a window (payloads typed by EventMap in domain.ts). */
export const EVENT_NAMES = [
  'session:locked',
  'import:progress',
  'backup:progress',
  'retention:progress',
] as const;
export type EventNameList = (typeof EVENT_NAMES)[number];
