import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../../platform/platform.table.ts';
import type { ModulePlatform } from '../../platform/context.ts';
import { ownTables, type Executor } from '../../platform/tables.ts';

/**
 * The behavioural event log: append-only, one row per thing a visitor did (source `client`, sent
 * by the storefront) or a fact another module published (source `server`, copied from the outbox).
 */
export interface AnalyticsEventsTable {
  id: Generated<number>;
  /** Unique: `c/{visitor}/{client event id}` for client events, `o/{outbox id}` for server facts. */
  dedupe_key: string;
  name: string;
  occurred_at: Timestamp;
  received_at: Timestamp;
  /** The China calendar day of occurred_at, YYYY-MM-DD (a `date` column: select it as text). */
  day: string;
  visitor_id: string | null;
  user_id: string | null;
  session_id: string | null;
  page: string | null;
  referrer: string | null;
  channel: string | null;
  share_token: string | null;
  /** Sharing's share id, on share facts: what cascades and per-channel attribution are joined by. */
  share_id: string | null;
  campaign_id: string | null;
  product_id: string | null;
  order_id: string | null;
  /** Minor units (fen). */
  amount: number | null;
  /** Written as JSON text, read as an object. */
  props: ColumnType<Record<string, unknown>, string, string>;
  source: 'client' | 'server';
}

/** Which account a visitor (cookie or device id) turned out to be: the first sign-up or sign-in wins. */
export interface AnalyticsVisitorsTable {
  visitor_id: string;
  user_id: string;
  linked_at: Timestamp;
}

/**
 * Daily rollup: events, people and amount per day and event name, in three groupings: all
 * (channel and campaign_id '*'), per channel (campaign_id '*') and per campaign (channel '*'); '' is none.
 */
export interface AnalyticsDailyCountsTable {
  day: string;
  name: string;
  channel: string;
  campaign_id: string;
  events: number;
  people: number;
  amount: number;
}

/** Daily rollup: who was active on a day (a user id, or `v:` + visitor id), for DAU/WAU/MAU and retention. */
export interface AnalyticsDailyPeopleTable {
  day: string;
  person: string;
  events: number;
}

export interface AnalyticsTables {
  analytics_events: AnalyticsEventsTable;
  analytics_visitors: AnalyticsVisitorsTable;
  analytics_daily_counts: AnalyticsDailyCountsTable;
  analytics_daily_people: AnalyticsDailyPeopleTable;
}

/** The tables analytics owns: the only ones its code can query (platform/tables.ts). */
export const analyticsTables = ownTables<AnalyticsTables>({ analytics_events: true, analytics_visitors: true, analytics_daily_counts: true, analytics_daily_people: true });
export type AnalyticsDb = Executor<AnalyticsTables>;
export type AnalyticsPlatform = ModulePlatform<AnalyticsTables>;

declare module '../../platform/db.ts' {
  interface Database extends AnalyticsTables {}
}
