import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/language';
import { Icon } from '../../components/Icon';
import { Button, ErrorBanner, Field, FormActions, Notice } from '../../components/ui';
import { fieldMessage, focusFirstInvalid, type UiError } from '../../lib/client';
import { parseRupiah } from '../../../shared/rupiah';
import { fromShopIso, shopToday } from '../../../shared/shop-time';
import { formatDate, formatDateTime, formatRupiah } from '../../lib/format';
import { useProducts } from '../products/products.store';
import { cartQuantity, cartTotal, ProductPicker, type CartLine } from './ProductPicker';
import { PurchaseChange } from './PurchaseChange';
import { usePurchases } from './purchases.store';
import { MemberBlock } from '../loyalty/MemberBlock';
import { useLoyalty } from '../loyalty/loyalty.store';

/** The customer's purchases, newest first, and a short form to add one at the counter. */
export function PurchasesPanel({
  customerId,
  hasPhone,
  landline = false,
}: {
  customerId: number;
  /** A WhatsApp receipt can be offered: a mobile number, data not restricted. */
  hasPhone: boolean;
  /** The number on record is a landline: say why no receipt is offered. */
  landline?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { load, add, addFromProducts, sendReceipt } = usePurchases();
  const { products, load: loadProducts } = useProducts();
  const listed = products.filter((p) => p.active);
  const [cart, setCart] = useState<CartLine[]>([]);
  const [sent, setSent] = useState<number | null>(null);
  const purchases = usePurchases((s) => (s.customerId === customerId ? s.page : null));
  const undone = usePurchases((s) => (s.customerId === customerId ? s.pointsUndone : null));
  const [adding, setAdding] = useState(false);
  const [amount, setAmount] = useState('');
  const [items, setItems] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError>(null);
  const [changing, setChanging] = useState<{ id: number; mode: 'void' | 'correct' } | null>(null);
  const [rewardId, setRewardId] = useState<number | undefined>(undefined);
  /** What the last sale did to the member's points, said once after saving. */
  const [earned, setEarned] = useState<string | null>(null);
  // The programme's word for what is earned (points or stamps), in every line about them.
  const mode = useLoyalty((s) => s.programme?.mode ?? 'points');
  const formRef = useRef<HTMLFormElement>(null);
  const [attempt, setAttempt] = useState(0);
  // After a refused save the first marked field gets the focus (its message is beside it).
  useEffect(() => {
    if (attempt > 0) focusFirstInvalid(formRef.current);
  }, [attempt, error]);
  const receipt = async (id: number) => {
    setError(null);
    setSent(null);
    const r = await sendReceipt(id);
    if (r.ok) setSent(id);
    else setError(r.error);
  };
  const open = (next: boolean) => {
    // A message from an earlier attempt never outlives the form it was about.
    setError(null);
    setSent(null);
    setTouched(false);
    setCart([]);
    setRewardId(undefined);
    if (next) {
      setEarned(null);
      usePurchases.setState({ pointsUndone: null });
    }
    setAdding(next);
    // The list as the owner keeps it now (a price changed since the last sale is shown).
    if (next) void loadProducts();
  };

  useEffect(() => {
    void load(customerId);
  }, [customerId, load]);

  // "150.000", "150rb", "1,5jt": understood, and shown back as rupiah before saving.
  const amountValue = parseRupiah(amount);
  const amountBad = amountValue === null || amountValue < 1;
  const [day, setDay] = useState(() => shopToday());
  const today = shopToday();
  const dayBad = day === '' || day > today;
  const itemLines = items
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

  // A sale from the price list: main prices it; the total is shown, not typed.
  const fromList = cart.length > 0;
  const cartBad = cart.some((l) => cartQuantity(l.quantity) === null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    setAttempt((n) => n + 1);
    setError(null);
    if (dayBad || (fromList ? cartBad : amountBad || itemLines.length === 0)) return;
    setBusy(true);
    // Today: the time is now (main's clock); an earlier day: noon of that day on the shop's clock.
    const at = day === today ? undefined : (fromShopIso(`${day}T12:00`) ?? Number.NaN);
    const r = fromList
      ? await addFromProducts(
          customerId,
          cart.map((l) => ({ productId: l.productId, quantity: cartQuantity(l.quantity)! })),
          at,
          rewardId,
        )
      : await add(customerId, amountValue!, itemLines, at, rewardId);
    setBusy(false);
    if (!r.ok) {
      // A product the owner has just hidden or removed: the list is read again and it leaves the
      // order, so the next Save sells what is still on sale (the message says what happened).
      if (
        fromList &&
        (r.error.details?.reason === 'product_hidden' || r.error.details?.reason === 'product_unknown')
      ) {
        await loadProducts();
        const onSale = new Set(
          useProducts
            .getState()
            .products.filter((p) => p.active)
            .map((p) => p.id),
        );
        setCart(cart.filter((l) => onSale.has(l.productId)));
      }
      return setError(r.error);
    }
    setError(null);
    const l = r.value.loyalty;
    setEarned(
      l.active && (l.earned > 0 || l.redeemed > 0)
        ? t('loyalty.earnedNotice', {
            unit: t(`loyalty.unit.${mode}`),
            earned: l.earned,
            balance: l.balanceAfter,
          })
        : null,
    );
    setAmount('');
    setItems('');
    setDay(shopToday());
    open(false);
  };

  return (
    <section aria-labelledby="purchases-title" className="detail-section">
      <div className="pane-head">
        <h3 id="purchases-title">{t('purchases.title')}</h3>
        {!adding && (
          <Button className="btn-small" onClick={() => open(true)}>
            <Icon name="plus" /> {t('purchases.add')}
          </Button>
        )}
      </div>
      {purchases && purchases.total > 0 && (
        <p className="muted small">
          {t('purchases.total', {
            count: purchases.total,
            amount: formatRupiah(purchases.totalAmount),
            average: formatRupiah(Math.round(purchases.totalAmount / purchases.total)),
            last: purchases.items[0] ? formatDate(purchases.items[0].at, lang) : '',
          })}
        </p>
      )}
      {adding && (
        <form
          className="inline-form"
          onSubmit={(e) => void submit(e)}
          ref={formRef}
          noValidate
          onKeyDown={(e) => {
            if (e.key === 'Escape') open(false);
          }}
        >
          {listed.length > 0 && (
            <ProductPicker products={products} cart={cart} onChange={setCart} invalidLines={touched} />
          )}
          {fromList ? (
            <p className="cart-total" data-testid="cart-total">
              <strong>{t('products.total', { amount: formatRupiah(cartTotal(cart, products)) })}</strong>
              <small className="block muted">{t('products.totalHelp')}</small>
            </p>
          ) : (
            <Field
              label={t('purchases.amount')}
              name="amount"
              inputMode="numeric"
              value={amount}
              autoFocus={listed.length === 0}
              onChange={(e) => setAmount(e.target.value)}
              help={
                amountValue !== null && amountValue > 0
                  ? `= ${formatRupiah(amountValue)}`
                  : t(listed.length > 0 ? 'products.orType' : 'purchases.amountHelp')
              }
              invalid={
                (touched && amountBad && t('purchases.amountInvalid')) || fieldMessage(error, 'amount', lang)
              }
            />
          )}
          <Field
            label={t('purchases.date')}
            name="date"
            type="date"
            max={today}
            value={day}
            onChange={(e) => setDay(e.target.value)}
            invalid={(touched && dayBad && t('purchases.dateInvalid')) || fieldMessage(error, 'at', lang)}
          />
          {!fromList && (
            <Field
              label={t('purchases.items')}
              name="items"
              multiline
              value={items}
              maxLength={4000}
              onChange={(e) => setItems(e.target.value)}
              invalid={
                (touched && itemLines.length === 0 && t('purchases.itemsRequired')) ||
                fieldMessage(error, 'items', lang)
              }
            />
          )}
          <MemberBlock
            customerId={customerId}
            sale={
              fromList
                ? cartBad
                  ? null
                  : {
                      lines: cart.map((l) => ({
                        productId: l.productId,
                        quantity: cartQuantity(l.quantity)!,
                      })),
                    }
                : amountBad
                  ? null
                  : { amount: amountValue! }
            }
            rewardId={rewardId}
            onReward={setRewardId}
          />
          <ErrorBanner error={error} />
          <FormActions
            onBack={() => open(false)}
            backLabel={t('common.cancel')}
            submitLabel={t('common.save')}
            busy={busy}
          />
        </form>
      )}
      {purchases && purchases.items.length === 0 && !adding && (
        <p className="muted">{t('purchases.empty')}</p>
      )}
      {!adding && <ErrorBanner error={error} />}
      {sent !== null && <Notice tone="ok">{t('purchases.receiptOpened')}</Notice>}
      {earned && !adding && <Notice tone="ok">{earned}</Notice>}
      {undone && changing === null && (
        <Notice tone="info">
          {t(`loyalty.undone.${mode}`, {
            change: undone.change > 0 ? `+${undone.change}` : undone.change,
            unit: t(`loyalty.unit.${mode}`),
          })}
          {undone.notTakenBack > 0 &&
            ` ${t('loyalty.notTakenBack', { n: undone.notTakenBack, unit: t(`loyalty.unit.${mode}`) })}`}
        </Notice>
      )}
      {landline && purchases && purchases.items.length > 0 && (
        <p className="muted small">{t('purchases.noReceiptLandline')}</p>
      )}
      <ul className="purchase-list">
        {purchases?.items.map((p) => (
          <li key={p.id} className={p.voided ? 'voided' : ''}>
            <div>
              <strong>{formatRupiah(p.amount - p.discount)}</strong>
              {p.discount > 0 && (
                <small className="muted">
                  {' '}
                  ({t('loyalty.discountOf', { amount: formatRupiah(p.discount) })})
                </small>
              )}
              <small className="block muted">
                {formatDateTime(p.at, lang)} · {t('purchases.recordedBy', { who: p.recordedBy ?? '?' })}
                {p.corrects ? ` · ${t('purchases.corrects', { id: p.corrects })}` : ''}
              </small>
              {p.voided && (
                <small className="block">
                  {t('purchases.voided', { who: p.voided.by ?? '?', reason: p.voided.reason })}
                </small>
              )}
            </div>
            <div className="purchase-side">
              <span className="small">{p.items.join(', ')}</span>
              {p.canChange && changing?.id !== p.id && (
                <span className="row-actions">
                  {hasPhone && (
                    <Button
                      className="btn-small"
                      onClick={() => void receipt(p.id)}
                      aria-label={t('purchases.receiptFor', { date: formatDateTime(p.at, lang) })}
                    >
                      {t('purchases.receipt')}
                    </Button>
                  )}
                  <Button className="btn-small" onClick={() => setChanging({ id: p.id, mode: 'correct' })}>
                    {t('purchases.correct')}
                  </Button>
                  <Button
                    className="btn-small btn-danger"
                    onClick={() => setChanging({ id: p.id, mode: 'void' })}
                  >
                    {t('purchases.void')}
                  </Button>
                </span>
              )}
            </div>
            {changing?.id === p.id && (
              <PurchaseChange
                customerId={customerId}
                purchase={p}
                mode={changing.mode}
                onDone={() => setChanging(null)}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
