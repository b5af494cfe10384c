// All of reviews' SQL. No business decisions here.
import { sql } from 'kysely';
import type { ReviewStatus } from './reviews.rules.ts';
import type { ReviewsDb } from './reviews.table.ts';

export interface ReviewRow {
  id: string;
  order_id: string;
  order_line_id: string;
  product_id: string;
  sku_label: string;
  user_id: string;
  rating: number;
  text: string;
  images: string[];
  has_images: boolean;
  status: ReviewStatus;
  sentiment: number;
  helpful_count: number;
  reply: string | null;
  replied_at: Date | null;
  hidden_reason: string | null;
  created_at: Date;
  published_at: Date | null;
}

export const insertReview = (db: ReviewsDb, row: Omit<ReviewRow, 'helpful_count' | 'reply' | 'replied_at' | 'hidden_reason'>) =>
  db.insertInto('reviews').values({ ...row, images: JSON.stringify(row.images), reply: null, replied_at: null, hidden_reason: null }).execute();

export const findReview = (db: ReviewsDb, id: string) =>
  db.selectFrom('reviews').selectAll().where('id', '=', id).executeTakeFirst() as Promise<ReviewRow | undefined>;

export const lockReview = (db: ReviewsDb, id: string) =>
  db.selectFrom('reviews').selectAll().where('id', '=', id).forUpdate().executeTakeFirst() as Promise<ReviewRow | undefined>;

export const findByLine = (db: ReviewsDb, lineId: string) =>
  db.selectFrom('reviews').selectAll().where('order_line_id', '=', lineId).executeTakeFirst() as Promise<ReviewRow | undefined>;

export const findForOrder = (db: ReviewsDb, userId: string, orderId: string) =>
  db.selectFrom('reviews').selectAll().where('user_id', '=', userId).where('order_id', '=', orderId).execute() as Promise<ReviewRow[]>;

/** Conditional status change: from one of the statuses the caller expects only. */
export const updateStatus = (db: ReviewsDb, id: string, from: ReviewStatus[], patch: { status: ReviewStatus; hidden_reason?: string | null; published_at?: Date | null }) =>
  db.updateTable('reviews').set(patch).where('id', '=', id).where('status', 'in', from).returningAll().executeTakeFirst() as Promise<ReviewRow | undefined>;

export const updateReply = (db: ReviewsDb, id: string, reply: string, at: Date) =>
  db.updateTable('reviews').set({ reply, replied_at: at }).where('id', '=', id).returningAll().executeTakeFirst() as Promise<ReviewRow | undefined>;

/** The first vote counts; a repeat inserts nothing and returns undefined. */
export const insertVote = (db: ReviewsDb, row: { review_id: string; user_id: string; created_at: Date }) =>
  db.insertInto('review_helpful_votes').values(row).onConflict((oc) => oc.columns(['review_id', 'user_id']).doNothing()).returning('user_id').executeTakeFirst();

export const bumpHelpful = (db: ReviewsDb, id: string) =>
  db.updateTable('reviews').set({ helpful_count: sql`helpful_count + 1` }).where('id', '=', id).returning('helpful_count').executeTakeFirstOrThrow();

export const ratingCounts = (db: ReviewsDb, productId: string) =>
  db
    .selectFrom('reviews')
    .select(['rating', sql<string>`count(*)`.as('n'), sql<string>`count(*) filter (where has_images)`.as('with_images')])
    .where('product_id', '=', productId)
    .where('status', '=', 'published')
    .groupBy('rating')
    .execute();

export interface PageCursor {
  img: boolean;
  at: string;
  id: string;
}

/** Published reviews of a product: with images first, then newest first; keyset after `after`. */
export const listPublished = (db: ReviewsDb, productId: string, f: { after?: PageCursor; withImagesOnly?: boolean; limit: number }) => {
  let q = db.selectFrom('reviews').selectAll().where('product_id', '=', productId).where('status', '=', 'published');
  if (f.withImagesOnly) q = q.where('has_images', '=', true);
  if (f.after) {
    const a = f.after;
    const at = new Date(a.at);
    q = q.where((eb) => eb.or([
      eb('has_images', '<', a.img),
      eb.and([eb('has_images', '=', a.img), eb('created_at', '<', at)]),
      eb.and([eb('has_images', '=', a.img), eb('created_at', '=', at), eb('id', '<', a.id)]),
    ]));
  }
  return q.orderBy('has_images', 'desc').orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute() as Promise<ReviewRow[]>;
};

export const listForAdmin = (db: ReviewsDb, f: { productId?: string; status?: ReviewStatus; limit: number }) => {
  let q = db.selectFrom('reviews').selectAll();
  if (f.productId) q = q.where('product_id', '=', f.productId);
  if (f.status) q = q.where('status', '=', f.status);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute() as Promise<ReviewRow[]>;
};
