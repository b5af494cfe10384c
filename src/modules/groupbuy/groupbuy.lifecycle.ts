// A team's life after its seats are taken, driven by order events and the expiry job: the leader's
// payment opens the team, joiners' payments fill it, a payment for a seat that is no longer valid
// is refunded at once, and a team that expires unfilled fails with every paid member refunded
// exactly once (idempotency keys on the refunds). Lock order everywhere: team row, then members.
import { recordAudit } from '../../platform/audit.ts';
import { addMs } from '../../platform/clock.ts';
import { conflict, DomainError } from '../../platform/errors.ts';
import { publishEvent, type OutboxEvent } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import { teamView, type GroupbuyDeps } from './groupbuy.common.ts';
import * as repo from './groupbuy.repo.ts';
import { decideExpiry, decidePaidSeat, teamTransition, type TeamAction } from './groupbuy.rules.ts';
import { groupbuyTables, type GroupbuyDb, type GroupbuyPlatform } from './groupbuy.table.ts';
import type { AnyExecutor } from '../../platform/tables.ts';

export const EXPIRE_TEAM_JOB = 'groupbuy.expire-team';

type TeamRow = repo.TeamRow;
type MemberRow = repo.MemberRow;

/** Give back what a seat held: the campaign unit and the user's slot (the team seat is the caller's). */
async function returnSeatHoldings(trx: GroupbuyDb, m: MemberRow) {
  await repo.returnCampaignStock(trx, m.campaign_id);
  if (m.user_id) await repo.returnUserSlot(trx, m.campaign_id, m.user_id);
}

