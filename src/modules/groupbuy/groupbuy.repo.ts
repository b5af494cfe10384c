// All of the group-buy module's SQL. Scarce things (team seats, campaign stock, a user's slots)
// only move by conditional UPDATE ... WHERE ... RETURNING or an upsert guarded by its limit; the
// callers decide what a missing row means. No business decisions here.
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { TeamStatus } from './groupbuy.rules.ts';
import type { GroupbuyCampaignsTable, GroupbuyMembersTable, GroupbuyTeamsTable, GroupbuyDb } from './groupbuy.table.ts';

export type CampaignRow = Selectable<GroupbuyCampaignsTable>;
export type TeamRow = Selectable<GroupbuyTeamsTable>;
export type MemberRow = Selectable<GroupbuyMembersTable>;

// ---- campaigns

export const findCampaign = (ex: GroupbuyDb, id: string) => ex.selectFrom('groupbuy_campaigns').selectAll().where('id', '=', id).executeTakeFirst();

export const lockCampaign = (trx: GroupbuyDb, id: string) => trx.selectFrom('groupbuy_campaigns').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const insertCampaign = (trx: GroupbuyDb, row: Insertable<GroupbuyCampaignsTable>) => trx.insertInto('groupbuy_campaigns').values(row).returningAll().executeTakeFirstOrThrow();

export const updateCampaign = (trx: GroupbuyDb, id: string, patch: Updateable<GroupbuyCampaignsTable>) =>
  trx.updateTable('groupbuy_campaigns').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

/** The operator's list: newest first, bounded. */
export const findCampaigns = (ex: GroupbuyDb) => ex.selectFrom('groupbuy_campaigns').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(200).execute();

/** Active campaigns, newest first; whether each is inside its dates is the caller's rule. */
export const findActiveCampaigns = (ex: GroupbuyDb) => ex.selectFrom('groupbuy_campaigns').selectAll().where('status', 'in', ['active', 'scheduled']).orderBy('created_at', 'desc').limit(100).execute();

/** Take one unit of the campaign's stock; undefined when none is left. */
export const takeCampaignStock = (trx: GroupbuyDb, campaignId: string) =>
  trx
    .updateTable('groupbuy_campaigns')
    .set((eb) => ({ stock_left: eb('stock_left', '-', 1) }))
    .where('id', '=', campaignId)
    .where('stock_left', '>=', 1)
    .returning('stock_left')
    .executeTakeFirst();

export const returnCampaignStock = (trx: GroupbuyDb, campaignId: string) =>
  trx.updateTable('groupbuy_campaigns').set((eb) => ({ stock_left: eb('stock_left', '+', 1) })).where('id', '=', campaignId).execute();

/** Teams of a campaign counted by status. */
export async function countTeamsByStatus(ex: GroupbuyDb, campaignId: string) {
  const rows = await ex.selectFrom('groupbuy_teams').select(['status', sql<number>`count(*)::int`.as('n')]).where('campaign_id', '=', campaignId).groupBy('status').execute();
  return new Map<TeamStatus, number>(rows.map((r) => [r.status, Number(r.n)]));
}

