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

/**
 * Daily rollup for funnels: per day and raw identity (user id and visitor id as the events carried
 * them), keyed by event name, every occurrence as `ms,tie` pairs comma-joined in log order:
 * milliseconds since the China day's start, and how many of the log's events at that same instant
 * have a lower id (so time, then tie, is log order).
 */
export interface AnalyticsDailyStepsTable {
  day: string;
  user_id: string | null;
  visitor_id: string | null;
  events: number;
  occurrences: ColumnType<Record<string, string>, string, string>;
}

/** Daily rollup: each raw identity that had an event on a day, per campaign and channel (null: none). */
export interface AnalyticsDailyTouchesTable {
  day: string;
  campaign_id: string | null;
  channel: string | null;
  user_id: string | null;
  visitor_id: string | null;
}

/**
 * Daily rollup for the viral report: each share.clicked fact of the day, with what the report reads
 * of it taken out of props. The raw clicks of a day are spread over the log's pages among every
 * other event, so a month of them touched most of the table; these rows are written day by day.
 */
export interface AnalyticsDailyClicksTable {
  day: string;
  channel: string | null;
  campaign_id: string | null;
  /** The clicker's account, as the event carried it (erased with the account, as the event is). */
  user_id: string | null;
  visitor_id: string | null;
  sharer_id: string | null;
  /** props.isNewVisitor = true, props.selfClick = true (null where props lacked them). */
  is_new: boolean | null;
  self_click: boolean | null;
  occurred_at: Timestamp;
}

export interface AnalyticsTables {
  analytics_events: AnalyticsEventsTable;
  analytics_visitors: AnalyticsVisitorsTable;
  analytics_daily_counts: AnalyticsDailyCountsTable;
  analytics_daily_people: AnalyticsDailyPeopleTable;
  analytics_daily_steps: AnalyticsDailyStepsTable;
  analytics_daily_touches: AnalyticsDailyTouchesTable;
  analytics_daily_clicks: AnalyticsDailyClicksTable;
}

/** The tables analytics owns: the only ones its code can query (platform/tables.ts). */
export const analyticsTables = ownTables<AnalyticsTables>({ analytics_events: true, analytics_visitors: true, analytics_daily_counts: true, analytics_daily_people: true, analytics_daily_steps: true, analytics_daily_touches: true, analytics_daily_clicks: true });
export type AnalyticsDb = Executor<AnalyticsTables>;
export type AnalyticsPlatform = ModulePlatform<AnalyticsTables>;

declare module '../../platform/db.ts' {
  interface Database extends AnalyticsTables {}
}
