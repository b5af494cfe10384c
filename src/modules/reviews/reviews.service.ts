// Product reviews: one per received order line, screened by moderation (sanitised text, word list,
// sentiment) before it is published or held; helpful votes once per shopper; operator replies and
// hiding; the product page's rating summary and images-first list. Points go through loyalty's
// `review` reason from the `review.published` event (reviews/index.ts), once per order line.
import { recordAudit } from '../../platform/audit.ts';
import { conflict, DomainError, invalid, isUniqueViolation, notFound, unprocessable } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { decodeCursor, encodeCursor } from '../../platform/schema.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import type { CatalogService } from '../catalog/index.ts';
import { sanitizePlain, type ModerationService } from '../moderation/index.ts';
import type { OrdersService } from '../orders/index.ts';
import * as repo from './reviews.repo.ts';
import { BASE64, MAX_IMAGES, MEDIA_PATH, reviewableProblem, summarise, type ReviewStatus } from './reviews.rules.ts';
import { reviewsTables, type ReviewsPlatform } from './reviews.table.ts';

export interface ReviewsDeps {
  orders: Pick<OrdersService, 'getOrderRecord' | 'getOrderLines'>;
  catalog: Pick<CatalogService, 'storeMedia'>;
  moderation: Pick<ModerationService, 'screen'>;
}

/** Identity's display names, read with a handle identity narrows to its own tables. */
export type NameLookup = (executor: AnyExecutor, userIds: string[]) => Promise<Map<string, string>>;

export interface NewReview {
  orderId: string;
  lineId: string;
  rating: number;
  text: string;
  images?: string[];
}

/** Shoppers upload photos, never SVG: a raster cannot carry script. */
export const REVIEW_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

const presentOwn = (r: repo.ReviewRow) => ({
  id: r.id,
  orderId: r.order_id,
  lineId: r.order_line_id,
  productId: r.product_id,
  skuLabel: r.sku_label,
  rating: r.rating,
  text: r.text,
  images: r.images,
  status: r.status,
  helpful: r.helpful_count,
  reply: r.reply === null ? null : { text: r.reply, at: r.replied_at?.toISOString() ?? null },
  createdAt: r.created_at.toISOString(),
});

const presentAdmin = (r: repo.ReviewRow) => ({ ...presentOwn(r), userId: r.user_id, sentiment: r.sentiment, hiddenReason: r.hidden_reason });

/** A reviewer is shown by the first character of their name: enough to read as a person, not to identify one. */
const maskName = (name: string | undefined) => (name ? `${[...name][0]}**` : '匿名');

