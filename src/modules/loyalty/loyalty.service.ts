// Loyalty: the points ledger (earn, spend, reverse, expire), daily check-in and growth tiers.
// Every balance change goes through loyalty.ledger.ts (account row locked, one entry, lots moved in
// the caller's transaction); checkout's points and tier steps are in loyalty.pricing.ts.
import { recordAudit } from '../../platform/audit.ts';
import { addMs, DAY_MS } from '../../platform/clock.ts';
import { conflict, invalid, isUniqueViolation, notFound, unprocessable } from '../../platform/errors.ts';
import { publishEvent, type OutboxEvent } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { decodeCursor, encodeCursor } from '../../platform/schema.ts';
import { createPointsLedger, insufficient } from './loyalty.ledger.ts';
import { presentEntry, presentTier } from './loyalty.present.ts';
import { createLoyaltyPricing } from './loyalty.pricing.ts';
import * as repo from './loyalty.repo.ts';
import {
  checkinAward,
  chinaDate,
  chinaDayStart,
  currentStreak,
  earningsForPayment,
  nextStreak,
  nextTierAfter,
  planReturnLots,
  pointsExpiry,
  refundShare,
  REVERSAL_REASON,
  tierFor,
  type GrantReason,
  type PointReason,
  type Tier,
} from './loyalty.rules.ts';
import { loyaltyTables, type LoyaltyDb, type LoyaltyPlatform } from './loyalty.table.ts';
import type { AnyExecutor } from '../../platform/tables.ts';

export { EXPIRE_POINTS_JOB } from './loyalty.ledger.ts';
export const MAX_POINTS_DELTA = 100_000_000;

export interface GrantInput {
  userId: string;
  amount: number;
  reason: GrantReason;
  /** With the reason, names the grant: granting the same (reason, ref) twice grants once. */
  ref: string;
  expiresAt?: Date;
  note?: string;
}

export interface ReverseInput {
  userId: string;
  /** The reason of the grant being reversed (e.g. 'reward'). */
  reason: PointReason;
  ref: string;
  /** Points to take back; default everything not yet reversed. Never more than was granted. */
  amount?: number;
  /** Names this reversal when one grant is reversed in several parts (default: the grant's ref). */
  reversalRef?: string;
  note?: string;
}

interface ReverseResult {
  applied: boolean;
  reversed: number;
  /** What could not be reclaimed because the member had already spent it. */
  shortfall: number;
}

type Trx = LoyaltyDb;

const isWholePoints = (n: number) => Number.isSafeInteger(n) && n >= 0 && n <= MAX_POINTS_DELTA;

