import type { ModulePlatform } from '../../platform/context.ts';
import type { Timestamp } from '../../platform/platform.table.ts';
import { ownTables, type Executor } from '../../platform/tables.ts';
import type { ReasonKind } from './recommend.rules.ts';

/** One shopper's strongest behaviour on one product (view 1, cart 3, order 5) and when they last touched it. */
export interface RecommendInteractionsTable {
  user_id: string;
  product_id: string;
  weight: number;
  last_at: Timestamp;
}

/** Who is linked to whom through a share: the clicker and the sharer, each a "friend" of the other. */
export interface RecommendShareLinksTable {
  user_id: string;
  friend_id: string;
  created_at: Timestamp;
}

export type RecommendRunStatus = 'running' | 'done' | 'failed';

/** One training: what it read, how long it took, and the offline figures it measured. */
export interface RecommendRunsTable {
  id: string;
  trigger: 'schedule' | 'operator' | 'cli' | 'demo';
  status: RecommendRunStatus;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  /** The behavioural log was read up to this event id: the next run starts after it. */
  events_cursor: number;
  interactions: number;
  users: number;
  items: number;
  model: string | null;
  train_ms: number;
  /** The leave-last-out report on the store's own history (recommend.offline.ts EvaluationReport). */
  metrics: unknown;
  error: string | null;
}

/** A shopper's top-N, written whole by each training. */
export interface RecommendUserItemsTable {
  user_id: string;
  rank: number;
  product_id: string;
  score: number;
  reason: ReasonKind;
  reason_product_id: string | null;
  friends: number;
}

/** A product's nearest neighbours by item-to-item similarity (product and cart pages). */
export interface RecommendItemNeighboursTable {
  product_id: string;
  rank: number;
  neighbour_id: string;
  score: number;
}

/** The popularity baseline: what anonymous and non-personalised shoppers see. */
export interface RecommendPopularTable {
  rank: number;
  product_id: string;
  score: number;
}

export interface RecommendTables {
  recommend_interactions: RecommendInteractionsTable;
  recommend_share_links: RecommendShareLinksTable;
  recommend_runs: RecommendRunsTable;
  recommend_user_items: RecommendUserItemsTable;
  recommend_item_neighbours: RecommendItemNeighboursTable;
  recommend_popular: RecommendPopularTable;
}

export const recommendTables = ownTables<RecommendTables>({
  recommend_interactions: true,
  recommend_share_links: true,
  recommend_runs: true,
  recommend_user_items: true,
  recommend_item_neighbours: true,
  recommend_popular: true,
});
export type RecommendDb = Executor<RecommendTables>;
export type RecommendPlatform = ModulePlatform<RecommendTables>;

declare module '../../platform/db.ts' {
  interface Database extends RecommendTables {}
}
