import { z } from 'zod';
import type { BriefingMistake, BriefingStatus, BriefingText } from '../domain/briefing';
import { channel, none, text, type ChannelPart } from './channel';

export const briefingChannels = {
  // Staff briefing: everyone reads and passes the check; the owner edits and sees who is current.
  'briefing:get': channel<BriefingText>()({
    input: none,
    permission: 'session',
    writes: false,
    allowedWhile: ['briefing'],
  }),
  'briefing:quiz': channel<{ questions: { id: number; text: string }[] }>()({
    input: none,
    permission: 'session',
    writes: false,
    allowedWhile: ['briefing'],
  }),
  'briefing:answer': channel<{ passed: boolean; wrong: number; mistakes: BriefingMistake[] }>()({
    input: z.object({ answers: z.array(z.boolean()).length(5) }).strict(),
    permission: 'session',
    writes: true,
    allowedWhile: ['briefing'],
  }),
  'briefing:update': channel<BriefingText>()({
    input: z.object({ text: text(3000, true), months: z.number().int().min(1).max(24) }).strict(),
    permission: 'settings.manage',
    writes: true,
  }),
  'briefing:status': channel<BriefingStatus[]>()({ input: none, permission: 'users.manage', writes: false }),
} as const satisfies ChannelPart;
