import type { FastifyReply } from 'fastify';
import { requireUser } from '../../platform/auth.ts';
import type { App } from '../../platform/http.ts';
import { MAX_AMOUNT } from '../../platform/money.ts';
import { Body, IdParams, MoneySchema, Page, PageQuery, Type, Uuid } from '../../platform/schema.ts';
import { LIMITS, MEDIA_MAX_BASE64, MEDIA_TYPES } from './catalog.rules.ts';
import type { CatalogService } from './catalog.service.ts';

// ---- schemas

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const MoneyIn = Body(
  {
    amount: Type.Integer({ minimum: 1, maximum: MAX_AMOUNT, description: 'minor units (fen)' }),
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217; defaults to the product\'s currency (CNY)' })),
  },
  { description: 'money in minor units, e.g. { amount: 1990, currency: "CNY" }' },
);

const Attributes = Type.Record(Type.String({ maxLength: LIMITS.attributeNameMax }), Type.String({ minLength: 1, maxLength: LIMITS.attributeValueMax }), {
  maxProperties: LIMITS.attributesMax,
  description: 'attribute name → value, e.g. {"颜色":"红","尺码":"M"}',
});

const EnglishAttrs = Type.Record(
  Type.String({ maxLength: LIMITS.attributeNameMax }),
  Type.Object({ name: Type.String({ minLength: 1, maxLength: LIMITS.attributeNameMax }), value: Type.String({ minLength: 1, maxLength: LIMITS.attributeValueMax }) }, { additionalProperties: false }),
  { maxProperties: LIMITS.attributesMax, description: 'Chinese attribute name → English name and value, e.g. {"颜色":{"name":"Colour","value":"Red"}}; null or {} for none' },
);

const ProductStatus = Type.Union([Type.Literal('draft'), Type.Literal('active'), Type.Literal('archived')]);
const SkuStatus = Type.Union([Type.Literal('active'), Type.Literal('inactive')]);
const Title = Type.String({ minLength: 1, maxLength: LIMITS.titleMax });
const Subtitle = Type.String({ maxLength: LIMITS.subtitleMax });
const Description = Type.String({ maxLength: LIMITS.descriptionMax });
// Optional English texts: null or "" clears one; shoppers see the Chinese where there is none.
const English = {
  titleEn: Type.Optional(Nullable(Type.String({ maxLength: LIMITS.titleMax, description: 'English title; null or "" for none' }))),
  subtitleEn: Type.Optional(Nullable(Type.String({ maxLength: LIMITS.subtitleMax }))),
  descriptionEn: Type.Optional(Nullable(Type.String({ maxLength: LIMITS.descriptionMax }))),
};
const Images = Type.Array(Type.String({ minLength: 1, maxLength: LIMITS.imageUrlMax }), { maxItems: LIMITS.imagesMax, description: '/media/<id> paths or https URLs; the first is the cover' });

const SkuFields = {
  code: Type.String({ minLength: 1, maxLength: LIMITS.skuCodeMax }),
  attributes: Type.Optional(Attributes),
  attrsEn: Type.Optional(Nullable(EnglishAttrs)),
  price: MoneyIn,
  listPrice: Type.Optional(Nullable(MoneyIn)),
  status: Type.Optional(SkuStatus),
};
const SkuBody = Body({ ...SkuFields, initialStock: Type.Optional(Type.Integer({ minimum: 0, maximum: LIMITS.initialStockMax })) });
const SkuPatchBody = Body({
  code: Type.Optional(SkuFields.code),
  attributes: Type.Optional(Attributes),
  attrsEn: Type.Optional(Nullable(EnglishAttrs)),
  price: Type.Optional(MoneyIn),
  listPrice: Type.Optional(Nullable(MoneyIn)),
  status: Type.Optional(SkuStatus),
}, { minProperties: 1 });

