// All of live's SQL. No business decisions here: the service decides, the repo reads and writes.
import { sql } from 'kysely';
import type { LiveDb } from './live.table.ts';
import type { SessionStatus } from './live.rules.ts';

export const findSession = (ex: LiveDb, id: string) => ex.selectFrom('live_sessions').selectAll().where('id', '=', id).executeTakeFirst();
export type SessionRow = NonNullable<Awaited<ReturnType<typeof findSession>>>;

export const lockSession = (ex: LiveDb, id: string) => ex.selectFrom('live_sessions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const listSessions = (ex: LiveDb, q: { status?: SessionStatus; limit: number }) => {
  let query = ex.selectFrom('live_sessions').selectAll().orderBy('scheduled_at', 'desc').orderBy('id', 'desc').limit(q.limit);
  if (q.status) query = query.where('status', '=', q.status);
  return query.execute();
};

export const findProducts = (ex: LiveDb, sessionId: string) =>
  ex.selectFrom('live_session_products').select('product_id').where('session_id', '=', sessionId).orderBy('position').execute().then((rows) => rows.map((r) => r.product_id));

export const updateStatus = (ex: LiveDb, id: string, from: SessionStatus, set: { status: SessionStatus; started_at?: Date; ended_at?: Date }) =>
  ex.updateTable('live_sessions').set(set).where('id', '=', id).where('status', '=', from).returningAll().executeTakeFirst();

export const setPinned = (ex: LiveDb, id: string, productId: string | null) => ex.updateTable('live_sessions').set({ pinned_product_id: productId }).where('id', '=', id).execute();

/** Raise the peak, never lower it: several processes report their counts concurrently. */
export const raisePeak = (ex: LiveDb, id: string, count: number) =>
  ex.updateTable('live_sessions').set({ peak_viewers: sql<number>`greatest(peak_viewers, ${count})` }).where('id', '=', id).where('status', '=', 'live').where('peak_viewers', '<', count).execute();

export const addLikes = (ex: LiveDb, id: string, n: number) =>
  ex.updateTable('live_sessions').set({ likes: sql<number>`likes + ${n}` }).where('id', '=', id).where('status', '=', 'live').returning('likes').executeTakeFirst();

export const findCoupons = (ex: LiveDb, sessionId: string) => ex.selectFrom('live_coupons').selectAll().where('session_id', '=', sessionId).orderBy('created_at').execute();
export const findCoupon = (ex: LiveDb, sessionId: string, templateId: string) => ex.selectFrom('live_coupons').selectAll().where('session_id', '=', sessionId).where('template_id', '=', templateId).executeTakeFirst();
export const lockCoupon = (ex: LiveDb, sessionId: string, templateId: string) =>
  ex.selectFrom('live_coupons').selectAll().where('session_id', '=', sessionId).where('template_id', '=', templateId).forShare().executeTakeFirst();

export const setCouponRelease = (ex: LiveDb, sessionId: string, templateId: string, set: { released_at: Date | null; withdrawn_at: Date | null }) =>
  ex.updateTable('live_coupons').set(set).where('session_id', '=', sessionId).where('template_id', '=', templateId).returningAll().executeTakeFirst();

/** The claim's row; null when this viewer already has one (the primary key answers a race). */
export const insertClaim = (ex: LiveDb, row: { session_id: string; template_id: string; user_id: string; coupon_id: string; claimed_at: Date }) =>
  ex.insertInto('live_claims').values(row).onConflict((oc) => oc.columns(['session_id', 'template_id', 'user_id']).doNothing()).returningAll().executeTakeFirst();

export const findClaimsOf = (ex: LiveDb, sessionId: string, userId: string) =>
  ex.selectFrom('live_claims').select('template_id').where('session_id', '=', sessionId).where('user_id', '=', userId).execute().then((r) => new Set(r.map((x) => x.template_id)));

export const insertMessage = (ex: LiveDb, row: { id: string; session_id: string; kind: 'chat' | 'announcement'; author_id: string | null; text: string; verdict: 'approved' | 'held' | 'refused'; created_at: Date }) =>
  ex.insertInto('live_messages').values(row).execute();

