import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBanner, Field, FormActions, Notice } from '../../components/ui';
import { errorFields, type UiError } from '../../lib/client';
import { useBackups } from './backups.store';

/**
 * Restore from a backup file: the recovery code opens it, and the owner sets a new PIN. Used on
 * the backups page (replacing this vault) and by the setup wizard (a new laptop).
 */
export function RestoreForm({ fresh, onCancel }: { fresh: boolean; onCancel(): void }) {
  const { t } = useTranslation();
  const restore = useBackups((s) => s.restore);
  const [code, setCode] = useState('');
  const [newPin, setNewPin] = useState('');
  const [newPinConfirm, setNewPinConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError>(null);
  const bad = errorFields(error);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await restore({ code, newPin, newPinConfirm }, fresh);
    setBusy(false);
    if (!r.ok && r.error.code !== 'CANCELLED') setError(r.error);
  };

  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)}>
      <h2>{t('backups.restoreTitle')}</h2>
      <Notice tone="warn">{fresh ? t('backups.restoreFreshNote') : t('backups.restoreNote')}</Notice>
      <ErrorBanner error={error} />
      <Field
        label={t('recover.code')}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        autoComplete="off"
        className="mono"
        invalid={bad.includes('code') && ' '}
      />
      <Field
        label={t('recover.newPin')}
        type="password"
        value={newPin}
        onChange={(e) => setNewPin(e.target.value)}
        invalid={bad.includes('newPin') && ' '}
      />
      <Field
        label={t('recover.newPinConfirm')}
        type="password"
        value={newPinConfirm}
        onChange={(e) => setNewPinConfirm(e.target.value)}
        invalid={bad.includes('newPinConfirm') && ' '}
      />
      <FormActions
        onBack={onCancel}
        backLabel={t('common.back')}
        submitLabel={t('backups.restoreSubmit')}
        busy={busy}
      />
    </form>
  );
}
