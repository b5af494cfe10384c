import { requireUser } from '../../platform/auth.ts';
import type { App } from '../../platform/http.ts';
import { limitPerIpAndUser, type Limit } from '../../platform/rate-limits.ts';
import { Body, IdempotencyHeaders, IdParams, Page, PageQuery, Type } from '../../platform/schema.ts';
import type { PlaceOrder } from './orders.placement.ts';
import type { OrdersService } from './orders.service.ts';
import { ItemsBody, PricingOptionsBody } from '../checkout/index.ts';
import { OrderAddressSchema, OrderSchema, OrderStatusSchema } from './orders.schema.ts';
import { withMaskedAddress } from './orders.pii.ts';
import { OrderFilterQuery, orderFilterOf } from './orders.workbench.routes.ts';
import { OrderDetailSchema } from './orders.detail.ts';
import type { Static } from 'typebox';

export function ordersRoutes(orders: OrdersService, placeOrder: PlaceOrder, limits: { perIp: Limit; perUser: Limit }) {
  return async function (app: App) {
    app.post('/orders', {
      onRequest: limitPerIpAndUser(app, 'orders', limits.perIp, limits.perUser),
      schema: {
        tags: ['orders'],
        summary: 'Place an order (reserves stock; pay within the unpaid timeout)',
        description: 'Send an Idempotency-Key header: a retried request with the same key returns the first order (200) instead of placing a second.',
        headers: IdempotencyHeaders,
        body: Body({
          items: Type.Optional(ItemsBody),
          fromCart: Type.Optional(Type.Boolean({ description: 'order everything in the cart' })),
          addressId: Type.String({ format: 'uuid' }),
          note: Type.Optional(Type.String({ maxLength: 200 })),
          ...PricingOptionsBody,
        }),
        response: { 200: OrderSchema, 201: OrderSchema },
      },
    }, async (req, reply) => {
      const result = await placeOrder(requireUser(req).id, req.body, req.headers['idempotency-key'] ?? null);
      return reply.status(result.created ? 201 : 200).send(result.order);
    });

    app.get('/orders', {
      schema: { tags: ['orders'], summary: 'My orders, newest first', querystring: Type.Object({ status: Type.Optional(OrderStatusSchema), ...PageQuery }), response: { 200: Page(OrderSchema) } },
    }, async (req) => orders.list({ userId: requireUser(req).id, status: req.query.status, cursor: req.query.cursor, limit: req.query.limit ?? 20 }));

    app.get('/orders/:id', { schema: { tags: ['orders'], params: IdParams, response: { 200: OrderSchema } } }, async (req) => orders.getOwnOrder(requireUser(req).id, req.params.id));

    app.post('/orders/:id/cancel', { schema: { tags: ['orders'], summary: 'Cancel an unpaid order (stock is released)', params: IdParams, response: { 200: OrderSchema } } }, async (req) => {
      const user = requireUser(req);
      return orders.cancel(req.params.id, { userId: user.id, reason: 'cancelled_by_shopper' });
    });

    app.post('/orders/:id/confirm-receipt', { schema: { tags: ['orders'], summary: 'Confirm the parcel arrived (completes the order)', params: IdParams, response: { 200: OrderSchema } } }, async (req) => {
      const user = requireUser(req);
      return orders.complete(req.params.id, { userId: user.id, reason: 'receipt_confirmed' });
    });
  };
}

export function ordersAdminRoutes(orders: OrdersService, extra: { orderDetail(orderId: string): Promise<Static<typeof OrderDetailSchema>>; buyerNames(userIds: string[]): Promise<Map<string, string>> }) {
  return async function (app: App) {
    app.get('/orders', {
      config: { scope: 'orders:read' },
      schema: {
        tags: ['admin'],
        summary: 'All orders, newest first, filtered as the workbench filters; `buyers` names each order\'s buyer',
        querystring: Type.Object({ status: Type.Optional(OrderStatusSchema), ...OrderFilterQuery, ...PageQuery }),
        response: { 200: Type.Object({ items: Type.Array(OrderSchema), nextCursor: Type.Union([Type.String(), Type.Null()]), buyers: Type.Record(Type.String(), Type.String()) }) },
      },
    }, async (req) => {
      const page = await orders.list({ ...orderFilterOf(req.query), cursor: req.query.cursor, limit: req.query.limit ?? 20 });
      const names = await extra.buyerNames([...new Set(page.items.map((o) => o.userId))]);
      return { ...page, items: page.items.map(withMaskedAddress), buyers: Object.fromEntries(names) };
    });

    app.get('/orders/:id', {
      config: { scope: 'orders:read' },
      schema: {
        tags: ['admin'],
        summary: 'One order for the operator: buyer, attribution, amounts that add up, history, payments and refunds',
        params: IdParams,
        response: { 200: OrderDetailSchema },
      },
    }, async (req) => extra.orderDetail(req.params.id));

    app.post('/orders/:id/ship', {
      config: { scope: 'orders:write' },
      schema: { tags: ['admin'], summary: 'Mark an order shipped', params: IdParams, body: Body({ carrier: Type.String({ minLength: 1, maxLength: 40 }), trackingNo: Type.String({ minLength: 1, maxLength: 60 }) }), response: { 200: OrderSchema } },
    }, async (req) => withMaskedAddress(await orders.ship(requireUser(req).id, req.params.id, req.body)));

    app.post('/orders/:id/complete', { config: { scope: 'orders:write' }, schema: { tags: ['admin'], params: IdParams, response: { 200: OrderSchema } } }, async (req) => withMaskedAddress(await orders.complete(req.params.id, { actorId: requireUser(req).id, reason: 'completed_by_operator' })));

    app.post('/orders/:id/cancel', { config: { scope: 'orders:write' }, schema: { tags: ['admin'], summary: 'Cancel an unpaid order', params: IdParams, response: { 200: OrderSchema } } }, async (req) => withMaskedAddress(await orders.cancel(req.params.id, { actorId: requireUser(req).id, reason: 'cancelled_by_operator' })));

    app.post('/orders/:id/address/reveal', {
      config: { scope: 'orders:read' },
      schema: {
        tags: ['admin'],
        summary: 'The order\'s full shipping address (audited: who read whose address, when, why)',
        params: IdParams,
        body: Body({ reason: Type.String({ minLength: 3, maxLength: 200 }) }),
        response: { 200: OrderAddressSchema },
      },
    }, async (req) => orders.revealAddress(requireUser(req).id, req.params.id, req.body.reason));
  };
}
