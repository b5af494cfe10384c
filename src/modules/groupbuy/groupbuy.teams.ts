// Taking seats: opening a team (the leader's order) and joining one. Each seat is taken inside the
// order's placement transaction by conditional updates (team seat, campaign unit, the user's slot),
// so a full team, an empty campaign or a used-up limit refuses before anyone is charged.
import { conflict, isUniqueViolation, unprocessable } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { campaignNotFound, findCampaignById, findTeamById, refusal, teamNotFound, teamView, type GroupbuyDeps } from './groupbuy.common.ts';
import * as repo from './groupbuy.repo.ts';
import { campaignLive, joinRefusal, seatPrice } from './groupbuy.rules.ts';
import type { GroupbuyViews } from './groupbuy.views.ts';
import { groupbuyTables, type GroupbuyDb, type GroupbuyPlatform } from './groupbuy.table.ts';

const notLive = (campaignId: string) => unprocessable('GROUPBUY_CAMPAIGN_NOT_LIVE', 'This group buy is not running now', { campaignId });

function mapPlacementError(err: unknown): never {
  if (isUniqueViolation(err, 'groupbuy_teams_one_open')) throw conflict('GROUPBUY_TEAM_ALREADY_OPEN', 'You already have an open team in this group buy', {});
  if (isUniqueViolation(err, 'groupbuy_members_one_seat')) throw conflict('GROUPBUY_ALREADY_MEMBER', 'You are already in this team', {});
  if (isUniqueViolation(err, 'groupbuy_participants_pk')) throw conflict('GROUPBUY_BUSY', 'Another request of yours is taking a seat; try again', {});
  throw err;
}

async function takeUserSlot(trx: GroupbuyDb, c: repo.CampaignRow, userId: string) {
  const row = await repo.takeUserSlot(trx, c.id, userId, c.per_user_limit);
  if (!row || row.seats > c.per_user_limit) {
    throw unprocessable('GROUPBUY_LIMIT_REACHED', `You can take part in this group buy at most ${c.per_user_limit} time(s)`, { perUserLimit: c.per_user_limit });
  }
}

async function takeStock(trx: GroupbuyDb, campaignId: string) {
  if (!(await repo.takeCampaignStock(trx, campaignId))) throw conflict('GROUPBUY_SOLD_OUT', 'This group buy is sold out', { campaignId });
}

