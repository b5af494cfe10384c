// All of sharing's SQL. No business decisions here: callers pass windows, filters and flags.
import { sql, type Insertable, type Selectable } from 'kysely';
import { chinaDay, countInt, type DayRange } from '../../platform/daily.ts';
import type { AttributionModel, AttributionSubject } from './sharing.rules.ts';
import type { AttributionsTable, ShareClicksTable, SharesTable, ShareVisitorsTable, VisitorLinksTable, SharingDb } from './sharing.table.ts';

export type ShareRow = Selectable<SharesTable>;
export type ClickRow = Selectable<ShareClicksTable>;
export type AttributionRow = Selectable<AttributionsTable>;

export const insertShare = (trx: SharingDb, row: Insertable<SharesTable>) => trx.insertInto('shares').values(row).returningAll().executeTakeFirstOrThrow();

export const findShareByToken = (db: SharingDb, token: string) => db.selectFrom('shares').selectAll().where('token', '=', token).executeTakeFirst();

export const findShareById = (db: SharingDb, id: string) => db.selectFrom('shares').selectAll().where('id', '=', id).executeTakeFirst();

/**
 * The latest click by someone (a user id and/or visitor ids) inside [since, until] on another
 * sharer's share of the same target (type + id), or of the same campaign when one is given.
 */
