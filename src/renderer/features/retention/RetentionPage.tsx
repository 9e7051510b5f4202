import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RETENTION_LIMITS, type RetentionPolicy } from '../../../shared/domain';
import type { Language } from '../../../shared/language';
import { Button, ErrorBanner, Field, Notice, ProgressBar } from '../../components/ui';
import type { UiError } from '../../lib/client';
import { formatShopDay } from '../../lib/format';
import { useCustomers } from '../customers/customers.store';
import { useSession } from '../session/session.store';
import './retention.css';
import { useRetention } from './retention.store';

const KEYS = ['inactiveMonths', 'consentLapseMonths', 'salesKeepYears', 'keepReviewMonths'] as const;
const LABELS: Record<(typeof KEYS)[number], string> = {
  inactiveMonths: 'inactive',
  consentLapseMonths: 'lapse',
  salesKeepYears: 'sales',
  keepReviewMonths: 'review',
};

/** The owner's deletion page: the rules in plain words, who is due soon, and a purge on demand. */
export function RetentionPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const {
    policy,
    review,
    query,
    progress,
    clockAheadDays,
    load,
    listen,
    setQuery,
    more,
    save,
    purge,
    confirmClock,
  } = useRetention();
  const [draft, setDraft] = useState<Record<string, string> | null>(null);
  const [error, setError] = useState<UiError>(null);
  const [notice, setNotice] = useState<{ text: string; tone: 'ok' | 'warn' } | null>(null);
  // The last purge was held back by a clock ahead: the owner may say the clock is right.
  const [heldBack, setHeldBack] = useState(false);
  const [busy, setBusy] = useState(false);
  const setPage = useSession((s) => s.setPage);
  const openCustomer = useCustomers((s) => s.open);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => listen(), [listen]);

  const shown = draft ?? (policy ? Object.fromEntries(KEYS.map((k) => [k, String(policy[k])])) : null);
  const invalid = (k: (typeof KEYS)[number]) => {
    if (!shown) return false;
    const v = Number(shown[k]);
    const { min, max } = RETENTION_LIMITS[k];
    return Number.isInteger(v) && v >= min && v <= max ? false : t('retention.between', { min, max });
  };
  const serverFields = error?.details?.fields ?? [];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!shown || KEYS.some((k) => invalid(k))) return;
    setBusy(true);
    const r = await save(
      Object.fromEntries(KEYS.map((k) => [k, Number(shown[k])])) as unknown as RetentionPolicy,
    );
    setBusy(false);
    if (r.ok) {
      setDraft(null);
      setError(null);
      setNotice({ text: t('common.saved'), tone: 'ok' });
    } else setError(r.error);
  };

  const runNow = async () => {
    setBusy(true);
    setNotice(null);
    const r = await purge();
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    const text = t('retention.result', {
      erased: r.value.erased,
      lapsed: r.value.consentsLapsed,
      sales: r.value.salesDeleted,
    });
    setHeldBack(r.value.heldBack);
    setNotice(
      r.value.heldBack ? { text: `${text} ${t('retention.heldBack')}`, tone: 'warn' } : { text, tone: 'ok' },
    );
  };

  const clockRight = async () => {
    setBusy(true);
    const r = await confirmClock();
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setHeldBack(false);
    setNotice({ text: t('retention.clockConfirmed'), tone: 'ok' });
  };

  const open = async (id: number) => {
    await openCustomer(id);
    setPage('customers');
  };

  return (
    <section className="page retention">
      <h1>{t('retention.title')}</h1>
      <p className="muted">{t('retention.intro')}</p>
      <ErrorBanner error={error} />
      {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
      {!heldBack && clockAheadDays > 0 && (
        <Notice tone="warn">{t('health.items.deletion.clock', { clockAheadDays })}</Notice>
      )}
      {(heldBack || clockAheadDays > 0) && (
        <div className="actions actions-left">
          <Button busy={busy} title={t('retention.clockRightHelp')} onClick={() => void clockRight()}>
            {t('retention.clockRight')}
          </Button>
          <span className="muted small">{t('retention.clockRightHelp')}</span>
        </div>
      )}
      <div className="retention-grid">
        {shown && (
          <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate>
            <h2>{t('retention.policies')}</h2>
            {KEYS.map((k) => (
              <Field
                key={k}
                label={t(`retention.${LABELS[k]}`)}
                help={t(`retention.${LABELS[k]}Help`)}
                name={k}
                inputMode="numeric"
                value={shown[k]}
                invalid={invalid(k) || (serverFields.includes(k) && ' ')}
                onChange={(e) => setDraft({ ...shown, [k]: e.target.value })}
              />
            ))}
            <div className="actions actions-left">
              <Button type="submit" className="btn-primary" busy={busy} disabled={!draft}>
                {t('retention.save')}
              </Button>
            </div>
          </form>
        )}
        <div className="inline-form">
          <h2>{t('retention.upcoming')}</h2>
          <Field
            label={t('retention.search')}
            type="search"
            value={query}
            onChange={(e) => void setQuery(e.target.value)}
          />
          {review && review.items.length === 0 && <p className="muted">{t('retention.upcomingEmpty')}</p>}
          {review && review.items.length > 0 && (
            <ul className="review-list">
              {review.items.map((item) => (
                <li key={item.id}>
                  <button type="button" onClick={() => void open(item.id)}>
                    <span className="name">{item.name}</span>
                    <span className="mono muted">{item.phone ?? ''}</span>
                    <span className={item.schedule.basis === 'kept' ? 'pill pill-off' : 'pill'}>
                      {t(
                        item.schedule.basis === 'kept'
                          ? 'retention.keptUntil'
                          : item.overdue
                            ? 'retention.overdue'
                            : 'retention.dueOn',
                        { date: formatShopDay(item.schedule.dueAt, lang) },
                      )}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          {review && review.items.length < review.total && (
            <Button className="btn-small" onClick={() => void more()}>
              {t('retention.more')}
            </Button>
          )}
          {progress && (
            <ProgressBar
              done={progress.done}
              total={progress.total}
              label={t(`retention.phase.${progress.phase}`)}
            />
          )}
          <div className="actions actions-left">
            <Button className="btn-danger" busy={busy} onClick={() => void runNow()}>
              {t('retention.runNow')}
            </Button>
          </div>
        </div>
      </div>
    </section>
  );
}
