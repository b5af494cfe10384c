// Operator routes of the product board (under /api/v1/admin): the list with stock, sales, sort and
// a total; bulk 上架 / 下架; the category tree with product counts.
import { requireUser } from '../../platform/auth.ts';
import type { App } from '../../platform/http.ts';
import { Body, MoneySchema, Type, Uuid } from '../../platform/schema.ts';
import { BULK_STATUS_MAX, type SalesSource } from './catalog.board.ts';
import type { CatalogService } from './catalog.service.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const ProductStatus = Type.Union([Type.Literal('draft'), Type.Literal('active'), Type.Literal('archived')]);

const BoardItem = Type.Object({
  id: Type.String(),
  title: Type.String(),
  titleEn: Nullable(Type.String()),
  subtitle: Type.String(),
  subtitleEn: Nullable(Type.String()),
  image: Nullable(Type.String()),
  price: Nullable(Type.Object({ min: MoneySchema, max: MoneySchema })),
  categoryId: Type.String(),
  status: Type.String(),
  createdAt: Type.String(),
  stock: Type.Integer({ description: 'on hand, summed over every SKU' }),
  available: Type.Integer({ description: 'on hand less reserved, summed over every SKU' }),
  skuCount: Type.Integer(),
  sales: Type.Integer({ description: 'units on paid orders, less units refunded' }),
});

const CategoryFields = {
  id: Type.String(),
  parentId: Nullable(Type.String()),
  name: Type.String(),
  nameEn: Type.String(),
  slug: Type.String(),
  sort: Type.Integer(),
  products: Type.Integer({ description: 'products in this category itself' }),
  productsWithin: Type.Integer({ description: 'products in it and every category below it' }),
};
// Categories nest at most three levels, so the tree is spelled out (no recursive schema).
const Leaf = Type.Object({ ...CategoryFields, children: Type.Array(Type.Object(CategoryFields)) });
const Mid = Type.Object({ ...CategoryFields, children: Type.Array(Leaf) });
const Root = Type.Object({ ...CategoryFields, children: Type.Array(Mid) });

const ErrorShape = Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Record(Type.String(), Type.Unknown())) });

export function catalogBoardRoutes(catalog: CatalogService, sales: SalesSource) {
  return async function (app: App) {
    app.get('/catalog/products/board', {
      config: { scope: 'catalog:read' },
      schema: {
        tags: ['admin', 'catalog'],
        summary: 'Products of any status with stock and units sold: filter by status, category (subcategories included) and title; sort; page with a total',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 100 })),
          status: Type.Optional(ProductStatus),
          categoryId: Type.Optional(Uuid),
          sort: Type.Optional(Type.Union([Type.Literal('created'), Type.Literal('price'), Type.Literal('stock'), Type.Literal('sales')], { default: 'created' })),
          order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: 'desc' })),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
          pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
        }),
        response: { 200: Type.Object({ items: Type.Array(BoardItem), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() }) },
      },
    }, async (req) =>
      catalog.listProductBoard(
        { q: req.query.q, status: req.query.status, categoryId: req.query.categoryId, sort: req.query.sort ?? 'created', order: req.query.order ?? 'desc', page: req.query.page ?? 1, pageSize: req.query.pageSize ?? 20 },
        sales,
      ));

    app.post('/catalog/products/bulk-status', {
      config: { scope: 'catalog:write' },
      schema: {
        tags: ['admin', 'catalog'],
        summary: `上架 (active) or 下架 (archived) up to ${BULK_STATUS_MAX} products. Unknown ids refuse the whole request (404) and change nothing; otherwise each product moves in its own transaction with its own outcome`,
        body: Body({
          ids: Type.Array(Uuid, { minItems: 1, maxItems: BULK_STATUS_MAX, uniqueItems: true }),
          status: Type.Union([Type.Literal('active'), Type.Literal('archived')]),
        }),
        response: {
          200: Type.Object({
            results: Type.Array(Type.Object({ id: Type.String(), ok: Type.Boolean(), status: Type.String({ description: 'the status now' }), changed: Type.Optional(Type.Boolean()), error: Type.Optional(ErrorShape) })),
            changed: Type.Integer(),
            failed: Type.Integer(),
          }),
        },
      },
    }, async (req) => catalog.bulkProductStatus(requireUser(req).id, req.body.ids, req.body.status));

    app.get('/catalog/categories/tree', {
      config: { scope: 'catalog:read' },
      schema: { tags: ['admin', 'catalog'], summary: 'The category tree with product counts (own and including subcategories)', response: { 200: Type.Object({ items: Type.Array(Root) }) } },
    }, async () => ({ items: await catalog.getCategoryTreeWithCounts() }));
  };
}