export function createGroupbuyTeams(p: GroupbuyPlatform, deps: Pick<GroupbuyDeps, 'orders' | 'placeOrder' | 'campaigns' | 'screenJoin'>, views: Pick<GroupbuyViews, 'getTeamPage'>) {
  const { db, clock } = p;
  const { orders, placeOrder, campaigns } = deps;
  const { getTeamPage } = views;

  async function assertNewCustomer(executor: GroupbuyDb, c: repo.CampaignRow, userId: string) {
    if (c.new_customers_only && (await orders.hasPaidOrder(executor, userId))) {
      throw unprocessable('GROUPBUY_NEW_CUSTOMERS_ONLY', 'This team is for new customers: only shoppers without an earlier paid order may join', { campaignId: c.id });
    }
  }

  /** A retried request (same Idempotency-Key): answer with what the first one made, if it was the same request. */
  async function replayed(userId: string, orderId: string, expect: { teamId?: string; campaignId?: string }) {
    const m = await repo.findMemberByOrder(db, orderId);
    if (!m || (expect.teamId && m.team_id !== expect.teamId) || (expect.campaignId && m.campaign_id !== expect.campaignId)) {
      throw unprocessable('GROUPBUY_IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request', {});
    }
    return { created: false, team: await getTeamPage(m.team_id, userId), order: await orders.getOwnOrder(userId, orderId) };
  }

  /** Open a team: the leader's order at the leader price; the team forms now and opens when the leader pays. */
  async function openTeam(userId: string, campaignId: string, input: { addressId: string }, idempotencyKey: string | null) {
    if (idempotencyKey) {
      const prior = await orders.findByIdempotencyKey(db, userId, idempotencyKey);
      if (prior) return replayed(userId, prior.id, { campaignId });
    }
    const c = await findCampaignById(db, campaignId);
    if (!c || c.status === 'draft') throw campaignNotFound(campaignId);
    const now = clock.now();
    if (!campaignLive({ status: c.status, startsAt: c.starts_at, endsAt: c.ends_at }, now)) throw notLive(campaignId);
    await campaigns.mayTakePart(db, c.id, userId);
    const existing = await repo.findLiveTeamOf(db, campaignId, userId);
    if (existing) throw conflict('GROUPBUY_TEAM_ALREADY_OPEN', 'You already have an open team in this group buy', { teamId: existing.id });
    // The leader's A/B variant may set the team's size; the team stores it, and joiners take its seats.
    const { rules } = await campaigns.rulesFor(c.id, userId, { teamSize: c.team_size });
    const teamId = newId();
    let result;
    try {
      result = await placeOrder(userId, { items: [{ skuId: c.sku_id, quantity: 1 }], addressId: input.addressId }, idempotencyKey, {
        kind: 'groupbuy',
        unitAmount: seatPrice(c.group_price_amount, c.leader_discount_amount, 'leader'),
        label: c.leader_discount_amount > 0 ? '拼团价（团长优惠）' : '拼团价',
        code: 'GROUPBUY',
        ref: `groupbuy:${c.id}`,
        campaignId: c.id,
        fulfilmentHold: 'team',
        reserveInventory: false,
        payWithinMinutes: c.seat_timeout_minutes,
        async commit(handle, orderId) {
          const trx = groupbuyTables.of(handle);
          const at = clock.now();
          // Re-read inside the transaction: the campaign may have been stopped since the check above.
          const fresh = (await repo.findCampaign(trx, c.id))!;
          if (!campaignLive({ status: fresh.status, startsAt: fresh.starts_at, endsAt: fresh.ends_at }, at)) throw notLive(campaignId);
          await takeUserSlot(trx, fresh, userId);
          await takeStock(trx, c.id);
          await repo.insertTeam(trx, { id: teamId, campaign_id: c.id, leader_id: userId, status: 'forming', size: rules.teamSize, seats_taken: 1, paid_count: 0, virtual_count: 0, expires_at: null, created_at: at, opened_at: null, completed_at: null, failed_at: null, updated_at: at });
          await repo.insertMember(trx, { id: newId(), team_id: teamId, campaign_id: c.id, user_id: userId, order_id: orderId, role: 'leader', status: 'reserved', paid_amount: 0, joined_at: at, paid_at: null, left_at: null });
          await publishEvent(trx, at, 'team.created', teamId, { teamId, campaignId: c.id, leaderId: userId, orderId, size: rules.teamSize });
        },
      });
    } catch (err) {
      mapPlacementError(err);
    }
    if (!result.created) return replayed(userId, result.order.id, { campaignId });
    return { created: true, team: await getTeamPage(teamId, userId), order: result.order };
  }

  /** Join a team: a seat is taken by conditional update inside the order's transaction, so a full team refuses before charging. */
  async function joinTeam(userId: string, teamId: string, input: { addressId: string }, idempotencyKey: string | null) {
    if (idempotencyKey) {
      const prior = await orders.findByIdempotencyKey(db, userId, idempotencyKey);
      if (prior) return replayed(userId, prior.id, { teamId });
    }
    const team = await findTeamById(db, teamId);
    if (!team) throw teamNotFound(teamId);
    const now = clock.now();
    const refused = joinRefusal(teamView(team), userId, now);
    if (refused) throw refusal(refused, teamId);
    const c = (await repo.findCampaign(db, team.campaign_id))!;
    await deps.screenJoin?.(userId, { campaignId: team.campaign_id, leaderId: team.leader_id, newCustomersOnly: c.new_customers_only });
    await assertNewCustomer(db, c, userId);
    await campaigns.mayTakePart(db, c.id, userId);
    if (await repo.findSeatOf(db, teamId, userId)) throw conflict('GROUPBUY_ALREADY_MEMBER', 'You are already in this team', { teamId });
    let result;
    try {
      result = await placeOrder(userId, { items: [{ skuId: c.sku_id, quantity: 1 }], addressId: input.addressId }, idempotencyKey, {
        kind: 'groupbuy',
        unitAmount: seatPrice(c.group_price_amount, c.leader_discount_amount, 'member'),
        label: '拼团价',
        code: 'GROUPBUY',
        ref: `groupbuy:${c.id}`,
        campaignId: c.id,
        fulfilmentHold: 'team',
        reserveInventory: false,
        payWithinMinutes: c.seat_timeout_minutes,
        async commit(handle, orderId) {
          const trx = groupbuyTables.of(handle);
          const at = clock.now();
          const seat = await repo.takeTeamSeat(trx, teamId, at);
          if (!seat) {
            // Say why in the same words as the check before placing: the team changed meanwhile.
            const current = (await repo.findTeam(trx, teamId))!;
            throw refusal(joinRefusal(teamView(current), userId, at) ?? 'GROUPBUY_TEAM_FULL', teamId);
          }
          await assertNewCustomer(trx, c, userId);
          await takeUserSlot(trx, c, userId);
          await takeStock(trx, c.id);
          await repo.insertMember(trx, { id: newId(), team_id: teamId, campaign_id: c.id, user_id: userId, order_id: orderId, role: 'member', status: 'reserved', paid_amount: 0, joined_at: at, paid_at: null, left_at: null });
          await publishEvent(trx, at, 'team.seat_taken', teamId, { teamId, campaignId: c.id, userId, orderId, seatsTaken: seat.seats_taken, size: seat.size });
        },
      });
    } catch (err) {
      mapPlacementError(err);
    }
    if (!result.created) return replayed(userId, result.order.id, { teamId });
    return { created: true, team: await getTeamPage(teamId, userId), order: result.order };
  }

  return { openTeam, joinTeam };
}
