import { create } from 'zustand';
import type { BriefingMistake, BriefingStatus, BriefingText } from '../../../shared/domain';
import type { Result } from '../../../shared/errors';
import { afterOk, call } from '../../lib/client';
import { useSession } from '../session/session.store';

interface BriefingState {
  text(): Promise<Result<BriefingText>>;
  quiz(): Promise<Result<{ questions: { id: number; text: string }[] }>>;
  /** Main checks the answers (true: the action is allowed); a pass clears the banner. */
  answer(
    answers: boolean[],
  ): Promise<Result<{ passed: boolean; wrong: number; mistakes: BriefingMistake[] }>>;
  update(text: string, months: number): Promise<Result<BriefingText>>;
  status(): Promise<Result<BriefingStatus[]>>;
}

const refresh = () => useSession.getState().refresh();

export const useBriefing = create<BriefingState>(() => ({
  text: () => call('briefing:get', {}),
  quiz: () => call('briefing:quiz', {}),
  answer: (answers) => afterOk(call('briefing:answer', { answers }), refresh),
  update: (text, months) => afterOk(call('briefing:update', { text, months }), refresh),
  status: () => call('briefing:status', {}),
}));
