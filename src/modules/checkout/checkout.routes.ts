import { requireUser } from '../../platform/auth.ts';
import type { App } from '../../platform/http.ts';
import { Body, MoneySchema, Nullable, Type } from '../../platform/schema.ts';
import { ItemsBody, PricingOptionsBody } from './checkout.schema.ts';
import type { CheckoutService } from './checkout.service.ts';
import type { Quote } from './pricing.rules.ts';
import { linePayable } from './pricing.rules.ts';

const QuoteSchema = Type.Object({
  lines: Type.Array(Type.Object({ skuId: Type.String(), productId: Type.String(), title: Type.String(), titleEn: Nullable(Type.String()), skuLabel: Type.String(), skuLabelEn: Nullable(Type.String()), image: Nullable(Type.String()), quantity: Type.Integer(), listUnitPrice: MoneySchema, unitPrice: MoneySchema, discount: MoneySchema, total: MoneySchema })),
  adjustments: Type.Array(Type.Object({ step: Type.String(), code: Type.String(), label: Type.String(), amount: MoneySchema, skuId: Nullable(Type.String()), ref: Nullable(Type.String()) })),
  goods: MoneySchema,
  discount: MoneySchema,
  shipping: MoneySchema,
  total: MoneySchema,
});

const CartSchema = Type.Object({
  items: Type.Array(Type.Object({ skuId: Type.String(), quantity: Type.Integer() })),
  unavailable: Type.Array(Type.Object({ skuId: Type.String(), quantity: Type.Integer() })),
  quote: Nullable(QuoteSchema),
});

export function presentQuote(q: Quote) {
  const m = (amount: number) => ({ amount, currency: q.currency });
  return {
    lines: q.lines.map((l) => ({ skuId: l.skuId, productId: l.productId, title: l.title, titleEn: l.titleEn ?? null, skuLabel: l.skuLabel, skuLabelEn: l.skuLabelEn ?? null, image: l.image, quantity: l.quantity, listUnitPrice: m(l.listUnitAmount), unitPrice: m(l.unitAmount), discount: m(l.discountAmount), total: m(linePayable(l)) })),
    adjustments: q.adjustments.map((a) => ({ step: a.step, code: a.code, label: a.label, amount: m(a.amount), skuId: a.skuId, ref: a.ref ?? null })),
    goods: m(q.goodsAmount),
    discount: m(q.discountAmount),
    shipping: m(q.shippingAmount),
    total: m(q.totalAmount),
  };
}

const presentCart = (c: Awaited<ReturnType<CheckoutService['getCart']>>) => ({ items: c.items, unavailable: c.unavailable, quote: c.quote ? presentQuote(c.quote) : null });
const SkuParams = Type.Object({ skuId: Type.String({ format: 'uuid' }) });

export function checkoutRoutes(checkout: CheckoutService) {
  return async function (app: App) {
    app.get('/cart', { schema: { tags: ['cart'], summary: 'The shopper\'s cart, priced', response: { 200: CartSchema } } }, async (req) => presentCart(await checkout.getCart(requireUser(req).id)));

    app.put('/cart/items/:skuId', {
      schema: { tags: ['cart'], summary: 'Put a SKU in the cart with this quantity', params: SkuParams, body: Body({ quantity: Type.Integer({ minimum: 1, maximum: 999 }) }), response: { 200: CartSchema } },
    }, async (req) => presentCart(await checkout.setCartItem(requireUser(req).id, req.params.skuId, req.body.quantity)));

    app.delete('/cart/items/:skuId', { schema: { tags: ['cart'], params: SkuParams, response: { 200: CartSchema } } }, async (req) => presentCart(await checkout.removeCartItem(requireUser(req).id, req.params.skuId)));

    app.delete('/cart', { schema: { tags: ['cart'], response: { 204: Type.Null() } } }, async (req, reply) => {
      await checkout.clearCart(requireUser(req).id);
      return reply.status(204).send(null);
    });

    app.post('/checkout/quote', {
      schema: { tags: ['cart'], summary: 'Price items (or the cart) through the pricing pipeline without ordering', body: Body({ items: Type.Optional(ItemsBody), fromCart: Type.Optional(Type.Boolean()), ...PricingOptionsBody }), response: { 200: QuoteSchema } },
    }, async (req) => {
      return presentQuote(await checkout.previewQuote(requireUser(req).id, req.body));
    });
  };
}
