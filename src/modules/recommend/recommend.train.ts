// The training job: new views and carts from the behavioural event log (by cursor) and share
// links, every customer's orders, folded into one row per (shopper, product); then leave-last-out
// figures for popularity, item-to-item and EASE^R on the store's own history, the better of the two
// personal models trained on everything, and the lists served until the next run written whole.
import { conflict, isUniqueViolation } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import type { AnalyticsService } from '../analytics/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { IdentityService } from '../identity/index.ts';
import type { OrdersService } from '../orders/index.ts';
import type { PrivacyService } from '../privacy/index.ts';
import { gram, trainEase, trainItemItem, trainPopularity, type ModelName } from './recommend.models.ts';
import { chooseEaseLambda, evaluateHistories, type EvaluationReport } from './recommend.offline.ts';
import * as repo from './recommend.repo.ts';
import { blendSocial, INTERACTION_WEIGHTS, strongest, topK, type UserHistory } from './recommend.rules.ts';
import type { RecommendPlatform, RecommendRunsTable } from './recommend.table.ts';

export const RECOMMEND_TRAIN_JOB = 'recommend.train';
/** Behaviour older than this no longer says much about taste: it is dropped at each run. */
export const WINDOW_DAYS = 180;
/** EASE^R inverts an n×n matrix: above this many sellable products only item-to-item is trained. */
export const EASE_MAX_ITEMS = 3_000;
/** Stored per shopper, per product (neighbours) and for everyone (popular). */
export const USER_LIST = 30;
export const NEIGHBOURS = 20;
export const POPULAR_LIST = 50;
const DAY = 86_400_000;
/** The daily run: 03:30 in China (19:30 UTC), after the night's rollups and before the morning. */
const DAILY_OFFSET_MS = 19.5 * 3_600_000;

export interface TrainDeps {
  analytics: Pick<AnalyticsService, 'readEvents'>;
  orders: Pick<OrdersService, 'list'>;
  catalog: Pick<CatalogService, 'listProducts'>;
  identity: Pick<IdentityService, 'friendsOf' | 'listCustomers'>;
  privacy: Pick<PrivacyService, 'allows'>;
}

export type RunRow = RecommendRunsTable;

const EVENT_WEIGHT: Record<string, number> = { product_view: INTERACTION_WEIGHTS.view, add_to_cart: INTERACTION_WEIGHTS.cart };
const key = (userId: string, productId: string) => `${userId}|${productId}`;

