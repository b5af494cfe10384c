// Loyalty: the points ledger (earn, spend, reverse, expire), daily check-in and growth tiers.
// Every balance change locks the member's account row, writes one ledger entry and moves lots in
// the caller's transaction, so the balance is always the sum of its entries and of its lots.
import type { Platform } from '../../platform/context.ts';
import { conflict, invalid, isUniqueViolation, notFound, unprocessable } from '../../platform/errors.ts';
import { publishEvent, type Executor, type OutboxEvent } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import { decodeCursor, encodeCursor } from '../../platform/schema.ts';
import { PRICING_STAGES, type PricingContributor } from '../checkout/index.ts';
import * as repo from './loyalty.repo.ts';
import {
  checkinAward,
  chinaDate,
  chinaDayStart,
  currentStreak,
  earningsForPayment,
  expiryJobRunAt,
  nextStreak,
  nextTierAfter,
  planLotConsumption,
  planReturnLots,
  pointsExpiry,
  pointsStep,
  refundShare,
  REVERSAL_REASON,
  tierFor,
  tierStep,
  type GrantReason,
  type PointReason,
  type Tier,
} from './loyalty.rules.ts';

export const EXPIRE_POINTS_JOB = 'loyalty.expire-points';
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

export interface ReverseResult {
  applied: boolean;
  reversed: number;
  /** What could not be reclaimed because the member had already spent it. */
  shortfall: number;
}

type Trx = Executor;

interface CreditInput {
  userId: string;
  amount: number;
  growth?: number;
  reason: PointReason;
  ref: string;
  note?: string | null;
  expiresAt?: Date;
  /** Explicit lots (returns keep the expiry of what was spent). */
  lots?: { amount: number; expiresAt: Date }[];
  baseAmount?: number | null;
  reversesEntryId?: number | null;
}

interface DebitInput {
  userId: string;
  amount: number;
  growth?: number;
  reason: PointReason;
  ref: string;
  note?: string | null;
  baseAmount?: number | null;
  reversesEntryId?: number | null;
  /** exact: all or nothing (spending); upTo: take what the balance allows, record the rest (reversals). */
  mode: 'exact' | 'upTo';
  preferLots?: number[];
}

const isWholePoints = (n: number) => Number.isSafeInteger(n) && n >= 0 && n <= MAX_POINTS_DELTA;

