import type { Generated } from 'kysely';
import type { Json, Timestamp } from '../../platform/platform.table.ts';
import type { ModulePlatform } from '../../platform/context.ts';
import { ownTables, type Executor } from '../../platform/tables.ts';
import type { ReviewStatus } from './reviews.rules.ts';

/** One review per received order line: stars, sanitised text, images, and what operators did with it. */
export interface ReviewsTable {
  id: string;
  order_id: string;
  /** Unique: one review per order line. */
  order_line_id: string;
  product_id: string;
  sku_label: string;
  user_id: string;
  rating: number;
  text: string;
  /** /media/<id> paths, in the order the shopper chose. */
  images: Json<string[]>;
  has_images: boolean;
  status: ReviewStatus;
  sentiment: number;
  helpful_count: Generated<number>;
  reply: string | null;
  replied_at: Timestamp | null;
  hidden_reason: string | null;
  created_at: Timestamp;
  published_at: Timestamp | null;
}

export interface ReviewHelpfulVotesTable {
  review_id: string;
  user_id: string;
  created_at: Timestamp;
}

export interface ReviewsTables {
  reviews: ReviewsTable;
  review_helpful_votes: ReviewHelpfulVotesTable;
}

export const reviewsTables = ownTables<ReviewsTables>({ reviews: true, review_helpful_votes: true });
export type ReviewsDb = Executor<ReviewsTables>;
export type ReviewsPlatform = ModulePlatform<ReviewsTables>;

declare module '../../platform/db.ts' {
  interface Database extends ReviewsTables {}
}