export function createRecommendTraining(p: RecommendPlatform, deps: TrainDeps) {
  const { db, clock } = p;

  /** Views, carts and share links logged after `cursor`, folded per (user, product); returns the new cursor. */
  async function readLog(cursor: number) {
    const folded = new Map<string, { user_id: string; product_id: string; weight: number; last_at: Date }>();
    const links: { user_id: string; friend_id: string; created_at: Date }[] = [];
    for (;;) {
      const page = await deps.analytics.readEvents({ afterId: cursor, limit: 5_000 });
      if (page.items.length === 0) break;
      for (const e of page.items) {
        if (!e.user_id) continue;
        const weight = EVENT_WEIGHT[e.name];
        if (weight && e.product_id) {
          const k = key(e.user_id, e.product_id);
          const prev = folded.get(k);
          const s = strongest(prev && { weight: prev.weight, at: prev.last_at.getTime() }, { weight, at: e.occurred_at.getTime() });
          folded.set(k, { user_id: e.user_id, product_id: e.product_id, weight: s.weight, last_at: new Date(s.at) });
        } else if (e.name === 'share.clicked') {
          const props = (typeof e.props === 'string' ? JSON.parse(e.props) : e.props) as { sharerId?: unknown; selfClick?: unknown };
          const sharer = typeof props?.sharerId === 'string' ? props.sharerId : null;
          // A click on one's own link says nothing about anyone else.
          if (sharer && sharer !== e.user_id && props.selfClick !== true) {
            links.push({ user_id: e.user_id, friend_id: sharer, created_at: e.occurred_at }, { user_id: sharer, friend_id: e.user_id, created_at: e.occurred_at });
          }
        }
      }
      cursor = page.nextAfterId;
    }
    return { rows: [...folded.values()], links, cursor };
  }

  /**
   * Every customer's paid orders (a cancelled one was never bought). The orders service answers per
   * customer, so this is one list call per customer: fine for thousands of customers.
   */
  async function readOrders() {
    const folded = new Map<string, { user_id: string; product_id: string; weight: number; last_at: Date }>();
    let customers: string | null | undefined;
    do {
      const page = await deps.identity.listCustomers({ cursor: customers ?? undefined, limit: 500 });
      for (const c of page.items) {
        let orders: string | null | undefined;
        do {
          const list = await deps.orders.list({ userId: c.id, cursor: orders ?? undefined, limit: 200 });
          for (const o of list.items) {
            if (!o.paidAt || o.status === 'cancelled') continue;
            for (const l of o.lines) {
              const k = key(c.id, l.productId);
              const at = Date.parse(o.placedAt);
              const prev = folded.get(k);
              folded.set(k, { user_id: c.id, product_id: l.productId, weight: INTERACTION_WEIGHTS.order, last_at: new Date(Math.max(at, prev?.last_at.getTime() ?? 0)) });
            }
          }
          orders = list.nextCursor;
        } while (orders);
      }
      customers = page.nextCursor;
    } while (customers);
    return [...folded.values()];
  }

  /** The products a shopper can buy now: the candidates every list is drawn from. */
  async function sellableProducts() {
    const ids: string[] = [];
    let cursor: string | null | undefined;
    do {
      const page = await deps.catalog.listProducts({ cursor: cursor ?? undefined, limit: 200 });
      ids.push(...page.items.map((x) => x.id));
      cursor = page.nextCursor;
    } while (cursor);
    return ids;
  }

  async function scheduleDaily() {
    const now = clock.now();
    const next = Math.floor((now.getTime() - DAILY_OFFSET_MS) / DAY) * DAY + DAY + DAILY_OFFSET_MS;
    await scheduleJob(db, { kind: RECOMMEND_TRAIN_JOB, payload: {}, runAt: new Date(next), dedupeKey: `${RECOMMEND_TRAIN_JOB}:${next}`, maxAttempts: 3, now });
  }

  async function train(trigger: RunRow['trigger']) {
    const started = clock.now();
    await repo.failStaleRuns(db, new Date(started.getTime() - 3_600_000), started);
    const previous = await repo.findLatestRun(db, 'done');
    const id = newId();
    try {
      await repo.insertRun(db, { id, trigger, status: 'running', started_at: started, events_cursor: previous?.events_cursor ?? 0, interactions: 0, users: 0, items: 0, train_ms: 0, metrics: null });
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('RECOMMEND_TRAINING_RUNNING', 'A training run is already under way');
      throw err;
    }
    try {
      const t0 = performance.now();
      const { cursor, orders, since } = await ingest(previous?.events_cursor ?? 0);
      const result = await fit(await storeHistory(since), orders.filter((o) => o.last_at >= since));
      const trainMs = Math.round(performance.now() - t0);
      await db.transaction().execute((trx) => repo.replaceLists(trx, result.lists));
      const patch = { status: 'done' as const, finished_at: clock.now(), events_cursor: cursor, interactions: result.interactions, users: result.users, items: result.items, model: result.model, train_ms: trainMs, metrics: JSON.stringify(result.report) };
      await repo.updateRun(db, id, patch);
      return { id, trigger, startedAt: started, ...patch };
    } catch (err) {
      await repo.updateRun(db, id, { status: 'failed', finished_at: clock.now(), error: err instanceof Error ? err.message.slice(0, 500) : String(err) });
      throw err;
    } finally {
      await scheduleDaily();
    }
  }

  /** New log rows and every order folded into the interaction table (idempotent: strongest weight, latest time). */
  async function ingest(fromCursor: number) {
    const now = clock.now();
    const log = await readLog(fromCursor);
    const orders = await readOrders();
    // One row per (user, product) in a statement: an ON CONFLICT update cannot touch a row twice.
    const merged = new Map<string, { user_id: string; product_id: string; weight: number; last_at: Date }>();
    for (const r of [...log.rows, ...orders]) {
      const k = key(r.user_id, r.product_id);
      const prev = merged.get(k);
      const s = strongest(prev && { weight: prev.weight, at: prev.last_at.getTime() }, { weight: r.weight, at: r.last_at.getTime() });
      merged.set(k, { ...r, weight: s.weight, last_at: new Date(s.at) });
    }
    await repo.upsertInteractions(db, [...merged.values()]);
    await repo.insertShareLinks(db, log.links);
    const since = new Date(now.getTime() - WINDOW_DAYS * DAY);
    await repo.deleteInteractionsBefore(db, since);
    return { cursor: log.cursor, orders, since };
  }

  /** The interaction table as user histories over the sellable products (item i = products[i]). */
  async function storeHistory(since: Date) {
    const products = await sellableProducts();
    const index = new Map(products.map((id, i) => [id, i]));
    const byUser = new Map<string, UserHistory['items']>();
    for (const r of await repo.findInteractionsSince(db, since)) {
      const item = index.get(r.product_id);
      if (item === undefined) continue;
      const list = byUser.get(r.user_id) ?? [];
      list.push({ item, weight: r.weight, at: r.last_at.getTime() });
      byUser.set(r.user_id, list);
    }
    const userIds = [...byUser.keys()].sort();
    return { products, userIds, histories: userIds.map((u, i): UserHistory => ({ user: i, items: byUser.get(u)! })) };
  }

  /** `fission recommend evaluate` on the store: folds in what is new, then leave-last-out without touching the served lists. */
  async function evaluateStore() {
    const previous = await repo.findLatestRun(db, 'done');
    const { since } = await ingest(previous?.events_cursor ?? 0);
    const { products, histories } = await storeHistory(since);
    return evaluateHistories(histories, products.length, { models: products.length <= EASE_MAX_ITEMS ? ['popularity', 'item_item', 'ease'] : ['popularity', 'item_item'] });
  }

  /** The models on the store's own rows, and the lists they produce. */
  async function fit({ products, userIds, histories }: Awaited<ReturnType<typeof storeHistory>>, orders: { user_id: string; product_id: string }[]) {
    const index = new Map(products.map((id, i) => [id, i]));
    const n = products.length;
    const useEase = n > 0 && n <= EASE_MAX_ITEMS;
    const report: EvaluationReport = evaluateHistories(histories, n, { models: useEase ? ['popularity', 'item_item', 'ease'] : ['popularity', 'item_item'] });
    // The better personal model on this store's own held-out items serves; a tie keeps item-to-item.
    const ii = report.models.find((m) => m.model === 'item_item');
    const ease = report.models.find((m) => m.model === 'ease');
    const model: ModelName = ease && ii && ease.recallAt10 > ii.recallAt10 ? 'ease' : 'item_item';

    const rows = histories.map((h) => ({ items: h.items.map((x) => x.item), weights: h.items.map((x) => x.weight) }));
    const g = gram(rows, n);
    const itemItem = trainItemItem(rows, n, {}, g);
    // Served EASE^R gets λ chosen the same way the evaluation chose it: each shopper's latest item held out.
    const tuned = model === 'ease' ? chooseEaseLambda(histories, n) : null;
    const serving = tuned ? trainEase(rows, n, { lambda: tuned.lambda, binary: tuned.binary }, g) : itemItem;
    const popularity = trainPopularity(rows, n);

    // Friends: the friendship graph plus anyone linked by a share click, and what each of them bought.
    const friends = await deps.identity.friendsOf(userIds);
    for (const l of await repo.findShareLinks(db)) friends.set(l.user_id, [...(friends.get(l.user_id) ?? []), l.friend_id]);
    const bought = new Map<string, Set<number>>();
    for (const o of orders) {
      const item = index.get(o.product_id);
      if (item !== undefined) bought.set(o.user_id, (bought.get(o.user_id) ?? new Set()).add(item));
    }

    const users: { user_id: string; rank: number; product_id: string; score: number; reason: ReturnType<typeof blendSocial>[number]['reason']; reason_product_id: string | null; friends: number }[] = [];
    const scores = new Float64Array(n);
    const allowed = await allowedUsers(userIds);
    userIds.forEach((userId, u) => {
      if (!allowed.has(userId)) return;
      const row = rows[u];
      const own = new Set(row.items);
      serving.score(row, scores);
      const candidates = topK(scores, USER_LIST * 2, own).map((item) => ({ item, score: scores[item], because: serving.because(row, item) }));
      const friendsBought = new Map<number, number>();
      for (const f of new Set(friends.get(userId) ?? [])) for (const item of bought.get(f) ?? []) friendsBought.set(item, (friendsBought.get(item) ?? 0) + 1);
      blendSocial(candidates, friendsBought, own, USER_LIST).forEach((r, rank) =>
        users.push({ user_id: userId, rank, product_id: products[r.item], score: r.score, reason: r.reason, reason_product_id: r.reasonItem === null ? null : products[r.reasonItem], friends: r.friends }),
      );
    });
    const neighbours = itemItem.neighbours.flatMap((list, i) => list.slice(0, NEIGHBOURS).map((nb, rank) => ({ product_id: products[i], rank, neighbour_id: products[nb.item], score: nb.score })));
    const popular = topK(popularity.counts, POPULAR_LIST).filter((i) => popularity.counts[i] > 0).map((i, rank) => ({ rank, product_id: products[i], score: popularity.counts[i] }));
    return { model, report, interactions: report.interactions, users: userIds.length, items: n, lists: { users, neighbours, popular } };
  }

  /** Shoppers who turned personalisation off get no personal list at all (they are served popular items). */
  async function allowedUsers(userIds: string[]) {
    const allowed = new Set<string>();
    for (let i = 0; i < userIds.length; i += 20) {
      const chunk = userIds.slice(i, i + 20);
      const answers = await Promise.all(chunk.map((u) => deps.privacy.allows(u, 'personalisation')));
      chunk.forEach((u, k) => answers[k] && allowed.add(u));
    }
    return allowed;
  }

  return { train, scheduleDaily, evaluateStore };
}
