import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { checkPin } from '../../../shared/pin-policy';
import { Button, ErrorBanner, Field, Notice } from '../../components/ui';
import { errorFields, type UiError } from '../../lib/client';
import { useSession } from '../session/session.store';

/** Used both as the forced first-login screen and inside Settings. */
export function ChangePin({ forced = false }: { forced?: boolean }) {
  const { t } = useTranslation();
  const { status, changePin, lock } = useSession();
  const [currentPin, setCurrent] = useState('');
  const [newPin, setNewPin] = useState('');
  const [newPinConfirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError>(null);
  const [done, setDone] = useState(false);
  const [touched, setTouched] = useState(false);
  const isOwner = status?.user?.role === 'owner';
  const problem = checkPin(newPin, isOwner, currentPin || undefined);
  const bad = errorFields(error);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (problem || newPin !== newPinConfirm) return;
    setBusy(true);
    setError(null);
    const r = await changePin({ currentPin, newPin, newPinConfirm }, forced);
    setBusy(false);
    setCurrent('');
    if (!r.ok) return setError(r.error);
    setNewPin('');
    setConfirm('');
    setTouched(false);
    setDone(true);
  };

  const form = (
    <form className={forced ? 'card' : ''} onSubmit={(e) => void submit(e)}>
      {forced ? <h1>{t('changePin.title')}</h1> : <h2>{t('changePin.title')}</h2>}
      {forced && <Notice tone="warn">{t('changePin.forced')}</Notice>}
      {done && !forced && <Notice tone="ok">{t('changePin.done')}</Notice>}
      <ErrorBanner error={error} />
      <Field
        label={t('changePin.current')}
        name="currentPin"
        type="password"
        inputMode="numeric"
        autoComplete="current-password"
        value={currentPin}
        autoFocus={forced}
        onChange={(e) => setCurrent(e.target.value)}
        invalid={bad.includes('currentPin') && ' '}
      />
      <Field
        label={t('changePin.next')}
        name="newPin"
        type="password"
        inputMode="numeric"
        autoComplete="new-password"
        value={newPin}
        onChange={(e) => setNewPin(e.target.value)}
        invalid={touched && problem !== null && t(`pinWeak.${problem}`)}
      />
      <Field
        label={t('changePin.confirm')}
        name="newPinConfirm"
        type="password"
        inputMode="numeric"
        autoComplete="new-password"
        value={newPinConfirm}
        onChange={(e) => setConfirm(e.target.value)}
        invalid={touched && newPin !== newPinConfirm && t('pinWeak.mismatch')}
      />
      <div className="actions">
        {forced && (
          <Button type="button" className="btn-ghost" onClick={() => void lock()}>
            {t('nav.lock')}
          </Button>
        )}
        <Button type="submit" className="btn-primary" busy={busy}>
          {t('changePin.submit')}
        </Button>
      </div>
    </form>
  );
  return forced ? <main className="center-screen">{form}</main> : form;
}
