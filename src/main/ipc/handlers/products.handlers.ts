import { listProducts, moveProduct, saveProduct } from '../../services/products.service';
import type { HandlerDeps } from './deps';

/** The shop's price list: read at the counter, kept by the owner; every change audited. */
export function registerProductsHandlers({
  router: r,
  vault,
  clock,
}: Pick<HandlerDeps, 'router' | 'vault' | 'clock'>): void {
  const db = () => vault.requireDb();
  r.handle('products:list', () => listProducts(db()));
  r.handle(
    'products:save',
    (ctx, input) => {
      const { product, created, changed } = saveProduct(db(), input, clock.now());
      // Ids, prices and which fields changed: enough to answer "who changed the price of what".
      Object.assign(ctx.auditDetail, {
        product: product.id,
        created,
        changed,
        price: product.price,
        active: product.active,
      });
      return product;
    },
    { action: 'product.save' },
  );
  r.handle(
    'products:move',
    (ctx, input) => {
      Object.assign(ctx.auditDetail, { product: input.id, direction: input.direction });
      return moveProduct(db(), input.id, input.direction, clock.now());
    },
    { action: 'product.move' },
  );
}
