import { AppError } from '../../lib/app-error';
import {
  acknowledge,
  briefingStatus,
  briefingText,
  makeQuiz,
  QuizAttempts,
  type QuizItem,
  updateBriefing,
} from '../../services/briefing';
import { sessionOf } from './context';
import type { HandlerDeps } from './deps';

/**
 * The staff briefing. The check's answers never leave main: the questions go out without them,
 * kept per window until answered (a new quiz replaces the old one).
 */
export function registerBriefingHandlers({
  router: r,
  vault,
  clock,
  lifecycle,
}: Pick<HandlerDeps, 'router' | 'vault' | 'clock' | 'lifecycle'>): void {
  const db = () => vault.requireDb();
  const quizzes = new Map<string, QuizItem[]>();
  const attempts = new QuizAttempts(clock);

  r.handle('briefing:get', () => briefingText(db(), lifecycle.language()));
  r.handle('briefing:quiz', (ctx) => {
    attempts.check(db(), sessionOf(ctx).user.id);
    const quiz = makeQuiz(db(), lifecycle.language());
    quizzes.set(ctx.windowId, quiz);
    return { questions: quiz.map((q, id) => ({ id, text: q.text })) };
  });
  r.handle(
    'briefing:answer',
    (ctx, input) => {
      const userId = sessionOf(ctx).user.id;
      const expected = quizzes.get(ctx.windowId);
      if (!expected) throw new AppError('CONFLICT', { reason: 'briefing_no_quiz' });
      quizzes.delete(ctx.windowId);
      // A quiz fetched before the wait began (another window) is not a way round it.
      attempts.check(db(), userId);
      // An answer is "allowed" (true) or "not allowed" (false) for the action asked about.
      const mistakes = expected.flatMap((q, id) =>
        input.answers[id] === q.allowed ? [] : [{ id, text: q.text, allowed: q.allowed, rule: q.rule }],
      );
      const wrong = mistakes.length;
      const { wrongInRow, waitMs } = attempts.answered(db(), userId, wrong === 0);
      Object.assign(ctx.auditDetail, { wrong, wrongInRow, waitSeconds: waitMs / 1000 });
      if (wrong === 0) acknowledge(db(), userId, clock.now());
      // After a failed try the person sees which answers were wrong and the rule behind each.
      return { passed: wrong === 0, wrong, mistakes };
    },
    { action: 'briefing.answer' },
  );
  r.handle(
    'briefing:update',
    (ctx, input) => {
      const result = updateBriefing(db(), input.text, input.months);
      Object.assign(ctx.auditDetail, {
        changed: result.changed,
        version: result.version,
        months: result.months,
      });
      return briefingText(db(), lifecycle.language());
    },
    { action: 'briefing.update' },
  );
  r.handle('briefing:status', () => briefingStatus(db(), clock.now()));
}
