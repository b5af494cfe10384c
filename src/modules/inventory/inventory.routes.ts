import { requireUser } from '../../platform/auth.ts';
import type { App } from '../../platform/http.ts';
import { Body, Page, PageQuery, Type, Uuid } from '../../platform/schema.ts';
import { MAX_ON_HAND } from './inventory.rules.ts';
import type { InventoryService } from './inventory.service.ts';

export interface SkuDescription {
  productId: string;
  productTitle: string;
  skuLabel: string;
  code: string;
}

export interface InventoryRouteOptions {
  /** Names SKUs for the operator's list (the catalog knows them; inventory only knows ids). */
  describeSkus?: (skuIds: string[]) => Promise<Map<string, SkuDescription>>;
}

const LevelSchema = Type.Object({
  skuId: Type.String(),
  onHand: Type.Integer(),
  reserved: Type.Integer(),
  available: Type.Integer(),
  updatedAt: Type.String(),
  productId: Type.Union([Type.String(), Type.Null()]),
  productTitle: Type.Union([Type.String(), Type.Null()]),
  skuLabel: Type.Union([Type.String(), Type.Null()]),
  code: Type.Union([Type.String(), Type.Null()]),
});

const AvailabilitySchema = Type.Object({ skuId: Type.String(), onHand: Type.Integer(), reserved: Type.Integer(), available: Type.Integer() });
const SkuParams = Type.Object({ skuId: Uuid });

export function inventoryAdminRoutes(inventory: InventoryService, options: InventoryRouteOptions = {}) {
  return async function (app: App) {
    const describe = async <T extends { skuId: string; updatedAt: Date }>(items: T[]) => {
      const names = options.describeSkus ? await options.describeSkus(items.map((i) => i.skuId)) : new Map<string, SkuDescription>();
      return items.map((i) => {
        const d = names.get(i.skuId);
        return { ...i, updatedAt: i.updatedAt.toISOString(), productId: d?.productId ?? null, productTitle: d?.productTitle ?? null, skuLabel: d?.skuLabel ?? null, code: d?.code ?? null };
      });
    };

    app.get('/inventory', {
      config: { scope: 'inventory:read' },
      schema: {
        tags: ['admin', 'inventory'],
        summary: 'Stock levels, scarcest first',
        querystring: Type.Object({
          lowStock: Type.Optional(Type.Boolean({ description: 'only SKUs with at most `threshold` available' })),
          threshold: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_ON_HAND, default: 10 })),
          ...PageQuery,
        }),
        response: { 200: Page(LevelSchema) },
      },
    }, async (req) => {
      const page = await inventory.listLevels({ lowStock: req.query.lowStock, threshold: req.query.threshold, cursor: req.query.cursor, limit: req.query.limit ?? 20 });
      return { items: await describe(page.items), nextCursor: page.nextCursor };
    });

    app.get('/inventory/:skuId', {
      config: { scope: 'inventory:read' },
      schema: { tags: ['admin', 'inventory'], summary: 'One SKU\'s stock with its recent movements', params: SkuParams, response: { 200: Type.Object({ level: LevelSchema, movements: Type.Array(Type.Object({ id: Type.Integer(), deltaOnHand: Type.Integer(), deltaReserved: Type.Integer(), reason: Type.String(), ref: Type.Union([Type.String(), Type.Null()]), at: Type.String() })) }) } },
    }, async (req) => {
      const [level] = await describe([await inventory.getLevel(req.params.skuId)]);
      const movements = (await inventory.listMovements(req.params.skuId)).map((m) => ({ ...m, at: m.at.toISOString() }));
      return { level, movements };
    });

    app.put('/inventory/:skuId', {
      config: { scope: 'inventory:write' },
      schema: { tags: ['admin', 'inventory'], summary: 'Set on-hand stock after a count (never below reserved)', params: SkuParams, body: Body({ onHand: Type.Integer({ minimum: 0, maximum: MAX_ON_HAND }) }), response: { 200: AvailabilitySchema } },
    }, async (req) => {
      const level = await inventory.setOnHand(requireUser(req).id, req.params.skuId, req.body.onHand);
      return { skuId: req.params.skuId, ...level };
    });

    app.post('/inventory/:skuId/adjustments', {
      config: { scope: 'inventory:write' },
      schema: {
        tags: ['admin', 'inventory'],
        summary: 'Add or remove stock with a reason (never below reserved)',
        params: SkuParams,
        body: Body({ delta: Type.Integer({ minimum: -MAX_ON_HAND, maximum: MAX_ON_HAND, not: { const: 0 } }), reason: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 201: AvailabilitySchema },
      },
    }, async (req, reply) => {
      const level = await inventory.adjust(requireUser(req).id, req.params.skuId, req.body.delta, req.body.reason);
      return reply.status(201).send({ skuId: req.params.skuId, ...level });
    });
  };
}
