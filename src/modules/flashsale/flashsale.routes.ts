import type { FastifyRequest } from 'fastify';
import { requireUser } from '../../platform/auth.ts';
import type { Clock } from '../../platform/clock.ts';
import type { App } from '../../platform/http.ts';
import { limitPerIpAndUser, type Limit } from '../../platform/rate-limits.ts';
import { money, type Money } from '../../platform/money.ts';
import { Amount, Body, Currency, IdempotencyHeaders, IdParams, MoneySchema, Nullable, Type } from '../../platform/schema.ts';
import { DomainError, forbidden } from '../../platform/errors.ts';
import { DeliveredProps, type DeliveredPrices } from '../campaigns/index.ts';
import { IN_PROGRESS_RETRY_AFTER_S, type FlashsaleService } from './flashsale.service.ts';
import type { TSchema } from 'typebox';
import { PURCHASE_TOKEN_TTL_SECONDS, signPurchaseToken, verifyPurchaseToken } from './flashsale.token.ts';

const ItemSchema = Type.Object({
  id: Type.String(),
  skuId: Type.String(),
  productId: Nullable(Type.String()),
  title: Type.String(),
  titleEn: Nullable(Type.String({ description: "the product's English title, else null" })),
  skuLabel: Type.String(),
  skuLabelEn: Nullable(Type.String()),
  image: Nullable(Type.String()),
  listPrice: MoneySchema,
  flashPrice: MoneySchema,
  stock: Type.Integer(),
  remaining: Type.Integer(),
  soldOut: Type.Boolean(),
  perUserLimit: Type.Integer(),
  sold: Type.Optional(Type.Integer()),
  buyers: Type.Optional(Type.Integer()),
});

// Shoppers see the regular price struck through only as high as the lawful reference allows
// (null when none may be shown); operators see the SKU's own price.
const ShopperItemSchema = Type.Object({ ...ItemSchema.properties, listPrice: Nullable(MoneySchema), ...DeliveredProps });

const slotSchema = <T extends TSchema>(item: T) => Type.Object({
  id: Type.String(),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  state: Type.String({ description: 'shopper: upcoming | live | ended; operator: draft | scheduled | live | ended' }),
  startsAt: Type.String(),
  endsAt: Type.String(),
  countdownSeconds: Type.Integer({ description: 'seconds to the start (upcoming) or to the end (live)' }),
  items: Type.Array(item),
  stoppedAt: Type.Optional(Nullable(Type.String())),
  publishedAt: Type.Optional(Nullable(Type.String())),
  totals: Type.Optional(Type.Object({ stock: Type.Integer(), sold: Type.Integer(), remaining: Type.Integer(), buyers: Type.Integer() })),
  purchaseToken: Type.Optional(Type.String({ description: `live slots, signed-in shopper: send as X-Purchase-Token when buying; valid ${PURCHASE_TOKEN_TTL_SECONDS} s, list again for a fresh one` })),
});
const SlotSchema = slotSchema(ItemSchema);
const ShopperSlotSchema = slotSchema(ShopperItemSchema);

const PurchaseResponse = Type.Object({
  id: Type.String(),
  number: Type.String(),
  status: Type.String(),
  kind: Type.String(),
  total: MoneySchema,
  expiresAt: Nullable(Type.String()),
  lines: Type.Array(Type.Object({ skuId: Type.String(), title: Type.String(), quantity: Type.Integer(), unitPrice: MoneySchema })),
});

const SlotParams = Type.Object({ slotId: Type.String({ format: 'uuid' }), itemId: Type.String({ format: 'uuid' }) });

const PurchaseHeaders = Type.Object({
  ...IdempotencyHeaders.properties,
  'x-purchase-token': Type.Optional(Type.String({ maxLength: 128, description: 'the purchaseToken of the live slot as listed to this shopper' })),
});

/**
 * Caps a reference ("original") price by the lawful one: the lowest price charged lately
 * (compliance, which comes later in the module list, so it is reached when routes are built).
 */
export interface ReferenceCaps {
  capReferences(claims: readonly { skuId: string; listAmount: number | null; priceAmount: number }[]): Promise<(number | null)[]>;
}

