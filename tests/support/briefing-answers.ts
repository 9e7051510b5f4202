import { ruleQuestions, wrongPractices } from '../../src/main/services/briefing';
import type { Language } from '../../src/shared/language';

/**
 * The answers of someone who learned the rules shown to them, for helpers that only need to get
 * past the check (the briefing's own tests write their answers out by hand): each action asked
 * about is looked up among the questions the shown rules make and the wrong practices.
 */
export function briefingAnswers(
  rules: string[],
  questions: { text: string }[],
  lang: Language = 'id',
): boolean[] {
  const key = new Map(
    [...ruleQuestions(rules, lang), ...wrongPractices(lang)].map((q) => [q.text, q.allowed]),
  );
  return questions.map((q) => {
    const allowed = key.get(q.text);
    if (allowed === undefined) throw new Error(`not a question of these rules: ${q.text}`);
    return allowed;
  });
}