export function createLoyaltyService(p: LoyaltyPlatform, deps: { findUser?: (userId: string) => Promise<unknown> } = {}) {
  const { db, clock, settings } = p;
  const pointsLedger = createPointsLedger(p);
  const { lock, credit, debit, sweepExpired } = pointsLedger;
  const { pointsContributor, tierContributor } = createLoyaltyPricing(p, pointsLedger);

  // ---- what other modules call -----------------------------------------------------------

  /** Grant points once per (reason, ref), in the caller's transaction. */
  async function grantPoints(handle: AnyExecutor, input: GrantInput): Promise<{ granted: boolean }> {
    const trx = loyaltyTables.of(handle);
    if (!isWholePoints(input.amount)) throw new RangeError(`points must be a whole number between 0 and ${MAX_POINTS_DELTA}`);
    if (input.amount === 0) return { granted: false };
    const { granted } = await credit(trx, { userId: input.userId, amount: input.amount, reason: input.reason, ref: input.ref, expiresAt: input.expiresAt, note: input.note });
    return { granted };
  }

  /**
   * Take back (part of) a grant, in the caller's transaction: up to what was granted and not yet
   * reversed, and never more than the balance; what could not be reclaimed is recorded as shortfall.
   */
  async function reversePoints(handle: AnyExecutor, input: ReverseInput & { growth?: number }): Promise<ReverseResult> {
    const trx = loyaltyTables.of(handle);
    await lock(trx, input.userId);
    const original = await repo.findEntry(trx, input.reason, input.ref);
    if (!original || original.user_id !== input.userId) return { applied: false, reversed: 0, shortfall: 0 };
    const done = (await repo.findReversals(trx, original.id)).reduce((s, e) => s + -e.delta + e.shortfall, 0);
    const left = Math.max(0, original.delta - done);
    const requested = Math.min(input.amount ?? left, left);
    if (requested <= 0 && !input.growth) return { applied: false, reversed: 0, shortfall: 0 };
    const mapped = REVERSAL_REASON[input.reason];
    const reason = mapped ?? 'adjustment';
    const ref = input.reversalRef ?? (mapped ? input.ref : `reverse:${input.reason}:${input.ref}`);
    const prefer = (await repo.findLotsOfEntry(trx, original.id)).map((l) => l.id);
    const result = await debit(trx, { userId: input.userId, amount: requested, growth: input.growth, reason, ref, note: input.note ?? `reverses ${input.reason} ${input.ref}`, reversesEntryId: original.id, mode: 'upTo', preferLots: prefer });
    if (!result.ok || !result.applied) return { applied: false, reversed: 0, shortfall: 0 };
    return { applied: true, reversed: result.taken, shortfall: result.shortfall };
  }

  /** Points spent on an order go back (cancelled: all of them; refunded: `amount`), keeping their expiry where it is still ahead. */
  async function returnRedeemed(trx: Trx, orderId: string, ref: string, amount?: (spent: number) => number) {
    const redeemed = await repo.findEntry(trx, 'redeemed', orderId);
    if (!redeemed) return 0;
    await lock(trx, redeemed.user_id);
    const spent = -redeemed.delta;
    const returned = (await repo.findReversals(trx, redeemed.id)).reduce((s, e) => s + e.delta, 0);
    const target = amount ? Math.min(spent, amount(spent)) : spent;
    const now = Math.min(target, spent) - returned;
    if (now <= 0) return 0;
    const at = clock.now();
    const years = await settings.get('loyalty.expiryYears', trx);
    const spends = await repo.findLotSpends(trx, redeemed.id);
    const lots = planReturnLots(spends.map((s) => ({ amount: s.amount, expiresAt: s.expires_at })), returned, now, pointsExpiry(at, years), at);
    const result = await credit(trx, { userId: redeemed.user_id, amount: now, reason: 'redeem_returned', ref, lots, reversesEntryId: redeemed.id, note: `points spent on order ${orderId} returned` });
    return result.granted ? now : 0;
  }

  // ---- event consumers -------------------------------------------------------------------

  /** order.paid: points for every whole yuan paid, and as much growth. */
  async function onOrderPaid(handle: AnyExecutor, event: OutboxEvent<{ orderId: string; userId: string; totalAmount: number }>) {
    const trx = loyaltyTables.of(handle);
    const { orderId, userId, totalAmount } = event.payload;
    const { points, growth } = earningsForPayment(totalAmount, await settings.get('loyalty.pointsPerYuan', trx));
    if (points === 0 && growth === 0) return;
    await credit(trx, { userId, amount: points, growth, reason: 'order_paid', ref: orderId, baseAmount: totalAmount, note: `order ${orderId} paid` });
  }

  /** order.refunded: take back earned points and growth in proportion, and return spent points in proportion. */
  async function onOrderRefunded(handle: AnyExecutor, event: OutboxEvent<{ orderId: string; userId: string; refundId: string; amount: number; refundedTotal: number; full: boolean }>) {
    const trx = loyaltyTables.of(handle);
    const { orderId, userId, refundId, refundedTotal, full } = event.payload;
    const ref = `${orderId}:${refundId}`;
    await lock(trx, userId);
    const earned = await repo.findEntry(trx, 'order_paid', orderId);
    if (earned) {
      const paid = earned.base_amount ?? 0;
      const reversals = await repo.findReversals(trx, earned.id);
      const pointsDone = reversals.reduce((s, e) => s + -e.delta + e.shortfall, 0);
      const growthDone = reversals.reduce((s, e) => s + -e.growth_delta, 0);
      const points = Math.max(0, refundShare(earned.delta, refundedTotal, paid, full) - pointsDone);
      const growth = Math.max(0, refundShare(earned.growth_delta, refundedTotal, paid, full) - growthDone);
      if (points > 0 || growth > 0) {
        await reversePoints(trx, { userId, reason: 'order_paid', ref: orderId, amount: points, reversalRef: ref, growth: -growth, note: `refund ${refundId} of order ${orderId}` });
      }
    }
    const redeemed = await repo.findEntry(trx, 'redeemed', orderId);
    if (redeemed) await returnRedeemed(trx, orderId, ref, (spent) => refundShare(spent, refundedTotal, redeemed.base_amount ?? 0, full));
  }

  /** order.cancelled: every point the order spent comes back. */
  async function onOrderCancelled(handle: AnyExecutor, event: OutboxEvent<{ orderId: string }>) {
    const trx = loyaltyTables.of(handle);
    await returnRedeemed(trx, event.payload.orderId, event.payload.orderId);
  }

  /** share.clicked: a new visitor brought by someone else's share earns the sharer points, within a daily cap. */
  async function onShareClicked(handle: AnyExecutor, event: OutboxEvent<{ shareId: string; sharerId: string; visitorId?: string | null; userId?: string | null; isNewVisitor: boolean; selfClick: boolean }>) {
    const trx = loyaltyTables.of(handle);
    const { shareId, sharerId, isNewVisitor, selfClick } = event.payload;
    const visitor = event.payload.visitorId ?? event.payload.userId;
    if (!isNewVisitor || selfClick || !sharerId || !visitor) return;
    const [points, cap] = [await settings.get('sharing.shareClickPoints', trx), await settings.get('sharing.shareClickDailyCap', trx)];
    if (points <= 0 || cap <= 0) return;
    await lock(trx, sharerId); // serialise this sharer's clicks so the cap holds
    const now = clock.now();
    const dayStart = chinaDayStart(chinaDate(now));
    const used = await repo.sumDeltaSince(trx, sharerId, 'share_click', dayStart, addMs(dayStart, DAY_MS));
    const grant = Math.min(points, cap - used);
    if (grant <= 0) return;
    await credit(trx, { userId: sharerId, amount: grant, reason: 'share_click', ref: `share_click:${shareId}:${visitor}`, note: `share ${shareId}` });
  }

  // ---- jobs ------------------------------------------------------------------------------

  /** Job: sweep every member's expired lots (idempotent; each member in their own short transaction). */
  async function expirePoints() {
    let total = 0;
    for (;;) {
      const users = await repo.findUsersWithExpiredLots(db, clock.now(), 200);
      if (users.length === 0) break;
      for (const userId of users) {
        total += await db.transaction().execute(async (trx) => {
          await lock(trx, userId);
          return sweepExpired(trx, userId);
        });
      }
    }
    return total;
  }

  // ---- check-in --------------------------------------------------------------------------

  async function checkIn(userId: string) {
    return db.transaction().execute(async (trx) => {
      const now = clock.now();
      const today = chinaDate(now);
      const { account } = await lock(trx, userId);
      const already = () => conflict('LOYALTY_ALREADY_CHECKED_IN', 'You have already checked in today; come back tomorrow', { date: today });
      if (account.last_checkin_date === today) throw already();
      const streak = nextStreak(account.last_checkin_date, account.checkin_streak, today);
      const award = checkinAward(streak, {
        checkinPoints: await settings.get('loyalty.checkinPoints', trx),
        bonusEvery: await settings.get('loyalty.checkinStreakBonusEvery', trx),
        bonusPoints: await settings.get('loyalty.checkinStreakBonusPoints', trx),
      });
      const row = await repo.insertCheckin(trx, { user_id: userId, date: today, streak, points: award.points, bonus_points: award.bonus, created_at: now });
      if (!row) throw already();
      await repo.updateAccount(trx, userId, { checkin_streak: streak, last_checkin_date: today, updated_at: now });
      if (award.points > 0) await credit(trx, { userId, amount: award.points, reason: 'checkin', ref: `${userId}:${today}`, note: `check-in ${today}` });
      if (award.bonus > 0) await credit(trx, { userId, amount: award.bonus, reason: 'checkin_streak', ref: `${userId}:${today}`, note: `${streak}-day streak` });
      await publishEvent(trx, now, 'loyalty.checked_in', userId, { userId, date: today, streak, points: award.points, bonusPoints: award.bonus });
      const balance = (await repo.findAccount(trx, userId))!.balance;
      return { date: today, streak, points: award.points, bonusPoints: award.bonus, balance };
    });
  }

  async function getCheckins(userId: string) {
    const today = chinaDate(clock.now());
    const account = await repo.findAccount(db, userId);
    const month = today.slice(0, 7);
    const days = await repo.findCheckinDates(db, userId, `${month}-01`, `${month}-31`);
    const streak = account ? currentStreak(account.last_checkin_date, account.checkin_streak, today) : 0;
    const every = await settings.get('loyalty.checkinStreakBonusEvery');
    const checkedInToday = account?.last_checkin_date === today;
    // Check-ins until the next streak bonus (today's counts if not yet made).
    const nextBonusIn = every - (streak % every);
    return {
      today,
      streak,
      checkedInToday,
      month,
      days,
      pointsPerCheckin: await settings.get('loyalty.checkinPoints'),
      bonusEvery: every,
      bonusPoints: await settings.get('loyalty.checkinStreakBonusPoints'),
      nextBonusIn,
    };
  }

  // ---- reading --------------------------------------------------------------------------

  async function getAccount(userId: string) {
    const now = clock.now();
    const [account, tiers] = await Promise.all([repo.findAccount(db, userId), repo.findTiers(db)]);
    const growth = account?.growth_value ?? 0;
    const tier = tiers.find((t) => t.code === account?.tier_code) ?? tierFor(tiers, growth);
    const next = nextTierAfter(tiers, growth);
    const expiring = account ? await repo.findNextExpiry(db, userId, now) : null;
    const expiredUnswept = account ? await repo.sumExpiredUnswept(db, userId, now) : 0;
    return {
      userId,
      balance: (account?.balance ?? 0) - expiredUnswept,
      growthValue: growth,
      tier: tier ? presentTier(tier) : null,
      nextTier: next ? { ...presentTier(next), growthNeeded: next.minGrowth - growth } : null,
      expiring: expiring ? { points: expiring.points, at: expiring.at.toISOString() } : null,
      checkinStreak: account ? currentStreak(account.last_checkin_date, account.checkin_streak, chinaDate(now)) : 0,
      lastCheckinDate: account?.last_checkin_date ?? null,
    };
  }

  async function ledger(userId: string, page: { cursor?: string; limit: number }) {
    const after = decodeCursor<{ id: number }>(page.cursor);
    const rows = await repo.findEntriesPage(db, userId, typeof after?.id === 'number' ? after.id : undefined, page.limit);
    const items = rows.slice(0, page.limit);
    const last = items.at(-1);
    return { items: items.map(presentEntry), nextCursor: rows.length > page.limit && last ? encodeCursor({ id: last.id }) : null };
  }

  async function getPoints(userId: string, page: { cursor?: string; limit: number }) {
    return { ...(await getAccount(userId)), ledger: await ledger(userId, page) };
  }

  async function listTiers() {
    return (await repo.findTiers(db)).map(presentTier);
  }

  // ---- operators -------------------------------------------------------------------------

  async function ensureUser(userId: string) {
    if (deps.findUser) await deps.findUser(userId);
  }

  async function getAdminAccount(userId: string, page: { cursor?: string; limit: number }) {
    await ensureUser(userId);
    return getPoints(userId, page);
  }

  /** An operator adds or removes points (audited). Removing more than the balance is refused. */
  async function adjustPoints(actorId: string, userId: string, input: { delta: number; reason: string }) {
    if (!Number.isSafeInteger(input.delta) || input.delta === 0 || Math.abs(input.delta) > MAX_POINTS_DELTA) {
      throw invalid('LOYALTY_ADJUSTMENT_INVALID', `An adjustment is a non-zero whole number of points up to ${MAX_POINTS_DELTA}`, { delta: input.delta });
    }
    const reason = input.reason.trim();
    if (!reason) throw invalid('LOYALTY_ADJUSTMENT_REASON_REQUIRED', 'Say why the points are adjusted', { field: 'reason' });
    await ensureUser(userId);
    const ref = newId();
    await db.transaction().execute(async (trx) => {
      const now = clock.now();
      let entryId: number | undefined;
      if (input.delta > 0) {
        entryId = (await credit(trx, { userId, amount: input.delta, reason: 'adjustment', ref, note: reason })).entry?.id;
      } else {
        const result = await debit(trx, { userId, amount: -input.delta, reason: 'adjustment', ref, note: reason, mode: 'exact' });
        if (!result.ok) throw insufficient(-input.delta, result.balance);
        entryId = result.entry?.id;
      }
      await recordAudit(trx, now, { actorId, action: 'loyalty.points_adjusted', subjectType: 'user', subjectId: userId, details: { delta: input.delta, reason, entryId, ref } });
    });
    return getAccount(userId);
  }

  /** Create or replace a tier; every member is re-tiered in the same transaction. */
  async function putTier(actorId: string, code: string, input: Omit<Tier, 'code'>) {
    try {
      return await db.transaction().execute(async (trx) => {
        const now = clock.now();
        await repo.upsertTier(trx, { code, ...input }, now);
        const tiers = await repo.findTiers(trx);
        if (!tiers.some((t) => t.minGrowth === 0)) {
          throw unprocessable('LOYALTY_TIER_BASE_REQUIRED', 'One tier must start at growth 0, so every member has a tier', { code });
        }
        const changed = await repo.retierAll(trx, now);
        for (const c of changed) await publishEvent(trx, now, 'loyalty.tier_changed', c.user_id, { userId: c.user_id, from: c.from_code, to: c.to_code, growthValue: c.growth_value });
        await recordAudit(trx, now, { actorId, action: 'loyalty.tier_saved', subjectType: 'loyalty_tier', subjectId: code, details: { ...input, retiered: changed.length } });
        return presentTier(tiers.find((t) => t.code === code)!);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('LOYALTY_TIER_GROWTH_TAKEN', `Another tier already starts at growth ${input.minGrowth}`, { minGrowth: input.minGrowth });
      throw err;
    }
  }

  async function getTier(code: string) {
    const tier = (await repo.findTiers(db)).find((t) => t.code === code);
    if (!tier) throw notFound('LOYALTY_TIER_NOT_FOUND', 'No such tier', { code });
    return presentTier(tier);
  }

  return {
    grantPoints,
    reversePoints,
    getAccount,
    getPoints,
    ledger,
    listTiers,
    getTier,
    putTier,
    adjustPoints,
    getAdminAccount,
    checkIn,
    getCheckins,
    expirePoints,
    onOrderPaid,
    onOrderRefunded,
    onOrderCancelled,
    onShareClicked,
    pointsContributor,
    tierContributor,
  };
}

export type LoyaltyService = ReturnType<typeof createLoyaltyService>;
