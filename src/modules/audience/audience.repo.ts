// All of the audience module's SQL; no business decisions here.
import { sql, type Insertable } from 'kysely';
import type { AudienceDb, AudienceDeliveriesTable, AudienceDispatchesTable, AudienceMessagesTable, AudienceProfilesTable, AudienceSegmentsTable } from './audience.table.ts';
import { ruleToSql, type RuleNode } from './audience.segments.ts';

// ---- profiles ----

export type ProfileRow = Awaited<ReturnType<typeof findProfile>> & {};

export async function upsertProfiles(db: AudienceDb, rows: Insertable<AudienceProfilesTable>[]) {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('audience_profiles')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc.column('user_id').doUpdateSet((eb) => {
          const keys = Object.keys(rows[0]).filter((k) => k !== 'user_id') as (keyof AudienceProfilesTable)[];
          return Object.fromEntries(keys.map((k) => [k, eb.ref(`excluded.${k}`)]));
        }),
      )
      .execute();
  }
}

/** Profiles not written by the latest recompute belong to people no longer listed (erased, operators). */
export const deleteStaleProfiles = (db: AudienceDb, computedAt: Date) => db.deleteFrom('audience_profiles').where('computed_at', '<', computedAt).execute();

export const findProfile = (db: AudienceDb, userId: string) => db.selectFrom('audience_profiles').selectAll().where('user_id', '=', userId).executeTakeFirst();

export const SORTS = { predicted_value: 'predicted_value_amount', churn_risk: 'churn_risk', monetary: 'monetary_amount', recency: 'recency_days', frequency: 'frequency' } as const;
export type ProfileSort = keyof typeof SORTS;

export async function listProfiles(db: AudienceDb, q: { sort: ProfileSort; rule?: RuleNode; offset: number; limit: number }) {
  const col = SORTS[q.sort];
  let qb = db
    .selectFrom('audience_profiles')
    .selectAll()
    .orderBy(sql`${sql.ref(col)} ${sql.raw(q.sort === 'recency' ? 'asc' : 'desc')} nulls last`)
    .orderBy('user_id')
    .offset(q.offset)
    .limit(q.limit + 1);
  if (q.rule) qb = qb.where((eb) => ruleToSql(eb, q.rule!));
  return qb.execute();
}

export async function countMatching(db: AudienceDb, rule: RuleNode) {
  const row = await db.selectFrom('audience_profiles').select(sql<number>`count(*)::int`.as('n')).where((eb) => ruleToSql(eb, rule)).executeTakeFirstOrThrow();
  return row.n;
}

