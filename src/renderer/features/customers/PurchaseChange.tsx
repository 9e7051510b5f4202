import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Purchase } from '../../../shared/domain';
import type { Language } from '../../../shared/language';
import { parseRupiah } from '../../../shared/rupiah';
import { Button, ErrorBanner, Field } from '../../components/ui';
import { fieldMessage, type UiError } from '../../lib/client';
import { formatRupiah } from '../../lib/format';
import { usePurchases } from './purchases.store';

/**
 * Void or correct one sale (the owner; or the cashier who recorded it, the same day): a reason is
 * required, and a correction replaces the amount and items while the original stays on record.
 */
export function PurchaseChange({
  customerId,
  purchase,
  mode,
  onDone,
}: {
  customerId: number;
  purchase: Purchase;
  mode: 'void' | 'correct';
  onDone(): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const change = usePurchases((s) => s.change);
  const [reason, setReason] = useState('');
  const [amount, setAmount] = useState(String(purchase.amount));
  const [items, setItems] = useState(purchase.items.join('\n'));
  const [error, setError] = useState<UiError>(null);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const value = parseRupiah(amount);
  const lines = items
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  const reasonBad = reason.trim().length < 3;
  const amountBad = mode === 'correct' && (value === null || value < 1);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (reasonBad || amountBad || (mode === 'correct' && lines.length === 0)) return;
    setBusy(true);
    const r = await change(
      customerId,
      purchase.id,
      reason.trim(),
      mode === 'correct' ? { amount: value!, items: lines } : undefined,
    );
    setBusy(false);
    if (r.ok) onDone();
    else setError(r.error);
  };

  return (
    <form
      className="inline-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      onKeyDown={(e) => {
        if (e.key === 'Escape') onDone();
      }}
    >
      {mode === 'correct' && (
        <>
          <Field
            label={t('purchases.amount')}
            inputMode="numeric"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            help={value !== null && value > 0 ? `= ${formatRupiah(value)}` : undefined}
            invalid={
              (touched && amountBad && t('purchases.amountInvalid')) ||
              fieldMessage(error, 'replacement', lang)
            }
          />
          <Field
            label={t('purchases.items')}
            multiline
            maxLength={4000}
            value={items}
            onChange={(e) => setItems(e.target.value)}
            invalid={touched && lines.length === 0 && t('purchases.itemsRequired')}
          />
        </>
      )}
      <Field
        label={t('purchases.changeReason')}
        value={reason}
        maxLength={200}
        autoFocus
        onChange={(e) => setReason(e.target.value)}
        invalid={
          (touched && reasonBad && t('purchases.changeReasonRequired')) || fieldMessage(error, 'reason', lang)
        }
      />
      <ErrorBanner error={error} />
      <div className="actions actions-left">
        <Button type="button" className="btn-ghost btn-small" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button
          type="submit"
          className={`btn-small ${mode === 'void' ? 'btn-danger' : 'btn-primary'}`}
          busy={busy}
        >
          {t(mode === 'void' ? 'purchases.voidSubmit' : 'purchases.correctSubmit')}
        </Button>
      </div>
    </form>
  );
}
