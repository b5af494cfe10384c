// All of the coupons module's SQL. Scarce counters (quota, budget, pack progress) only move by
// conditional UPDATE ... WHERE ... RETURNING; no business decisions here.
import { sql, type Insertable, type RawBuilder, type Selectable, type Updateable } from 'kysely';
import type { CouponPacksTable, CouponsTable, CouponStatus, CouponTemplatesTable, TemplateStatus, CouponsDb } from './coupons.table.ts';

export type TemplateRow = Selectable<CouponTemplatesTable>;
export type CouponRow = Selectable<CouponsTable>;
export type PackRow = Selectable<CouponPacksTable>;

/**
 * A coupon's status as of `now`, in SQL, the same as effectiveStatus() in coupons.rules.ts: an
 * available coupon past its end is expired, whether or not the daily job has marked it yet. Every
 * status filter and count goes through these two, so lists, filters and stats agree with the date.
 * Both read the coupons table under the alias `c`.
 */
const statusAt = (now: Date): RawBuilder<CouponStatus> => sql<CouponStatus>`(case when c.status = 'available' and c.valid_until <= ${now} then 'expired' else c.status end)`;

/** The filter for one status as of `now`; written out (not via statusAt) so it can use the status indexes. */
function hasStatusAt(status: CouponStatus, now: Date): RawBuilder<boolean> {
  if (status === 'available') return sql<boolean>`(c.status = 'available' and c.valid_until > ${now})`;
  if (status === 'expired') return sql<boolean>`(c.status = 'expired' or (c.status = 'available' and c.valid_until <= ${now}))`;
  return sql<boolean>`(c.status = ${status})`;
}

// ---- templates

export const insertTemplate = (ex: CouponsDb, row: Insertable<CouponTemplatesTable>) => ex.insertInto('coupon_templates').values(row).returningAll().executeTakeFirstOrThrow();

export const findTemplate = (ex: CouponsDb, id: string) => ex.selectFrom('coupon_templates').selectAll().where('id', '=', id).executeTakeFirst();

export const findTemplates = (ex: CouponsDb, ids: string[]) => (ids.length ? ex.selectFrom('coupon_templates').selectAll().where('id', 'in', ids).execute() : Promise.resolve([] as TemplateRow[]));

export const lockTemplate = (ex: CouponsDb, id: string) => ex.selectFrom('coupon_templates').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const updateTemplate = (ex: CouponsDb, id: string, patch: Updateable<CouponTemplatesTable>) => ex.updateTable('coupon_templates').set(patch).where('id', '=', id).returningAll().executeTakeFirst();


export function listTemplates(ex: CouponsDb, filter: { status?: TemplateStatus; after?: { at: Date; id: string }; limit: number }) {
  let q = ex.selectFrom('coupon_templates').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit + 1);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.after) q = q.where((eb) => eb.or([eb('created_at', '<', filter.after!.at), eb.and([eb('created_at', '=', filter.after!.at), eb('id', '<', filter.after!.id)])]));
  return q.execute();
}

/** The coupon centre: active, claimable templates. */
export const findClaimableTemplates = (ex: CouponsDb) =>
  ex.selectFrom('coupon_templates').selectAll().where('status', '=', 'active').where('claimable', '=', true).orderBy('created_at', 'desc').orderBy('id').limit(200).execute();

