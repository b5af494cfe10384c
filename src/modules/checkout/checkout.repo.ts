// The cart's SQL. One row per shopper and SKU; adding a SKU already there sets its quantity.
import type { CheckoutDb } from './checkout.table.ts';

export const findCartItems = (ex: CheckoutDb, userId: string) => ex.selectFrom('cart_items').select(['sku_id', 'quantity']).where('user_id', '=', userId).orderBy('added_at').execute();

/** How many different SKUs the cart holds besides `skuId`. */
export async function countOtherCartItems(ex: CheckoutDb, userId: string, skuId: string) {
  const row = await ex.selectFrom('cart_items').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('sku_id', '!=', skuId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export const upsertCartItem = (ex: CheckoutDb, row: { user_id: string; sku_id: string; quantity: number; added_at: Date }) =>
  ex.insertInto('cart_items').values(row).onConflict((oc) => oc.columns(['user_id', 'sku_id']).doUpdateSet({ quantity: row.quantity })).execute();

export const deleteCartItems = (ex: CheckoutDb, userId: string, skuIds: string[]) => ex.deleteFrom('cart_items').where('user_id', '=', userId).where('sku_id', 'in', skuIds).execute();

export const deleteCart = (ex: CheckoutDb, userId: string) => ex.deleteFrom('cart_items').where('user_id', '=', userId).execute();
