// The order workbench's routes: filters shared by the list, the tab counts and the CSV export;
// bulk shipping; the carrier list the ship dialogs pick from.
import { requireUser } from '../../platform/auth.ts';
import type { App } from '../../platform/http.ts';
import { invalid } from '../../platform/errors.ts';
import type { Static } from 'typebox';
import { Body, Type } from '../../platform/schema.ts';
import { ORDER_STATUSES } from './orders.rules.ts';
import { OrderStatusSchema } from './orders.schema.ts';
import type { OrderFilter } from './orders.repo.ts';
import { BULK_SHIP_LIMIT, toCsv, type OrdersWorkbench } from './orders.workbench.ts';
import { CARRIERS, isCarrierCode } from './orders.carriers.ts';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a day in the store\'s time zone (Asia/Shanghai), YYYY-MM-DD' });

/** The workbench's filter as query parameters (the list adds status and paging). */
export const OrderFilterQuery = {
  q: Type.Optional(Type.String({ maxLength: 40, description: 'order number contains' })),
  buyer: Type.Optional(Type.String({ format: 'uuid', description: 'the buyer\'s account id (pick it with GET /admin/customers?q=)' })),
  product: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: 'an item\'s title contains' })),
  kind: Type.Optional(Type.String({ pattern: '^[a-z_]{1,20}$', description: 'standard, groupbuy, flashsale, bargain…' })),
  from: Type.Optional(Day),
  to: Type.Optional(Day),
};
type FilterQuery = { q?: string; buyer?: string; product?: string; kind?: string; from?: string; to?: string; status?: Static<typeof OrderStatusSchema> };

const CHINA_OFFSET = '+08:00';
/** Query parameters to the repo's filter; `to` is inclusive of its whole day in China time. */
export function orderFilterOf(query: FilterQuery): OrderFilter {
  const from = query.from ? new Date(`${query.from}T00:00:00${CHINA_OFFSET}`) : undefined;
  const to = query.to ? new Date(new Date(`${query.to}T00:00:00${CHINA_OFFSET}`).getTime() + 86_400_000) : undefined;
  if ((from && Number.isNaN(from.getTime())) || (to && Number.isNaN(to.getTime()))) throw invalid('VALIDATION_FAILED', 'That is not a calendar day', { from: query.from, to: query.to });
  if (from && to && from >= to) throw invalid('VALIDATION_FAILED', 'The range ends before it starts', { from: query.from, to: query.to });
  return { status: query.status, q: query.q, userId: query.buyer, product: query.product, kind: query.kind, from, to };
}

const Money = Type.Object({ amount: Type.Integer(), currency: Type.String() });

export function ordersWorkbenchRoutes(workbench: OrdersWorkbench, deps: { buyerNames(userIds: string[]): Promise<Map<string, string>> }) {
  return async function (app: App) {
    app.get('/orders/summary', {
      config: { scope: 'orders:read' },
      schema: {
        tags: ['admin'],
        summary: 'Orders per status (the tabs) and the count and total of the filtered orders',
        querystring: Type.Object({ ...OrderFilterQuery, status: Type.Optional(OrderStatusSchema) }),
        response: { 200: Type.Object({ counts: Type.Object(Object.fromEntries(ORDER_STATUSES.map((s) => [s, Type.Integer()]))), all: Type.Integer(), count: Type.Integer(), total: Money }) },
      },
    }, async (req) => workbench.summary(orderFilterOf(req.query)));

    app.get('/orders/export.csv', {
      config: { scope: 'orders:read' },
      schema: {
        tags: ['admin'],
        summary: 'The filtered orders as CSV (UTF-8 with BOM, amounts in yuan), at most 5,000 rows; X-Truncated: true when more matched',
        querystring: Type.Object({ ...OrderFilterQuery, status: Type.Optional(OrderStatusSchema) }),
        produces: ['text/csv'],
      },
    }, async (req, reply) => {
      const { rows, truncated } = await workbench.csv(orderFilterOf(req.query), deps.buyerNames);
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="orders.csv"').header('x-truncated', String(truncated)).send(toCsv(rows));
    });

    app.get('/orders/carriers', {
      schema: { tags: ['admin'], summary: 'Express carriers by Kuaidi100 code', response: { 200: Type.Object({ items: Type.Array(Type.Object({ code: Type.String(), zh: Type.String(), en: Type.String() })) }) } },
    }, async () => ({ items: [...CARRIERS] }));

    app.post('/orders/ship', {
      config: { scope: 'orders:write' },
      schema: {
        tags: ['admin'],
        summary: 'Ship several orders; each ships or is refused on its own (results in the order given)',
        body: Body({
          items: Type.Array(Body({ orderId: Type.String({ format: 'uuid' }), carrier: Type.String({ minLength: 1, maxLength: 40, description: 'a code from GET /admin/orders/carriers' }), trackingNo: Type.String({ minLength: 4, maxLength: 40, pattern: '^[A-Za-z0-9-]+$' }) }), { minItems: 1, maxItems: BULK_SHIP_LIMIT }),
        }),
        response: {
          200: Type.Object({
            shipped: Type.Integer(),
            results: Type.Array(Type.Object({ orderId: Type.String(), ok: Type.Boolean(), error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })) })),
          }),
        },
      },
    }, async (req) => {
      const unknown = req.body.items.filter((i) => !isCarrierCode(i.carrier)).map((i) => i.carrier);
      if (unknown.length) throw invalid('VALIDATION_FAILED', 'Pick carriers from the list', { field: 'carrier', unknown: [...new Set(unknown)] });
      const ids = req.body.items.map((i) => i.orderId);
      if (new Set(ids).size !== ids.length) throw invalid('VALIDATION_FAILED', 'An order appears twice', { field: 'orderId' });
      const results = await workbench.bulkShip(requireUser(req).id, req.body.items);
      return { shipped: results.filter((r) => r.ok).length, results };
    });
  };
}