/** Take one from the quota; undefined when the template is not active or the quota is gone. */
export function takeQuota(ex: CouponsDb, id: string) {
  return ex
    .updateTable('coupon_templates')
    .set((eb) => ({ claimed_count: eb('claimed_count', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', 'active')
    .where((eb) => eb.or([eb('total_quota', 'is', null), eb('claimed_count', '<', eb.ref('total_quota'))]))
    .returningAll()
    .executeTakeFirst();
}

export function takeQuotaMany(ex: CouponsDb, id: string, n: number) {
  return ex
    .updateTable('coupon_templates')
    .set((eb) => ({ claimed_count: eb('claimed_count', '+', n) }))
    .where('id', '=', id)
    .where('status', '=', 'active')
    .where((eb) => eb.or([eb('total_quota', 'is', null), eb(eb('claimed_count', '+', n), '<=', eb.ref('total_quota'))]))
    .returningAll()
    .executeTakeFirst();
}

/** Give back one taken from the quota (a concurrent grant with the same source won). */
export const releaseQuota = (ex: CouponsDb, id: string) =>
  ex.updateTable('coupon_templates').set((eb) => ({ claimed_count: eb('claimed_count', '-', 1) })).where('id', '=', id).execute();

/** Coupons per status as of `now` for templates (operator stats): date-expired ones count as expired. */
export async function countByStatus(ex: CouponsDb, templateIds: string[], now: Date) {
  if (templateIds.length === 0) return [];
  // Status as of now in a subquery, then grouped by name: grouping by the expression itself would
  // bind `now` a second time as another parameter, which PostgreSQL does not see as the same expression.
  const dated = ex.selectFrom('coupons as c').select(['c.template_id', statusAt(now).as('status'), 'c.discount_amount']).where('c.template_id', 'in', templateIds).as('d');
  return ex
    .selectFrom(dated)
    .select(['d.template_id', 'd.status', sql<number>`count(*)::int`.as('n'), sql<number>`coalesce(sum(d.discount_amount), 0)::bigint`.as('discount')])
    .groupBy(['d.template_id', 'd.status'])
    .execute();
}

export async function countUserCoupons(ex: CouponsDb, templateIds: string[], userId: string) {
  if (templateIds.length === 0) return new Map<string, number>();
  const rows = await ex
    .selectFrom('coupons')
    .select(['template_id', sql<number>`count(*)::int`.as('n')])
    .where('template_id', 'in', templateIds)
    .where('user_id', '=', userId)
    .groupBy('template_id')
    .execute();
  return new Map(rows.map((r) => [r.template_id, Number(r.n)]));
}

/** How many of a template each of these users already holds. */
export async function countHeldByUsers(ex: CouponsDb, templateId: string, userIds: string[]) {
  if (userIds.length === 0) return new Map<string, number>();
  const rows = await ex
    .selectFrom('coupons')
    .select(['user_id', sql<number>`count(*)::int`.as('n')])
    .where('template_id', '=', templateId)
    .where('user_id', 'in', userIds)
    .groupBy('user_id')
    .execute();
  return new Map(rows.map((r) => [r.user_id, Number(r.n)]));
}

export const insertCoupons = (ex: CouponsDb, rows: Insertable<CouponsTable>[]) => (rows.length ? ex.insertInto('coupons').values(rows).execute() : Promise.resolve([]));

// ---- coupons

export const insertCoupon = (ex: CouponsDb, row: Insertable<CouponsTable>) =>
  ex.insertInto('coupons').values(row).onConflict((oc) => oc.columns(['template_id', 'user_id', 'source', 'source_ref']).where('source_ref', 'is not', null).doNothing()).returningAll().executeTakeFirst();

export const findCouponBySource = (ex: CouponsDb, q: { templateId: string; userId: string; source: string; sourceRef: string }) =>
  ex.selectFrom('coupons').selectAll().where('template_id', '=', q.templateId).where('user_id', '=', q.userId).where('source', '=', q.source as any).where('source_ref', '=', q.sourceRef).executeTakeFirst();

/** A coupon's amount off: its own face value (claimed under an A/B variant), else its template's. */
const faceAmount = sql<number | null>`coalesce(c.face_amount, t.amount)`.as('amount');

export const findCouponsWithTemplates = (ex: CouponsDb, ids: string[]) =>
  ex
    .selectFrom('coupons as c')
    .innerJoin('coupon_templates as t', 't.id', 'c.template_id')
    .selectAll('c')
    .select(['t.name', 't.description', 't.name_en', 't.description_en', 't.kind', faceAmount, 't.percent_bp', 't.max_discount_amount', 't.min_spend_amount', 't.currency', 't.scope', 't.scope_ids', 't.status as template_status'])
    .where('c.id', 'in', ids)
    .execute();

export type CouponWithTemplate = Awaited<ReturnType<typeof findCouponsWithTemplates>>[number];

export function listUserCoupons(ex: CouponsDb, userId: string, filter: { status?: CouponStatus; now: Date; limit: number; after?: { at: Date; id: string } }) {
  let q = ex
    .selectFrom('coupons as c')
    .innerJoin('coupon_templates as t', 't.id', 'c.template_id')
    .selectAll('c')
    .select(['t.name', 't.description', 't.name_en', 't.description_en', 't.kind', faceAmount, 't.percent_bp', 't.max_discount_amount', 't.min_spend_amount', 't.currency', 't.scope', 't.scope_ids', 't.status as template_status'])
    .where('c.user_id', '=', userId)
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(filter.limit + 1);
  if (filter.status) q = q.where(hasStatusAt(filter.status, filter.now));
  if (filter.after) q = q.where((eb) => eb.or([eb('c.created_at', '<', filter.after!.at), eb.and([eb('c.created_at', '=', filter.after!.at), eb('c.id', '<', filter.after!.id)])]));
  return q.execute();
}

export function listTemplateCoupons(ex: CouponsDb, templateId: string, filter: { status?: CouponStatus; now: Date; limit: number; after?: { at: Date; id: string } }) {
  let q = ex.selectFrom('coupons as c').selectAll('c').where('c.template_id', '=', templateId).orderBy('c.created_at', 'desc').orderBy('c.id', 'desc').limit(filter.limit + 1);
  if (filter.status) q = q.where(hasStatusAt(filter.status, filter.now));
  if (filter.after) q = q.where((eb) => eb.or([eb('c.created_at', '<', filter.after!.at), eb.and([eb('c.created_at', '=', filter.after!.at), eb('c.id', '<', filter.after!.id)])]));
  return q.execute();
}

/** Lock a coupon to an order: only an available one of this user; undefined otherwise. */
export function lockCouponToOrder(ex: CouponsDb, q: { couponId: string; userId: string; orderId: string; discountAmount: number; now: Date }) {
  return ex
    .updateTable('coupons')
    .set({ status: 'locked', order_id: q.orderId, discount_amount: q.discountAmount, locked_at: q.now, updated_at: q.now })
    .where('id', '=', q.couponId)
    .where('user_id', '=', q.userId)
    .where('status', '=', 'available')
    .where('valid_from', '<=', q.now)
    .where('valid_until', '>', q.now)
    .returning(['id', 'template_id'])
    .executeTakeFirst();
}

export function releaseOrderCoupons(ex: CouponsDb, orderId: string, now: Date) {
  return ex
    .updateTable('coupons')
    .set({ status: 'available', order_id: null, discount_amount: 0, locked_at: null, updated_at: now })
    .where('order_id', '=', orderId)
    .where('status', '=', 'locked')
    .returning(['id', 'template_id', 'valid_until'])
    .execute();
}

export const findLockedForOrder = (ex: CouponsDb, orderId: string) =>
  ex.selectFrom('coupons').select(['id', 'template_id', 'discount_amount']).where('order_id', '=', orderId).where('status', '=', 'locked').forUpdate().execute();

export function markOrderCouponsUsed(ex: CouponsDb, orderId: string, now: Date) {
  return ex.updateTable('coupons').set({ status: 'used', used_at: now, updated_at: now }).where('order_id', '=', orderId).where('status', '=', 'locked').returning(['id', 'template_id', 'user_id', 'discount_amount']).execute();
}

/**
 * Up to `limit` available coupons past their end become `expired`; rows another transaction holds
 * (being locked to an order right now) are skipped and caught by a later sweep.
 */
export function updateDateExpired(ex: CouponsDb, now: Date, limit: number) {
  const due = ex.selectFrom('coupons').select('id').where('status', '=', 'available').where('valid_until', '<=', now).limit(limit).forUpdate().skipLocked();
  return ex.updateTable('coupons').set({ status: 'expired', updated_at: now }).where('id', 'in', due).where('status', '=', 'available').returning('id').execute();
}

export function revokeBySource(ex: CouponsDb, q: { source: string; sourceRef: string; userId: string; now: Date }) {
  return ex
    .updateTable('coupons')
    .set({ status: 'revoked', revoked_at: q.now, updated_at: q.now })
    .where('source', '=', q.source as any)
    .where('source_ref', '=', q.sourceRef)
    .where('user_id', '=', q.userId)
    .where('status', '=', 'available')
    .returning(['id', 'template_id'])
    .execute();
}

/** A shopper's unused claimed coupons of one template (risk withholding a claim found to be fraud later). */
export function revokeClaimed(ex: CouponsDb, q: { templateId: string; userId: string; now: Date }) {
  return ex
    .updateTable('coupons')
    .set({ status: 'revoked', revoked_at: q.now, updated_at: q.now })
    .where('source', '=', 'claim')
    .where('template_id', '=', q.templateId)
    .where('user_id', '=', q.userId)
    .where('status', '=', 'available')
    .returning(['id', 'template_id'])
    .execute();
}

// ---- packs

export const insertPack = (ex: CouponsDb, row: Insertable<CouponPacksTable>) => ex.insertInto('coupon_packs').values(row).returningAll().executeTakeFirstOrThrow();
export const findPack = (ex: CouponsDb, id: string) => ex.selectFrom('coupon_packs').selectAll().where('id', '=', id).executeTakeFirst();
export const updatePack = (ex: CouponsDb, id: string, patch: Updateable<CouponPacksTable>) => ex.updateTable('coupon_packs').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
export const listPacks = (ex: CouponsDb, limit: number) => ex.selectFrom('coupon_packs').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();

export const ensureProgress = (ex: CouponsDb, row: { share_id: string; pack_id: string; sharer_id: string; created_at: Date; updated_at: Date }) =>
  ex.insertInto('coupon_pack_progress').values(row).onConflict((oc) => oc.column('share_id').doNothing()).execute();

/** One more friend through this share, unless it already has all it needs. */
export function incrementProgress(ex: CouponsDb, shareId: string, needed: number, now: Date) {
  return ex
    .updateTable('coupon_pack_progress')
    .set((eb) => ({ claimed_count: eb('claimed_count', '+', 1), updated_at: now }))
    .where('share_id', '=', shareId)
    .where('claimed_count', '<', needed)
    .returningAll()
    .executeTakeFirst();
}

/** Mark the share unlocked exactly once. */
export const markUnlocked = (ex: CouponsDb, shareId: string, now: Date) =>
  ex.updateTable('coupon_pack_progress').set({ unlocked_at: now, updated_at: now }).where('share_id', '=', shareId).where('unlocked_at', 'is', null).returningAll().executeTakeFirst();

export const setSharerCoupon = (ex: CouponsDb, shareId: string, couponId: string) => ex.updateTable('coupon_pack_progress').set({ sharer_coupon_id: couponId }).where('share_id', '=', shareId).execute();

export const insertPackClaim = (ex: CouponsDb, row: { share_id: string; friend_id: string; pack_id: string; coupon_id: string; claimed_at: Date }) =>
  ex.insertInto('coupon_pack_claims').values(row).onConflict((oc) => oc.columns(['share_id', 'friend_id']).doNothing()).returning('share_id').executeTakeFirst();

export const findPackClaim = (ex: CouponsDb, shareId: string, friendId: string) =>
  ex.selectFrom('coupon_pack_claims').selectAll().where('share_id', '=', shareId).where('friend_id', '=', friendId).executeTakeFirst();

export const findSharerProgress = (ex: CouponsDb, sharerId: string) =>
  ex
    .selectFrom('coupon_pack_progress as g')
    .innerJoin('coupon_packs as p', 'p.id', 'g.pack_id')
    .selectAll('g')
    .select(['p.name', 'p.friends_needed'])
    .where('g.sharer_id', '=', sharerId)
    .orderBy('g.created_at', 'desc')
    .limit(100)
    .execute();

export const findClaimsOfShares = (ex: CouponsDb, shareIds: string[]) =>
  shareIds.length ? ex.selectFrom('coupon_pack_claims').selectAll().where('share_id', 'in', shareIds).orderBy('claimed_at').execute() : Promise.resolve([]);
