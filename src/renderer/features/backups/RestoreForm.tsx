import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RecoveryFields, type RecoveryValues } from '../../components/RecoveryFields';
import { ErrorBanner, FormActions, Notice } from '../../components/ui';
import { errorFields, type UiError } from '../../lib/client';
import { useBackups } from './backups.store';

/**
 * Restore from a backup file: the recovery code opens it, and the owner sets a new PIN. Used on
 * the backups page (replacing this vault) and by the setup wizard (a new laptop).
 */
export function RestoreForm({ fresh, onCancel }: { fresh: boolean; onCancel(): void }) {
  const { t } = useTranslation();
  const restore = useBackups((s) => s.restore);
  const [values, setValues] = useState<RecoveryValues>({ code: '', newPin: '', newPinConfirm: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError>(null);
  const bad = errorFields(error);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await restore(values, fresh);
    setBusy(false);
    if (!r.ok && r.error.code !== 'CANCELLED') setError(r.error);
  };

  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)}>
      <h2>{t('backups.restoreTitle')}</h2>
      <Notice tone="warn">{fresh ? t('backups.restoreFreshNote') : t('backups.restoreNote')}</Notice>
      <ErrorBanner error={error} />
      <RecoveryFields values={values} onChange={setValues} bad={bad} />
      <FormActions
        onBack={onCancel}
        backLabel={t('common.back')}
        submitLabel={t('backups.restoreSubmit')}
        busy={busy}
      />
    </form>
  );
}
