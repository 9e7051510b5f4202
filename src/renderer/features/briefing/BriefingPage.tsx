import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BriefingMistake, BriefingText } from '../../../shared/domain';
import { Button, ErrorBanner, Notice } from '../../components/ui';
import type { UiError } from '../../lib/client';
import { useSession } from '../session/session.store';
import { useBriefing } from './briefing.store';
import './briefing.css';

/**
 * The shop's data rules, then a five-question check about actions (three from the rules, two
 * wrong practices): each is answered "Boleh" or "Tidak boleh". Main keeps the answers and records
 * a pass; after a failed try it says which answers were wrong, the right one and the rule.
 */
export function BriefingPage({ forced = false }: { forced?: boolean }) {
  const { t } = useTranslation();
  const { text, quiz, answer } = useBriefing();
  const lock = useSession((s) => s.lock);
  const [briefing, setBriefing] = useState<BriefingText | null>(null);
  const [questions, setQuestions] = useState<{ id: number; text: string }[] | null>(null);
  const [answers, setAnswers] = useState<(boolean | null)[]>([]);
  const [result, setResult] = useState<{
    passed: boolean;
    wrong: number;
    mistakes: BriefingMistake[];
  } | null>(null);
  const [error, setError] = useState<UiError>(null);

  useEffect(() => {
    void text().then((r) => (r.ok ? setBriefing(r.value) : setError(r.error)));
  }, [text]);

  const start = async () => {
    setResult(null);
    const r = await quiz();
    if (!r.ok) return setError(r.error);
    setQuestions(r.value.questions);
    setAnswers(r.value.questions.map(() => null));
  };
  const submit = async () => {
    const r = await answer(answers.map((a) => a === true));
    if (!r.ok) return setError(r.error);
    setResult(r.value);
    setQuestions(null);
  };

  const page = (
    <section className={forced ? 'card briefing' : 'page briefing'}>
      <h1>{t('briefing.title')}</h1>
      {forced && <p className="muted">{t('briefing.forced')}</p>}
      <ErrorBanner error={error} />
      {/* The rules are put away while the questions are answered. */}
      {briefing && !questions && (
        <ol className="briefing-rules" data-testid="briefing-rules">
          {briefing.rules.map((rule, i) => (
            <li key={i}>{rule}</li>
          ))}
        </ol>
      )}
      {result?.passed && <Notice tone="ok">{t('briefing.passed')}</Notice>}
      {result && !result.passed && (
        <div className="briefing-mistakes" data-testid="briefing-mistakes">
          <Notice tone="warn">{t('briefing.failed', { count: result.wrong })}</Notice>
          <p>{t('briefing.mistakes')}</p>
          <ul>
            {result.mistakes.map((m) => (
              <li key={m.id}>
                <strong>{m.text}</strong>{' '}
                {t('briefing.rightAnswer', {
                  answer: m.allowed ? t('briefing.allowed') : t('briefing.notAllowed'),
                })}
                <small className="block muted">{t('briefing.theRule', { rule: m.rule })}</small>
              </li>
            ))}
          </ul>
        </div>
      )}
      {!questions && !result?.passed && (
        <Button className="btn-primary" onClick={() => void start()}>
          {t('briefing.start')}
        </Button>
      )}
      {questions && (
        <div className="briefing-quiz">
          <p className="muted">{t('briefing.quizHelp')}</p>
          <ol>
            {questions.map((q, i) => (
              <li key={q.id}>
                <p>{q.text}</p>
                <div className="lang-switch" role="group" aria-label={q.text}>
                  {[true, false].map((v) => (
                    <button
                      key={String(v)}
                      type="button"
                      className={answers[i] === v ? 'active' : ''}
                      aria-pressed={answers[i] === v}
                      onClick={() => setAnswers(answers.map((a, j) => (j === i ? v : a)))}
                    >
                      {v ? t('briefing.allowed') : t('briefing.notAllowed')}
                    </button>
                  ))}
                </div>
              </li>
            ))}
          </ol>
          <Button
            className="btn-primary"
            disabled={answers.some((a) => a === null)}
            onClick={() => void submit()}
          >
            {t('briefing.submit')}
          </Button>
        </div>
      )}
      {/* Nothing else is open to someone whose briefing is due, but they can always step away
          (as from the forced PIN change): the next person logs in. */}
      {forced && (
        <div className="actions">
          <Button type="button" className="btn-ghost" onClick={() => void lock()}>
            {t('nav.lock')}
          </Button>
        </div>
      )}
    </section>
  );
  // At login it is a screen of its own, like the forced PIN change.
  return forced ? <main className="center-screen">{page}</main> : page;
}
