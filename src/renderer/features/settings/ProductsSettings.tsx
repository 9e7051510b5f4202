import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PRODUCT_NAME_MAX, PRODUCT_PRICE_MAX, type Product } from '../../../shared/domain';
import { parseRupiah } from '../../../shared/rupiah';
import { Button, ErrorBanner, Field, FormActions, Notice } from '../../components/ui';
import { fieldMessage, type UiError } from '../../lib/client';
import { formatRupiah } from '../../lib/format';
import type { Language } from '../../../shared/language';
import { useProducts } from '../products/products.store';

interface Draft {
  id?: number;
  name: string;
  price: string;
  active: boolean;
}
const EMPTY: Draft = { name: '', price: '', active: true };

/**
 * The price list the counter taps a sale together from (for shops without a POS): the owner adds,
 * renames, reprices, hides and reorders; main audits each change and prices every sale from it.
 */
export function ProductsSettings() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { products, load, save, move } = useProducts();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<UiError>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);

  useEffect(() => {
    void load();
  }, [load]);

  const edit = (next: Draft | null) => {
    setDraft(next);
    setError(null);
    setSaved(false);
    setTouched(false);
  };
  const price = draft ? parseRupiah(draft.price) : null;
  const priceBad = price === null || price < 1 || price > PRODUCT_PRICE_MAX;
  const nameBad = !draft || draft.name.trim() === '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    setTouched(true);
    if (priceBad || nameBad) return;
    setBusy(true);
    const r = await save({
      ...(draft.id !== undefined ? { id: draft.id } : {}),
      name: draft.name.trim(),
      price: price!,
      active: draft.active,
    });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    edit(null);
    setSaved(true);
  };
  const reorder = async (p: Product, direction: 'up' | 'down') => {
    setSaved(false);
    const r = await move(p.id, direction);
    setError(r.ok ? null : r.error);
  };

  return (
    <div className="inline-form wide" data-testid="products-settings">
      <div className="pane-head">
        <h2>{t('products.title')}</h2>
        <Button className="btn-small" onClick={() => edit(EMPTY)}>
          {t('products.add')}
        </Button>
      </div>
      <p className="muted small">{t('products.intro')}</p>
      {saved && <Notice tone="ok">{t('products.saved')}</Notice>}
      {!draft && <ErrorBanner error={error} />}
      {draft && (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <ErrorBanner error={error} />
          <div className="row">
            <Field
              label={t('products.name')}
              name="productName"
              value={draft.name}
              maxLength={PRODUCT_NAME_MAX}
              autoFocus
              onChange={(e) => setDraft({ ...draft, name: e.target.value })}
              invalid={
                (touched && nameBad && t('products.nameRequired')) || fieldMessage(error, 'name', lang)
              }
            />
            <Field
              label={t('products.price')}
              name="productPrice"
              inputMode="numeric"
              value={draft.price}
              onChange={(e) => setDraft({ ...draft, price: e.target.value })}
              help={price !== null && price > 0 ? `= ${formatRupiah(price)}` : t('purchases.amountHelp')}
              invalid={
                (touched && priceBad && t('products.priceInvalid')) || fieldMessage(error, 'price', lang)
              }
            />
          </div>
          <label className="check">
            <input
              type="checkbox"
              checked={draft.active}
              onChange={(e) => setDraft({ ...draft, active: e.target.checked })}
            />
            {t('products.active')}
          </label>
          <FormActions
            onBack={() => edit(null)}
            backLabel={t('common.cancel')}
            submitLabel={t('common.save')}
            busy={busy}
          />
        </form>
      )}
      {products.length === 0 && !draft && <p className="muted">{t('products.empty')}</p>}
      <ul className="consent-list product-admin">
        {products.map((p, i) => (
          <li key={p.id}>
            <div>
              <strong>{p.name}</strong>
              {!p.active && <span className="pill pill-off">{t('products.hidden')}</span>}
              <small className="block muted">{formatRupiah(p.price)}</small>
            </div>
            <span className="row-actions">
              <Button
                className="btn-small"
                disabled={i === 0}
                aria-label={t('products.moveUp', { name: p.name })}
                onClick={() => void reorder(p, 'up')}
              >
                ↑
              </Button>
              <Button
                className="btn-small"
                disabled={i === products.length - 1}
                aria-label={t('products.moveDown', { name: p.name })}
                onClick={() => void reorder(p, 'down')}
              >
                ↓
              </Button>
              <Button
                className="btn-small"
                aria-label={t('products.editNamed', { name: p.name })}
                onClick={() => edit({ id: p.id, name: p.name, price: String(p.price), active: p.active })}
              >
                {t('common.edit')}
              </Button>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
