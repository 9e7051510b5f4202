import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ErrorBanner, Field, Notice } from '../../components/ui';
import { call, type UiError } from '../../lib/client';
import { ChangePin } from '../account/ChangePin';
import { useSession } from '../session/session.store';

export function SettingsPage() {
  const { t } = useTranslation();
  const status = useSession((s) => s.status);
  const isOwner = status?.user?.role === 'owner';
  const [minutes, setMinutes] = useState('5');
  const [error, setError] = useState<UiError>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    void call('settings:get', {}).then((r) => r.ok && setMinutes(String(r.value.autoLockMinutes)));
  }, []);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const r = await call('settings:update', { autoLockMinutes: Number(minutes) });
    if (r.ok) {
      setError(null);
      setSaved(true);
    } else setError(r.error);
  };

  return (
    <section className="page settings">
      <h1>{t('settings.title')}</h1>
      {isOwner && (
        <form className="inline-form" onSubmit={(e) => void save(e)}>
          <ErrorBanner error={error} />
          {saved && <Notice tone="ok">{t('common.saved')}</Notice>}
          <Field
            label={t('settings.autoLock')}
            name="autoLockMinutes"
            type="number"
            min={1}
            max={120}
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
          />
          <div className="actions actions-left">
            <Button type="submit" className="btn-primary">
              {t('common.save')}
            </Button>
          </div>
        </form>
      )}
      {status && (
        <div className="inline-form">
          <h2>{t('settings.keystore')}</h2>
          <Notice tone={status.keystoreProtected ? 'ok' : 'warn'}>
            {status.keystoreProtected
              ? t('settings.keystoreOk', { backend: status.keystoreBackend })
              : t('settings.keystoreWeak', { backend: status.keystoreBackend })}
          </Notice>
        </div>
      )}
      <div className="inline-form">
        <ChangePin />
      </div>
    </section>
  );
}
