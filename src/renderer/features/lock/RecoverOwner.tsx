import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBanner, Field, FormActions } from '../../components/ui';
import { call, errorFields, type UiError } from '../../lib/client';
import { useSession } from '../session/session.store';

export function RecoverOwner({ onCancel }: { onCancel(): void }) {
  const { t } = useTranslation();
  const setUser = useSession((s) => s.setUser);
  const [code, setCode] = useState('');
  const [newPin, setNewPin] = useState('');
  const [newPinConfirm, setNewPinConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError>(null);
  const bad = errorFields(error);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await call('auth:recoverOwner', { code, newPin, newPinConfirm });
    setBusy(false);
    if (r.ok) await setUser(r.value);
    else setError(r.error);
  };

  return (
    <main className="center-screen">
      <form className="card" onSubmit={(e) => void submit(e)}>
        <h1>{t('recover.title')}</h1>
        <p>{t('recover.intro')}</p>
        <ErrorBanner error={error} />
        <Field
          label={t('recover.code')}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoComplete="off"
          className="mono"
          invalid={bad.includes('code') && ' '}
          autoFocus
        />
        <Field
          label={t('recover.newPin')}
          type="password"
          value={newPin}
          onChange={(e) => setNewPin(e.target.value)}
          invalid={bad.includes('pin') && ' '}
        />
        <Field
          label={t('recover.newPinConfirm')}
          type="password"
          value={newPinConfirm}
          onChange={(e) => setNewPinConfirm(e.target.value)}
          invalid={bad.includes('pinConfirm') && ' '}
        />
        <FormActions
          onBack={onCancel}
          backLabel={t('common.back')}
          submitLabel={t('recover.submit')}
          busy={busy}
        />
      </form>
    </main>
  );
}
