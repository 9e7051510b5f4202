import { z } from 'zod';
import type { LanCode, LanDevice, LanStatus } from '../domain/lan';
import { channel, id, none, type ChannelPart } from './channel';

/**
 * The second counter, on the primary: the owner turns it on, shows a one-time pairing code, sees
 * the paired laptops and revokes one. None of it is reachable from a paired laptop.
 */
export const lanChannels = {
  'lan:status': channel<LanStatus>()({
    input: none,
    permission: 'settings.manage',
    writes: false,
    primaryOnly: true,
  }),
  'lan:enable': channel<LanStatus>()({
    input: z.object({ enabled: z.boolean() }).strict(),
    permission: 'settings.manage',
    writes: true,
    primaryOnly: true,
  }),
  'lan:newCode': channel<LanCode>()({
    input: none,
    permission: 'settings.manage',
    writes: false,
    primaryOnly: true,
  }),
  'lan:devices': channel<LanDevice[]>()({
    input: none,
    permission: 'settings.manage',
    writes: false,
    primaryOnly: true,
  }),
  'lan:revoke': channel<LanDevice>()({
    input: z.object({ deviceId: id }).strict(),
    permission: 'settings.manage',
    writes: true,
    primaryOnly: true,
  }),
} as const satisfies ChannelPart;
