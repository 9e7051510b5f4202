import type { z } from 'zod';
import { CHANNEL_NAMES, isChannel, type ChannelName } from './channels';
import type { AllowedWhile, ChannelDef } from './contract/channel';
import { joinParts } from './contract/join';
import { appChannels } from './contract/app';
import { usersChannels } from './contract/users';
import { customersChannels } from './contract/customers';
import { consentChannels } from './contract/consent';
import { salesChannels } from './contract/sales';
import { audienceChannels } from './contract/audience';
import { dashboardChannels } from './contract/dashboard';
import { importChannels } from './contract/import';
import { auditChannels } from './contract/audit';
import { backupsChannels } from './contract/backups';
import { documentsChannels } from './contract/documents';
import { briefingChannels } from './contract/briefing';
import { incidentsChannels } from './contract/incidents';
import { requestsChannels } from './contract/requests';
import { retentionChannels } from './contract/retention';
import { lanChannels } from './contract/lan';
import { lanClientChannels } from './contract/lanClient';
import { joinChannels } from './contract/members';
import { loyaltyChannels } from './contract/loyalty';

export type { AllowedWhile, ChannelDef };

/**
 * The one contract between renderer and main, joined from one part per capability (./contract).
 * Each channel names its input schema, its result type and the permission it needs; main, preload
 * and renderer are all typed from this map. The join refuses a channel defined twice.
 */
export const contract = joinParts(
  appChannels,
  usersChannels,
  customersChannels,
  consentChannels,
  salesChannels,
  audienceChannels,
  dashboardChannels,
  importChannels,
  auditChannels,
  backupsChannels,
  documentsChannels,
  briefingChannels,
  incidentsChannels,
  requestsChannels,
  retentionChannels,
  lanChannels,
  lanClientChannels,
  joinChannels,
  loyaltyChannels,
);

export type Contract = typeof contract;

// The map declares exactly the names channels.ts lists (the preload reads those only): a channel
// missing from every part, or one the list does not name, does not compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _declaresExactlyTheChannelNames: Same<keyof Contract, ChannelName> = true;
const _everyChannelIsADef: Record<ChannelName, ChannelDef<z.ZodType, unknown>> = contract;

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
