import { requireUser } from '../../platform/auth.ts';
import type { App } from '../../platform/http.ts';
import { Body, IdParams, Nullable, PageQuery, Type, Uuid } from '../../platform/schema.ts';
import { MAX_IMAGES, TEXT_MAX } from './reviews.rules.ts';
import { REVIEW_IMAGE_TYPES, type NameLookup, type ReviewsService } from './reviews.service.ts';

/** Base64 of 2 MB (catalog's media limit) with a little slack, so the size check answers with its coded 413. */
const IMAGE_MAX_BASE64 = Math.ceil((2 * 1024 * 1024) / 3) * 4 + 4096;
const Status = Type.Union([Type.Literal('published'), Type.Literal('held'), Type.Literal('hidden')]);
const Reply = Nullable(Type.Object({ text: Type.String(), at: Nullable(Type.String()) }));
const Images = Type.Array(Type.String({ maxLength: 60 }), { maxItems: MAX_IMAGES, description: '/media/<id> paths from POST /reviews/images, shown in this order' });

const OwnReview = Type.Object({
  id: Type.String(), orderId: Type.String(), lineId: Type.String(), productId: Type.String(), skuLabel: Type.String(),
  rating: Type.Integer(), text: Type.String(), images: Type.Array(Type.String()), status: Status, helpful: Type.Integer(), reply: Reply, createdAt: Type.String(),
});
const AdminReview = Type.Intersect([OwnReview, Type.Object({ userId: Type.String(), sentiment: Type.Number(), hiddenReason: Nullable(Type.String()) })]);
const PublicReview = Type.Object({
  id: Type.String(), rating: Type.Integer(), text: Type.String(), images: Type.Array(Type.String()), skuLabel: Type.String(), author: Type.String(),
  verifiedPurchase: Type.Boolean({ description: 'always true: a review needs a received order line' }), helpful: Type.Integer(), reply: Reply, createdAt: Type.String(),
});
const Summary = Type.Object({
  count: Type.Integer(),
  average: Nullable(Type.Number()),
  distribution: Type.Object({ '1': Type.Integer(), '2': Type.Integer(), '3': Type.Integer(), '4': Type.Integer(), '5': Type.Integer() }),
  withImages: Type.Integer(),
});

export function reviewsRoutes(reviews: ReviewsService, names: NameLookup) {
  return async (app: App) => {
    app.post('/reviews', {
      schema: {
        tags: ['reviews'],
        summary: 'Review a received order line (one review per line): 1–5 stars, text, up to 9 images; published at once or held for moderation',
        body: Body({
          orderId: Uuid,
          lineId: Uuid,
          rating: Type.Integer({ minimum: 1, maximum: 5 }),
          text: Type.String({ minLength: 1, maxLength: TEXT_MAX }),
          images: Type.Optional(Images),
        }),
        response: { 201: OwnReview },
      },
    }, async (req, reply) => reply.status(201).send(await reviews.create(requireUser(req).id, req.body)));

    app.post('/reviews/images', {
      bodyLimit: IMAGE_MAX_BASE64 + 64 * 1024,
      schema: {
        tags: ['reviews'],
        summary: 'Upload a photo for a review (PNG, JPEG or WebP, up to 2 MB) as base64 JSON; use the returned url in images',
        body: Body({ contentType: Type.Union(REVIEW_IMAGE_TYPES.map((t) => Type.Literal(t))), dataBase64: Type.String({ minLength: 4, maxLength: IMAGE_MAX_BASE64 }) }),
        response: { 201: Type.Object({ id: Type.String(), url: Type.String() }) },
      },
    }, async (req, reply) => reply.status(201).send(await reviews.uploadImage(requireUser(req).id, req.body.contentType, req.body.dataBase64)));

    app.post('/reviews/:id/helpful', {
      schema: { tags: ['reviews'], summary: 'Mark a review helpful (once per shopper, not your own)', params: IdParams, response: { 200: Type.Object({ reviewId: Type.String(), helpful: Type.Integer() }) } },
    }, async (req) => reviews.vote(requireUser(req).id, req.params.id));

    app.get('/reviews/orders/:id', {
      schema: {
        tags: ['reviews'],
        summary: 'The lines of one of my orders, each with my review or whether I can write one',
        params: IdParams,
        response: {
          200: Type.Object({
            orderId: Type.String(),
            lines: Type.Array(Type.Object({ lineId: Type.String(), productId: Type.String(), title: Type.String(), skuLabel: Type.String(), image: Nullable(Type.String()), reviewable: Type.Boolean(), review: Nullable(OwnReview) })),
          }),
        },
      },
    }, async (req) => reviews.forMyOrder(requireUser(req).id, req.params.id));

    app.get('/products/:id/reviews', {
      schema: {
        tags: ['reviews'],
        summary: 'A product\'s published reviews (with images first, then newest) with its rating summary and star distribution',
        params: IdParams,
        querystring: Type.Object({ ...PageQuery, withImages: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        response: { 200: Type.Object({ productId: Type.String(), summary: Summary, items: Type.Array(PublicReview), nextCursor: Nullable(Type.String()) }) },
      },
    }, async (req) => reviews.forProduct(req.params.id, req.query, names));
  };
}

export function reviewsAdminRoutes(reviews: ReviewsService) {
  return async (app: App) => {
    app.get('/reviews', {
      schema: {
        tags: ['admin'],
        summary: 'Reviews, newest first',
        querystring: Type.Object({ productId: Type.Optional(Uuid), status: Type.Optional(Status), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(AdminReview) }) },
      },
    }, async (req) => reviews.list(req.query));

    app.post('/reviews/:id/reply', {
      schema: { tags: ['admin'], summary: 'Reply to a review as the store (shown under it; replaces an earlier reply)', params: IdParams, body: Body({ text: Type.String({ minLength: 1, maxLength: 1000 }) }), response: { 200: AdminReview } },
    }, async (req) => reviews.reply(requireUser(req).id, req.params.id, req.body.text));

    app.post('/reviews/:id/hide', {
      schema: { tags: ['admin'], summary: 'Take a review off the product page, with the reason (kept for the record)', params: IdParams, body: Body({ reason: Type.String({ minLength: 1, maxLength: 200 }) }), response: { 200: AdminReview } },
    }, async (req) => reviews.hide(requireUser(req).id, req.params.id, req.body.reason));

    app.post('/reviews/:id/restore', {
      schema: { tags: ['admin'], summary: 'Put a hidden review back on the product page', params: IdParams, response: { 200: AdminReview } },
    }, async (req) => reviews.restore(requireUser(req).id, req.params.id));
  };
}