const ProductBody = Body({
  title: Title,
  subtitle: Type.Optional(Subtitle),
  description: Type.Optional(Description),
  ...English,
  categoryId: Uuid,
  images: Type.Optional(Images),
  status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('active')])),
  skus: Type.Optional(Type.Array(SkuBody, { maxItems: LIMITS.skusPerProductMax })),
});
const ProductPatchBody = Body({
  title: Type.Optional(Title),
  subtitle: Type.Optional(Subtitle),
  description: Type.Optional(Description),
  ...English,
  categoryId: Type.Optional(Uuid),
  images: Type.Optional(Images),
  status: Type.Optional(ProductStatus),
}, { minProperties: 1 });

const CategoryFields = {
  name: Type.String({ minLength: 1, maxLength: LIMITS.categoryNameMax }),
  nameEn: Type.String({ minLength: 1, maxLength: LIMITS.categoryNameMax }),
  slug: Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' }),
  parentId: Type.Optional(Nullable(Uuid)),
  sort: Type.Optional(Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 })),
};
const CategoryBody = Body(CategoryFields);
const CategoryPatchBody = Body(
  { name: Type.Optional(CategoryFields.name), nameEn: Type.Optional(CategoryFields.nameEn), slug: Type.Optional(CategoryFields.slug), parentId: CategoryFields.parentId, sort: CategoryFields.sort },
  { minProperties: 1 },
);

const CategoryFieldsOut = { id: Type.String(), parentId: Nullable(Type.String()), name: Type.String(), nameEn: Type.String(), slug: Type.String(), sort: Type.Integer() };
const CategorySchema = Type.Object(CategoryFieldsOut);
// Categories nest at most three levels, so the tree schema is spelled out (no recursive schema).
const CategoryLeaf = Type.Object({ ...CategoryFieldsOut, children: Type.Array(Type.Object(CategoryFieldsOut)) });
const CategoryMid = Type.Object({ ...CategoryFieldsOut, children: Type.Array(CategoryLeaf) });
const CategoryTree = Type.Object({ ...CategoryFieldsOut, children: Type.Array(CategoryMid) });

const PriceRange = Nullable(Type.Object({ min: MoneySchema, max: MoneySchema }));
const ProductSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  titleEn: Nullable(Type.String({ description: 'English title, null when the store has none' })),
  subtitle: Type.String(),
  subtitleEn: Nullable(Type.String()),
  image: Nullable(Type.String()),
  price: PriceRange,
  categoryId: Type.String(),
  status: Type.String(),
  createdAt: Type.String(),
});
const SkuSchema = Type.Object({
  id: Type.String(),
  productId: Type.String(),
  code: Type.String(),
  label: Type.String({ description: 'attribute values, e.g. "红 / M"' }),
  attributes: Type.Record(Type.String(), Type.String()),
  attrsEn: Nullable(Type.Record(Type.String(), Type.Object({ name: Type.String(), value: Type.String() }), { description: 'English option names and values by Chinese attribute name' })),
  price: MoneySchema,
  listPrice: Nullable(MoneySchema),
  status: Type.String(),
  available: Type.Integer({ description: 'on hand minus reserved' }),
  purchasable: Type.Boolean(),
  onHand: Type.Optional(Type.Integer()),
  reserved: Type.Optional(Type.Integer()),
});
const ProductDetail = Type.Object({
  ...ProductSummary.properties,
  description: Type.String(),
  descriptionEn: Nullable(Type.String()),
  images: Type.Array(Type.String()),
  options: Type.Array(Type.Object({ name: Type.String(), values: Type.Array(Type.String()) })),
  skus: Type.Array(SkuSchema),
  updatedAt: Type.String(),
});

const Sort = Type.Union([Type.Literal('newest'), Type.Literal('price_asc'), Type.Literal('price_desc')], { default: 'newest' });
const Search = Type.String({ maxLength: 100 });

// ---- routes

/**
 * The shopper list and product page come from a per-process cache as the same objects until they
 * change, so each is serialised once (by the route's response schema, as Fastify would) and its
 * JSON text reused; the text goes when its object leaves the cache.
 */
function sendSerialisedOnce() {
  const texts = new WeakMap<object, string>();
  return (reply: FastifyReply, value: object) => {
    let text = texts.get(value);
    if (text === undefined) {
      text = String(reply.serialize(value)); // the response schema's serializer returns text
      texts.set(value, text);
    }
    return reply.type('application/json; charset=utf-8').send(text);
  };
}

