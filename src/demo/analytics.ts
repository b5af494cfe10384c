// `fission seed --analytics N`: N behavioural events over the last 90 days on the store's own
// shoppers, products and campaigns, so the growth reports have something to show. Sessions follow
// a storefront's usual shape (visit → product views → cart → checkout → order → payment, with
// shares, posters and coupon views on the side), traffic grows towards today, and a shopper comes
// back on later days. Seeded rows carry dedupe keys `seed/{run}/{n}`: delete them by that prefix.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import cliProgress from 'cli-progress';
import { chinaDate } from '../platform/clock.ts';
import type { Platform } from '../platform/context.ts';
import { seededRandom } from '../platform/random.ts';
import type { EventRow } from '../modules/analytics/index.ts';
import type { Services } from '../services.ts';

export interface AnalyticsHistoryOptions {
  events: number;
  days?: number;
  seed?: number;
  progress: 'bar' | 'log' | 'none';
}

export interface HistoryCast {
  shoppers: string[];
  products: string[];
  campaigns: { id: string; mechanic: string }[];
}

const CHANNELS: [string, number][] = [['wechat', 0.38], ['moments', 0.22], ['xiaohongshu', 0.12], ['douyin', 0.1], ['weibo', 0.05], ['link', 0.08], ['qr', 0.05]];
const SEARCHES = ['连衣裙', '防晒', '茶叶', '耳机', '零食礼包', 'T恤', '咖啡豆', '保温杯'];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}
function weighted(random: () => number, items: [string, number][]): string {
  let r = random();
  for (const [item, w] of items) if ((r -= w) < 0) return item;
  return items[items.length - 1][0];
}

/**
 * Sessions of rows until `total` rows are made, in batches of about `batch` rows. Pure apart from
 * the random source: the same seed and cast give the same history.
 */
export function* historyBatches(cast: HistoryCast, opts: { total: number; days: number; now: Date; random: () => number; run: string; batch: number }): Generator<EventRow[]> {
  const { random, now } = opts;
  const dayMs = 86_400_000;
  // Anonymous visitors come back too: a pool about one visitor per 25 events.
  const anonymous = Math.max(10, Math.floor(opts.total / 25));
  let n = 0;
  let rows: EventRow[] = [];
  let orders = 0;
  let signups = 0;
  // Recent shares people can arrive through (a bounded list: cascades grow from recent shares).
  const shares: { id: string; root: string; depth: number; sharer: string; campaign: { id: string; mechanic: string } | null; channel: string; at: number }[] = [];
  const today = new Date(`${chinaDate(now)}T00:00:00+08:00`).getTime();
  while (n < opts.total) {
    // More traffic towards today (density grows linearly), within waking hours in China.
    const daysAgo = Math.floor(opts.days * (1 - Math.sqrt(random())));
    let at = today - daysAgo * dayMs + (8 + random() * 15) * 3_600_000;
    if (at > now.getTime() - 60_000) at = now.getTime() - 60_000 - random() * 3_600_000;
    const known = cast.shoppers.length > 0 && random() < 0.55;
    let userId = known ? pick(random, cast.shoppers) : null;
    const visitorId = known ? `seed-u-${userId!.slice(0, 8)}` : `seed-a-${Math.floor(random() * anonymous)}`;
    const session = `seed-s-${opts.run}-${n}`;
    // Four sessions in ten arrive through someone's share made earlier.
    const sessionStart = at;
    let via: (typeof shares)[number] | null = null;
    for (let tries = 0; tries < 5 && shares.length && random() < (tries ? 1 : 0.4); tries++) {
      const candidate = shares[shares.length - 1 - Math.floor(random() * Math.min(500, shares.length))];
      if (candidate.at < sessionStart && candidate.sharer !== userId) {
        via = candidate;
        break;
      }
    }
    const channel = via?.channel ?? weighted(random, CHANNELS);
    const campaign = via ? via.campaign : cast.campaigns.length && random() < 0.35 ? pick(random, cast.campaigns) : null;
    const product = cast.products.length ? pick(random, cast.products) : null;
    const push = (name: string, extra: Partial<EventRow> = {}, source: 'client' | 'server' = 'client') => {
      if (n >= opts.total) return;
      at += (20 + random() * 240) * 1000;
      const occurred = new Date(at);
      rows.push({
        dedupe_key: `seed/${opts.run}/${n++}`, name, occurred_at: occurred, received_at: occurred, day: chinaDate(occurred),
        visitor_id: source === 'client' ? visitorId : null, user_id: userId, session_id: source === 'client' ? session : null,
        page: null, referrer: null, channel, share_token: null, share_id: null, campaign_id: campaign?.id ?? null,
        product_id: null, order_id: null, amount: null, props: '{}', source, ...extra,
      });
    };
    if (via) {
      const isNew = !known && random() < 0.7;
      push('share.clicked', { visitor_id: visitorId, share_id: via.id, props: JSON.stringify({ sharerId: via.sharer, rootShareId: via.root, isNewVisitor: isNew, selfClick: false }) }, 'server');
      // Some newcomers sign up on the spot: attributed to the share they came through.
      if (isNew && random() < 0.12) {
        userId = `00000000-5eed-4000-8000-${(signups++).toString(16).padStart(12, '0')}`;
        push('customer.registered', { user_id: userId, visitor_id: visitorId }, 'server');
        push('customer.attributed', { user_id: userId, share_id: via.id, props: JSON.stringify({ sharerId: via.sharer, rootShareId: via.root, model: 'last_touch' }) }, 'server');
      }
    }
    push('page_view', { page: campaign ? `/campaigns/${campaign.id}` : '/' });
    if (campaign && random() < 0.5) push('campaign_viewed');
    if (random() < 0.2) push('search', { props: JSON.stringify({ query: pick(random, SEARCHES) }) });
    const views = random() < 0.7 ? 1 + Math.floor(random() * 3) : 0;
    for (let v = 0; v < views && product; v++) push('product_view', { product_id: product, page: `/product/${product}` });
    if (campaign?.mechanic === 'coupon' && random() < 0.4) push('coupon_viewed');
    if (views && random() < 0.12) {
      push('share_sheet_opened', { product_id: product });
      if (random() < 0.35) push('poster_saved', { product_id: product });
      if (userId && random() < 0.7) {
        const id = `seed-share-${opts.run}-${shares.length}`;
        const shareChannel = weighted(random, CHANNELS);
        push('share.created', { share_id: id, channel: shareChannel, product_id: product, props: JSON.stringify({ rootShareId: via?.root ?? id, parentShareId: via?.id ?? null, depth: via ? via.depth + 1 : 0, targetType: 'product', targetId: product }) }, 'server');
        shares.push({ id, root: via?.root ?? id, depth: via ? via.depth + 1 : 0, sharer: userId, campaign, channel: shareChannel, at });
        if (shares.length > 2_000) shares.splice(0, 1_000);
      }
    }
    if (views && random() < 0.25) {
      const amount = 1_990 + Math.floor(random() * 30) * 1_000;
      push('add_to_cart', { product_id: product, amount });
      if (random() < 0.55) {
        push('checkout_started', { amount });
        if (userId && random() < 0.7) {
          const orderId = `seed-order-${opts.run}-${orders++}`;
          push('order.placed', { order_id: orderId, amount, product_id: product }, 'server');
          if (random() < 0.85) push('order.paid', { order_id: orderId, amount }, 'server');
        }
      }
    }
    if (rows.length >= opts.batch) {
      yield rows;
      rows = [];
    }
  }
  if (rows.length) yield rows;
}

