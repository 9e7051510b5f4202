import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/language';
import { Button, ErrorBanner, Field, Notice, ProgressBar } from '../../components/ui';
import type { UiError } from '../../lib/client';
import { formatDateTime } from '../../lib/format';
import './backups.css';
import { useBackups } from './backups.store';
import { RestoreForm } from './RestoreForm';
import { verifyProblemKey } from './verify-problem';

/** The owner's backups: enable once with the recovery code, back up now, verify a file, restore. */
export function BackupsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { status, progress, load, listen, enable, create, verify, schedule } = useBackups();
  const [plan, setPlan] = useState<{ auto: boolean; keepDaily: string; keepWeekly: string } | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<UiError>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [restoring, setRestoring] = useState(false);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => listen(), [listen]);
  // The form shows the saved schedule until the owner edits it.
  const shown =
    plan ??
    (status
      ? { auto: status.auto, keepDaily: String(status.keepDaily), keepWeekly: String(status.keepWeekly) }
      : null);

  const saveSchedule = (e: FormEvent) => {
    e.preventDefault();
    if (!plan) return;
    void run(
      () =>
        schedule({ auto: plan.auto, keepDaily: Number(plan.keepDaily), keepWeekly: Number(plan.keepWeekly) }),
      () => t('common.saved'),
    );
  };

  const run = async <T,>(
    work: () => Promise<{ ok: true; value: T } | { ok: false; error: NonNullable<UiError> }>,
    done: (v: T) => string,
  ) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    const r = await work();
    setBusy(false);
    if (r.ok) setNotice(done(r.value));
    else if (r.error.code !== 'CANCELLED') setError(r.error);
  };

  // A damaged file is an answer, not a failed call: shown as a warning, never as success.
  const checkFile = async () => {
    setBusy(true);
    setError(null);
    setNotice(null);
    const r = await verify();
    setBusy(false);
    if (!r.ok) {
      if (r.error.code !== 'CANCELLED') setError(r.error);
    } else if (r.value.ok) {
      setNotice(t('backups.verifyOk', { file: r.value.file, count: r.value.manifest?.customers ?? 0 }));
    } else {
      setError({ code: 'CORRUPT', message: t(verifyProblemKey(r.value.problem), { file: r.value.file }) });
    }
  };

  const submitEnable = (e: FormEvent) => {
    e.preventDefault();
    void run(
      () => enable(code),
      () => {
        setCode('');
        return t('backups.enabled');
      },
    );
  };

  if (restoring)
    return (
      <section className="page backups">
        <RestoreForm fresh={false} onCancel={() => setRestoring(false)} />
      </section>
    );

  return (
    <section className="page backups">
      <h1>{t('backups.title')}</h1>
      <p className="muted">{t('backups.intro')}</p>
      <p className="muted small">{t('retention.backupsNote')}</p>
      <ErrorBanner error={error} />
      {notice && <Notice tone="ok">{notice}</Notice>}
      {status && !status.enabled && (
        <form className="inline-form" onSubmit={submitEnable}>
          <h2>{t('backups.enableTitle')}</h2>
          <p className="muted small">{t('backups.enableIntro')}</p>
          <Field
            label={t('recover.code')}
            value={code}
            className="mono"
            autoComplete="off"
            onChange={(e) => setCode(e.target.value)}
          />
          <div className="actions actions-left">
            <Button type="submit" className="btn-primary" disabled={busy || !code.trim()}>
              {t('backups.enable')}
            </Button>
          </div>
        </form>
      )}
      {status?.enabled && (
        <div className="inline-form wide">
          <dl className="facts">
            <dt>{t('backups.folder')}</dt>
            <dd className="mono">{status.folder ?? t('common.none')}</dd>
            <dt>{t('backups.last')}</dt>
            <dd>{status.lastBackupAt ? formatDateTime(status.lastBackupAt, lang) : t('backups.never')}</dd>
            <dt>{t('backups.lastVerified')}</dt>
            <dd>
              {status.lastVerifiedAt ? formatDateTime(status.lastVerifiedAt, lang) : t('backups.never')}
            </dd>
          </dl>
          {progress && (
            <ProgressBar
              done={progress.done}
              total={progress.total}
              label={t(`backups.phase.${progress.phase}`)}
            />
          )}
          <div className="actions actions-left">
            <Button
              className="btn-primary"
              disabled={busy}
              onClick={() =>
                void run(
                  () => create(false),
                  (v) => t('backups.done', { file: v.file, count: v.customers }),
                )
              }
            >
              {t('backups.now')}
            </Button>
            <Button
              disabled={busy}
              onClick={() =>
                void run(
                  () => create(true),
                  (v) => t('backups.done', { file: v.file, count: v.customers }),
                )
              }
            >
              {t('backups.otherFolder')}
            </Button>
            <Button disabled={busy} onClick={() => void checkFile()}>
              {t('backups.verify')}
            </Button>
            <Button className="btn-danger" disabled={busy} onClick={() => setRestoring(true)}>
              {t('backups.restore')}
            </Button>
          </div>
        </div>
      )}
      {status?.enabled && shown && (
        <form className="inline-form wide" onSubmit={saveSchedule}>
          <label className="check">
            <input
              type="checkbox"
              checked={shown.auto}
              onChange={(e) => setPlan({ ...shown, auto: e.target.checked })}
            />
            {t('backups.auto')}
          </label>
          {/* Ticked from "Aktifkan" on, but the daily backup needs the folder the first one picks. */}
          {shown.auto && !status.folder && <p className="muted small">{t('backups.autoNeedsFolder')}</p>}
          <div className="row">
            <Field
              label={t('backups.keepDaily')}
              inputMode="numeric"
              value={shown.keepDaily}
              onChange={(e) => setPlan({ ...shown, keepDaily: e.target.value })}
            />
            <Field
              label={t('backups.keepWeekly')}
              inputMode="numeric"
              value={shown.keepWeekly}
              onChange={(e) => setPlan({ ...shown, keepWeekly: e.target.value })}
            />
          </div>
          <div className="actions actions-left">
            <Button type="submit" disabled={busy}>
              {t('backups.saveSchedule')}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
