import { z } from 'zod';
import type { ConnectResult } from '../domain/lanClient';
import { channel, clean, name, none, type ChannelPart } from './channel';

/** As the owner types it (main reads it: case, spaces and dashes do not matter). */
const code = clean(z.string().trim().min(1).max(32));

/**
 * A paired laptop (a client of the primary's vault): answered by that laptop's own main, never
 * forwarded. The primary's Core refuses both, as it is not a client.
 */
export const lanClientChannels = {
  /** Pairs a new laptop with the primary (the address the primary shows and its one-time code). */
  'setup:connect': channel<ConnectResult>()({
    input: z
      .object({
        // An IP address or a host name on the shop's network: no scheme, path or spaces.
        address: z
          .string()
          .trim()
          .min(1)
          .max(253)
          .regex(/^[0-9A-Za-z.:-]+$/),
        port: z.number().int().min(1).max(65_535).optional(),
        code,
        name,
      })
      .strict(),
    permission: 'public',
    writes: true,
  }),
  /** Unpairs this laptop (deletes its pairing); the owner revokes the device on the primary. */
  'lan:forget': channel<null>()({
    input: none,
    permission: 'settings.manage',
    writes: true,
  }),
} as const satisfies ChannelPart;