/** A held chat line an operator decided: its new verdict, answering the line if it was still held. */
export const decideHeldMessage = (ex: LiveDb, id: string, verdict: 'approved' | 'refused') =>
  ex.updateTable('live_messages').set({ verdict }).where('id', '=', id).where('kind', '=', 'chat').where('verdict', '=', 'held').returningAll().executeTakeFirst();

export const recentAnnouncements = (ex: LiveDb, sessionId: string, limit: number) =>
  ex.selectFrom('live_messages').select(['id', 'text', 'created_at']).where('session_id', '=', sessionId).where('kind', '=', 'announcement').orderBy('created_at', 'desc').limit(limit).execute();

export const upsertIntent = (ex: LiveDb, row: { session_id: string; user_id: string; product_id: string; at: Date }) =>
  ex.insertInto('live_intents').values(row).onConflict((oc) => oc.columns(['session_id', 'user_id', 'product_id']).doUpdateSet({ at: row.at })).execute();

/** The latest intent of a user for any of these products since `since`. */
export const findIntent = (ex: LiveDb, userId: string, productIds: string[], since: Date) =>
  productIds.length === 0
    ? Promise.resolve(undefined)
    : ex.selectFrom('live_intents').select(['session_id']).where('user_id', '=', userId).where('product_id', 'in', productIds).where('at', '>=', since).orderBy('at', 'desc').limit(1).executeTakeFirst();

export const insertShare = (ex: LiveDb, shareId: string, sessionId: string) =>
  ex.insertInto('live_shares').values({ share_id: shareId, session_id: sessionId }).onConflict((oc) => oc.column('share_id').doNothing()).execute();
export const findShareSession = (ex: LiveDb, shareIds: string[]) =>
  ex.selectFrom('live_shares').select('session_id').where('share_id', 'in', shareIds).executeTakeFirst();

/** First attribution wins: an order belongs to at most one session. */
export const insertOrder = (ex: LiveDb, row: { order_id: string; session_id: string; source: 'room' | 'share'; user_id: string; amount: number; currency: string; placed_at: Date }) =>
  ex.insertInto('live_orders').values(row).onConflict((oc) => oc.column('order_id').doNothing()).returningAll().executeTakeFirst();

export const markOrderPaid = (ex: LiveDb, orderId: string, at: Date) => ex.updateTable('live_orders').set({ paid_at: at }).where('order_id', '=', orderId).where('paid_at', 'is', null).execute();

/** The session's record: messages, claims, orders and GMV from their rows. */
export async function recordFigures(ex: LiveDb, sessionId: string) {
  const [messages, claims, orders] = await Promise.all([
    ex.selectFrom('live_messages').select([sql<number>`count(*) filter (where verdict = 'approved' and kind = 'chat')`.as('approved'), sql<number>`count(*) filter (where verdict <> 'approved')`.as('moderated')]).where('session_id', '=', sessionId).executeTakeFirstOrThrow(),
    ex.selectFrom('live_claims').select(sql<number>`count(*)`.as('n')).where('session_id', '=', sessionId).executeTakeFirstOrThrow(),
    ex
      .selectFrom('live_orders')
      .select([
        sql<number>`count(*)`.as('placed'),
        sql<number>`count(*) filter (where paid_at is not null)`.as('paid'),
        sql<number>`coalesce(sum(amount) filter (where paid_at is not null), 0)`.as('gmv'),
        sql<number>`count(*) filter (where source = 'room')`.as('room'),
        sql<number>`count(*) filter (where source = 'share')`.as('share'),
      ])
      .where('session_id', '=', sessionId)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    messages: Number(messages.approved),
    moderated: Number(messages.moderated),
    claims: Number(claims.n),
    ordersPlaced: Number(orders.placed),
    ordersPaid: Number(orders.paid),
    gmvAmount: Number(orders.gmv),
    fromRoom: Number(orders.room),
    fromShares: Number(orders.share),
  };
}