type ShopperSlot = Awaited<ReturnType<FlashsaleService['listShopperSlots']>>[number];
type LawfulSlot = Omit<ShopperSlot, 'items'> & { items: (Omit<ShopperSlot['items'][number], 'listPrice'> & { listPrice: Money | null })[] };

/** Each item's list price shown beside its flash price, as high as the law allows (null: none shown). */
async function lawfulListPrices(slots: ShopperSlot[], references: ReferenceCaps): Promise<LawfulSlot[]> {
  const items = slots.flatMap((s) => s.items);
  if (!items.length) return slots;
  const capped = await references.capReferences(items.map((i) => ({ skuId: i.skuId, listAmount: i.listPrice?.amount ?? null, priceAmount: i.flashPrice.amount })));
  const byItem = new Map(items.map((i, n) => [i, capped[n]]));
  return slots.map((s) => ({ ...s, items: s.items.map((i) => ({ ...i, listPrice: i.listPrice && byItem.get(i) != null ? money(byItem.get(i)!, i.listPrice.currency) : null })) }));
}

/** Each item with its 到手价: the flash price plus the shipping checkout will add. */
async function withDeliveredPrices(slots: LawfulSlot[], prices: DeliveredPrices) {
  return Promise.all(slots.map(async (s) => ({ ...s, items: await Promise.all(s.items.map(async (i) => ({ ...i, ...(await prices.deliveredPrice(s.id, i.flashPrice.amount, i.flashPrice.currency)) }))) })));
}

export function flashsaleRoutes(flashsale: FlashsaleService, options: { perIp: Limit; perUser: Limit; secret: string; clock: Clock; references: ReferenceCaps; prices: DeliveredPrices }) {
  return async function (app: App) {
    app.get('/flashsale/slots', {
      schema: {
        tags: ['flashsale'],
        summary: 'Flash-sale slots in one state, with each item\'s flash price, remaining units and countdown',
        querystring: Type.Object({ state: Type.Optional(Type.Union([Type.Literal('upcoming'), Type.Literal('live'), Type.Literal('ended')], { default: 'live' })) }),
        response: { 200: Type.Object({ items: Type.Array(ShopperSlotSchema) }) },
      },
    }, async (req) => {
      const slots = await withDeliveredPrices(await lawfulListPrices(await flashsale.listShopperSlots(req.query.state ?? 'live'), options.references), options.prices);
      const user = req.user;
      if (!user) return { items: slots };
      const now = options.clock.now();
      return { items: slots.map((s) => (s.state === 'live' ? { ...s, purchaseToken: signPurchaseToken(options.secret, s.id, user.id, now) } : s)) };
    });

    app.post('/flashsale/slots/:slotId/items/:itemId/purchase', {
      // A sold-out item is refused first, before the session, the rate limits and the body: in a
      // stampede that is most answers, and it is the same answer for every caller.
      config: {
        earlyAnswer: (req: FastifyRequest) => {
          const params = req.params as { slotId: string; itemId: string };
          return flashsale.knownSoldOut(params.slotId, params.itemId, req.headers['idempotency-key']);
        },
      },
      onRequest: limitPerIpAndUser(app, 'flashsale', options.perIp, options.perUser),
      schema: {
        tags: ['flashsale'],
        summary: 'Buy a flash-sale item with the slot\'s purchase token (403 FLASHSALE_TOKEN_INVALID without a valid one): admitted or refused at once (409 FLASHSALE_SOLD_OUT / FLASHSALE_LIMIT_REACHED); a retry with the Idempotency-Key of an attempt still in flight gets 409 IDEMPOTENCY_IN_PROGRESS with Retry-After; pay within the flash payment window',
        headers: PurchaseHeaders,
        params: SlotParams,
        body: Body({ addressId: Type.String({ format: 'uuid' }), quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 99 })) }),
        response: { 200: PurchaseResponse, 201: PurchaseResponse },
      },
    }, async (req, reply) => {
      const userId = requireUser(req).id;
      const check = verifyPurchaseToken(options.secret, req.headers['x-purchase-token'], req.params.slotId, userId, options.clock.now());
      if (!check.ok) throw forbidden('FLASHSALE_TOKEN_INVALID', `The purchase token is ${check.reason}: list the slot again for a fresh one`, { reason: check.reason });
      try {
        const result = await flashsale.purchase(userId, req.params.slotId, req.params.itemId, req.body, req.headers['idempotency-key'] ?? null);
        return reply.status(result.created ? 201 : 200).send(result.order);
      } catch (err) {
        // A retry that met its first attempt still in flight: say when to ask again (payment APIs' way).
        if (err instanceof DomainError && err.code === 'IDEMPOTENCY_IN_PROGRESS') reply.header('retry-after', String(IN_PROGRESS_RETRY_AFTER_S));
        throw err;
      }
    });
  };
}

