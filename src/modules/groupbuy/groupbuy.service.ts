// Group buying (拼团): campaigns, teams with a fixed number of seats, and the lifecycle driven by
// order events and an expiry job. A seat is taken inside the order's placement transaction by a
// conditional update, so a full team refuses before anyone is charged; a payment that lands for a
// seat that is no longer valid is refunded at once; a team that expires unfilled fails and every
// paid member is refunded exactly once (idempotency keys on the refunds).
import { sql, type Selectable } from 'kysely';
import type { Platform } from '../../platform/context.ts';
import { addMs } from '../../platform/clock.ts';
import { conflict, DomainError, invalid, isUniqueViolation, notFound, unprocessable } from '../../platform/errors.ts';
import { publishEvent, type Executor, type OutboxEvent } from '../../platform/events.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { IdentityService } from '../identity/index.ts';
import type { OrdersService } from '../orders/orders.service.ts';
import type { PaymentsService } from '../payments/payments.service.ts';
import type { PlaceOrder } from '../../workflows/place-order.ts';
import {
  campaignLive,
  campaignProblem,
  decideExpiry,
  decidePaidSeat,
  DEFAULTS,
  initialOf,
  joinRefusal,
  seatPrice,
  seatsLeft,
  teamTransition,
  virtualNotice,
  type JoinRefusal,
  type TeamAction,
} from './groupbuy.rules.ts';
import type { GroupbuyCampaignsTable, GroupbuyMembersTable, GroupbuyTeamsTable } from './groupbuy.table.ts';

export const EXPIRE_TEAM_JOB = 'groupbuy.expire-team';

type Campaign = Selectable<GroupbuyCampaignsTable>;
type Team = Selectable<GroupbuyTeamsTable>;
type Member = Selectable<GroupbuyMembersTable>;

export interface CampaignInput {
  name: string;
  description?: string;
  skuId: string;
  groupPrice: number;
  teamSize: number;
  expiryHours?: number;
  perUserLimit?: number;
  newCustomersOnly?: boolean;
  leaderDiscount?: number;
  stock: number;
  seatTimeoutMinutes?: number;
  startsAt?: string | null;
  endsAt?: string | null;
  autoFill?: { enabled: boolean; minRealMembers?: number };
}

const money = (amount: number, currency: string) => ({ amount, currency });

const MESSAGES: Record<JoinRefusal, [ 'conflict' | 'gone' | 'unprocessable', string ]> = {
  GROUPBUY_OWN_TEAM: ['unprocessable', 'This is your own team; share it with friends instead'],
  GROUPBUY_TEAM_EXPIRED: ['gone', 'This team has run out of time'],
  GROUPBUY_TEAM_FULL: ['conflict', 'This team is full'],
  GROUPBUY_TEAM_NOT_OPEN: ['unprocessable', 'This team is not open for joining'],
};
const refusal = (code: JoinRefusal, teamId: string) => new DomainError(MESSAGES[code][0], code, MESSAGES[code][1], { teamId });

export function presentCampaign(c: Campaign) {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    skuId: c.sku_id,
    productId: c.product_id,
    groupPrice: money(c.group_price_amount, c.currency),
    leaderDiscount: money(c.leader_discount_amount, c.currency),
    leaderPrice: money(seatPrice(c.group_price_amount, c.leader_discount_amount, 'leader'), c.currency),
    teamSize: c.team_size,
    expiryHours: c.expiry_hours,
    perUserLimit: c.per_user_limit,
    newCustomersOnly: c.new_customers_only,
    stock: c.stock_total,
    stockLeft: c.stock_left,
    seatTimeoutMinutes: c.seat_timeout_minutes,
    autoFill: { enabled: c.auto_fill_enabled, minRealMembers: c.auto_fill_min_real },
    status: c.status,
    startsAt: c.starts_at?.toISOString() ?? null,
    endsAt: c.ends_at?.toISOString() ?? null,
    createdAt: c.created_at.toISOString(),
  };
}