export function createReviewsService(p: ReviewsPlatform, deps: ReviewsDeps) {
  const { db, clock } = p;

  async function ownOrder(trx: AnyExecutor, userId: string, orderId: string) {
    try {
      return await deps.orders.getOrderRecord(trx, orderId, userId);
    } catch (err) {
      if (err instanceof DomainError && err.status === 404) throw notFound('REVIEW_LINE_NOT_FOUND', 'No such item in your orders', { orderId });
      throw err;
    }
  }

  async function orderLine(trx: AnyExecutor, userId: string, orderId: string, lineId: string) {
    const order = await ownOrder(trx, userId, orderId);
    const line = (await deps.orders.getOrderLines(trx, orderId)).find((l) => l.id === lineId);
    if (!line) throw notFound('REVIEW_LINE_NOT_FOUND', 'No such item in your orders', { orderId, lineId });
    return { order, line };
  }

  async function create(userId: string, input: NewReview) {
    const images = input.images ?? [];
    if (images.length > MAX_IMAGES || new Set(images).size !== images.length || images.some((u) => !MEDIA_PATH.test(u))) {
      throw invalid('REVIEW_IMAGE_INVALID', `Images are /media/<id> paths of uploaded pictures, at most ${MAX_IMAGES}, each once`, { field: 'images' });
    }
    const now = clock.now();
    const id = newId();
    try {
      return await db.transaction().execute(async (trx) => {
        const { order, line } = await orderLine(trx, userId, input.orderId, input.lineId);
        const problem = reviewableProblem({ orderStatus: order.status, completedAt: order.completed_at, quantity: line.quantity, refundedQuantity: line.refunded_quantity });
        if (problem === 'NOT_RECEIVED') throw conflict('REVIEW_NOT_RECEIVED', 'You can review an item once you have received it', { orderId: order.id, status: order.status });
        if (problem === 'REFUNDED') throw conflict('REVIEW_LINE_REFUNDED', 'This item was returned and refunded', { lineId: line.id });
        if (await repo.findByLine(trx, line.id)) throw alreadyReviewed(line.id);
        // Screened in this transaction: a refused text rolls everything back, a held one is queued with the review.
        const screened = await deps.moderation.screen({ kind: 'review', subjectId: id, authorId: userId, text: input.text, productIds: [line.product_id] }, trx);
        if (screened.verdict === 'refused') {
          throw unprocessable('REVIEW_CONTENT_REFUSED', 'The review contains words that are not allowed', { reasons: screened.reasons });
        }
        const status: ReviewStatus = screened.verdict === 'approved' ? 'published' : 'held';
        const row = {
          id, order_id: order.id, order_line_id: line.id, product_id: line.product_id, sku_label: line.sku_label, user_id: userId,
          rating: input.rating, text: screened.text, images, has_images: images.length > 0, status, sentiment: screened.sentiment,
          created_at: now, published_at: status === 'published' ? now : null,
        };
        await repo.insertReview(trx, row);
        if (status === 'published') await publishReview(trx, row, now);
        return presentOwn((await repo.findReview(trx, id))!);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw alreadyReviewed(input.lineId);
      throw err;
    }
  }

  const alreadyReviewed = (lineId: string) => conflict('REVIEW_ALREADY_EXISTS', 'You have already reviewed this item', { lineId });

  const publishReview = (trx: AnyExecutor, r: Pick<repo.ReviewRow, 'id' | 'product_id' | 'user_id' | 'order_id' | 'order_line_id' | 'rating' | 'has_images'>, now: Date) =>
    publishEvent(trx, now, 'review.published', r.id, { reviewId: r.id, productId: r.product_id, userId: r.user_id, orderId: r.order_id, orderLineId: r.order_line_id, rating: r.rating, withImages: r.has_images });

  /** An operator decided a held review in the moderation queue (consumer of `moderation.decided`). */
  async function applyDecision(handle: AnyExecutor, reviewId: string, verdict: 'approved' | 'refused') {
    const trx = reviewsTables.of(handle);
    const now = clock.now();
    if (verdict === 'approved') {
      const r = await repo.updateStatus(trx, reviewId, ['held'], { status: 'published', published_at: now });
      if (r) await publishReview(trx, r, now);
    } else {
      const r = await repo.updateStatus(trx, reviewId, ['held', 'published'], { status: 'hidden', hidden_reason: 'moderation_refused' });
      if (r) await publishEvent(trx, now, 'review.hidden', r.id, { reviewId: r.id, productId: r.product_id, reason: 'moderation_refused' });
    }
  }

  async function uploadImage(userId: string, contentType: (typeof REVIEW_IMAGE_TYPES)[number], dataBase64: string) {
    if (!BASE64.test(dataBase64) || dataBase64.length % 4 !== 0) throw invalid('REVIEW_IMAGE_INVALID', 'dataBase64 is not valid base64', { field: 'dataBase64' });
    const [stored] = await deps.catalog.storeMedia(userId, [{ contentType, bytes: Buffer.from(dataBase64, 'base64') }]);
    return stored;
  }

  async function vote(userId: string, reviewId: string) {
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      const r = await repo.findReview(trx, reviewId);
      if (!r) throw notFound('REVIEW_NOT_FOUND', 'No such review', { id: reviewId });
      if (r.status !== 'published') throw conflict('REVIEW_NOT_PUBLISHED', 'This review is not published', { id: reviewId });
      if (r.user_id === userId) throw conflict('REVIEW_OWN_VOTE', 'You cannot vote on your own review', { id: reviewId });
      if (!(await repo.insertVote(trx, { review_id: reviewId, user_id: userId, created_at: now }))) throw conflict('REVIEW_ALREADY_VOTED', 'You have already found this review helpful', { id: reviewId });
      const { helpful_count } = await repo.bumpHelpful(trx, reviewId);
      return { reviewId, helpful: helpful_count };
    });
  }

  async function forProduct(productId: string, f: { cursor?: string; limit?: number; withImages?: boolean }, names: NameLookup) {
    const limit = f.limit ?? 10;
    const [counts, rows] = await Promise.all([
      repo.ratingCounts(db, productId),
      repo.listPublished(db, productId, { after: decodeCursor<repo.PageCursor>(f.cursor), withImagesOnly: f.withImages, limit: limit + 1 }),
    ]);
    const page = rows.slice(0, limit);
    const who = await names(db, [...new Set(page.map((r) => r.user_id))]);
    const last = page.at(-1);
    return {
      productId,
      summary: summarise(counts.map((c) => ({ rating: c.rating, n: Number(c.n), with_images: Number(c.with_images) }))),
      items: page.map((r) => ({
        id: r.id, rating: r.rating, text: r.text, images: r.images, skuLabel: r.sku_label, author: maskName(who.get(r.user_id)),
        verifiedPurchase: true, helpful: r.helpful_count, reply: r.reply === null ? null : { text: r.reply, at: r.replied_at?.toISOString() ?? null }, createdAt: r.created_at.toISOString(),
      })),
      nextCursor: rows.length > limit && last ? encodeCursor({ img: last.has_images, at: last.created_at.toISOString(), id: last.id } satisfies repo.PageCursor) : null,
    };
  }

  /** Each line of one of my orders with my review of it, if any: the order page's "write a review" buttons. */
  async function forMyOrder(userId: string, orderId: string) {
    const order = await ownOrder(db, userId, orderId);
    const [lines, reviews] = await Promise.all([deps.orders.getOrderLines(db, orderId), repo.findForOrder(db, userId, orderId)]);
    const byLine = new Map(reviews.map((r) => [r.order_line_id, r]));
    return {
      orderId,
      lines: lines.map((l) => {
        const review = byLine.get(l.id);
        const problem = reviewableProblem({ orderStatus: order.status, completedAt: order.completed_at, quantity: l.quantity, refundedQuantity: l.refunded_quantity });
        return { lineId: l.id, productId: l.product_id, title: l.title, skuLabel: l.sku_label, image: l.image, reviewable: !review && problem === null, review: review ? presentOwn(review) : null };
      }),
    };
  }

  function load(row: repo.ReviewRow | undefined, id: string) {
    if (!row) throw notFound('REVIEW_NOT_FOUND', 'No such review', { id });
    return row;
  }

  async function reply(actorId: string, id: string, text: string) {
    const clean = sanitizePlain(text).text;
    if (!clean) throw invalid('VALIDATION_FAILED', 'A reply needs some text', { field: 'text' });
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      const r = load(await repo.updateReply(trx, id, clean, now), id);
      await recordAudit(trx, now, { actorId, action: 'review.replied', subjectType: 'review', subjectId: id, details: {} });
      return presentAdmin(r);
    });
  }

  async function hide(actorId: string, id: string, reason: string) {
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      const existing = load(await repo.lockReview(trx, id), id);
      const r = await repo.updateStatus(trx, id, ['published', 'held'], { status: 'hidden', hidden_reason: reason });
      if (!r) return presentAdmin(existing);
      await publishEvent(trx, now, 'review.hidden', id, { reviewId: id, productId: r.product_id, reason });
      await recordAudit(trx, now, { actorId, action: 'review.hidden', subjectType: 'review', subjectId: id, details: { reason, from: existing.status } });
      return presentAdmin(r);
    });
  }

  async function restore(actorId: string, id: string) {
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      const existing = load(await repo.lockReview(trx, id), id);
      const r = await repo.updateStatus(trx, id, ['hidden'], { status: 'published', hidden_reason: null, published_at: existing.published_at ?? now });
      if (!r) return presentAdmin(existing);
      await publishReview(trx, r, now);
      await recordAudit(trx, now, { actorId, action: 'review.restored', subjectType: 'review', subjectId: id, details: {} });
      return presentAdmin(r);
    });
  }

  const list = async (f: { productId?: string; status?: ReviewStatus; limit?: number }) => ({ items: (await repo.listForAdmin(db, { ...f, limit: f.limit ?? 50 })).map(presentAdmin) });

  /** Points a published review earns, as the store sets them (read in the consumer's transaction). */
  const reviewPoints = (trx: AnyExecutor) => p.settings.get('loyalty.reviewPoints', trx);

  return { create, applyDecision, uploadImage, vote, forProduct, forMyOrder, reply, hide, restore, list, reviewPoints };
}

export type ReviewsService = ReturnType<typeof createReviewsService>;