/** The highest reference price each SKU may show (compliance: lowest charged in the market's window); null: never sold. */
export interface ReferencePrices {
  shownReference(skuIds: readonly string[]): Promise<Map<string, number | null>>;
}

type ShopperProduct = Awaited<ReturnType<CatalogService['getShopperProduct']>>;

/**
 * The reference ("original") price a shopper may see: the one set, capped by the lawful one, and
 * only when still above the price. Applied to the cached page per response; an unchanged page is
 * the cached object itself, so its serialised text is reused.
 */
async function withLawfulReference(product: ShopperProduct, references: ReferencePrices | undefined): Promise<ShopperProduct> {
  const listed = product.skus.filter((s) => s.listPrice);
  if (!references || !listed.length) return product;
  const lawful = await references.shownReference(listed.map((s) => s.id));
  let changed = false;
  const skus = product.skus.map((s) => {
    const cap = s.listPrice ? lawful.get(s.id) : null;
    if (!s.listPrice || cap === null || cap === undefined || s.listPrice.amount <= cap) return s;
    changed = true;
    return { ...s, listPrice: cap > s.price.amount ? { ...s.listPrice, amount: cap } : null };
  });
  return changed ? { ...product, skus } : product;
}

/** Shopper routes, under /api/v1. */
export function catalogRoutes(catalog: CatalogService, references?: ReferencePrices) {
  const send = sendSerialisedOnce();
  return async function (app: App) {
    app.get('/catalog/categories', {
      schema: { tags: ['catalog'], summary: 'The category tree', response: { 200: Type.Object({ items: Type.Array(CategoryTree) }) } },
    }, async () => ({ items: await catalog.getCategoryTree() }));

    app.get('/catalog/products', {
      schema: {
        tags: ['catalog'],
        summary: 'Products on sale: search by title, filter by category (subcategories included), newest or by price',
        querystring: Type.Object({ q: Type.Optional(Search), categoryId: Type.Optional(Uuid), sort: Type.Optional(Sort), ...PageQuery }),
        response: { 200: Page(ProductSummary) },
      },
    }, async (req, reply) => send(reply, await catalog.listProducts({ q: req.query.q, categoryId: req.query.categoryId, sort: req.query.sort, cursor: req.query.cursor, limit: req.query.limit ?? 20 })));

    app.get('/catalog/products/:id', {
      schema: { tags: ['catalog'], summary: 'A product with its SKUs, prices and availability', params: IdParams, response: { 200: ProductDetail } },
    }, async (req, reply) => send(reply, await withLawfulReference(await catalog.getShopperProduct(req.params.id), references)));
  };
}

/** Public image bytes at /media/:id (outside /api/v1 so <img src> works without auth). */
export function mediaRoutes(catalog: CatalogService) {
  return async function (app: App) {
    app.get('/media/:id', { schema: { tags: ['catalog'], summary: 'A stored product image', params: IdParams } }, async (req, reply) => {
      const media = await catalog.getMedia(req.params.id);
      reply.header('content-type', media.contentType);
      reply.header('cache-control', 'public, max-age=31536000, immutable');
      reply.header('content-disposition', 'inline');
      reply.header('cross-origin-resource-policy', 'same-site');
      // An SVG opened directly is a document: no script, no external loads, whatever it contains.
      if (media.contentType === 'image/svg+xml') reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
      return reply.send(media.bytes);
    });
  };
}

