import { PRODUCTS_MAX, type Product, type RecordedSale } from '../../shared/domain';
import { AppError } from '../lib/app-error';
import type { Db } from '../vault/database';
import { createPurchase } from './purchases.service';

/** The largest total a sale may carry (the same bound purchases:create puts on an amount). */
const SALE_AMOUNT_MAX = 1_000_000_000_000;

interface Row {
  id: number;
  name: string;
  price: number;
  active: number;
}

const toProduct = (r: Row): Product => ({ id: r.id, name: r.name, price: r.price, active: r.active === 1 });

/** The whole price list in the owner's order; the counter shows the active ones. */
export function listProducts(db: Db): Product[] {
  return (
    db.prepare('SELECT id, name, price, active FROM products ORDER BY sort_order, id').all() as Row[]
  ).map(toProduct);
}

function productRow(db: Db, id: number): Row | undefined {
  return db.prepare('SELECT id, name, price, active FROM products WHERE id = ?').get(id) as Row | undefined;
}

/**
 * Adds a product (at the end of the list) or renames, reprices, hides or shows one. Names are
 * unique whatever their case, so the counter never shows two tiles that look the same. Returns
 * what changed, for the audit (field names only).
 */
export function saveProduct(
  db: Db,
  input: { id?: number; name: string; price: number; active: boolean },
  now: number,
): { product: Product; created: boolean; changed: string[] } {
  return db.transaction(() => {
    const clash = db
      .prepare('SELECT id FROM products WHERE name = ? COLLATE NOCASE AND id IS NOT ?')
      .pluck()
      .get(input.name, input.id ?? null);
    if (clash !== undefined) throw new AppError('CONFLICT', { reason: 'product_name_taken' });
    if (input.id === undefined) {
      const count = db.prepare('SELECT count(*) FROM products').pluck().get() as number;
      if (count >= PRODUCTS_MAX) throw new AppError('CONFLICT', { reason: 'products_full' });
      const info = db
        .prepare(
          `INSERT INTO products (name, price, active, sort_order, created_at, updated_at)
           VALUES (?, ?, ?, (SELECT coalesce(max(sort_order), 0) + 1 FROM products), ?, ?)`,
        )
        .run(input.name, input.price, input.active ? 1 : 0, now, now);
      return {
        product: toProduct(productRow(db, Number(info.lastInsertRowid))!),
        created: true,
        changed: ['name', 'price', 'active'],
      };
    }
    const before = productRow(db, input.id);
    if (!before) throw new AppError('NOT_FOUND');
    const changed = [
      ...(before.name !== input.name ? ['name'] : []),
      ...(before.price !== input.price ? ['price'] : []),
      ...((before.active === 1) !== input.active ? ['active'] : []),
    ];
    if (changed.length > 0)
      db.prepare('UPDATE products SET name = ?, price = ?, active = ?, updated_at = ? WHERE id = ?').run(
        input.name,
        input.price,
        input.active ? 1 : 0,
        now,
        input.id,
      );
    return { product: toProduct(productRow(db, input.id)!), created: false, changed };
  })();
}

/** Swaps a product with its neighbour above or below; at either end it stays where it is. */
export function moveProduct(db: Db, id: number, direction: 'up' | 'down', now: number): Product[] {
  return db.transaction(() => {
    const order = db.prepare('SELECT id, sort_order FROM products ORDER BY sort_order, id').all() as {
      id: number;
      sort_order: number;
    }[];
    const at = order.findIndex((r) => r.id === id);
    if (at < 0) throw new AppError('NOT_FOUND');
    const other = order[direction === 'up' ? at - 1 : at + 1];
    if (other) {
      // Renumbered in list order, then the two swapped: rows that shared a sort_order still move.
      const set = db.prepare('UPDATE products SET sort_order = ? WHERE id = ?');
      order.forEach((r, i) => set.run(i + 1, r.id));
      set.run(direction === 'up' ? at : at + 2, id);
      set.run(at + 1, other.id);
      db.prepare('UPDATE products SET updated_at = ? WHERE id IN (?, ?)').run(now, id, other.id);
    }
    return listProducts(db);
  })();
}

/**
 * Records a sale built from the price list: each line is priced here from the product's current
 * price, and its text is "2 x Kopi susu". A product that is unknown or hidden refuses the whole
 * sale (nothing is written), as does a total past the bound of any sale.
 */
export function sellProducts(
  db: Db,
  input: {
    customerId: number;
    at?: number;
    lines: { productId: number; quantity: number }[];
    rewardId?: number;
  },
  actor: string,
  now: number,
  pointsAt = now,
): RecordedSale {
  return db.transaction(() => {
    const { amount, items } = priceLines(db, input.lines);
    return createPurchase(
      db,
      { customerId: input.customerId, at: input.at, amount, items, rewardId: input.rewardId },
      actor,
      now,
      pointsAt,
    );
  })();
}

/**
 * Prices lines of the list as main does for a sale (the quote shows the same total): an unknown
 * or hidden product, or a total past the bound of any sale, is refused.
 */
export function priceLines(
  db: Db,
  lines: { productId: number; quantity: number }[],
): { amount: number; items: string[] } {
  let amount = 0;
  const items = lines.map(({ productId, quantity }, i) => {
    const p = productRow(db, productId);
    if (!p) throw new AppError('NOT_FOUND', { reason: 'product_unknown', fields: [`lines.${i}.productId`] });
    if (p.active !== 1)
      throw new AppError('CONFLICT', { reason: 'product_hidden', fields: [`lines.${i}.productId`] });
    amount += p.price * quantity;
    return `${quantity} x ${p.name}`;
  });
  if (amount > SALE_AMOUNT_MAX)
    throw new AppError('VALIDATION', {
      fields: ['lines'],
      issues: [{ field: 'lines', reason: 'too_big', limit: SALE_AMOUNT_MAX }],
    });
  return { amount, items };
}
