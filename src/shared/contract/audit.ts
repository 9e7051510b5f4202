import { z } from 'zod';
import type { AuditPage, AuditVerifyResult } from '../domain/audit';
import { channel, clean, customerId, id, none, type ChannelPart } from './channel';

/** What the owner narrows the audit log to (the viewer and its CSV export take the same). */
const auditFilter = {
  actorId: id.optional(),
  customerId: customerId.optional(),
  action: clean(z.string().max(60)).optional(),
  from: z.number().int().min(0).optional(),
  to: z.number().int().min(0).optional(),
};

/** The audit log: read, exported for an auditor, and its chain verified. */
export const auditChannels = {
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
    handsFile: true,
  }),
  'audit:verify': channel<AuditVerifyResult>()({ input: none, permission: 'audit.read', writes: false }),
} as const satisfies ChannelPart;
