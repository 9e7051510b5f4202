import { z } from 'zod';
import type { UserRow } from '../domain/app';
import { channel, id, name, none, pin, type ChannelPart } from './channel';

/** The shop's staff: the owner adds cashiers, resets their PINs and disables them. */
export const usersChannels = {
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
} as const satisfies ChannelPart;
