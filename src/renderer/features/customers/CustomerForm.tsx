import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer, CustomerInput } from '../../../shared/domain';
import { ErrorBanner, Field, FormActions } from '../../components/ui';
import { call, errorFields, type UiError } from '../../lib/client';

interface Props {
  customer?: Customer;
  onSaved(customer: Customer): void;
  onCancel(): void;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks what it can before sending; main validates again and has the last word (phones). */
export function CustomerForm({ customer, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const [v, setV] = useState<Required<{ [K in keyof CustomerInput]: string }>>({
    name: customer?.name ?? '',
    phone: customer?.phone ?? '',
    email: customer?.email ?? '',
    address: customer?.address ?? '',
    notes: customer?.notes ?? '',
  });
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError>(null);
  const bad = errorFields(error);
  const nameMissing = !v.name.trim();
  const emailBad = v.email.trim() !== '' && !EMAIL.test(v.email.trim());

  const set = (k: keyof typeof v) => (e: { target: { value: string } }) =>
    setV({ ...v, [k]: e.target.value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (nameMissing || emailBad) return;
    setBusy(true);
    setError(null);
    const input = {
      name: v.name,
      phone: v.phone || null,
      email: v.email || null,
      address: v.address || null,
      notes: v.notes || null,
    };
    const r = customer
      ? await call('customers:update', { id: customer.id, ...input })
      : await call('customers:create', input);
    setBusy(false);
    if (r.ok) onSaved(r.value);
    else setError(r.error);
  };

  return (
    <form className="panel-form" onSubmit={(e) => void submit(e)} noValidate>
      <h2>{customer ? t('customers.editTitle') : t('customers.newTitle')}</h2>
      <ErrorBanner error={error} />
      <Field
        label={t('customers.name')}
        name="name"
        value={v.name}
        maxLength={120}
        autoFocus
        onChange={set('name')}
        invalid={(touched && nameMissing && t('customers.nameRequired')) || (bad.includes('name') && ' ')}
      />
      <Field
        label={t('customers.phone')}
        name="phone"
        type="tel"
        inputMode="tel"
        value={v.phone}
        maxLength={40}
        onChange={set('phone')}
        help={t('customers.phoneHelp')}
        invalid={bad.includes('phone') && (error?.message ?? ' ')}
      />
      <Field
        label={t('customers.email')}
        name="email"
        type="email"
        value={v.email}
        maxLength={254}
        onChange={set('email')}
        invalid={(touched && emailBad && t('customers.emailInvalid')) || (bad.includes('email') && ' ')}
      />
      <Field
        label={t('customers.address')}
        name="address"
        value={v.address}
        maxLength={500}
        onChange={set('address')}
      />
      <Field
        label={t('customers.notes')}
        name="notes"
        multiline
        value={v.notes}
        maxLength={2000}
        onChange={set('notes')}
      />
      <FormActions
        onBack={onCancel}
        backLabel={t('common.cancel')}
        submitLabel={t('common.save')}
        busy={busy}
      />
    </form>
  );
}
