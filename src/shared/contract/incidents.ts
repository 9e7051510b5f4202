import { z } from 'zod';
import {
  DATA_CATEGORIES,
  INCIDENT_CHECKS,
  INCIDENT_KINDS,
  type AffectedCustomer,
  type Incident,
  type IncidentWhatsApp,
} from '../domain/incidents';
import type { Page } from '../domain/page';
import { LANGUAGES } from '../language';
import { channel, customerId, id, none, optionalText, page, pin, text, type ChannelPart } from './channel';

export const incidentsChannels = {
  // Breach response (Art. 46), owner only; every step audited.
  'incident:create': channel<Incident>()({
    primaryOnly: true,
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
  'incident:list': channel<Incident[]>()({
    primaryOnly: true,
    input: none,
    permission: 'incidents.manage',
    writes: false,
  }),
  'incident:contain': channel<Incident>()({
    primaryOnly: true,
    input: z
      .object({
        id: z.number().int().positive(),
        endSessions: z.boolean(),
        disableUsers: z.array(id).max(50).default([]),
        // Every laptop paired as a second counter is unpaired (each must pair again).
        unpairDevices: z.boolean().default(false),
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
    primaryOnly: true,
    input: z.object({ id: z.number().int().positive(), pin }).strict(),
    permission: 'incidents.manage',
    writes: true,
  }),
  'incident:scope': channel<Incident>()({
    primaryOnly: true,
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
    primaryOnly: true,
    input: z.object({ id: z.number().int().positive(), ...page }).strict(),
    permission: 'incidents.manage',
    writes: false,
  }),
  // A notice to one affected customer (letter or WhatsApp), or the form for the authority.
  'incident:notify': channel<Incident>()({
    primaryOnly: true,
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
    primaryOnly: true,
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
    primaryOnly: true,
    input: z.object({ id: z.number().int().positive(), language: z.enum(LANGUAGES).optional() }).strict(),
    permission: 'incidents.manage',
    writes: false,
  }),
  // The owner sent the WhatsApp notices: every one recorded (and audited) in one step.
  'incident:markNotified': channel<Incident>()({
    primaryOnly: true,
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
    primaryOnly: true,
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
} as const satisfies ChannelPart;
