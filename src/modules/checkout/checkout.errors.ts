// The checkout module's error codes: HTTP status and what a person reads, in English and Chinese.
import { defineErrors, type ErrorCodes } from '../../platform/errors.ts';

export const checkoutErrors = defineErrors({
  CHECKOUT_CART_FULL: { status: 422, en: 'Your cart is full (at most 50 different items). Check out or remove some items first.', zh: '购物车已满（最多 50 种商品），请先结算或删除一些商品' },
  CHECKOUT_EMPTY: { status: 400, en: 'There is nothing to check out yet.', zh: '还没有选择要结算的商品' },
  CHECKOUT_QUANTITY_INVALID: { status: 400, en: 'The quantity must be between 1 and 999.', zh: '购买数量需在 1 到 999 之间' },
  CHECKOUT_SKU_NOT_FOUND: { status: 404, en: 'One of the items no longer exists. Remove it from your cart and try again.', zh: '有商品已不存在，请从购物车中移除后再结算' },
  CHECKOUT_SKU_UNAVAILABLE: { status: 422, en: 'One of the items is not on sale right now. Remove it and try again.', zh: '有商品暂时无法购买，请移除后再结算' },
  CHECKOUT_TOO_MANY_LINES: { status: 400, en: 'An order holds at most {{max}} different items. Split it into several orders.', zh: '一个订单最多包含 {{max}} 种商品，请分开下单' },
});

declare module '../../platform/errors.ts' {
  interface ErrorCatalog extends ErrorCodes<typeof checkoutErrors> {}
}
