import { requireUser } from '../../platform/auth.ts';
import type { App } from '../../platform/http.ts';
import { Body, Nullable, Type, Uuid } from '../../platform/schema.ts';
import type { RestockService } from './restock.service.ts';

const AlertSchema = Type.Object({
  id: Type.String(),
  skuId: Type.String(),
  productId: Type.String(),
  productTitle: Type.String(),
  skuLabel: Type.String(),
  status: Type.Union([Type.Literal('waiting'), Type.Literal('notified'), Type.Literal('cancelled')], { description: 'notified: the SKU came back in stock and the shopper was told' }),
  available: Type.Integer({ description: 'units a shopper can buy now' }),
  createdAt: Type.String(),
  notifiedAt: Nullable(Type.String()),
  messagedAt: Nullable(Type.String({ description: 'when the message sender accepted the message' })),
});

export function restockRoutes(restock: RestockService) {
  return async (app: App) => {
    app.post('/restock-alerts', {
      schema: {
        tags: ['restock'],
        summary: '到货提醒: tell me when this sold-out option is back in stock',
        body: Body({ skuId: Uuid }),
        response: { 201: AlertSchema },
      },
    }, async (req, reply) => reply.status(201).send(await restock.subscribe(requireUser(req).id, req.body.skuId)));

    app.delete('/restock-alerts/:skuId', {
      schema: { tags: ['restock'], summary: 'Stop waiting for this option', params: Type.Object({ skuId: Uuid }), response: { 204: Type.Null() } },
    }, async (req, reply) => {
      await restock.unsubscribe(requireUser(req).id, req.params.skuId);
      return reply.status(204).send(null);
    });

    app.get('/me/restock-alerts', {
      schema: {
        tags: ['restock'],
        summary: 'My back-in-stock alerts, newest first (waiting and notified)',
        querystring: Type.Object({ productId: Type.Optional(Uuid), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) }),
        response: { 200: Type.Object({ items: Type.Array(AlertSchema) }) },
      },
    }, async (req) => restock.listMine(requireUser(req).id, { productId: req.query.productId, limit: req.query.limit ?? 50 }));
  };
}