async function castOf(platform: Platform): Promise<HistoryCast> {
  const db = platform.db;
  const [shoppers, products, campaigns] = await Promise.all([
    sql<{ id: string }>`select id from users where roles @> '["shopper"]'::jsonb limit 50000`.execute(db),
    sql<{ id: string }>`select id from products where status = 'active' limit 5000`.execute(db),
    sql<{ id: string; mechanic: string }>`select id, mechanic from campaigns limit 500`.execute(db),
  ]);
  return { shoppers: shoppers.rows.map((r) => r.id), products: products.rows.map((r) => r.id), campaigns: campaigns.rows };
}

export async function seedAnalytics(platform: Platform, services: Services, opts: AnalyticsHistoryOptions): Promise<{ inserted: number; seconds: number }> {
  const started = performance.now();
  const days = opts.days ?? 90;
  const now = platform.clock.now();
  const cast = await castOf(platform);
  const random = seededRandom(opts.seed ?? 20260601);
  const out = process.stdout;
  const bar = opts.progress === 'bar' ? new cliProgress.SingleBar({ stream: out, format: ' Analytics |{bar}| {value}/{total} events {eta_formatted}', hideCursor: true, barsize: 30, fps: 10 }, cliProgress.Presets.shades_classic) : null;
  bar?.start(opts.events, 0);
  let inserted = 0;
  let made = 0;
  let nextLog = 0.1;
  try {
    for (const rows of historyBatches(cast, { total: opts.events, days, now, random, run: randomBytes(4).toString('hex'), batch: 1_000 })) {
      inserted += await services.analytics.importRows(rows);
      made += rows.length;
      bar?.update(Math.min(made, opts.events));
      if (opts.progress === 'log' && made / opts.events >= nextLog) {
        out.write(`analytics: ${made.toLocaleString('en-US')} of ${opts.events.toLocaleString('en-US')} events\n`);
        nextLog += 0.1;
      }
    }
    await services.analytics.rollupRange(new Date(now.getTime() - (days + 1) * 86_400_000), now);
  } finally {
    bar?.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  if (opts.progress !== 'none') out.write(`Analytics history: ${inserted.toLocaleString('en-US')} events over ${days} days (${cast.shoppers.length} shoppers, ${cast.products.length} products, ${cast.campaigns.length} campaigns) in ${seconds.toFixed(1)} s\n`);
  return { inserted, seconds };
}
