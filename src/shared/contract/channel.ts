import { z } from 'zod';
import { PIN_MAX_LENGTH } from '../pin-policy';
import { HIDDEN_CHARS, hasHiddenChars } from '../text-policy';
import { HAS_LINK, hasWebLink } from '../link-policy';
import { CONSENT_METHODS } from '../domain/consent';
import type { ChannelName } from '../channels';
import type { Permission } from '../roles';

// What every capability's part of the contract is built from: the channel's shape, and the input
// pieces several capabilities share (ids, PINs, clean text, paging).

/**
 * Where a session is held to a few channels: the initial PIN not changed yet (`pinChange`), a
 * cashier's staff briefing due (`briefing`: those and the PIN change's), the owner's recovery code
 * not confirmed yet (`recoveryUnconfirmed`).
 */
export type AllowedWhile = 'pinChange' | 'briefing' | 'recoveryUnconfirmed';

/**
 * One channel of the contract (see contract.ts, which joins the capabilities' parts): its input
 * schema, its result type and the permission it needs.
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
  /** States in which a user may still call this, while everything else is refused (contract.ts). */
  allowedWhile?: readonly AllowedWhile[];
  /**
   * Runs on the laptop that holds the vault only (long jobs, backups, restore, the purge, key
   * rotation, the breach flow, setup, the second counter's own settings): the router refuses it
   * to a window on a paired laptop.
   */
  primaryOnly?: true;
  /**
   * Saves a file or prints on the caller's laptop: its save dialog or PDF printer opens there (a
   * paired laptop's own, through the link), and the call waits for the user's answer.
   */
  handsFile?: true;
  /** Phantom: carries the result type only. */
  readonly output?: O;
}

/** A channel whose result is O: the result type is named, the input's is inferred from the schema. */
export function channel<O>() {
  return <I extends z.ZodType>(def: {
    input: I;
    permission: Permission;
    writes: boolean;
    changesNotice?: true;
    allowedWhile?: readonly AllowedWhile[];
    primaryOnly?: true;
    handsFile?: true;
  }): ChannelDef<I, O> => def;
}

/** One capability's share of the channel map: only names channels.ts lists, each a ChannelDef. */
export type ChannelPart = Partial<Record<ChannelName, ChannelDef<z.ZodType, unknown>>>;

export const id = z.string().uuid();
export const pin = z.string().min(1).max(PIN_MAX_LENGTH);
/** Every text input refuses control, bidi-override and broken characters (see text-policy). */
export const clean = (s: z.ZodString, multiline = false) =>
  s.refine((v) => !hasHiddenChars(v, multiline), { message: HIDDEN_CHARS });
export const text = (max: number, multiline = false) => clean(z.string().trim().max(max), multiline);
export const name = clean(z.string().trim().min(1).max(120));
/** Text that goes into every message the shop sends: no web links (see link-policy). */
export const noLink = <T extends z.ZodType<string>>(s: T) =>
  s.refine((v) => !hasWebLink(v), { message: HAS_LINK });
export const optionalText = (max: number, multiline = false) => text(max, multiline).nullable().optional();
export const none = z.object({}).strict();
export const customerId = z.number().int().positive();
/** Open WhatsApp with the message, or copy the link. */
export const handoffMode = z.enum(['open', 'copy']);
export const purposeId = z.number().int().positive();
export const method = z.enum(CONSENT_METHODS);
export const page = {
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(50),
};
