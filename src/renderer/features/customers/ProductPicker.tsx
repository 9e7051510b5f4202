import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SALE_LINES_MAX, SALE_QUANTITY_MAX, type Product } from '../../../shared/domain';
import { formatRupiah } from '../../lib/format';

/** One product on the sale, with its quantity as typed (checked before saving, and in main). */
export interface CartLine {
  productId: number;
  quantity: string;
}

/** A whole number from 1 to 999, or null. */
export function cartQuantity(text: string): number | null {
  if (!/^\d{1,3}$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n >= 1 && n <= SALE_QUANTITY_MAX ? n : null;
}

/** What the lines cost at the prices shown (main prices the sale again from its own list). */
export function cartTotal(cart: CartLine[], products: Product[]): number {
  return cart.reduce((sum, l) => {
    const p = products.find((x) => x.id === l.productId);
    return sum + (p ? p.price * (cartQuantity(l.quantity) ?? 0) : 0);
  }, 0);
}

/**
 * The shop's active products as large tiles: a tap (or Enter/Space) adds one, or one more. Arrow
 * keys, Home and End move between tiles, one Tab stop for the whole list. Below, the order: each
 * line's quantity with − and +, or typed.
 */
export function ProductPicker({
  products,
  cart,
  onChange,
  invalidLines,
}: {
  products: Product[];
  cart: CartLine[];
  onChange(next: CartLine[]): void;
  /** After a refused save: mark lines whose quantity is not 1 to 999. */
  invalidLines: boolean;
}) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState(0);
  const tiles = useRef<(HTMLButtonElement | null)[]>([]);
  const active = products.filter((p) => p.active);
  const at = Math.min(current, Math.max(0, active.length - 1));

  const tap = (p: Product) => {
    const line = cart.find((l) => l.productId === p.id);
    if (line) {
      const q = cartQuantity(line.quantity) ?? 0;
      setQuantity(p.id, String(Math.min(SALE_QUANTITY_MAX, q + 1)));
    } else if (cart.length < SALE_LINES_MAX) onChange([...cart, { productId: p.id, quantity: '1' }]);
  };
  const setQuantity = (productId: number, quantity: string) =>
    onChange(cart.map((l) => (l.productId === productId ? { ...l, quantity } : l)));
  const step = (productId: number, by: 1 | -1) => {
    const line = cart.find((l) => l.productId === productId)!;
    const q = (cartQuantity(line.quantity) ?? 1) + by;
    if (q < 1) onChange(cart.filter((l) => l.productId !== productId));
    else setQuantity(productId, String(Math.min(SALE_QUANTITY_MAX, q)));
  };
  const onKey = (e: KeyboardEvent) => {
    const to =
      e.key === 'ArrowRight' || e.key === 'ArrowDown'
        ? at + 1
        : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? at - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? active.length - 1
              : null;
    if (to === null) return;
    e.preventDefault();
    const next = (to + active.length) % active.length;
    setCurrent(next);
    tiles.current[next]?.focus();
  };

  return (
    <div className="product-picker">
      <div
        role="group"
        aria-label={t('products.tilesLabel')}
        className="product-tiles"
        onKeyDown={onKey}
        data-testid="product-tiles"
      >
        {active.map((p, i) => {
          const inCart = cart.find((l) => l.productId === p.id);
          return (
            <button
              key={p.id}
              type="button"
              className={`product-tile${inCart ? ' in-cart' : ''}`}
              ref={(el) => {
                tiles.current[i] = el;
              }}
              tabIndex={i === at ? 0 : -1}
              autoFocus={i === 0}
              onFocus={() => setCurrent(i)}
              onClick={() => tap(p)}
            >
              {/* The name read out holds the words shown (speech input says what it sees). */}
              <span className="product-name">
                <span className="visually-hidden">{t('products.tapPrefix')}</span> {p.name}
              </span>
              <span className="product-price">
                <span className="visually-hidden">,</span> {formatRupiah(p.price)}
              </span>
              {inCart && (
                <span className="product-count" aria-hidden>
                  ×{inCart.quantity}
                </span>
              )}
            </button>
          );
        })}
      </div>
      {cart.length > 0 && (
        <ul className="cart" aria-label={t('products.cartLabel')}>
          {cart.map((l) => {
            const p = products.find((x) => x.id === l.productId);
            if (!p) return null;
            const q = cartQuantity(l.quantity);
            const bad = invalidLines && q === null;
            return (
              <li key={l.productId}>
                <span className="cart-name">{p.name}</span>
                <span className="cart-qty">
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-label={t(q === 1 ? 'products.remove' : 'products.less', { name: p.name })}
                    onClick={() => step(p.id, -1)}
                  >
                    −
                  </button>
                  <input
                    className="cell-input"
                    inputMode="numeric"
                    maxLength={3}
                    aria-label={t('products.quantityOf', { name: p.name })}
                    aria-invalid={bad || undefined}
                    value={l.quantity}
                    onChange={(e) => setQuantity(p.id, e.target.value)}
                  />
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-label={t('products.more', { name: p.name })}
                    onClick={() => step(p.id, 1)}
                  >
                    +
                  </button>
                </span>
                <span className="cart-sum">{q === null ? '—' : formatRupiah(p.price * q)}</span>
              </li>
            );
          })}
        </ul>
      )}
      {invalidLines && cart.some((l) => cartQuantity(l.quantity) === null) && (
        <small className="field-error" role="alert">
          {t('products.quantityInvalid')}
        </small>
      )}
    </div>
  );
}
