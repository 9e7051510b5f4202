import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RecoveryFields, type RecoveryValues } from '../../components/RecoveryFields';
import { ErrorBanner, FormActions, Notice } from '../../components/ui';
import { errorFields, type UiError } from '../../lib/client';
import { useSession } from '../session/session.store';

export function RecoverOwner({ onCancel }: { onCancel(): void }) {
  const { t } = useTranslation();
  const recoverOwner = useSession((s) => s.recoverOwner);
  const [values, setValues] = useState<RecoveryValues>({ code: '', newPin: '', newPinConfirm: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError>(null);
  // Offered only after main says the keystore that protected the device key is unavailable.
  const [keystoreDown, setKeystoreDown] = useState(false);
  const [allowUnprotected, setAllowUnprotected] = useState(false);
  const bad = errorFields(error);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await recoverOwner({ ...values, ...(allowUnprotected ? { allowUnprotected: true } : {}) });
    setBusy(false);
    if (!r.ok) {
      if (r.error.code === 'KEYSTORE_UNAVAILABLE') setKeystoreDown(true);
      setError(r.error);
    }
  };

  return (
    <main className="center-screen">
      <form className="card" onSubmit={(e) => void submit(e)}>
        <h1>{t('recover.title')}</h1>
        <p>{t('recover.intro')}</p>
        <ErrorBanner error={error} />
        <RecoveryFields values={values} onChange={setValues} bad={bad} autoFocus />
        {keystoreDown && (
          <Notice tone="warn">
            <strong>{t('recover.keystoreTitle')}</strong>
            <p>{t('recover.keystoreRetry')}</p>
            <label className="check">
              <input
                type="checkbox"
                name="allowUnprotected"
                checked={allowUnprotected}
                onChange={(e) => setAllowUnprotected(e.target.checked)}
              />
              {t('recover.allowUnprotected')}
            </label>
          </Notice>
        )}
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