export function createLoyaltyService(p: Platform, deps: { findUser?: (userId: string) => Promise<unknown> } = {}) {
  const { db, clock, settings } = p;

  async function lock(trx: Trx, userId: string) {
    const tiers = await repo.findTiers(trx);
    const base = tierFor(tiers, 0)?.code ?? tiers[0]?.code ?? 'normal';
    const account = await repo.lockAccount(trx, userId, base, clock.now());
    return { account, tiers };
  }

  /** Growth moved: put the member in the tier it reaches and tell the rest of the system. */
  async function retier(trx: Trx, account: repo.AccountRow, tiers: Tier[]) {
    const tier = tierFor(tiers, account.growth_value);
    if (!tier || tier.code === account.tier_code) return account;
    const now = clock.now();
    const updated = await repo.updateAccount(trx, account.user_id, { tier_code: tier.code, updated_at: now });
    await publishEvent(trx, now, 'loyalty.tier_changed', account.user_id, { userId: account.user_id, from: account.tier_code, to: tier.code, growthValue: account.growth_value });
    return updated;
  }

  async function scheduleExpiry(trx: Trx, expiresAt: Date, now: Date) {
    const runAt = expiryJobRunAt(expiresAt);
    await scheduleJob(trx, { kind: EXPIRE_POINTS_JOB, payload: { date: chinaDate(runAt) }, runAt, dedupeKey: `loyalty-expire:${chinaDate(runAt)}`, now });
  }

  /** Add points (and growth) with their lots; a second credit with the same (reason, ref) is a no-op. */
  async function credit(trx: Trx, input: CreditInput): Promise<{ granted: boolean; entry?: repo.EntryRow }> {
    const now = clock.now();
    const { tiers } = await lock(trx, input.userId);
    if (await repo.findEntry(trx, input.reason, input.ref)) return { granted: false };
    const years = await settings.get('loyalty.expiryYears', trx);
    const lots = input.lots ?? (input.amount > 0 ? [{ amount: input.amount, expiresAt: input.expiresAt ?? pointsExpiry(now, years) }] : []);
    const growth = input.growth ?? 0;
    const updated = await repo.addToAccount(trx, input.userId, input.amount, growth, now);
    const earliest = lots.length ? new Date(Math.min(...lots.map((l) => l.expiresAt.getTime()))) : null;
    const entry = await repo.insertEntry(trx, {
      user_id: input.userId,
      delta: input.amount,
      growth_delta: growth,
      reason: input.reason,
      ref: input.ref,
      note: input.note ?? null,
      reverses_entry_id: input.reversesEntryId ?? null,
      base_amount: input.baseAmount ?? null,
      balance_after: updated.balance,
      created_at: now,
      expires_at: earliest,
    });
    for (const lot of lots) {
      if (lot.amount <= 0) continue;
      await repo.insertLot(trx, { user_id: input.userId, entry_id: entry.id, amount: lot.amount, expires_at: lot.expiresAt, created_at: now });
      await scheduleExpiry(trx, lot.expiresAt, now);
    }
    if (growth !== 0) await retier(trx, updated, tiers);
    return { granted: true, entry };
  }

  /** Take points from lots, soonest-expiring first, recording which lots paid for the entry. */
  async function consumeLots(trx: Trx, userId: string, entryId: number, amount: number, prefer: number[] = []) {
    if (amount <= 0) return;
    const lots = await repo.lockOpenLots(trx, userId);
    const plan = planLotConsumption(lots.map((l) => ({ id: l.id, remaining: l.remaining, expiresAt: l.expires_at })), amount, prefer);
    const planned = plan.reduce((s, x) => s + x.amount, 0);
    if (planned !== amount) throw new Error(`points lots of ${userId} hold ${planned}, not the ${amount} the balance promised`);
    for (const x of plan) await repo.takeFromLot(trx, x.lotId, x.amount);
    await repo.insertLotSpends(trx, plan.map((x) => ({ entry_id: entryId, lot_id: x.lotId, amount: x.amount })));
  }

  /** Lots past their expiry leave the balance with an `expired` entry per expiry instant. Account locked by the caller. */
  async function sweepExpired(trx: Trx, userId: string) {
    const now = clock.now();
    const lots = (await repo.lockOpenLots(trx, userId)).filter((l) => l.expires_at <= now);
    if (lots.length === 0) return 0;
    const groups = new Map<number, typeof lots>();
    for (const l of lots) groups.set(l.expires_at.getTime(), [...(groups.get(l.expires_at.getTime()) ?? []), l]);
    let total = 0;
    for (const [at, group] of [...groups].sort((a, b) => a[0] - b[0])) {
      const amount = group.reduce((s, l) => s + l.remaining, 0);
      const updated = await repo.addToAccount(trx, userId, -amount, 0, now);
      const entry = await repo.insertEntry(trx, {
        user_id: userId,
        delta: -amount,
        reason: 'expired',
        ref: `${userId}:${new Date(at).toISOString()}:${group[0].id}`,
        note: `points that expired at ${new Date(at).toISOString()}`,
        reverses_entry_id: null,
        base_amount: null,
        balance_after: updated.balance,
        created_at: now,
        expires_at: null,
      });
      for (const l of group) await repo.takeFromLot(trx, l.id, l.remaining);
      await repo.insertLotSpends(trx, group.map((l) => ({ entry_id: entry.id, lot_id: l.id, amount: l.remaining })));
      total += amount;
    }
    return total;
  }

  /** Remove points. `exact` refuses unless the balance covers it (conditional update); `upTo` takes what is there. */
  async function debit(trx: Trx, input: DebitInput): Promise<{ ok: true; applied: boolean; taken: number; shortfall: number; entry?: repo.EntryRow } | { ok: false; balance: number }> {
    const now = clock.now();
    const { account: locked, tiers } = await lock(trx, input.userId);
    if (await repo.findEntry(trx, input.reason, input.ref)) return { ok: true, applied: false, taken: 0, shortfall: 0 };
    await sweepExpired(trx, input.userId);
    const growth = input.growth ?? 0;
    let taken: number;
    let account: repo.AccountRow;
    if (input.mode === 'exact') {
      const spent = await repo.spendFromAccount(trx, input.userId, input.amount, now);
      if (!spent) return { ok: false, balance: (await repo.findAccount(trx, input.userId))?.balance ?? locked.balance };
      taken = input.amount;
      account = growth ? await repo.addToAccount(trx, input.userId, 0, growth, now) : spent;
    } else {
      const current = (await repo.findAccount(trx, input.userId))!;
      taken = Math.min(input.amount, current.balance);
      account = await repo.addToAccount(trx, input.userId, -taken, growth, now);
    }
    const shortfall = input.amount - taken;
    const entry = await repo.insertEntry(trx, {
      user_id: input.userId,
      delta: -taken,
      growth_delta: growth,
      reason: input.reason,
      ref: input.ref,
      note: [input.note, shortfall > 0 ? `${shortfall} points could not be reclaimed: the balance was already spent` : null].filter(Boolean).join('; ') || null,
      shortfall,
      reverses_entry_id: input.reversesEntryId ?? null,
      base_amount: input.baseAmount ?? null,
      balance_after: account.balance,
      created_at: now,
      expires_at: null,
    });
    await consumeLots(trx, input.userId, entry.id, taken, input.preferLots);
    if (growth !== 0) await retier(trx, account, tiers);
    return { ok: true, applied: true, taken, shortfall, entry };
  }

  // ---- what other modules call -----------------------------------------------------------

  /** Grant points once per (reason, ref), in the caller's transaction. */
  async function grantPoints(trx: Trx, input: GrantInput): Promise<{ granted: boolean }> {
    if (!isWholePoints(input.amount)) throw new RangeError(`points must be a whole number between 0 and ${MAX_POINTS_DELTA}`);
    if (input.amount === 0) return { granted: false };
    const { granted } = await credit(trx, { userId: input.userId, amount: input.amount, reason: input.reason, ref: input.ref, expiresAt: input.expiresAt, note: input.note });
    return { granted };
  }

  /**
   * Take back (part of) a grant, in the caller's transaction: up to what was granted and not yet
   * reversed, and never more than the balance; what could not be reclaimed is recorded as shortfall.
   */
  async function reversePoints(trx: Trx, input: ReverseInput & { growth?: number }): Promise<ReverseResult> {
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
  async function onOrderPaid(trx: Trx, event: OutboxEvent<{ orderId: string; userId: string; totalAmount: number }>) {
    const { orderId, userId, totalAmount } = event.payload;
    const { points, growth } = earningsForPayment(totalAmount, await settings.get('loyalty.pointsPerYuan', trx));
    if (points === 0 && growth === 0) return;
    await credit(trx, { userId, amount: points, growth, reason: 'order_paid', ref: orderId, baseAmount: totalAmount, note: `order ${orderId} paid` });
  }

  /** order.refunded: take back earned points and growth in proportion, and return spent points in proportion. */
  async function onOrderRefunded(trx: Trx, event: OutboxEvent<{ orderId: string; userId: string; refundId: string; amount: number; refundedTotal: number; full: boolean }>) {
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
  async function onOrderCancelled(trx: Trx, event: OutboxEvent<{ orderId: string }>) {
    await returnRedeemed(trx, event.payload.orderId, event.payload.orderId);
  }

  /** share.clicked: a new visitor brought by someone else's share earns the sharer points, within a daily cap. */
  async function onShareClicked(trx: Trx, event: OutboxEvent<{ shareId: string; sharerId: string; visitorId?: string | null; userId?: string | null; isNewVisitor: boolean; selfClick: boolean }>) {
    const { shareId, sharerId, isNewVisitor, selfClick } = event.payload;
    const visitor = event.payload.visitorId ?? event.payload.userId;
    if (!isNewVisitor || selfClick || !sharerId || !visitor) return;
    const [points, cap] = [await settings.get('sharing.shareClickPoints', trx), await settings.get('sharing.shareClickDailyCap', trx)];
    if (points <= 0 || cap <= 0) return;
    await lock(trx, sharerId); // serialise this sharer's clicks so the cap holds
    const now = clock.now();
    const dayStart = chinaDayStart(chinaDate(now));
    const used = await repo.sumDeltaSince(trx, sharerId, 'share_click', dayStart, new Date(dayStart.getTime() + 86_400_000));
    const grant = Math.min(points, cap - used);
    if (grant <= 0) return;
    await credit(trx, { userId: sharerId, amount: grant, reason: 'share_click', ref: `share_click:${shareId}:${visitor}`, note: `share ${shareId}` });
  }

  // ---- checkout -------------------------------------------------------------------------

  async function spendableBalance(executor: Executor, userId: string) {
    const account = await repo.findAccount(executor, userId);
    if (!account) return 0;
    return account.balance - (await repo.sumExpiredUnswept(executor, userId, clock.now()));
  }

  const insufficient = (requested: number, balance: number) =>
    unprocessable('LOYALTY_POINTS_INSUFFICIENT', `You asked to use ${requested} points but have ${balance}`, { requested, balance });

  const pointsContributor: PricingContributor = {
    code: 'points',
    stage: PRICING_STAGES.points,
    async prepare(executor, request) {
      const requested = request.options.usePoints ?? 0;
      if (!request.userId || requested <= 0) return [];
      const balance = await spendableBalance(executor, request.userId);
      if (requested > balance) throw insufficient(requested, balance);
      const pointValueFen = await settings.get('loyalty.pointValueFen', executor);
      const maxDeductionPercent = await settings.get('loyalty.maxDeductionPercent', executor);
      return [pointsStep(requested, balance, { pointValueFen, maxDeductionPercent })];
    },
    async commit(trx, { orderId, userId, quote }) {
      const line = quote.adjustments.find((a) => a.step === 'points');
      if (!line) return;
      const points = Number(line.ref);
      if (!Number.isSafeInteger(points) || points <= 0) return;
      const result = await debit(trx, { userId, amount: points, reason: 'redeemed', ref: orderId, baseAmount: quote.totalAmount, note: `spent on order ${orderId}`, mode: 'exact' });
      if (!result.ok) throw insufficient(points, result.balance);
    },
  };

  const tierContributor: PricingContributor = {
    code: 'tier',
    stage: PRICING_STAGES.tier,
    async prepare(executor, request) {
      if (!request.userId) return [];
      const account = await repo.findAccount(executor, request.userId);
      if (!account) return [];
      const tier = (await repo.findTiers(executor)).find((t) => t.code === account.tier_code);
      if (!tier || (tier.discountBp >= 10_000 && !tier.freeShipping)) return [];
      return [tierStep(tier)];
    },
  };

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

  const presentTier = (t: Tier) => ({ code: t.code, name: t.name, nameEn: t.nameEn, minGrowth: t.minGrowth, discountBp: t.discountBp, freeShipping: t.freeShipping, sort: t.sort });

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

  const presentEntry = (e: repo.EntryRow) => ({
    id: String(e.id),
    delta: e.delta,
    growthDelta: e.growth_delta,
    reason: e.reason,
    ref: e.ref,
    note: e.note,
    shortfall: e.shortfall,
    balanceAfter: e.balance_after,
    createdAt: e.created_at.toISOString(),
    expiresAt: e.expires_at ? e.expires_at.toISOString() : null,
  });

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
      await trx
        .insertInto('audit_log')
        .values({ actor_id: actorId, action: 'loyalty.points_adjusted', subject_type: 'user', subject_id: userId, details: JSON.stringify({ delta: input.delta, reason, entryId, ref }), at: now })
        .execute();
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
        await trx
          .insertInto('audit_log')
          .values({ actor_id: actorId, action: 'loyalty.tier_saved', subject_type: 'loyalty_tier', subject_id: code, details: JSON.stringify({ ...input, retiered: changed.length }), at: now })
          .execute();
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
