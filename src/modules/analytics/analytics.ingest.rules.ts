// What the storefront may tell us, as pure rules: the event names it may send, how far its clock
// may run ahead or behind ours, which user agents are robots, and the rows a batch becomes.
import { chinaDate } from '../../platform/clock.ts';

/** Events a browser or app sends. Server facts (`order.paid`...) come from the outbox, never from a client. */
export const CLIENT_EVENT_NAMES = [
  'page_view',
  'product_view',
  'search',
  'add_to_cart',
  'remove_from_cart',
  'checkout_started',
  'share_sheet_opened',
  'share_link_copied',
  'poster_saved',
  'coupon_viewed',
  'coupon_claim_clicked',
  'campaign_viewed',
  'team_viewed',
  'bargain_viewed',
  'lottery_viewed',
  'signup_started',
] as const;
export type ClientEventName = (typeof CLIENT_EVENT_NAMES)[number];

/** Server facts copied into the log from the event catalog (see analytics.ingest.ts). */
export const SERVER_EVENT_NAMES = [
  'customer.registered',
  'customer.signed_in',
  'customer.attributed',
  'order.placed',
  'order.paid',
  'order.refunded',
  'order.attributed',
  'share.created',
  'share.clicked',
  'coupon.claimed',
  'coupon.used',
  'team.created',
  'team.seat_taken',
  'referral.bound',
  'referral.qualified',
] as const;
export type ServerEventName = (typeof SERVER_EVENT_NAMES)[number];

export const EVENT_NAMES: readonly string[] = [...CLIENT_EVENT_NAMES, ...SERVER_EVENT_NAMES];

export const MAX_BATCH = 100;
/** A device clock may run this far ahead of ours. */
export const FUTURE_SKEW_MS = 5 * 60_000;
/** Older events are refused: the storefront sends a page's events within seconds, a stuck retry is not news. */
export const MAX_AGE_MS = 72 * 3_600_000;

/**
 * No maintained bot list (isbot) is installed, so this is a short list of the crawlers, previewers,
 * headless browsers and HTTP libraries that show up in Chinese e-commerce traffic. A missing user
 * agent is not treated as a bot (apps and beacons always send one; a test harness may not).
 */
export const BOT_USER_AGENT =
  /bot\b|bot\/|crawl|spider|slurp|headless|lighthouse|pagespeed|preview|prerender|facebookexternalhit|embedly|curl\/|wget\/|python-requests|python-urllib|aiohttp|httpclient|go-http-client|okhttp|java\/|libwww|phantomjs|puppeteer|playwright|selenium|bytespider|yisouspider|sogou|360spider|petalbot|baiduspider|semrush|ahrefs|mj12/i;

export const isBot = (userAgent: string | undefined | null): boolean => !!userAgent && BOT_USER_AGENT.test(userAgent);

export interface ClientEvent {
  id: string;
  name: ClientEventName;
  at: string;
  page?: string;
  referrer?: string;
  channel?: string;
  shareToken?: string;
  campaignId?: string;
  productId?: string;
  orderId?: string;
  amount?: number;
  props?: Record<string, string | number | boolean | null>;
}

export interface EventRow {
  dedupe_key: string;
  name: string;
  occurred_at: Date;
  received_at: Date;
  day: string;
  visitor_id: string | null;
  user_id: string | null;
  session_id: string | null;
  page: string | null;
  referrer: string | null;
  channel: string | null;
  share_token: string | null;
  share_id: string | null;
  campaign_id: string | null;
  product_id: string | null;
  order_id: string | null;
  amount: number | null;
  props: string;
  source: 'client' | 'server';
}

export type BatchDecision =
  | { ok: true; rows: EventRow[]; repeated: number }
  | { ok: false; reason: 'EVENT_IN_FUTURE' | 'EVENT_TOO_OLD' | 'EVENT_TIME_INVALID'; index: number };

/**
 * A batch becomes rows, or is refused whole (nothing is written for a batch with one bad event).
 * Ids repeated inside the batch collapse to their first occurrence; repeats of earlier batches
 * are dropped by the unique index at insert.
 */
export function batchRows(
  batch: { visitorId: string; userId: string | null; sessionId: string | null; events: ClientEvent[] },
  now: Date,
): BatchDecision {
  const rows: EventRow[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < batch.events.length; i++) {
    const e = batch.events[i];
    const at = new Date(e.at);
    if (Number.isNaN(at.getTime())) return { ok: false, reason: 'EVENT_TIME_INVALID', index: i };
    if (at.getTime() > now.getTime() + FUTURE_SKEW_MS) return { ok: false, reason: 'EVENT_IN_FUTURE', index: i };
    if (at.getTime() < now.getTime() - MAX_AGE_MS) return { ok: false, reason: 'EVENT_TOO_OLD', index: i };
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    rows.push({
      dedupe_key: `c/${batch.visitorId}/${e.id}`,
      name: e.name,
      occurred_at: at,
      received_at: now,
      day: chinaDate(at),
      visitor_id: batch.visitorId,
      user_id: batch.userId,
      session_id: batch.sessionId,
      page: e.page ?? null,
      referrer: e.referrer ?? null,
      channel: e.channel ?? null,
      share_token: e.shareToken ?? null,
      share_id: null,
      campaign_id: e.campaignId ?? null,
      product_id: e.productId ?? null,
      order_id: e.orderId ?? null,
      amount: e.amount ?? null,
      props: JSON.stringify(e.props ?? {}),
      source: 'client',
    });
  }
  return { ok: true, rows, repeated: batch.events.length - rows.length };
}