/** Paid real members, virtual members, refunded members and the GMV of paid real seats. */
export async function countCampaignMembers(ex: GroupbuyDb, campaignId: string) {
  const m = await ex
    .selectFrom('groupbuy_members')
    .select([
      sql<number>`count(*) filter (where status = 'paid' and role <> 'virtual')::int`.as('members'),
      sql<number>`count(*) filter (where role = 'virtual')::int`.as('virtual'),
      sql<number>`count(*) filter (where status in ('refunding', 'refunded'))::int`.as('refunded'),
      sql<string>`coalesce(sum(paid_amount) filter (where status = 'paid' and role <> 'virtual'), 0)::bigint`.as('gmv'),
    ])
    .where('campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
  return { members: Number(m.members), virtual: Number(m.virtual), refunded: Number(m.refunded), gmv: Number(m.gmv) };
}

// ---- a user's slots in a campaign (the per-user limit)

/** One more slot for the user, never past `limit`; undefined when the limit is already reached. */
export const takeUserSlot = (trx: GroupbuyDb, campaignId: string, userId: string, limit: number) =>
  trx
    .insertInto('groupbuy_participants')
    .values({ campaign_id: campaignId, user_id: userId, seats: 1 })
    .onConflict((oc) => oc.columns(['campaign_id', 'user_id']).doUpdateSet({ seats: sql`groupbuy_participants.seats + 1` }).where('groupbuy_participants.seats', '<', limit))
    .returning('seats')
    .executeTakeFirst();

export const returnUserSlot = (trx: GroupbuyDb, campaignId: string, userId: string) =>
  trx
    .updateTable('groupbuy_participants')
    .set((eb) => ({ seats: eb('seats', '-', 1) }))
    .where('campaign_id', '=', campaignId)
    .where('user_id', '=', userId)
    .where('seats', '>', 0)
    .execute();

// ---- teams

export const findTeam = (ex: GroupbuyDb, id: string) => ex.selectFrom('groupbuy_teams').selectAll().where('id', '=', id).executeTakeFirst();

export const lockTeam = (trx: GroupbuyDb, id: string) => trx.selectFrom('groupbuy_teams').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const insertTeam = (trx: GroupbuyDb, row: Insertable<GroupbuyTeamsTable>) => trx.insertInto('groupbuy_teams').values(row).execute();

/** Conditional on the status we read, so a concurrent change makes this a no-op (returns undefined). */
export const updateTeamStatus = (trx: GroupbuyDb, id: string, from: TeamStatus, patch: Updateable<GroupbuyTeamsTable>) =>
  trx.updateTable('groupbuy_teams').set(patch).where('id', '=', id).where('status', '=', from).returningAll().executeTakeFirst();

/** The leader's forming or open team in a campaign, if any. */
export const findLiveTeamOf = (ex: GroupbuyDb, campaignId: string, leaderId: string) =>
  ex.selectFrom('groupbuy_teams').select('id').where('campaign_id', '=', campaignId).where('leader_id', '=', leaderId).where('status', 'in', ['forming', 'open']).executeTakeFirst();

/**
 * The shopper list's social proof of many campaigns in one grouped query: open teams that can
 * still be joined, paid real members in open teams (N 人在拼) and units sold in completed teams
 * (已拼 X 件, one unit per paid real seat). Virtual members never count.
 */
export async function campaignFacts(ex: GroupbuyDb, campaignIds: string[], now: Date) {
  if (campaignIds.length === 0) return new Map<string, { openTeams: number; joined: number; sold: number }>();
  const rows = await ex
    .selectFrom('groupbuy_teams as t')
    .leftJoin('groupbuy_members as m', (j) => j.onRef('m.team_id', '=', 't.id').on('m.status', '=', 'paid').on('m.role', '<>', 'virtual'))
    .select([
      't.campaign_id',
      sql<number>`count(distinct t.id) filter (where t.status = 'open' and t.expires_at > ${now} and t.seats_taken < t.size)::int`.as('open_teams'),
      sql<number>`count(m.id) filter (where t.status = 'open' and t.expires_at > ${now})::int`.as('joined'),
      sql<number>`count(m.id) filter (where t.status = 'completed')::int`.as('sold'),
    ])
    .where('t.campaign_id', 'in', campaignIds)
    .where('t.status', 'in', ['open', 'completed'])
    .groupBy('t.campaign_id')
    .execute();
  return new Map(rows.map((r) => [r.campaign_id, { openTeams: Number(r.open_teams), joined: Number(r.joined), sold: Number(r.sold) }]));
}

/** Open teams of a campaign that still have time and a free seat, closest deadline first. */
export const findJoinableTeams = (ex: GroupbuyDb, campaignId: string, now: Date, limit = 20) =>
  ex
    .selectFrom('groupbuy_teams')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('status', '=', 'open')
    .where('expires_at', '>', now)
    .where(sql<boolean>`seats_taken < size`)
    .orderBy('expires_at')
    .orderBy('id')
    .limit(limit)
    .execute();

/** Take a seat in an open team before its deadline; undefined when the team is full, closed or out of time. */
export const takeTeamSeat = (trx: GroupbuyDb, teamId: string, at: Date) =>
  trx
    .updateTable('groupbuy_teams')
    .set((eb) => ({ seats_taken: eb('seats_taken', '+', 1), updated_at: at }))
    .where('id', '=', teamId)
    .where('status', '=', 'open')
    .where('expires_at', '>', at)
    .where(sql<boolean>`seats_taken < size`)
    .returningAll()
    .executeTakeFirst();

export const returnTeamSeat = (trx: GroupbuyDb, teamId: string, now: Date) =>
  trx.updateTable('groupbuy_teams').set((eb) => ({ seats_taken: eb('seats_taken', '-', 1), updated_at: now })).where('id', '=', teamId).execute();

/** Count one more paid member, never past the team's size. */
export const addPaidMember = (trx: GroupbuyDb, teamId: string, now: Date) =>
  trx
    .updateTable('groupbuy_teams')
    .set((eb) => ({ paid_count: eb('paid_count', '+', 1), updated_at: now }))
    .where('id', '=', teamId)
    .where(sql<boolean>`paid_count < size`)
    .returningAll()
    .executeTakeFirstOrThrow();

/** A paid seat frees up: one seat and one paid member fewer. */
export const returnPaidSeat = (trx: GroupbuyDb, teamId: string, now: Date) =>
  trx
    .updateTable('groupbuy_teams')
    .set((eb) => ({ seats_taken: eb('seats_taken', '-', 1), paid_count: eb('paid_count', '-', 1), updated_at: now }))
    .where('id', '=', teamId)
    .execute();

// ---- members

export const insertMember = (trx: GroupbuyDb, row: Insertable<GroupbuyMembersTable>) => trx.insertInto('groupbuy_members').values(row).execute();

export const lockMember = (trx: GroupbuyDb, id: string) => trx.selectFrom('groupbuy_members').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();

export const updateMember = (trx: GroupbuyDb, id: string, patch: Updateable<GroupbuyMembersTable>) => trx.updateTable('groupbuy_members').set(patch).where('id', '=', id).execute();

export const findMemberByOrder = (ex: GroupbuyDb, orderId: string) => ex.selectFrom('groupbuy_members').selectAll().where('order_id', '=', orderId).executeTakeFirst();

/** The user's reserved or paid seat in a team, if any. */
export const findSeatOf = (ex: GroupbuyDb, teamId: string, userId: string) =>
  ex.selectFrom('groupbuy_members').select('id').where('team_id', '=', teamId).where('user_id', '=', userId).where('status', 'in', ['reserved', 'paid']).executeTakeFirst();

/** Reserved and paid members of a team in joining order (the team page). */
export const findSeatedMembers = (ex: GroupbuyDb, teamId: string) =>
  ex.selectFrom('groupbuy_members').selectAll().where('team_id', '=', teamId).where('status', 'in', ['reserved', 'paid']).orderBy('joined_at').orderBy('id').execute();

/** Reserved and paid members of a team, locked (the team is being settled). */
export const lockSeatedMembers = (trx: GroupbuyDb, teamId: string) =>
  trx.selectFrom('groupbuy_members').selectAll().where('team_id', '=', teamId).where('status', 'in', ['reserved', 'paid']).forUpdate().execute();

/** Paid real (not virtual) members of a team in joining order. */
export const findPaidRealMembers = (ex: GroupbuyDb, teamId: string) =>
  ex.selectFrom('groupbuy_members').selectAll().where('team_id', '=', teamId).where('status', '=', 'paid').where('role', '<>', 'virtual').orderBy('joined_at').execute();

/** The teams a user leads or joined with their campaign and the user's own seat, newest first. */
export const findTeamsOfUser = (ex: GroupbuyDb, userId: string) =>
  ex
    .selectFrom('groupbuy_members as m')
    .innerJoin('groupbuy_teams as t', 't.id', 'm.team_id')
    .innerJoin('groupbuy_campaigns as c', 'c.id', 't.campaign_id')
    .select(['t.id as team_id', 't.status as team_status', 't.size', 't.seats_taken', 't.paid_count', 't.expires_at', 'c.id as campaign_id', 'c.name', 'c.name_en', 'c.group_price_amount', 'c.currency', 'm.role', 'm.status as seat_status', 'm.order_id', 'm.joined_at'])
    .where('m.user_id', '=', userId)
    .orderBy('m.joined_at', 'desc')
    .limit(100)
    .execute();

// ---- The console's team list (groupbuy.admin-teams.ts) ----

/** One page of a campaign's teams, newest first, optionally of one status. */
export const findTeamsPage = (ex: GroupbuyDb, campaignId: string, q: { status?: TeamStatus; offset: number; limit: number }) =>
  ex
    .selectFrom('groupbuy_teams')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .$if(!!q.status, (b) => b.where('status', '=', q.status!))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .offset(q.offset)
    .limit(q.limit)
    .execute();

export const countTeams = async (ex: GroupbuyDb, campaignId: string, status?: TeamStatus) =>
  Number((await ex.selectFrom('groupbuy_teams').select((eb) => eb.fn.countAll<number>().as('n')).where('campaign_id', '=', campaignId).$if(!!status, (b) => b.where('status', '=', status!)).executeTakeFirstOrThrow()).n);

/** Every seat of some teams that was not given up (reserved, paid, refunding, refunded): the leader first, then in joining order. */
export const findMembersOfTeams = (ex: GroupbuyDb, teamIds: string[]) =>
  teamIds.length === 0
    ? Promise.resolve([])
    : ex.selectFrom('groupbuy_members').selectAll().where('team_id', 'in', teamIds).where('status', '<>', 'released').orderBy(sql`case when role = 'leader' then 0 else 1 end`).orderBy('joined_at').orderBy('id').execute();