const SlotFields = {
  name: Type.String({ minLength: 1, maxLength: 60 }),
  nameEn: Type.Optional(Nullable(Type.String({ maxLength: 120, description: 'English name; null or "" for none' }))),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  items: Type.Array(
    Body({
      skuId: Type.String({ format: 'uuid' }),
      flashPrice: Body({ amount: Amount, currency: Type.Optional(Currency) }),
      stock: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
      perUserLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: 99, default: 1 })),
    }),
    { minItems: 1, maxItems: 50 },
  ),
};
const SlotBody = Body({ ...SlotFields, publish: Type.Optional(Type.Boolean({ description: 'false keeps the slot as a draft' })) });
const SlotUpdateBody = Body(SlotFields);
type SlotFieldsInput = { name: string; nameEn?: string | null; startsAt: string; endsAt: string; items: { skuId: string; flashPrice: { amount: number }; stock: number; perUserLimit?: number }[] };
const slotInput = (b: SlotFieldsInput) => ({
  name: b.name,
  nameEn: b.nameEn,
  startsAt: new Date(b.startsAt),
  endsAt: new Date(b.endsAt),
  items: b.items.map((i) => ({ skuId: i.skuId, flashAmount: i.flashPrice.amount, stock: i.stock, perUserLimit: i.perUserLimit ?? 1 })),
});

export function flashsaleAdminRoutes(flashsale: FlashsaleService) {
  return async function (app: App) {
    app.post('/flashsale/slots', {
      schema: { tags: ['flashsale'], summary: 'Create a flash-sale slot (published unless publish is false)', body: SlotBody, response: { 201: SlotSchema } },
    }, async (req, reply) => {
      const slot = await flashsale.createSlot(requireUser(req).id, { ...slotInput(req.body), publish: req.body.publish });
      return reply.status(201).send(slot);
    });
    app.get('/flashsale/slots', {
      schema: { tags: ['flashsale'], summary: 'Slots with live numbers (sold, remaining, buyers), latest first', querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })) }), response: { 200: Type.Object({ items: Type.Array(SlotSchema) }) } },
    }, async (req) => ({ items: await flashsale.listSlots({ limit: req.query.limit ?? 50 }) }));
    app.get('/flashsale/slots/:id', { schema: { tags: ['flashsale'], params: IdParams, response: { 200: SlotSchema } } }, async (req) => flashsale.getSlot(req.params.id));
    app.put('/flashsale/slots/:id', {
      schema: { tags: ['flashsale'], summary: 'Replace a draft slot\'s name, window and items (409 CAMPAIGN_RULES_LOCKED once published)', params: IdParams, body: SlotUpdateBody, response: { 200: SlotSchema } },
    }, async (req) => flashsale.updateSlot(req.params.id, requireUser(req).id, slotInput(req.body)));
    app.post('/flashsale/slots/:id/publish', { schema: { tags: ['flashsale'], summary: 'Publish a draft slot', params: IdParams, response: { 200: SlotSchema } } }, async (req) => flashsale.publishSlot(req.params.id, requireUser(req).id));
    app.post('/flashsale/slots/:id/stop', { schema: { tags: ['flashsale'], summary: 'Stop a slot now: it ends and refuses purchases', params: IdParams, response: { 200: SlotSchema } } }, async (req) => flashsale.stopSlot(req.params.id, requireUser(req).id));
  };
}
