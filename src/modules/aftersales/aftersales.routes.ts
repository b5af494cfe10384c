import { requireUser } from '../../platform/auth.ts';
import type { App } from '../../platform/http.ts';
import { Body, IdParams, MoneySchema, Nullable, Page, PageQuery, Type } from '../../platform/schema.ts';
import { AFTERSALES_REASONS, presentRequest, type AftersalesService } from './aftersales.service.ts';

const RequestSchema = Type.Object({
  id: Type.String(),
  orderId: Type.String(),
  type: Type.String(),
  status: Type.String(),
  reason: Type.String(),
  description: Nullable(Type.String()),
  lines: Type.Array(Type.Object({ lineId: Type.String(), quantity: Type.Integer() })),
  amount: MoneySchema,
  refundId: Nullable(Type.String()),
  operatorNote: Nullable(Type.String()),
  createdAt: Type.String(),
  decidedAt: Nullable(Type.String()),
});
const StatusQuery = Type.Optional(Type.Union(['pending', 'approved', 'rejected', 'refunded', 'cancelled'].map((s) => Type.Literal(s))));

const presentPage = (page: { items: Parameters<typeof presentRequest>[0][]; nextCursor: string | null }) => ({ items: page.items.map(presentRequest), nextCursor: page.nextCursor });

export function aftersalesRoutes(aftersales: AftersalesService) {
  return async function (app: App) {
    app.post('/orders/:id/aftersales', {
      schema: {
        tags: ['aftersales'],
        summary: 'Ask for a refund, or a return and refund, on a paid order',
        params: IdParams,
        body: Body({
          type: Type.Union([Type.Literal('refund'), Type.Literal('return_refund')]),
          reason: Type.Union(AFTERSALES_REASONS.map((r) => Type.Literal(r))),
          description: Type.Optional(Type.String({ maxLength: 500 })),
          lines: Type.Optional(Type.Array(Body({ lineId: Type.String({ format: 'uuid' }), quantity: Type.Integer({ minimum: 1, maximum: 999 }) }), { minItems: 1, maxItems: 50 })),
        }),
        response: { 201: RequestSchema },
      },
    }, async (req, reply) => reply.status(201).send(presentRequest(await aftersales.open(requireUser(req).id, req.params.id, req.body))));

    app.get('/aftersales', { schema: { tags: ['aftersales'], querystring: Type.Object({ status: StatusQuery, ...PageQuery }), response: { 200: Page(RequestSchema) } } }, async (req) =>
      presentPage(await aftersales.list({ userId: requireUser(req).id, status: req.query.status as any, cursor: req.query.cursor, limit: req.query.limit ?? 20 })),
    );

    app.get('/aftersales/:id', { schema: { tags: ['aftersales'], params: IdParams, response: { 200: RequestSchema } } }, async (req) => presentRequest(await aftersales.getOwn(requireUser(req).id, req.params.id)));

    app.post('/aftersales/:id/cancel', { schema: { tags: ['aftersales'], summary: 'Withdraw a pending request', params: IdParams, response: { 200: RequestSchema } } }, async (req) => presentRequest(await aftersales.cancel(requireUser(req).id, req.params.id)));
  };
}

/** An operator's row names the order by number and the buyer by name, never by id. */
const AdminRequestSchema = Type.Object({ ...RequestSchema.properties, orderNumber: Type.String(), buyer: Type.Object({ id: Type.String(), name: Type.String() }) });

export interface AftersalesAdminLookups {
  orderNumbers(orderIds: string[]): Promise<Map<string, string>>;
  displayNames(userIds: string[]): Promise<Map<string, string>>;
}

export function aftersalesAdminRoutes(aftersales: AftersalesService, lookups: AftersalesAdminLookups) {
  return async function (app: App) {
    app.get('/aftersales', {
      schema: { tags: ['admin'], summary: 'After-sales requests, newest first, each with its order number and buyer name', querystring: Type.Object({ status: StatusQuery, ...PageQuery }), response: { 200: Page(AdminRequestSchema) } },
    }, async (req) => {
      const page = await aftersales.list({ status: req.query.status as any, cursor: req.query.cursor, limit: req.query.limit ?? 20 });
      const [numbers, names] = await Promise.all([lookups.orderNumbers([...new Set(page.items.map((r) => r.order_id))]), lookups.displayNames([...new Set(page.items.map((r) => r.user_id))])]);
      return {
        items: page.items.map((r) => ({ ...presentRequest(r), orderNumber: numbers.get(r.order_id) ?? '', buyer: { id: r.user_id, name: names.get(r.user_id) ?? '' } })),
        nextCursor: page.nextCursor,
      };
    });
    app.post('/aftersales/:id/approve', {
      schema: { tags: ['admin'], summary: 'Approve: refunds through the payment gateway', params: IdParams, body: Body({ note: Type.Optional(Type.String({ maxLength: 500 })) }), response: { 200: RequestSchema } },
    }, async (req) => presentRequest(await aftersales.approve(requireUser(req).id, req.params.id, req.body.note)));
    app.post('/aftersales/:id/reject', {
      schema: { tags: ['admin'], params: IdParams, body: Body({ note: Type.String({ minLength: 1, maxLength: 500 }) }), response: { 200: RequestSchema } },
    }, async (req) => presentRequest(await aftersales.reject(requireUser(req).id, req.params.id, req.body.note)));
  };
}