export async function countProfiles(db: AudienceDb) {
  return (await db.selectFrom('audience_profiles').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
}

export const memberIds = async (db: AudienceDb, rule: RuleNode) =>
  (await db.selectFrom('audience_profiles').select('user_id').where((eb) => ruleToSql(eb, rule)).orderBy('user_id').execute()).map((r) => r.user_id);

export const isMember = async (db: AudienceDb, rule: RuleNode, userId: string) =>
  !!(await db.selectFrom('audience_profiles').select('user_id').where('user_id', '=', userId).where((eb) => ruleToSql(eb, rule)).executeTakeFirst());

// ---- operator tags ----

export async function findOperatorTags(db: AudienceDb, userIds?: string[]) {
  let qb = db.selectFrom('audience_operator_tags').select(['user_id', 'tag']).orderBy('tag');
  if (userIds) {
    if (userIds.length === 0) return new Map<string, string[]>();
    qb = qb.where('user_id', 'in', userIds);
  }
  const map = new Map<string, string[]>();
  for (const r of await qb.execute()) map.set(r.user_id, [...(map.get(r.user_id) ?? []), r.tag]);
  return map;
}

export async function replaceOperatorTags(db: AudienceDb, userId: string, tags: string[], actorId: string | null, now: Date) {
  await db.deleteFrom('audience_operator_tags').where('user_id', '=', userId).execute();
  if (tags.length) await db.insertInto('audience_operator_tags').values(tags.map((tag) => ({ user_id: userId, tag, created_by: actorId, created_at: now }))).execute();
}

export const setProfileTags = (db: AudienceDb, userId: string, tags: string[]) =>
  db.updateTable('audience_profiles').set({ tags: JSON.stringify(tags) }).where('user_id', '=', userId).execute();

// ---- model fits ----

export const insertFit = (db: AudienceDb, row: { fitted_at: Date; customers: number; report: string }) => db.insertInto('audience_model_fits').values(row).returning('id').executeTakeFirstOrThrow();
export const latestFit = (db: AudienceDb) => db.selectFrom('audience_model_fits').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();

// ---- segments ----

export const insertSegment = (db: AudienceDb, row: Insertable<AudienceSegmentsTable>) => db.insertInto('audience_segments').values(row).returningAll().executeTakeFirstOrThrow();
export const findSegment = (db: AudienceDb, id: string) => db.selectFrom('audience_segments').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
export const listSegments = (db: AudienceDb) => db.selectFrom('audience_segments').selectAll().where('deleted_at', 'is', null).orderBy('created_at', 'desc').orderBy('id').execute();
export const updateSegment = (db: AudienceDb, id: string, patch: { name?: string; description?: string; rule?: string; updated_at: Date }) =>
  db.updateTable('audience_segments').set(patch).where('id', '=', id).where('deleted_at', 'is', null).returningAll().executeTakeFirst();
export const softDeleteSegment = (db: AudienceDb, id: string, now: Date) =>
  db.updateTable('audience_segments').set({ deleted_at: now, updated_at: now }).where('id', '=', id).where('deleted_at', 'is', null).returning('id').executeTakeFirst();

export const findCampaignSegment = (db: AudienceDb, campaignId: string) => db.selectFrom('audience_campaign_segments').selectAll().where('campaign_id', '=', campaignId).executeTakeFirst();
export const upsertCampaignSegment = (db: AudienceDb, row: { campaign_id: string; segment_id: string; set_by: string | null; set_at: Date }) =>
  db.insertInto('audience_campaign_segments').values(row).onConflict((oc) => oc.column('campaign_id').doUpdateSet({ segment_id: row.segment_id, set_by: row.set_by, set_at: row.set_at })).execute();
export const deleteCampaignSegment = (db: AudienceDb, campaignId: string) => db.deleteFrom('audience_campaign_segments').where('campaign_id', '=', campaignId).returning('campaign_id').executeTakeFirst();

// ---- dispatches ----

export const insertDispatch = (db: AudienceDb, row: Insertable<AudienceDispatchesTable>) => db.insertInto('audience_dispatches').values(row).returningAll().executeTakeFirstOrThrow();
export const findDispatch = (db: AudienceDb, id: string) => db.selectFrom('audience_dispatches').selectAll().where('id', '=', id).executeTakeFirst();
export const listDispatches = (db: AudienceDb, limit: number) => db.selectFrom('audience_dispatches').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
export const updateDispatch = (db: AudienceDb, id: string, patch: Partial<Pick<AudienceDispatchesTable, 'status' | 'targeted' | 'started_at' | 'finished_at' | 'last_error'>>) =>
  db.updateTable('audience_dispatches').set(patch).where('id', '=', id).execute();

/** Claims the person for this dispatch; undefined when an earlier run already decided about them. */
export const claimDelivery = (db: AudienceDb, row: Insertable<AudienceDeliveriesTable>) =>
  db.insertInto('audience_deliveries').values(row).onConflict((oc) => oc.columns(['dispatch_id', 'user_id']).doNothing()).returning('user_id').executeTakeFirst();

export const setDeliveryOutcome = (db: AudienceDb, dispatchId: string, userId: string, patch: Partial<Pick<AudienceDeliveriesTable, 'coupon_id' | 'message_id' | 'status' | 'reason'>>) =>
  db.updateTable('audience_deliveries').set(patch).where('dispatch_id', '=', dispatchId).where('user_id', '=', userId).execute();

export const markRedeemed = (db: AudienceDb, couponId: string, at: Date) =>
  db.updateTable('audience_deliveries').set({ redeemed_at: at }).where('coupon_id', '=', couponId).where('redeemed_at', 'is', null).execute();

export async function dispatchCounts(db: AudienceDb, dispatchIds: string[]) {
  const map = new Map<string, { delivered: number; skippedConsent: number; failed: number; opened: number; redeemed: number }>();
  if (dispatchIds.length === 0) return map;
  const rows = await db
    .selectFrom('audience_deliveries as d')
    .leftJoin('audience_messages as m', 'm.id', 'd.message_id')
    .select([
      'd.dispatch_id',
      sql<number>`(count(*) filter (where d.status = 'delivered'))::int`.as('delivered'),
      sql<number>`(count(*) filter (where d.status = 'skipped_consent'))::int`.as('skipped_consent'),
      sql<number>`(count(*) filter (where d.status = 'failed'))::int`.as('failed'),
      sql<number>`(count(*) filter (where m.read_at is not null))::int`.as('opened'),
      sql<number>`(count(*) filter (where d.redeemed_at is not null))::int`.as('redeemed'),
    ])
    .where('d.dispatch_id', 'in', dispatchIds)
    .groupBy('d.dispatch_id')
    .execute();
  for (const r of rows) map.set(r.dispatch_id, { delivered: r.delivered, skippedConsent: r.skipped_consent, failed: r.failed, opened: r.opened, redeemed: r.redeemed });
  return map;
}

// ---- messages ----

export const insertMessage = (db: AudienceDb, row: Insertable<AudienceMessagesTable>) => db.insertInto('audience_messages').values(row).execute();
export const listMessages = (db: AudienceDb, userId: string, limit: number) =>
  db.selectFrom('audience_messages').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
export const countUnread = async (db: AudienceDb, userId: string) =>
  (await db.selectFrom('audience_messages').select(sql<number>`count(*)::int`.as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirstOrThrow()).n;
export const markRead = (db: AudienceDb, userId: string, id: string, now: Date) =>
  db.updateTable('audience_messages').set({ read_at: sql`coalesce(read_at, ${now})` }).where('id', '=', id).where('user_id', '=', userId).returningAll().executeTakeFirst();
