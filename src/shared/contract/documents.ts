import { z } from 'zod';
import type { DocVersion, DocVersionInfo, HealthItem, SettingsView } from '../domain/documents';
import type { Page } from '../domain/page';
import { LANGUAGES } from '../language';
import { channel, noLink, none, page, text, type ChannelPart } from './channel';

const docKind = z.enum(['notice', 'record']);

/** The shop's settings, the documents made from them, and the privacy health screen. */
export const documentsChannels = {
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
        /** A mobile number (checked in main); '' clears it; absent leaves it as it is. */
        shopWhatsApp: text(30).optional(),
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
    handsFile: true,
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
} as const satisfies ChannelPart;
