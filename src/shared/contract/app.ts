import { z } from 'zod';
import type { AppStatus, LockScreenUser, SessionUser, SetupResult } from '../domain/app';
import { LANGUAGES } from '../language';
import { channel, clean, id, name, noLink, none, pin, type ChannelPart } from './channel';

/** The app itself, setting it up, and logging in and out. */
export const appChannels = {
  'app:status': channel<AppStatus>()({
    input: none,
    permission: 'public',
    writes: false,
    allowedWhile: ['pinChange', 'recoveryUnconfirmed'],
  }),
  'app:setLanguage': channel<null>()({
    input: z.object({ language: z.enum(LANGUAGES) }).strict(),
    permission: 'public',
    writes: true,
    allowedWhile: ['pinChange', 'recoveryUnconfirmed'],
  }),

  'setup:create': channel<SetupResult>()({
    primaryOnly: true,
    input: z.object({ shopName: noLink(name), ownerName: name, pin, pinConfirm: pin }).strict(),
    permission: 'public',
    writes: true,
  }),
  /** The code again, while unconfirmed (a crash after setup must not leave an unseen code). */
  'setup:recoveryCode': channel<SetupResult>()({
    primaryOnly: true,
    input: none,
    permission: 'settings.manage',
    writes: true,
    allowedWhile: ['recoveryUnconfirmed'],
  }),
  'setup:confirmRecovery': channel<null>()({
    primaryOnly: true,
    input: z
      .object({
        answers: z
          .array(z.object({ group: z.number().int().min(1).max(6), value: clean(z.string().max(16)) }))
          .min(1)
          .max(6),
      })
      .strict(),
    permission: 'settings.manage',
    writes: true,
    allowedWhile: ['recoveryUnconfirmed'],
  }),
  'setup:printRecoveryCard': channel<{ saved: boolean }>()({
    primaryOnly: true,
    input: none,
    permission: 'settings.manage',
    writes: true,
    allowedWhile: ['recoveryUnconfirmed'],
  }),

  'auth:users': channel<LockScreenUser[]>()({
    input: none,
    permission: 'public',
    writes: false,
    allowedWhile: ['pinChange', 'recoveryUnconfirmed'],
  }),
  'auth:unlock': channel<SessionUser>()({
    input: z.object({ userId: id, pin }).strict(),
    permission: 'public',
    writes: true,
  }),
  'auth:recoverOwner': channel<SessionUser>()({
    primaryOnly: true,
    input: z
      .object({
        code: clean(z.string().min(1).max(64)),
        newPin: pin,
        newPinConfirm: pin,
        // The owner's explicit, warned choice to keep the device secret without the OS keystore
        // (only asked for when the keystore that protected it is unavailable).
        allowUnprotected: z.boolean().optional(),
      })
      .strict(),
    permission: 'public',
    writes: true,
  }),
  'auth:lock': channel<null>()({
    input: none,
    permission: 'public',
    writes: false,
    allowedWhile: ['pinChange', 'recoveryUnconfirmed'],
  }),
  'auth:touch': channel<null>()({
    input: none,
    permission: 'session',
    writes: false,
    allowedWhile: ['pinChange', 'recoveryUnconfirmed'],
  }),
  'auth:changePin': channel<SessionUser>()({
    input: z.object({ currentPin: pin, newPin: pin, newPinConfirm: pin }).strict(),
    permission: 'session',
    writes: true,
    allowedWhile: ['pinChange'],
  }),
} as const satisfies ChannelPart;