export function findLatestArrival(
  db: SharingDb,
  who: { userId: string; visitorIds: string[] },
  target: { type: string; id: string; campaignId: string | null },
  since: Date,
  until: Date,
) {
  return db
    .selectFrom('share_clicks as c')
    .innerJoin('shares as s', 's.id', 'c.share_id')
    .select(['c.id as click_id', 'c.clicked_at', 's.id', 's.root_share_id', 's.depth'])
    .where((eb) => eb.or([eb('c.user_id', '=', who.userId), ...(who.visitorIds.length ? [eb('c.visitor_id', 'in', who.visitorIds)] : [])]))
    .where('c.self_click', '=', false)
    .where('s.sharer_id', '!=', who.userId)
    .where('c.clicked_at', '>=', since)
    .where('c.clicked_at', '<=', until)
    .where((eb) =>
      eb.or([
        eb.and([eb('s.target_type', '=', target.type), eb('s.target_id', '=', target.id)]),
        ...(target.campaignId ? [eb('s.campaign_id', '=', target.campaignId)] : []),
      ]),
    )
    .orderBy('c.clicked_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** True when this visitor id had never been seen: the row is new. */
export async function insertVisitorIfNew(trx: SharingDb, visitorId: string, at: Date): Promise<boolean> {
  const row = await trx.insertInto('share_visitors').values({ visitor_id: visitorId, first_seen_at: at }).onConflict((oc) => oc.column('visitor_id').doNothing()).returning('visitor_id').executeTakeFirst();
  return !!row;
}

export async function insertVisitorsSeen(trx: SharingDb, visitorIds: string[], at: Date): Promise<void> {
  if (!visitorIds.length) return;
  await trx.insertInto('share_visitors').values(visitorIds.map((v) => ({ visitor_id: v, first_seen_at: at }))).onConflict((oc) => oc.column('visitor_id').doNothing()).execute();
}

export async function insertVisitorLinks(trx: SharingDb, userId: string, visitorIds: string[], at: Date): Promise<void> {
  if (!visitorIds.length) return;
  await trx
    .insertInto('visitor_links')
    .values(visitorIds.map((v) => ({ visitor_id: v, user_id: userId, linked_at: at })))
    .onConflict((oc) => oc.columns(['visitor_id', 'user_id']).doNothing())
    .execute();
}

/**
 * Past cascades written as they happened (an import): shares (parents before children), their
 * clicks, the visitors' first sightings and visitor-user links, in batches of 500 rows so one
 * statement stays well under the bind-parameter limit.
 */
export async function insertCascadeHistory(
  trx: SharingDb,
  rows: { shares: Insertable<SharesTable>[]; clicks: Insertable<ShareClicksTable>[]; visitors: Insertable<ShareVisitorsTable>[]; links: Insertable<VisitorLinksTable>[]; attributions: Insertable<AttributionsTable>[] },
): Promise<void> {
  for (let i = 0; i < rows.shares.length; i += 500) await trx.insertInto('shares').values(rows.shares.slice(i, i + 500)).execute();
  for (let i = 0; i < rows.clicks.length; i += 500) await trx.insertInto('share_clicks').values(rows.clicks.slice(i, i + 500)).execute();
  for (let i = 0; i < rows.visitors.length; i += 500) await trx.insertInto('share_visitors').values(rows.visitors.slice(i, i + 500)).onConflict((oc) => oc.column('visitor_id').doNothing()).execute();
  for (let i = 0; i < rows.links.length; i += 500) await trx.insertInto('visitor_links').values(rows.links.slice(i, i + 500)).onConflict((oc) => oc.doNothing()).execute();
  for (let i = 0; i < rows.attributions.length; i += 500) await trx.insertInto('attributions').values(rows.attributions.slice(i, i + 500)).execute();
}

export const findVisitorsOfUser = async (db: SharingDb, userId: string) =>
  (await db.selectFrom('visitor_links').select('visitor_id').where('user_id', '=', userId).execute()).map((r) => r.visitor_id);

export const findUsersOfVisitors = async (db: SharingDb, visitorIds: string[]) =>
  visitorIds.length ? (await db.selectFrom('visitor_links').select('user_id').where('visitor_id', 'in', visitorIds).execute()).map((r) => r.user_id) : [];

export const insertClick = (trx: SharingDb, row: Insertable<ShareClicksTable>) => trx.insertInto('share_clicks').values(row).returningAll().executeTakeFirstOrThrow();

/** Attributable clicks (not the sharer's own) by a user id or visitor ids, inside [since, until]. */
export function findAttributableClicks(db: SharingDb, who: { userId: string | null; visitorIds: string[] }, since: Date, until: Date) {
  if (!who.userId && who.visitorIds.length === 0) return Promise.resolve([] as ClickRow[]);
  return db
    .selectFrom('share_clicks')
    .selectAll()
    .where((eb) => eb.or([...(who.userId ? [eb('user_id', '=', who.userId)] : []), ...(who.visitorIds.length ? [eb('visitor_id', 'in', who.visitorIds)] : [])]))
    .where('self_click', '=', false)
    .$if(!!who.userId, (qb) => qb.where('sharer_id', '!=', who.userId!))
    .where('clicked_at', '>=', since)
    .where('clicked_at', '<=', until)
    .orderBy('clicked_at')
    .orderBy('id')
    .limit(1000)
    .execute();
}

/** Inserts unless (subject, model) is already attributed; returns the row only when it is new. */
export const insertAttribution = (trx: SharingDb, row: Insertable<AttributionsTable>) =>
  trx
    .insertInto('attributions')
    .values(row)
    .onConflict((oc) => oc.columns(['subject_type', 'subject_id', 'model']).doNothing())
    .returningAll()
    .executeTakeFirst();

export const findAttribution = (db: SharingDb, subjectType: AttributionSubject, subjectId: string, model: AttributionModel) =>
  db.selectFrom('attributions').selectAll().where('subject_type', '=', subjectType).where('subject_id', '=', subjectId).where('model', '=', model).executeTakeFirst();

export const markOrderPaid = (trx: SharingDb, orderId: string, amount: number, at: Date) =>
  trx.updateTable('attributions').set({ paid: true, paid_amount: amount, updated_at: at }).where('subject_type', '=', 'order').where('subject_id', '=', orderId).execute();

export const reduceOrderPaid = (trx: SharingDb, orderId: string, amount: number, at: Date) =>
  trx
    .updateTable('attributions')
    .set({ paid_amount: sql`greatest(paid_amount - ${amount}, 0)`, paid: sql`greatest(paid_amount - ${amount}, 0) > 0 and paid`, updated_at: at })
    .where('subject_type', '=', 'order')
    .where('subject_id', '=', orderId)
    .execute();

export const clearOrderPaid = (trx: SharingDb, orderId: string, at: Date) =>
  trx.updateTable('attributions').set({ paid: false, paid_amount: 0, updated_at: at }).where('subject_type', '=', 'order').where('subject_id', '=', orderId).execute();

// ---- reporting --------------------------------------------------------------------------------

export interface StatsFilter {
  campaignId?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
}

const int = (expr: ReturnType<typeof sql>) => sql<number>`(${expr})::int`;

export async function shareCountsByChannel(db: SharingDb, f: StatsFilter) {
  return db
    .selectFrom('shares')
    .select(['channel', int(sql`count(*)`).as('shares')])
    .$if(!!f.campaignId, (q) => q.where('campaign_id', '=', f.campaignId!))
    .$if(!!f.targetType, (q) => q.where('target_type', '=', f.targetType!))
    .$if(!!f.targetId, (q) => q.where('target_id', '=', f.targetId!))
    .$if(!!f.from, (q) => q.where('created_at', '>=', f.from!))
    .$if(!!f.to, (q) => q.where('created_at', '<', f.to!))
    .groupBy('channel')
    .execute();
}

function clicksQuery(db: SharingDb, f: StatsFilter) {
  return db
    .selectFrom('share_clicks')
    .where('self_click', '=', false)
    .$if(!!f.campaignId, (q) => q.where('campaign_id', '=', f.campaignId!))
    .$if(!!f.targetType, (q) => q.where('target_type', '=', f.targetType!))
    .$if(!!f.targetId, (q) => q.where('target_id', '=', f.targetId!))
    .$if(!!f.from, (q) => q.where('clicked_at', '>=', f.from!))
    .$if(!!f.to, (q) => q.where('clicked_at', '<', f.to!));
}

const clickMeasures = [
  int(sql`count(*)`).as('clicks'),
  int(sql`count(distinct coalesce(visitor_id, user_id::text))`).as('unique_visitors'),
  int(sql`count(*) filter (where is_new_visitor)`).as('new_visitors'),
] as const;

export const clickCountsByChannel = (db: SharingDb, f: StatsFilter) => clicksQuery(db, f).select(['channel', ...clickMeasures]).groupBy('channel').execute();

export const clickCountsTotal = (db: SharingDb, f: StatsFilter) => clicksQuery(db, f).select([...clickMeasures]).executeTakeFirstOrThrow();

export async function attributionCountsByChannel(db: SharingDb, f: StatsFilter) {
  return db
    .selectFrom('attributions')
    .select([
      'channel',
      int(sql`count(*) filter (where subject_type = 'customer')`).as('signups'),
      int(sql`count(*) filter (where subject_type = 'order')`).as('orders'),
      int(sql`count(*) filter (where subject_type = 'order' and paid)`).as('paid_orders'),
      sql<number>`coalesce(sum(paid_amount) filter (where subject_type = 'order' and paid), 0)::bigint`.as('gmv'),
    ])
    .where('model', '=', 'last_touch')
    .$if(!!f.campaignId, (q) => q.where('campaign_id', '=', f.campaignId!))
    .$if(!!f.targetType, (q) => q.where('target_type', '=', f.targetType!))
    .$if(!!f.targetId, (q) => q.where('target_id', '=', f.targetId!))
    .$if(!!f.from, (q) => q.where('attributed_at', '>=', f.from!))
    .$if(!!f.to, (q) => q.where('attributed_at', '<', f.to!))
    .groupBy('channel')
    .execute();
}

/** The shares of these cascades, each cascade's by depth then time (several cascades come interleaved). */
export const findCascadeShares = (db: SharingDb, rootIds: string[]) =>
  db.selectFrom('shares').selectAll().where('root_share_id', 'in', rootIds).orderBy('depth').orderBy('created_at').orderBy('id').execute();

/** Per share (of these cascades, or these shares): clicks and distinct visitors (not the sharer's own), last-touch sign-ups and orders. */
export async function countsPerShare(db: SharingDb, by: { rootIds: string[] } | { shareIds: string[] }) {
  const clicks = db
    .selectFrom('share_clicks')
    .select(['share_id', int(sql`count(*)`).as('clicks'), int(sql`count(distinct coalesce(visitor_id, user_id::text))`).as('visitors')])
    .where('self_click', '=', false)
    .groupBy('share_id');
  const attributions = db
    .selectFrom('attributions')
    .select([
      'share_id',
      int(sql`count(*) filter (where subject_type = 'customer')`).as('signups'),
      int(sql`count(*) filter (where subject_type = 'order')`).as('orders'),
      int(sql`count(*) filter (where subject_type = 'order' and paid)`).as('paid_orders'),
    ])
    .where('model', '=', 'last_touch')
    .groupBy('share_id');
  const [c, a] =
    'rootIds' in by
      ? by.rootIds.length
        ? await Promise.all([clicks.where('root_share_id', 'in', by.rootIds).execute(), attributions.where('root_share_id', 'in', by.rootIds).execute()])
        : [[], []]
      : by.shareIds.length
        ? await Promise.all([clicks.where('share_id', 'in', by.shareIds).execute(), attributions.where('share_id', 'in', by.shareIds).execute()])
        : [[], []];
  const out = new Map<string, { clicks: number; visitors: number; signups: number; orders: number; paidOrders: number }>();
  const get = (id: string) => {
    let v = out.get(id);
    if (!v) out.set(id, (v = { clicks: 0, visitors: 0, signups: 0, orders: 0, paidOrders: 0 }));
    return v;
  };
  for (const r of c) Object.assign(get(r.share_id), { clicks: r.clicks, visitors: r.visitors });
  for (const r of a) Object.assign(get(r.share_id), { signups: r.signups, orders: r.orders, paidOrders: r.paid_orders });
  return out;
}

/** Clicks (not the sharer's own) on the shares of these cascades, oldest first: when, whose account, whether a new visitor, and the distinct-visitor key. */
export function findCascadeClicks(db: SharingDb, rootIds: string[]) {
  return db
    .selectFrom('share_clicks')
    .select(['id', 'share_id', 'clicked_at', 'is_new_visitor', 'user_id', sql<string | null>`coalesce(visitor_id, user_id::text)`.as('visitor')])
    .where('root_share_id', 'in', rootIds)
    .where('self_click', '=', false)
    .orderBy('clicked_at')
    .orderBy('id')
    .execute();
}

/** Last-touch attributions in these cascades, by the click they go to: a sign-up (customer) or an order, who and when. */
export function findCascadeClickOutcomes(db: SharingDb, rootIds: string[]) {
  return db
    .selectFrom('attributions')
    .select(['click_id', 'subject_type', 'user_id', 'attributed_at'])
    .where('model', '=', 'last_touch')
    .where('root_share_id', 'in', rootIds)
    .orderBy('attributed_at')
    .execute();
}

export function findSharesOfSharer(db: SharingDb, sharerId: string, limit: number, after?: { at: Date; id: string }) {
  return db
    .selectFrom('shares')
    .selectAll()
    .where('sharer_id', '=', sharerId)
    .$if(!!after, (q) => q.where(sql<boolean>`(created_at, id) < (${after!.at}, ${after!.id})`))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export function findRootShares(db: SharingDb, filter: { campaignId?: string }, limit: number, after?: { at: Date; id: string }) {
  return db
    .selectFrom('shares')
    .selectAll()
    .where('parent_share_id', 'is', null)
    .$if(!!filter.campaignId, (q) => q.where('campaign_id', '=', filter.campaignId!))
    .$if(!!after, (q) => q.where(sql<boolean>`(created_at, id) < (${after!.at}, ${after!.id})`))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function cascadeSizes(db: SharingDb, rootIds: string[]) {
  if (!rootIds.length) return new Map<string, { size: number; depth: number }>();
  const rows = await db
    .selectFrom('shares')
    .select(['root_share_id', int(sql`count(*)`).as('size'), int(sql`max(depth)`).as('depth')])
    .where('root_share_id', 'in', rootIds)
    .groupBy('root_share_id')
    .execute();
  return new Map(rows.map((r) => [r.root_share_id, { size: r.size, depth: r.depth }]));
}

/** Per cascade: last-touch sign-ups, orders, paid orders and paid GMV attributed to any of its shares. */
export async function cascadeOutcomes(db: SharingDb, rootIds: string[]) {
  if (!rootIds.length) return new Map<string, { signups: number; orders: number; paidOrders: number; gmv: number }>();
  const rows = await db
    .selectFrom('attributions')
    .select([
      'root_share_id',
      int(sql`count(*) filter (where subject_type = 'customer')`).as('signups'),
      int(sql`count(*) filter (where subject_type = 'order')`).as('orders'),
      int(sql`count(*) filter (where subject_type = 'order' and paid)`).as('paid_orders'),
      sql<number>`coalesce(sum(paid_amount) filter (where subject_type = 'order' and paid), 0)::bigint`.as('gmv'),
    ])
    .where('model', '=', 'last_touch')
    .where('root_share_id', 'in', rootIds)
    .groupBy('root_share_id')
    .execute();
  return new Map(rows.map((r) => [r.root_share_id, { signups: r.signups, orders: r.orders, paidOrders: r.paid_orders, gmv: Number(r.gmv) }]));
}

/** Last-touch orders attributed to shares of the given targets (all sharers), per target id. */
export async function outcomesByTarget(db: SharingDb, targetType: string, targetIds: string[]) {
  if (!targetIds.length) return new Map<string, { orders: number; paidOrders: number; gmv: number }>();
  const rows = await db
    .selectFrom('attributions')
    .select([
      'target_id',
      int(sql`count(*)`).as('orders'),
      int(sql`count(*) filter (where paid)`).as('paid_orders'),
      sql<number>`coalesce(sum(paid_amount) filter (where paid), 0)::bigint`.as('gmv'),
    ])
    .where('model', '=', 'last_touch')
    .where('subject_type', '=', 'order')
    .where('target_type', '=', targetType)
    .where('target_id', 'in', targetIds)
    .groupBy('target_id')
    .execute();
  return new Map(rows.map((r) => [r.target_id, { orders: r.orders, paidOrders: r.paid_orders, gmv: Number(r.gmv) }]));
}

/** Shares created, clicks (not the sharer's own) and last-touch attributed sign-ups per China day. */
export async function dailySharingActivity(db: SharingDb, range: DayRange) {
  const [shares, clicks, signups] = await Promise.all([
    db.selectFrom('shares').select([chinaDay('created_at').as('day'), countInt().as('count')])
      .where('created_at', '>=', range.from).where('created_at', '<', range.to).groupBy(sql`1`).execute(),
    db.selectFrom('share_clicks').select([chinaDay('clicked_at').as('day'), countInt().as('count')])
      .where('self_click', '=', false).where('clicked_at', '>=', range.from).where('clicked_at', '<', range.to).groupBy(sql`1`).execute(),
    db.selectFrom('attributions').select([chinaDay('attributed_at').as('day'), countInt().as('count')])
      .where('subject_type', '=', 'customer').where('model', '=', 'last_touch')
      .where('attributed_at', '>=', range.from).where('attributed_at', '<', range.to).groupBy(sql`1`).execute(),
  ]);
  return { shares, clicks, signups };
}