export function createGroupbuyService(
  p: Platform,
  deps: { catalog: CatalogService; identity: IdentityService; orders: OrdersService; payments: PaymentsService; placeOrder: PlaceOrder },
) {
  const { db, clock } = p;
  const { catalog, identity, orders, payments, placeOrder } = deps;

  const audit = (trx: Executor, actorId: string | null, action: string, subjectType: string, subjectId: string, details: Record<string, unknown>) =>
    trx.insertInto('audit_log').values({ actor_id: actorId, action, subject_type: subjectType, subject_id: subjectId, details: JSON.stringify(details), at: clock.now() }).execute();

  const campaignNotFound = (id: string) => notFound('GROUPBUY_CAMPAIGN_NOT_FOUND', 'No such group-buy campaign', { id });
  const teamNotFound = (id: string) => notFound('GROUPBUY_TEAM_NOT_FOUND', 'No such team', { id });

  async function findCampaign(executor: Executor, id: string) {
    if (!isUuid(id)) return undefined;
    return executor.selectFrom('groupbuy_campaigns').selectAll().where('id', '=', id).executeTakeFirst();
  }
  async function findTeam(executor: Executor, id: string) {
    if (!isUuid(id)) return undefined;
    return executor.selectFrom('groupbuy_teams').selectAll().where('id', '=', id).executeTakeFirst();
  }
  const lockTeam = (trx: Executor, id: string) => trx.selectFrom('groupbuy_teams').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
  const teamView = (t: Team) => ({ status: t.status, leaderId: t.leader_id, size: t.size, seatsTaken: t.seats_taken, expiresAt: t.expires_at, paidCount: t.paid_count });

  async function moveTeam(trx: Executor, team: Team, action: TeamAction, patch: Partial<Omit<Team, 'id'>>) {
    const t = teamTransition(team.status, action);
    if (!t.ok) throw conflict('GROUPBUY_INVALID_TRANSITION', `A ${team.status} team cannot be ${action}`, { teamId: team.id });
    const updated = await trx
      .updateTable('groupbuy_teams')
      .set({ ...patch, status: t.to, updated_at: clock.now() })
      .where('id', '=', team.id)
      .where('status', '=', team.status)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw conflict('GROUPBUY_TEAM_CHANGED', 'The team changed at the same time; try again', { teamId: team.id });
    return updated;
  }

  // ---- campaigns (operator) ---------------------------------------------------------------------

  /** The SKU and the checked rules of a campaign as given (creating or editing a draft). */
  async function checkedCampaign(input: CampaignInput) {
    const sku = (await catalog.getSkusForPricing(db, [input.skuId])).get(input.skuId);
    if (!sku) throw notFound('GROUPBUY_SKU_NOT_FOUND', 'No such SKU', { skuId: input.skuId });
    const rules = {
      groupPriceAmount: input.groupPrice,
      leaderDiscountAmount: input.leaderDiscount ?? 0,
      teamSize: input.teamSize,
      expiryHours: input.expiryHours ?? DEFAULTS.expiryHours,
      perUserLimit: input.perUserLimit ?? DEFAULTS.perUserLimit,
      stock: input.stock,
      seatTimeoutMinutes: input.seatTimeoutMinutes ?? DEFAULTS.seatTimeoutMinutes,
      autoFill: { enabled: input.autoFill?.enabled ?? false, minRealMembers: input.autoFill?.minRealMembers ?? DEFAULTS.autoFillMinRealMembers },
      startsAt: input.startsAt ? new Date(input.startsAt) : null,
      endsAt: input.endsAt ? new Date(input.endsAt) : null,
    };
    const problem = campaignProblem(rules, sku.priceAmount);
    if (problem) {
      const messages: Record<string, string> = {
        GROUPBUY_PRICE_NOT_BELOW_LIST: `The group price must be above zero and below the SKU's price (${sku.priceAmount} fen)`,
        GROUPBUY_LEADER_DISCOUNT_TOO_LARGE: 'The leader discount must leave the leader something to pay',
        GROUPBUY_TEAM_SIZE_INVALID: 'A team has 2 to 10 members',
        GROUPBUY_DATES_INVALID: 'The campaign must end after it starts',
        GROUPBUY_AUTO_FILL_INVALID: 'Auto-fill needs at least one real member and fewer than the team size',
        GROUPBUY_SEAT_TIMEOUT_TOO_LONG: 'The seat payment timeout must be shorter than the team expiry',
      };
      throw invalid(problem, messages[problem], { listPrice: sku.priceAmount });
    }
    return { sku, rules };
  }

  async function createCampaign(actorId: string | null, input: CampaignInput) {
    const { sku, rules } = await checkedCampaign(input);
    const now = clock.now();
    const id = newId();
    return db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('groupbuy_campaigns')
        .values({
          id,
          name: input.name.trim(),
          description: input.description?.trim() || null,
          sku_id: sku.skuId,
          product_id: sku.productId,
          group_price_amount: rules.groupPriceAmount,
          leader_discount_amount: rules.leaderDiscountAmount,
          currency: sku.currency,
          team_size: rules.teamSize,
          expiry_hours: rules.expiryHours,
          per_user_limit: rules.perUserLimit,
          new_customers_only: input.newCustomersOnly ?? false,
          stock_total: rules.stock,
          stock_left: rules.stock,
          seat_timeout_minutes: rules.seatTimeoutMinutes,
          auto_fill_enabled: rules.autoFill.enabled,
          auto_fill_min_real: rules.autoFill.minRealMembers,
          status: 'draft',
          starts_at: rules.startsAt,
          ends_at: rules.endsAt,
          created_by: actorId,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(trx, actorId, 'groupbuy.campaign_created', 'groupbuy_campaign', id, { name: row.name, skuId: row.sku_id, groupPrice: row.group_price_amount, teamSize: row.team_size, autoFill: rules.autoFill });
      await publishEvent(trx, now, 'groupbuy.campaign_created', id, { campaignId: id, skuId: row.sku_id });
      return row;
    });
  }

  /** Replace a draft's rules (same checks as creating it); once started the published rules are locked. */
  async function updateCampaign(actorId: string | null, id: string, input: CampaignInput) {
    const { sku, rules } = await checkedCampaign(input);
    return db.transaction().execute(async (trx) => {
      const c = await trx.selectFrom('groupbuy_campaigns').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!c) throw campaignNotFound(id);
      if (c.status !== 'draft') throw conflict('GROUPBUY_CAMPAIGN_LOCKED', 'A started campaign keeps its published rules; stop it and create a new one', { status: c.status });
      const now = clock.now();
      const row = await trx
        .updateTable('groupbuy_campaigns')
        .set({
          name: input.name.trim(),
          description: input.description?.trim() || null,
          sku_id: sku.skuId,
          product_id: sku.productId,
          group_price_amount: rules.groupPriceAmount,
          leader_discount_amount: rules.leaderDiscountAmount,
          currency: sku.currency,
          team_size: rules.teamSize,
          expiry_hours: rules.expiryHours,
          per_user_limit: rules.perUserLimit,
          new_customers_only: input.newCustomersOnly ?? false,
          stock_total: rules.stock,
          stock_left: rules.stock,
          seat_timeout_minutes: rules.seatTimeoutMinutes,
          auto_fill_enabled: rules.autoFill.enabled,
          auto_fill_min_real: rules.autoFill.minRealMembers,
          starts_at: rules.startsAt,
          ends_at: rules.endsAt,
          updated_at: now,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(trx, actorId, 'groupbuy.campaign_updated', 'groupbuy_campaign', id, { name: row.name, skuId: row.sku_id, groupPrice: row.group_price_amount, teamSize: row.team_size, autoFill: rules.autoFill });
      await publishEvent(trx, now, 'groupbuy.campaign_updated', id, { campaignId: id, skuId: row.sku_id });
      return row;
    });
  }

  async function setStatus(actorId: string | null, id: string, to: 'active' | 'ended') {
    return db.transaction().execute(async (trx) => {
      const c = await trx.selectFrom('groupbuy_campaigns').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!c) throw campaignNotFound(id);
      const allowed = to === 'active' ? c.status === 'draft' : c.status !== 'ended';
      if (!allowed) throw conflict('GROUPBUY_CAMPAIGN_STATUS', `A ${c.status} campaign cannot become ${to}`, { status: c.status });
      const now = clock.now();
      const row = await trx.updateTable('groupbuy_campaigns').set({ status: to, updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      await audit(trx, actorId, to === 'active' ? 'groupbuy.campaign_started' : 'groupbuy.campaign_stopped', 'groupbuy_campaign', id, { from: c.status });
      await publishEvent(trx, now, to === 'active' ? 'groupbuy.campaign_started' : 'groupbuy.campaign_ended', id, { campaignId: id });
      return row;
    });
  }

  const startCampaign = (actorId: string | null, id: string) => setStatus(actorId, id, 'active');
  const stopCampaign = (actorId: string | null, id: string) => setStatus(actorId, id, 'ended');

  async function getCampaign(id: string) {
    const c = await findCampaign(db, id);
    if (!c) throw campaignNotFound(id);
    return c;
  }

  async function listCampaigns() {
    return db.selectFrom('groupbuy_campaigns').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(200).execute();
  }

  /** Live numbers: teams by status, paid real members, GMV of paid seats not refunded. */
  async function campaignStats(id: string) {
    const teams = await db.selectFrom('groupbuy_teams').select(['status', sql<number>`count(*)::int`.as('n')]).where('campaign_id', '=', id).groupBy('status').execute();
    const by = Object.fromEntries(teams.map((r) => [r.status, Number(r.n)]));
    const m = await db
      .selectFrom('groupbuy_members')
      .select([
        sql<number>`count(*) filter (where status = 'paid' and role <> 'virtual')::int`.as('members'),
        sql<number>`count(*) filter (where role = 'virtual')::int`.as('virtual'),
        sql<number>`count(*) filter (where status in ('refunding', 'refunded'))::int`.as('refunded'),
        sql<string>`coalesce(sum(paid_amount) filter (where status = 'paid' and role <> 'virtual'), 0)::bigint`.as('gmv'),
      ])
      .where('campaign_id', '=', id)
      .executeTakeFirstOrThrow();
    const c = await getCampaign(id);
    return {
      teams: { forming: by.forming ?? 0, open: by.open ?? 0, completed: by.completed ?? 0, failed: by.failed ?? 0, cancelled: by.cancelled ?? 0 },
      members: Number(m.members),
      virtualMembers: Number(m.virtual),
      refundedMembers: Number(m.refunded),
      gmv: money(Number(m.gmv), c.currency),
    };
  }

  // ---- shopper views ----------------------------------------------------------------------------

  async function productFacts(executor: Executor, skuIds: string[]) {
    return catalog.getSkusForPricing(executor, skuIds);
  }

  function shopperCampaign(c: Campaign, sku: { productTitle: string; skuLabel: string; image: string | null; priceAmount: number } | undefined) {
    return {
      id: c.id,
      name: c.name,
      description: c.description,
      productId: c.product_id,
      skuId: c.sku_id,
      title: sku?.productTitle ?? c.name,
      skuLabel: sku?.skuLabel ?? '',
      image: sku?.image ?? null,
      listPrice: sku ? money(sku.priceAmount, c.currency) : null,
      groupPrice: money(c.group_price_amount, c.currency),
      leaderPrice: money(seatPrice(c.group_price_amount, c.leader_discount_amount, 'leader'), c.currency),
      teamSize: c.team_size,
      expiryHours: c.expiry_hours,
      perUserLimit: c.per_user_limit,
      newCustomersOnly: c.new_customers_only,
      soldOut: c.stock_left <= 0,
      startsAt: c.starts_at?.toISOString() ?? null,
      endsAt: c.ends_at?.toISOString() ?? null,
    };
  }

  async function listLiveCampaigns() {
    const now = clock.now();
    const rows = (await db.selectFrom('groupbuy_campaigns').selectAll().where('status', '=', 'active').orderBy('created_at', 'desc').limit(100).execute()).filter((c) => campaignLive({ status: c.status, startsAt: c.starts_at, endsAt: c.ends_at }, now));
    const skus = await productFacts(db, rows.map((c) => c.sku_id));
    return rows.map((c) => shopperCampaign(c, skus.get(c.sku_id)));
  }

  async function getShopperCampaign(id: string) {
    const c = await findCampaign(db, id);
    if (!c || c.status === 'draft') throw campaignNotFound(id);
    const now = clock.now();
    const skus = await productFacts(db, [c.sku_id]);
    const teams = await db
      .selectFrom('groupbuy_teams')
      .selectAll()
      .where('campaign_id', '=', id)
      .where('status', '=', 'open')
      .where('expires_at', '>', now)
      .where(sql<boolean>`seats_taken < size`)
      .orderBy('expires_at')
      .limit(20)
      .execute();
    const names = await identity.displayNames(db, teams.map((t) => t.leader_id));
    return {
      ...shopperCampaign(c, skus.get(c.sku_id)),
      live: campaignLive({ status: c.status, startsAt: c.starts_at, endsAt: c.ends_at }, now),
      openTeams: teams.map((t) => {
        const name = names.get(t.leader_id) ?? '拼团用户';
        return { id: t.id, leaderName: name, leaderInitial: initialOf(name), size: t.size, seatsLeft: seatsLeft({ size: t.size, seatsTaken: t.seats_taken }), expiresAt: t.expires_at!.toISOString(), url: `/groupbuy/teams/${t.id}` };
      }),
    };
  }

  /** The team page: anyone with the link may see it; members appear by display name only. */
  async function getTeamPage(teamId: string, viewerId: string | null = null) {
    const team = await findTeam(db, teamId);
    if (!team) throw teamNotFound(teamId);
    const c = (await findCampaign(db, team.campaign_id))!;
    const sku = (await productFacts(db, [c.sku_id])).get(c.sku_id);
    const members = await db
      .selectFrom('groupbuy_members')
      .selectAll()
      .where('team_id', '=', teamId)
      .where('status', 'in', ['reserved', 'paid'])
      .orderBy('joined_at')
      .orderBy('id')
      .execute();
    const names = await identity.displayNames(db, members.flatMap((m) => (m.user_id ? [m.user_id] : [])));
    const ordered = [...members.filter((m) => m.role === 'leader'), ...members.filter((m) => m.role === 'member'), ...members.filter((m) => m.role === 'virtual')];
    const now = clock.now();
    return {
      id: team.id,
      campaignId: c.id,
      status: team.status,
      product: { productId: c.product_id, skuId: c.sku_id, title: sku?.productTitle ?? c.name, skuLabel: sku?.skuLabel ?? '', image: sku?.image ?? null, listPrice: sku ? money(sku.priceAmount, c.currency) : null },
      groupPrice: money(c.group_price_amount, c.currency),
      size: team.size,
      seatsLeft: team.status === 'open' ? seatsLeft({ size: team.size, seatsTaken: team.seats_taken }) : 0,
      paidMembers: team.paid_count,
      expiresAt: team.expires_at?.toISOString() ?? null,
      expired: team.status === 'open' && !!team.expires_at && team.expires_at <= now,
      members: ordered.map((m) => {
        const name = m.role === 'virtual' ? '系统补位' : (names.get(m.user_id!) ?? '拼团用户');
        return { role: m.role, name, initial: initialOf(name), paid: m.status === 'paid', virtual: m.role === 'virtual', you: !!viewerId && m.user_id === viewerId, joinedAt: m.joined_at.toISOString() };
      }),
      virtualMembers: team.virtual_count,
      notice: virtualNotice(team.virtual_count),
      shareUrl: `/groupbuy/teams/${team.id}`,
      isLeader: !!viewerId && viewerId === team.leader_id,
    };
  }

  /** The teams a shopper leads or joined, newest first (their own seat's status included). */
  async function listMyTeams(userId: string) {
    const rows = await db
      .selectFrom('groupbuy_members as m')
      .innerJoin('groupbuy_teams as t', 't.id', 'm.team_id')
      .innerJoin('groupbuy_campaigns as c', 'c.id', 't.campaign_id')
      .select(['t.id as team_id', 't.status as team_status', 't.size', 't.seats_taken', 't.paid_count', 't.expires_at', 'c.id as campaign_id', 'c.name', 'c.group_price_amount', 'c.currency', 'm.role', 'm.status as seat_status', 'm.order_id', 'm.joined_at'])
      .where('m.user_id', '=', userId)
      .orderBy('m.joined_at', 'desc')
      .limit(100)
      .execute();
    return rows.map((r) => ({
      teamId: r.team_id,
      campaignId: r.campaign_id,
      campaignName: r.name,
      status: r.team_status,
      role: r.role,
      seatStatus: r.seat_status,
      orderId: r.order_id,
      groupPrice: money(r.group_price_amount, r.currency),
      size: r.size,
      seatsLeft: r.team_status === 'open' ? seatsLeft({ size: r.size, seatsTaken: r.seats_taken }) : 0,
      expiresAt: r.expires_at?.toISOString() ?? null,
      joinedAt: r.joined_at.toISOString(),
      shareUrl: `/groupbuy/teams/${r.team_id}`,
    }));
  }

  // ---- taking seats (inside the placement transaction) -------------------------------------------

  async function takeUserSlot(trx: Executor, c: Campaign, userId: string) {
    const row = await trx
      .insertInto('groupbuy_participants')
      .values({ campaign_id: c.id, user_id: userId, seats: 1 })
      .onConflict((oc) => oc.columns(['campaign_id', 'user_id']).doUpdateSet({ seats: sql`groupbuy_participants.seats + 1` }).where('groupbuy_participants.seats', '<', c.per_user_limit))
      .returning('seats')
      .executeTakeFirst();
    if (!row || row.seats > c.per_user_limit) {
      throw unprocessable('GROUPBUY_LIMIT_REACHED', `You can take part in this group buy at most ${c.per_user_limit} time(s)`, { perUserLimit: c.per_user_limit });
    }
  }

  async function takeStock(trx: Executor, campaignId: string) {
    const row = await trx
      .updateTable('groupbuy_campaigns')
      .set((eb) => ({ stock_left: eb('stock_left', '-', 1) }))
      .where('id', '=', campaignId)
      .where('stock_left', '>=', 1)
      .returning('stock_left')
      .executeTakeFirst();
    if (!row) throw conflict('GROUPBUY_SOLD_OUT', 'This group buy is sold out', { campaignId });
  }

  /** Give back what a seat held: the campaign unit and the user's slot (the team seat is the caller's). */
  async function returnSeatHoldings(trx: Executor, m: Member) {
    await trx.updateTable('groupbuy_campaigns').set((eb) => ({ stock_left: eb('stock_left', '+', 1) })).where('id', '=', m.campaign_id).execute();
    if (m.user_id) {
      await trx
        .updateTable('groupbuy_participants')
        .set((eb) => ({ seats: eb('seats', '-', 1) }))
        .where('campaign_id', '=', m.campaign_id)
        .where('user_id', '=', m.user_id)
        .where('seats', '>', 0)
        .execute();
    }
  }

  async function assertNewCustomer(executor: Executor, c: Campaign, userId: string) {
    if (c.new_customers_only && (await orders.hasPaidOrder(executor, userId))) {
      throw unprocessable('GROUPBUY_NEW_CUSTOMERS_ONLY', 'This team is for new customers: only shoppers without an earlier paid order may join', { campaignId: c.id });
    }
  }

  function mapPlacementError(err: unknown): never {
    if (isUniqueViolation(err, 'groupbuy_teams_one_open')) throw conflict('GROUPBUY_TEAM_ALREADY_OPEN', 'You already have an open team in this group buy', {});
    if (isUniqueViolation(err, 'groupbuy_members_one_seat')) throw conflict('GROUPBUY_ALREADY_MEMBER', 'You are already in this team', {});
    if (isUniqueViolation(err, 'groupbuy_participants_pk')) throw conflict('GROUPBUY_BUSY', 'Another request of yours is taking a seat; try again', {});
    throw err;
  }

  async function memberByOrder(executor: Executor, orderId: string) {
    return executor.selectFrom('groupbuy_members').selectAll().where('order_id', '=', orderId).executeTakeFirst();
  }

  async function replayed(userId: string, orderId: string, expect: { teamId?: string; campaignId?: string }) {
    const m = await memberByOrder(db, orderId);
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
    const c = await findCampaign(db, campaignId);
    if (!c || c.status === 'draft') throw campaignNotFound(campaignId);
    const now = clock.now();
    if (!campaignLive({ status: c.status, startsAt: c.starts_at, endsAt: c.ends_at }, now)) throw unprocessable('GROUPBUY_CAMPAIGN_NOT_LIVE', 'This group buy is not running now', { campaignId });
    const existing = await db.selectFrom('groupbuy_teams').select('id').where('campaign_id', '=', campaignId).where('leader_id', '=', userId).where('status', 'in', ['forming', 'open']).executeTakeFirst();
    if (existing) throw conflict('GROUPBUY_TEAM_ALREADY_OPEN', 'You already have an open team in this group buy', { teamId: existing.id });
    const teamId = newId();
    let result;
    try {
      result = await placeOrder(userId, { items: [{ skuId: c.sku_id, quantity: 1 }], addressId: input.addressId }, idempotencyKey, {
        kind: 'groupbuy',
        unitAmount: seatPrice(c.group_price_amount, c.leader_discount_amount, 'leader'),
        label: c.leader_discount_amount > 0 ? '拼团价（团长优惠）' : '拼团价',
        code: 'GROUPBUY',
        ref: `groupbuy:${c.id}`,
        fulfilmentHold: 'team',
        reserveInventory: false,
        payWithinMinutes: c.seat_timeout_minutes,
        async commit(trx, orderId) {
          const at = clock.now();
          const fresh = (await trx.selectFrom('groupbuy_campaigns').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow());
          if (!campaignLive({ status: fresh.status, startsAt: fresh.starts_at, endsAt: fresh.ends_at }, at)) throw unprocessable('GROUPBUY_CAMPAIGN_NOT_LIVE', 'This group buy is not running now', { campaignId });
          await takeUserSlot(trx, fresh, userId);
          await takeStock(trx, c.id);
          await trx
            .insertInto('groupbuy_teams')
            .values({ id: teamId, campaign_id: c.id, leader_id: userId, status: 'forming', size: c.team_size, seats_taken: 1, paid_count: 0, virtual_count: 0, expires_at: null, created_at: at, opened_at: null, completed_at: null, failed_at: null, updated_at: at })
            .execute();
          await trx
            .insertInto('groupbuy_members')
            .values({ id: newId(), team_id: teamId, campaign_id: c.id, user_id: userId, order_id: orderId, role: 'leader', status: 'reserved', paid_amount: 0, joined_at: at, paid_at: null, left_at: null })
            .execute();
          await publishEvent(trx, at, 'team.created', teamId, { teamId, campaignId: c.id, leaderId: userId, orderId, size: c.team_size });
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
    const team = await findTeam(db, teamId);
    if (!team) throw teamNotFound(teamId);
    const now = clock.now();
    const refused = joinRefusal(teamView(team), userId, now);
    if (refused) throw refusal(refused, teamId);
    const c = (await findCampaign(db, team.campaign_id))!;
    await assertNewCustomer(db, c, userId);
    const already = await db.selectFrom('groupbuy_members').select('id').where('team_id', '=', teamId).where('user_id', '=', userId).where('status', 'in', ['reserved', 'paid']).executeTakeFirst();
    if (already) throw conflict('GROUPBUY_ALREADY_MEMBER', 'You are already in this team', { teamId });
    let result;
    try {
      result = await placeOrder(userId, { items: [{ skuId: c.sku_id, quantity: 1 }], addressId: input.addressId }, idempotencyKey, {
        kind: 'groupbuy',
        unitAmount: seatPrice(c.group_price_amount, c.leader_discount_amount, 'member'),
        label: '拼团价',
        code: 'GROUPBUY',
        ref: `groupbuy:${c.id}`,
        fulfilmentHold: 'team',
        reserveInventory: false,
        payWithinMinutes: c.seat_timeout_minutes,
        async commit(trx, orderId) {
          const at = clock.now();
          const seat = await trx
            .updateTable('groupbuy_teams')
            .set((eb) => ({ seats_taken: eb('seats_taken', '+', 1), updated_at: at }))
            .where('id', '=', teamId)
            .where('status', '=', 'open')
            .where('expires_at', '>', at)
            .where(sql<boolean>`seats_taken < size`)
            .returningAll()
            .executeTakeFirst();
          if (!seat) {
            const now2 = (await trx.selectFrom('groupbuy_teams').selectAll().where('id', '=', teamId).executeTakeFirstOrThrow());
            throw refusal(joinRefusal(teamView(now2), userId, at) ?? 'GROUPBUY_TEAM_FULL', teamId);
          }
          await assertNewCustomer(trx, c, userId);
          await takeUserSlot(trx, c, userId);
          await takeStock(trx, c.id);
          await trx
            .insertInto('groupbuy_members')
            .values({ id: newId(), team_id: teamId, campaign_id: c.id, user_id: userId, order_id: orderId, role: 'member', status: 'reserved', paid_amount: 0, joined_at: at, paid_at: null, left_at: null })
            .execute();
          await publishEvent(trx, at, 'team.seat_taken', teamId, { teamId, campaignId: c.id, userId, orderId, seatsTaken: seat.seats_taken, size: seat.size });
        },
      });
    } catch (err) {
      mapPlacementError(err);
    }
    if (!result.created) return replayed(userId, result.order.id, { teamId });
    return { created: true, team: await getTeamPage(teamId, userId), order: result.order };
  }

  // ---- lifecycle (event consumers and the expiry job) -------------------------------------------

  async function refundMember(trx: Executor, team: Team, m: Member, reason: string) {
    if (m.status === 'reserved') {
      // The seat was still held: give it back along with the unit.
      await trx.updateTable('groupbuy_teams').set((eb) => ({ seats_taken: eb('seats_taken', '-', 1), updated_at: clock.now() })).where('id', '=', team.id).execute();
      await returnSeatHoldings(trx, m);
    } else if (m.status === 'paid') {
      await returnSeatHoldings(trx, m);
    }
    await trx.updateTable('groupbuy_members').set({ status: 'refunding', left_at: clock.now() }).where('id', '=', m.id).execute();
    await payments.requestRefund({ orderId: m.order_id!, request: { full: true }, reason, requestedBy: null, idempotencyKey: `team-failed:${team.id}:${m.order_id}` }, trx);
  }

  async function completeTeam(trx: Executor, team: Team, virtualMembers: number) {
    const now = clock.now();
    const done = await moveTeam(trx, team, 'filled', { completed_at: now, virtual_count: virtualMembers });
    const paid = await trx.selectFrom('groupbuy_members').selectAll().where('team_id', '=', team.id).where('status', '=', 'paid').where('role', '<>', 'virtual').orderBy('joined_at').execute();
    for (const m of paid) await orders.releaseHold(trx, m.order_id!, 'team completed');
    await publishEvent(trx, now, 'team.completed', team.id, { teamId: team.id, campaignId: team.campaign_id, size: team.size, orderIds: paid.map((m) => m.order_id), virtualMembers });
    return done;
  }

  /** Consumer of order.paid: the leader's payment opens the team; a joiner's fills a seat. */
  async function onOrderPaid(trx: Executor, event: OutboxEvent<{ orderId: string; kind?: string; totalAmount: number }>) {
    if (event.payload.kind !== 'groupbuy') return;
    const found = await memberByOrder(trx, event.payload.orderId);
    if (!found) return;
    // Lock order everywhere: team row first, then its members.
    const team = await lockTeam(trx, found.team_id);
    const m = (await trx.selectFrom('groupbuy_members').selectAll().where('id', '=', found.id).forUpdate().executeTakeFirstOrThrow());
    const c = (await findCampaign(trx, team.campaign_id))!;
    const paidAt = event.occurredAt;
    const decision = decidePaidSeat(teamView(team), m, paidAt);
    const now = clock.now();
    if (decision.kind === 'refund') {
      await refundMember(trx, team, m, `group buy seat no longer valid: ${decision.why}`);
      await publishEvent(trx, now, 'team.payment_refunded', team.id, { teamId: team.id, orderId: m.order_id, why: decision.why });
      return;
    }
    await trx.updateTable('groupbuy_members').set({ status: 'paid', paid_at: paidAt, paid_amount: event.payload.totalAmount }).where('id', '=', m.id).execute();
    if (decision.kind === 'open_team') {
      const expiresAt = addMs(paidAt, c.expiry_hours * 3_600_000);
      await moveTeam(trx, team, 'leader_paid', { opened_at: paidAt, expires_at: expiresAt, paid_count: 1 });
      await scheduleJob(trx, { kind: EXPIRE_TEAM_JOB, payload: { teamId: team.id }, runAt: expiresAt, dedupeKey: `groupbuy-expire:${team.id}`, now });
      await publishEvent(trx, now, 'team.opened', team.id, { teamId: team.id, campaignId: c.id, leaderId: team.leader_id, expiresAt: expiresAt.toISOString(), size: team.size });
      return;
    }
    const updated = await trx
      .updateTable('groupbuy_teams')
      .set((eb) => ({ paid_count: eb('paid_count', '+', 1), updated_at: now }))
      .where('id', '=', team.id)
      .where(sql<boolean>`paid_count < size`)
      .returningAll()
      .executeTakeFirstOrThrow();
    await publishEvent(trx, now, 'team.member_paid', team.id, { teamId: team.id, campaignId: c.id, userId: m.user_id, orderId: m.order_id, paidCount: updated.paid_count, size: updated.size });
    if (updated.paid_count === updated.size) await completeTeam(trx, updated, 0);
  }

  /** Consumer of order.cancelled: an unpaid seat gives back its seat, its unit and the user's slot. */
  async function onOrderCancelled(trx: Executor, event: OutboxEvent<{ orderId: string; kind?: string }>) {
    if (event.payload.kind !== 'groupbuy') return;
    const found = await memberByOrder(trx, event.payload.orderId);
    if (!found) return;
    const team = await lockTeam(trx, found.team_id);
    const m = (await trx.selectFrom('groupbuy_members').selectAll().where('id', '=', found.id).forUpdate().executeTakeFirstOrThrow());
    if (m.status !== 'reserved') return;
    const now = clock.now();
    await trx.updateTable('groupbuy_members').set({ status: 'released', left_at: now }).where('id', '=', m.id).execute();
    await trx.updateTable('groupbuy_teams').set((eb) => ({ seats_taken: eb('seats_taken', '-', 1), updated_at: now })).where('id', '=', team.id).execute();
    await returnSeatHoldings(trx, m);
    if (m.role === 'leader' && team.status === 'forming') await moveTeam(trx, { ...team, seats_taken: team.seats_taken - 1 }, 'leader_left', {});
    await publishEvent(trx, now, 'team.seat_released', team.id, { teamId: team.id, orderId: m.order_id, role: m.role });
  }

  /** Consumer of order.refunded: a refunded member leaves the team (a paid seat in an open team frees up). */
  async function onOrderRefunded(trx: Executor, event: OutboxEvent<{ orderId: string; kind?: string; full: boolean }>) {
    if (event.payload.kind !== 'groupbuy' || !event.payload.full) return;
    const found = await memberByOrder(trx, event.payload.orderId);
    if (!found) return;
    const team = await lockTeam(trx, found.team_id);
    const m = (await trx.selectFrom('groupbuy_members').selectAll().where('id', '=', found.id).forUpdate().executeTakeFirstOrThrow());
    const now = clock.now();
    if (m.status === 'paid') {
      // Refunded outside the team's lifecycle (after-sales): the seat frees up while the team is open.
      if (team.status === 'open') {
        await trx.updateTable('groupbuy_teams').set((eb) => ({ seats_taken: eb('seats_taken', '-', 1), paid_count: eb('paid_count', '-', 1), updated_at: now })).where('id', '=', team.id).execute();
      }
      await returnSeatHoldings(trx, m);
    }
    if (m.status === 'paid' || m.status === 'refunding') {
      await trx.updateTable('groupbuy_members').set({ status: 'refunded', left_at: m.left_at ?? now }).where('id', '=', m.id).execute();
    }
  }

  /** Job at a team's deadline: complete with virtual members (only if enabled) or fail and refund every paid member once. */
  async function expireTeam(teamId: string) {
    const unpaidOrders = await db.transaction().execute(async (trx) => {
      const team = await trx.selectFrom('groupbuy_teams').selectAll().where('id', '=', teamId).forUpdate().executeTakeFirst();
      if (!team) return [];
      const c = (await findCampaign(trx, team.campaign_id))!;
      const now = clock.now();
      const decision = decideExpiry({ status: team.status, size: team.size, paidCount: team.paid_count, expiresAt: team.expires_at }, { enabled: c.auto_fill_enabled, minRealMembers: c.auto_fill_min_real }, now);
      if (decision.kind === 'wait') return [];
      const members = await trx.selectFrom('groupbuy_members').selectAll().where('team_id', '=', teamId).where('status', 'in', ['reserved', 'paid']).forUpdate().execute();
      const reserved = members.filter((m) => m.status === 'reserved');
      if (decision.kind === 'complete') {
        for (let i = 0; i < decision.virtualMembers; i++) {
          await trx.insertInto('groupbuy_members').values({ id: newId(), team_id: teamId, campaign_id: c.id, user_id: null, order_id: null, role: 'virtual', status: 'paid', paid_amount: 0, joined_at: now, paid_at: now, left_at: null }).execute();
        }
        if (decision.virtualMembers > 0) {
          await audit(trx, null, 'groupbuy.team_auto_filled', 'groupbuy_team', teamId, { campaignId: c.id, realPaidMembers: team.paid_count, virtualMembers: decision.virtualMembers, size: team.size });
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

  /** Share target `team`: the team page with its product and group price. */
  async function resolveTeamTarget(executor: Executor, id: string) {
    const team = await findTeam(executor, id);
    if (!team) return null;
    const c = (await findCampaign(executor, team.campaign_id))!;
    const sku = (await productFacts(executor, [c.sku_id])).get(c.sku_id);
    return { url: `/groupbuy/teams/${team.id}`, title: `${sku?.productTitle ?? c.name} · ${team.size}人团 ¥${(c.group_price_amount / 100).toFixed(2)}`, image: sku?.image ?? null, price: money(c.group_price_amount, c.currency), campaignId: c.id };
  }

  return {
    createCampaign,
    updateCampaign,
    startCampaign,
    stopCampaign,
    getCampaign,
    listCampaigns,
    campaignStats,
    listLiveCampaigns,
    getShopperCampaign,
    getTeamPage,
    listMyTeams,
    openTeam,
    joinTeam,
    onOrderPaid,
    onOrderCancelled,
    onOrderRefunded,
    expireTeam,
    resolveTeamTarget,
  };
}

export type GroupbuyService = ReturnType<typeof createGroupbuyService>;