export function createGroupbuyLifecycle(p: GroupbuyPlatform, deps: Pick<GroupbuyDeps, 'orders' | 'payments'>) {
  const { db, clock } = p;
  const { orders, payments } = deps;

  async function moveTeam(trx: GroupbuyDb, team: TeamRow, action: TeamAction, patch: Partial<Omit<TeamRow, 'id'>>) {
    const t = teamTransition(team.status, action);
    if (!t.ok) throw conflict('GROUPBUY_INVALID_TRANSITION', `A ${team.status} team cannot be ${action}`, { teamId: team.id });
    const updated = await repo.updateTeamStatus(trx, team.id, team.status, { ...patch, status: t.to, updated_at: clock.now() });
    if (!updated) throw conflict('GROUPBUY_TEAM_CHANGED', 'The team changed at the same time; try again', { teamId: team.id });
    return updated;
  }

  /** The member's team and the member, locked in the one order used everywhere; undefined for an order that took no seat. */
  async function lockSeatOfOrder(trx: GroupbuyDb, orderId: string) {
    const found = await repo.findMemberByOrder(trx, orderId);
    if (!found) return undefined;
    // The member's team exists (foreign key), so the lock finds it.
    const team = (await repo.lockTeam(trx, found.team_id))!;
    const m = await repo.lockMember(trx, found.id);
    return { team, m };
  }

  async function refundMember(trx: GroupbuyDb, team: TeamRow, m: MemberRow, reason: string) {
    if (m.status === 'reserved') {
      // The seat was still held: give it back along with the unit.
      await repo.returnTeamSeat(trx, team.id, clock.now());
      await returnSeatHoldings(trx, m);
    } else if (m.status === 'paid') {
      await returnSeatHoldings(trx, m);
    }
    await repo.updateMember(trx, m.id, { status: 'refunding', left_at: clock.now() });
    await payments.requestRefund({ orderId: m.order_id!, request: { full: true }, reason, requestedBy: null, idempotencyKey: `team-failed:${team.id}:${m.order_id}` }, trx);
  }

  async function completeTeam(trx: GroupbuyDb, team: TeamRow, virtualMembers: number) {
    const now = clock.now();
    const done = await moveTeam(trx, team, 'filled', { completed_at: now, virtual_count: virtualMembers });
    const paid = await repo.findPaidRealMembers(trx, team.id);
    for (const m of paid) await orders.releaseHold(trx, m.order_id!, 'team completed');
    await publishEvent(trx, now, 'team.completed', team.id, { teamId: team.id, campaignId: team.campaign_id, size: team.size, orderIds: paid.map((m) => m.order_id), virtualMembers });
    return done;
  }

  /** Consumer of order.paid: the leader's payment opens the team; a joiner's fills a seat. */
  async function onOrderPaid(handle: AnyExecutor, event: OutboxEvent<{ orderId: string; kind?: string; totalAmount: number }>) {
    const trx = groupbuyTables.of(handle);
    if (event.payload.kind !== 'groupbuy') return;
    const seat = await lockSeatOfOrder(trx, event.payload.orderId);
    if (!seat) return;
    const { team, m } = seat;
    const c = (await repo.findCampaign(trx, team.campaign_id))!;
    const paidAt = event.occurredAt;
    const decision = decidePaidSeat(teamView(team), m, paidAt);
    const now = clock.now();
    if (decision.kind === 'refund') {
      await refundMember(trx, team, m, `group buy seat no longer valid: ${decision.why}`);
      await publishEvent(trx, now, 'team.payment_refunded', team.id, { teamId: team.id, orderId: m.order_id, why: decision.why });
      return;
    }
    await repo.updateMember(trx, m.id, { status: 'paid', paid_at: paidAt, paid_amount: event.payload.totalAmount });
    if (decision.kind === 'open_team') {
      // The deadline starts at the leader's payment; joiners inherit it.
      const expiresAt = addMs(paidAt, c.expiry_hours * 3_600_000);
      await moveTeam(trx, team, 'leader_paid', { opened_at: paidAt, expires_at: expiresAt, paid_count: 1 });
      await scheduleJob(trx, { kind: EXPIRE_TEAM_JOB, payload: { teamId: team.id }, runAt: expiresAt, dedupeKey: `groupbuy-expire:${team.id}`, now });
      await publishEvent(trx, now, 'team.opened', team.id, { teamId: team.id, campaignId: c.id, leaderId: team.leader_id, expiresAt: expiresAt.toISOString(), size: team.size });
      return;
    }
    const updated = await repo.addPaidMember(trx, team.id, now);
    // A member found by its order is a real shopper (only virtual members have neither user nor order).
    await publishEvent(trx, now, 'team.member_paid', team.id, { teamId: team.id, campaignId: c.id, userId: m.user_id!, orderId: event.payload.orderId, paidCount: updated.paid_count, size: updated.size });
    if (updated.paid_count === updated.size) await completeTeam(trx, updated, 0);
  }

  /** Consumer of order.cancelled: an unpaid seat gives back its seat, its unit and the user's slot. */
  async function onOrderCancelled(handle: AnyExecutor, event: OutboxEvent<{ orderId: string; kind?: string }>) {
    const trx = groupbuyTables.of(handle);
    if (event.payload.kind !== 'groupbuy') return;
    const seat = await lockSeatOfOrder(trx, event.payload.orderId);
    if (!seat) return;
    const { team, m } = seat;
    if (m.status !== 'reserved') return;
    const now = clock.now();
    await repo.updateMember(trx, m.id, { status: 'released', left_at: now });
    await repo.returnTeamSeat(trx, team.id, now);
    await returnSeatHoldings(trx, m);
    if (m.role === 'leader' && team.status === 'forming') await moveTeam(trx, { ...team, seats_taken: team.seats_taken - 1 }, 'leader_left', {});
    await publishEvent(trx, now, 'team.seat_released', team.id, { teamId: team.id, orderId: m.order_id, role: m.role });
  }

  /** Consumer of order.refunded: a refunded member leaves the team (a paid seat in an open team frees up). */
  async function onOrderRefunded(handle: AnyExecutor, event: OutboxEvent<{ orderId: string; kind?: string; full: boolean }>) {
    const trx = groupbuyTables.of(handle);
    if (event.payload.kind !== 'groupbuy' || !event.payload.full) return;
    const seat = await lockSeatOfOrder(trx, event.payload.orderId);
    if (!seat) return;
    const { team, m } = seat;
    const now = clock.now();
    if (m.status === 'paid') {
      // Refunded outside the team's lifecycle (after-sales): the seat frees up while the team is open.
      if (team.status === 'open') await repo.returnPaidSeat(trx, team.id, now);
      await returnSeatHoldings(trx, m);
    }
    if (m.status === 'paid' || m.status === 'refunding') {
      await repo.updateMember(trx, m.id, { status: 'refunded', left_at: m.left_at ?? now });
    }
  }

  /** Job at a team's deadline: complete with virtual members (only if enabled) or fail and refund every paid member once. */
  async function expireTeam(teamId: string) {
    const unpaidOrders = await db.transaction().execute(async (trx) => {
      const team = await repo.lockTeam(trx, teamId);
      if (!team) return [];
      const c = (await repo.findCampaign(trx, team.campaign_id))!;
      const now = clock.now();
      const decision = decideExpiry({ status: team.status, size: team.size, paidCount: team.paid_count, expiresAt: team.expires_at }, { enabled: c.auto_fill_enabled, minRealMembers: c.auto_fill_min_real }, now);
      if (decision.kind === 'wait') return [];
      const members = await repo.lockSeatedMembers(trx, teamId);
      const reserved = members.filter((m) => m.status === 'reserved');
      if (decision.kind === 'complete') {
        for (let i = 0; i < decision.virtualMembers; i++) {
          await repo.insertMember(trx, { id: newId(), team_id: teamId, campaign_id: c.id, user_id: null, order_id: null, role: 'virtual', status: 'paid', paid_amount: 0, joined_at: now, paid_at: now, left_at: null });
        }
        if (decision.virtualMembers > 0) {
          // Virtual members are disclosed on the team page and audited: undisclosed fake teams are deception.
          await recordAudit(trx, now, { actorId: null, action: 'groupbuy.team_auto_filled', subjectType: 'groupbuy_team', subjectId: teamId, details: { campaignId: c.id, realPaidMembers: team.paid_count, virtualMembers: decision.virtualMembers, size: team.size } });
        }
        await completeTeam(trx, team, decision.virtualMembers);
      } else {
        await moveTeam(trx, team, 'expired', { failed_at: now });
        const paid = members.filter((m) => m.status === 'paid');
        for (const m of paid) await refundMember(trx, team, m, 'group buy team failed');
        await publishEvent(trx, now, 'team.failed', teamId, { teamId, campaignId: c.id, size: team.size, paidMembers: paid.length, refundedOrderIds: paid.map((m) => m.order_id) });
      }
      return reserved.map((m) => m.order_id!);
    });
    // Seats still waiting for payment can no longer be used: cancel those orders (their seats come back via order.cancelled).
    for (const orderId of unpaidOrders) {
      await orders.cancel(orderId, { reason: 'group buy team closed' }).catch((err) => {
        if (!(err instanceof DomainError)) throw err;
      });
    }
  }

  return { onOrderPaid, onOrderCancelled, onOrderRefunded, expireTeam };
}
