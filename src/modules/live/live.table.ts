import type { Timestamp } from '../../platform/platform.table.ts';
import type { ModulePlatform } from '../../platform/context.ts';
import { ownTables, type Executor } from '../../platform/tables.ts';
import type { SessionStatus } from './live.rules.ts';

/** A live session: what the operator scheduled, where it is in its life, and its running totals. */
export interface LiveSessionsTable {
  id: string;
  title: string;
  cover_url: string | null;
  status: SessionStatus;
  scheduled_at: Timestamp;
  pinned_product_id: string | null;
  /** The largest viewer count seen across every process while the room was open. */
  peak_viewers: number;
  likes: number;
  created_by: string | null;
  created_at: Timestamp;
  started_at: Timestamp | null;
  ended_at: Timestamp | null;
}

/** The products a session sells, in the order the host presents them. */
export interface LiveSessionProductsTable {
  session_id: string;
  product_id: string;
  position: number;
}

/** A coupon template linked to a session: claimable from the room only while released. */
export interface LiveCouponsTable {
  session_id: string;
  template_id: string;
  released_at: Timestamp | null;
  withdrawn_at: Timestamp | null;
  created_at: Timestamp;
}

/** One viewer's claim of a session's live coupon: at most one per (session, template, user). */
export interface LiveClaimsTable {
  session_id: string;
  template_id: string;
  user_id: string;
  coupon_id: string;
  claimed_at: Timestamp;
}

/** Chat lines (with their moderation verdict) and operator announcements. */
export interface LiveMessagesTable {
  id: string;
  session_id: string;
  kind: 'chat' | 'announcement';
  author_id: string | null;
  text: string;
  verdict: 'approved' | 'held' | 'refused';
  created_at: Timestamp;
}

/** A viewer tapped the room's buy button: an order for that product soon after is the room's. */
export interface LiveIntentsTable {
  session_id: string;
  user_id: string;
  product_id: string;
  at: Timestamp;
}

/** A share link of a session (target `live`), learnt from its first click. */
export interface LiveSharesTable {
  share_id: string;
  session_id: string;
}

/** An order attributed to a session, by the room's buy button or by a live share link. */
export interface LiveOrdersTable {
  order_id: string;
  session_id: string;
  source: 'room' | 'share';
  user_id: string;
  amount: number;
  currency: string;
  placed_at: Timestamp;
  paid_at: Timestamp | null;
}

export interface LiveTables {
  live_sessions: LiveSessionsTable;
  live_session_products: LiveSessionProductsTable;
  live_coupons: LiveCouponsTable;
  live_claims: LiveClaimsTable;
  live_messages: LiveMessagesTable;
  live_intents: LiveIntentsTable;
  live_shares: LiveSharesTable;
  live_orders: LiveOrdersTable;
}

/** The tables live owns: the only ones its code can query (platform/tables.ts). */
export const liveTables = ownTables<LiveTables>({ live_sessions: true, live_session_products: true, live_coupons: true, live_claims: true, live_messages: true, live_intents: true, live_shares: true, live_orders: true });
export type LiveDb = Executor<LiveTables>;
export type LivePlatform = ModulePlatform<LiveTables>;

declare module '../../platform/db.ts' {
  interface Database extends LiveTables {}
}
