import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../shared/domain';
import type { Language } from '../../../shared/language';
import { Button, ErrorBanner, Field, Notice } from '../../components/ui';
import type { UiError } from '../../lib/client';
import { formatShopDay } from '../../lib/format';
import { useCustomers } from './customers.store';

/** Shortest written reason main accepts for keeping a customer past the date. */
const MIN_REASON = 10;

/**
 * The customer's deletion schedule: when and why (everyone sees it); for the owner, keeping past
 * the date with a written reason, and erasing now after a confirmation that says what goes and
 * what stays.
 */
export function DeletionPanel({ customer, isOwner }: { customer: Customer; isOwner: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { keep, erase } = useCustomers();
  const [mode, setMode] = useState<'none' | 'keep' | 'erase'>('none');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<UiError>(null);
  const [busy, setBusy] = useState(false);
  const opened = useRef<HTMLDivElement>(null);
  const d = customer.deletion;

  // The pane scrolls: bring the keep form or the confirmation into view, focus its first control
  // (Cancel for erasing, so Enter never erases by accident).
  useEffect(() => {
    if (mode === 'none') return;
    opened.current?.scrollIntoView({ block: 'nearest' });
    opened.current?.querySelector<HTMLElement>('textarea, button')?.focus();
  }, [mode]);
  const date = formatShopDay(d.dueAt, lang);

  const act = async (work: () => Promise<{ ok: boolean; error?: UiError }>) => {
    setBusy(true);
    const r = await work();
    setBusy(false);
    if (r.ok) {
      setMode('none');
      setReason('');
      setError(null);
    } else setError(r.error ?? null);
  };

  const submitKeep = (e: FormEvent) => {
    e.preventDefault();
    void act(() => keep(reason.trim()));
  };

  return (
    <section className="deletion" aria-labelledby={`deletion-${customer.id}`}>
      <h3 id={`deletion-${customer.id}`}>{t('deletion.title')}</h3>
      <p>
        {d.basis === 'kept'
          ? t('deletion.kept', { date })
          : t('deletion.due', { date, months: d.inactiveMonths })}
      </p>
      {d.keepReason && (
        <p className="muted small">
          {t('deletion.keepReason')}: <span className="pre">{d.keepReason}</span>
        </p>
      )}
      {customer.erasedBefore !== null && (
        <Notice tone="warn">
          {t('deletion.erasedBefore', { date: formatShopDay(customer.erasedBefore, lang) })}
        </Notice>
      )}
      <ErrorBanner error={error} />
      {isOwner && mode === 'none' && (
        <div className="actions actions-left">
          <Button className="btn-small" onClick={() => setMode('keep')}>
            {t('deletion.keep')}
          </Button>
          <Button className="btn-small btn-danger" onClick={() => setMode('erase')}>
            {t('deletion.erase')}
          </Button>
        </div>
      )}
      <div ref={opened}>
        {isOwner && mode === 'keep' && (
          <form className="inline-form" onSubmit={submitKeep}>
            <Field
              label={t('deletion.keepReasonLabel')}
              help={t('deletion.keepHelp')}
              multiline
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
            <div className="actions actions-left">
              <Button type="button" className="btn-ghost btn-small" onClick={() => setMode('none')}>
                {t('common.cancel')}
              </Button>
              <Button
                type="submit"
                className="btn-primary btn-small"
                busy={busy}
                disabled={reason.trim().length < MIN_REASON}
              >
                {t('deletion.keepSubmit')}
              </Button>
            </div>
          </form>
        )}
        {isOwner && mode === 'erase' && (
          <div
            className="banner banner-warn confirm erase-confirm"
            role="alertdialog"
            aria-label={t('deletion.erase')}
          >
            <div>
              <strong>{t('deletion.confirmTitle', { name: customer.name })}</strong>
              <p>{t('deletion.confirmGone')}</p>
              <p>{t('deletion.confirmKept')}</p>
            </div>
            <div className="actions actions-left">
              <Button className="btn-ghost btn-small" onClick={() => setMode('none')}>
                {t('common.cancel')}
              </Button>
              <Button className="btn-danger btn-small" busy={busy} onClick={() => void act(erase)}>
                {t('deletion.eraseSubmit')}
              </Button>
            </div>
          </div>
        )}
      </div>
    </section>
  );
}
