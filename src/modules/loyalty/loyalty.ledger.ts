// The points ledger's core: every balance change locks the member's account row, writes one
// ledger entry and moves lots in the caller's transaction, so the balance is always the sum of its
// entries and of its lots. Credits and debits are idempotent on (reason, ref).
import { unprocessable } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import * as repo from './loyalty.repo.ts';
import { chinaDate, expiryJobRunAt, planLotConsumption, pointsExpiry, tierFor, type PointReason, type Tier } from './loyalty.rules.ts';
import type { LoyaltyDb, LoyaltyPlatform } from './loyalty.table.ts';

export const EXPIRE_POINTS_JOB = 'loyalty.expire-points';

type Trx = LoyaltyDb;

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

/** The refusal when a member's balance does not cover points they spend or an operator removes. */
export const insufficient = (requested: number, balance: number) =>
  unprocessable('LOYALTY_POINTS_INSUFFICIENT', `You asked to use ${requested} points but have ${balance}`, { requested, balance });

export function createPointsLedger(p: LoyaltyPlatform) {
  const { clock, settings } = p;

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

  return { lock, credit, debit, sweepExpired };
}

export type PointsLedger = ReturnType<typeof createPointsLedger>;
