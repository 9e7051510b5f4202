import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RecoveryFields, type RecoveryValues } from '../../components/RecoveryFields';
import { ErrorBanner, FormActions, Notice } from '../../components/ui';
import { errorFields, type UiError } from '../../lib/client';
import type { ChannelOutput } from '../../../shared/contract';
import type { Language } from '../../../shared/language';
import type { RestorePreview } from '../../../shared/domain';
import { formatDateTime } from '../../lib/format';
import { useBackups } from './backups.store';
import { verifyProblemKey } from './verify-problem';

/**
 * Restore from a backup file: the recovery code opens it, and the owner sets a new PIN. Used on
 * the backups page (replacing this vault) and by the setup wizard (a new laptop).
 */
export function RestoreForm({ fresh, onCancel }: { fresh: boolean; onCancel(): void }) {
  const { t, i18n } = useTranslation();
  const { restore, verify } = useBackups();
  // The owner first picks and verifies the file and sees what it holds; a new laptop cannot
  // verify before it has a vault, so it restores in one step.
  const [checked, setChecked] = useState<ChannelOutput<'backups:verify'> | null>(null);
  const [values, setValues] = useState<RecoveryValues>({ code: '', newPin: '', newPinConfirm: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError>(null);
  // Main refused a code a key rotation retired: the owner may go on, and gets a fresh code.
  const [retired, setRetired] = useState(false);
  const [acceptRetired, setAcceptRetired] = useState(false);
  const bad = errorFields(error);

  const check = async () => {
    setBusy(true);
    setError(null);
    const r = await verify(values.code);
    setBusy(false);
    if (!r.ok) {
      if (r.error.code !== 'CANCELLED') setError(r.error);
    } else if (!r.value.ok) {
      setError({ code: 'CORRUPT', message: t(verifyProblemKey(r.value.problem), { file: r.value.file }) });
    } else setChecked(r.value);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!fresh && !checked) return void check();
    setBusy(true);
    setError(null);
    const r = await restore({ ...values, ...(acceptRetired ? { acceptRetiredCode: true } : {}) }, fresh);
    setBusy(false);
    if (!r.ok && r.error.code !== 'CANCELLED') {
      setError(r.error);
      if (r.error.details?.reason === 'retired_code') setRetired(true);
    }
  };

  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)}>
      {/* The form is the whole page wherever it shows (backups page or setup): its title is the h1. */}
      <h1>{t('backups.restoreTitle')}</h1>
      <Notice tone="warn">{fresh ? t('backups.restoreFreshNote') : t('backups.restoreNote')}</Notice>
      <ErrorBanner error={error} />
      <RecoveryFields values={values} onChange={setValues} bad={bad} />
      {retired && (
        <label className="check">
          <input
            type="checkbox"
            name="acceptRetiredCode"
            checked={acceptRetired}
            onChange={(e) => setAcceptRetired(e.target.checked)}
          />
          {t('backups.acceptRetiredCode')}
        </label>
      )}
      {checked?.manifest && (
        <Notice tone="info">
          {t('backups.restoreWhat', {
            file: checked.file,
            shop: checked.manifest.shopName,
            when: formatDateTime(checked.manifest.createdAt, i18n.language as Language),
            customers: checked.manifest.customers,
            purchases: checked.manifest.purchases,
          })}
        </Notice>
      )}
      {checked?.restorePreview && <RestorePreviewNotice preview={checked.restorePreview} />}
      {/* Never silence: the owner hears that this file could not be compared, not nothing. */}
      {checked && !checked.restorePreview && <Notice tone="warn">{t('backups.restoreCannotCompare')}</Notice>}
      <FormActions
        onBack={onCancel}
        backLabel={t('common.back')}
        submitLabel={
          fresh ? t('backups.restoreFresh') : checked ? t('backups.restoreSubmit') : t('backups.restoreCheck')
        }
        busy={busy}
      />
    </form>
  );
}

/**
 * Before the owner confirms: what the restore takes back (made since the backup) and which
 * decisions made since the backup it applies again, as counts from main.
 */
function RestorePreviewNotice({ preview }: { preview: RestorePreview }) {
  const { t } = useTranslation();
  const undoes = (Object.keys(preview.undoes) as (keyof RestorePreview['undoes'])[]).filter(
    (k) => preview.undoes[k] > 0,
  );
  const reapplies = (Object.keys(preview.reapplies) as (keyof RestorePreview['reapplies'])[]).filter(
    (k) => preview.reapplies[k] > 0 && k !== 'auditEntries',
  );
  return (
    <Notice tone="warn">
      <p>{t('backups.restoreUndoes')}</p>
      {undoes.length ? (
        <ul>
          {undoes.map((k) => (
            <li key={k}>{t(`backups.undoes.${k}`, { count: preview.undoes[k] })}</li>
          ))}
        </ul>
      ) : (
        <p>{t('backups.restoreUndoesNothing')}</p>
      )}
      <p>{t('backups.restoreReapplies')}</p>
      <ul>
        {reapplies.length === 0 && <li>{t('backups.restoreReappliesNothing')}</li>}
        {reapplies.map((k) => (
          <li key={k}>{t(`backups.reapplies.${k}`, { count: preview.reapplies[k] })}</li>
        ))}
        <li>{t('backups.reapplies.auditEntries', { count: preview.reapplies.auditEntries })}</li>
      </ul>
    </Notice>
  );
}
