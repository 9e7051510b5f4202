import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBanner, Field, FormActions, Notice } from '../../components/ui';
import { fieldMessage, type UiError } from '../../lib/client';
import type { Language } from '../../../shared/language';
import { useSetup } from './setup.store';

/**
 * A new laptop joins the shop as an extra counter: the primary's address and the one-time code
 * the owner made there. Main pairs (both laptops check the code against the certificates they see)
 * and keeps the pairing sealed; nothing about customers is stored here.
 */
export function ConnectForm({ onCancel }: { onCancel(): void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { connect } = useSetup();
  const [address, setAddress] = useState('');
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<UiError>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!address.trim() || !code.trim() || !name.trim()) return;
    setBusy(true);
    setError(null);
    // The owner's screen shows "address:port"; typed so, both go to main.
    const typed = /^([^:\s]+):(\d{1,5})$/.exec(address.trim());
    const target = typed ? { address: typed[1]!, port: Number(typed[2]) } : { address: address.trim() };
    const r = await connect({ ...target, code, name: name.trim() });
    setBusy(false);
    // On success the session store has refreshed: the lock screen of the primary's staff shows.
    if (!r.ok) setError(r.error);
  };

  const required = (value: string) => touched && !value.trim() && t('common.required');
  return (
    <form onSubmit={(e) => void submit(e)} className="connect-form">
      <h1>{t('pairing.title')}</h1>
      <p>{t('pairing.intro')}</p>
      <Notice tone="info">{t('pairing.where')}</Notice>
      <ErrorBanner error={error} />
      <Field
        label={t('pairing.address')}
        name="address"
        help={t('pairing.addressHelp')}
        value={address}
        maxLength={253}
        autoFocus
        inputMode="decimal"
        autoComplete="off"
        onChange={(e) => setAddress(e.target.value)}
        invalid={required(address) || fieldMessage(error, 'address', lang)}
      />
      <Field
        label={t('pairing.code')}
        name="code"
        help={t('pairing.codeHelp')}
        value={code}
        maxLength={16}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        onChange={(e) => setCode(e.target.value)}
        invalid={required(code) || fieldMessage(error, 'code', lang)}
      />
      <Field
        label={t('pairing.name')}
        name="name"
        help={t('pairing.nameHelp')}
        value={name}
        maxLength={120}
        onChange={(e) => setName(e.target.value)}
        invalid={required(name) || fieldMessage(error, 'name', lang)}
      />
      {busy && <p className="muted">{t('pairing.busy')}</p>}
      <FormActions
        onBack={onCancel}
        backLabel={t('pairing.back')}
        submitLabel={t('pairing.submit')}
        busy={busy}
      />
    </form>
  );
}