/** Operator routes, under /api/v1/admin (the operator role is enforced there). */
export function catalogAdminRoutes(catalog: CatalogService) {
  return async function (app: App) {
    app.get('/catalog/categories', {
      config: { scope: 'catalog:read' },
      schema: { tags: ['admin', 'catalog'], summary: 'Every category, flat', response: { 200: Type.Object({ items: Type.Array(CategorySchema) }) } },
    }, async () => ({ items: await catalog.listCategories() }));

    app.post('/catalog/categories', {
      config: { scope: 'catalog:write' },
      schema: { tags: ['admin', 'catalog'], summary: 'Create a category', body: CategoryBody, response: { 201: CategorySchema } },
    }, async (req, reply) => reply.status(201).send(await catalog.createCategory(requireUser(req).id, req.body)));

    app.patch('/catalog/categories/:id', {
      config: { scope: 'catalog:write' },
      schema: { tags: ['admin', 'catalog'], summary: 'Rename, move or reorder a category', params: IdParams, body: CategoryPatchBody, response: { 200: CategorySchema } },
    }, async (req) => catalog.updateCategory(requireUser(req).id, req.params.id, req.body));

    app.delete('/catalog/categories/:id', {
      config: { scope: 'catalog:write' },
      schema: { tags: ['admin', 'catalog'], summary: 'Delete an empty category', params: IdParams, response: { 204: Type.Null() } },
    }, async (req, reply) => {
      await catalog.deleteCategory(requireUser(req).id, req.params.id);
      return reply.status(204).send(null);
    });

    app.get('/catalog/products', {
      config: { scope: 'catalog:read' },
      schema: {
        tags: ['admin', 'catalog'],
        summary: 'Products of any status, newest first',
        querystring: Type.Object({ q: Type.Optional(Search), status: Type.Optional(ProductStatus), categoryId: Type.Optional(Uuid), ...PageQuery }),
        response: { 200: Page(ProductSummary) },
      },
    }, async (req) => catalog.listAdminProducts({ q: req.query.q, status: req.query.status, categoryId: req.query.categoryId, cursor: req.query.cursor, limit: req.query.limit ?? 20 }));

    app.post('/catalog/products', {
      config: { scope: 'catalog:write' },
      schema: { tags: ['admin', 'catalog'], summary: 'Create a product, optionally with its SKUs and opening stock', body: ProductBody, response: { 201: ProductDetail } },
    }, async (req, reply) => reply.status(201).send(await catalog.createProduct(requireUser(req).id, req.body)));

    app.get('/catalog/products/:id', {
      config: { scope: 'catalog:read' },
      schema: { tags: ['admin', 'catalog'], summary: 'A product with every SKU and its stock', params: IdParams, response: { 200: ProductDetail } },
    }, async (req) => catalog.getProduct(req.params.id));

    app.patch('/catalog/products/:id', {
      config: { scope: 'catalog:write' },
      schema: { tags: ['admin', 'catalog'], summary: 'Edit a product or move it draft → active → archived', params: IdParams, body: ProductPatchBody, response: { 200: ProductDetail } },
    }, async (req) => catalog.updateProduct(requireUser(req).id, req.params.id, req.body));

    app.post('/catalog/products/:id/skus', {
      config: { scope: 'catalog:write' },
      schema: { tags: ['admin', 'catalog'], summary: 'Add a SKU (with opening stock)', params: IdParams, body: SkuBody, response: { 201: SkuSchema } },
    }, async (req, reply) => reply.status(201).send(await catalog.addSku(requireUser(req).id, req.params.id, req.body)));

    app.patch('/catalog/skus/:id', {
      config: { scope: 'catalog:write' },
      schema: { tags: ['admin', 'catalog'], summary: 'Edit a SKU\'s code, attributes, prices or status', params: IdParams, body: SkuPatchBody, response: { 200: SkuSchema } },
    }, async (req) => catalog.updateSku(requireUser(req).id, req.params.id, req.body));

    app.post('/media', {
      config: { scope: 'catalog:write' },
      bodyLimit: MEDIA_MAX_BASE64 + 64 * 1024,
      schema: {
        tags: ['admin', 'catalog'],
        summary: 'Upload a product image (PNG, JPEG, WebP or SVG, up to 2 MB) as base64 JSON',
        body: Body({
          contentType: Type.Union(MEDIA_TYPES.map((t) => Type.Literal(t))),
          // A little over 2 MB gets through to the size check and its coded 413; the body limit stops anything bigger.
          dataBase64: Type.String({ minLength: 1, maxLength: MEDIA_MAX_BASE64 + 4096 }),
        }),
        response: { 201: Type.Object({ id: Type.String(), url: Type.String() }) },
      },
    }, async (req, reply) => reply.status(201).send(await catalog.uploadMedia(requireUser(req).id, req.body.contentType, req.body.dataBase64)));
  };
}
