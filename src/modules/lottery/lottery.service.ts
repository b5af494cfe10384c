// Lucky draws (抽奖): a published prize pool with weights and per-prize stock, daily free chances
// and extra chances earned by shares that bring new visitors and by successful invites. A draw
// consumes a chance, picks by weight with a server-side random value, takes prize stock by a
// conditional update (falling back to "nothing" when it ran out meanwhile), records r and the
// prize table it used so the draw can be audited, and grants a coupon or points in the same
// transaction. Rules and prizes lock once the draw starts.
import { randomInt } from 'node:crypto';
import { recordAudit } from '../../platform/audit.ts';
import { chinaDate } from '../../platform/clock.ts';
import { conflict, DomainError, invalid, isUniqueViolation, notFound, unprocessable } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { presentDraw, presentEntry } from './lottery.present.ts';
import * as repo from './lottery.repo.ts';
import { openForShoppers, type CampaignsService } from '../campaigns/index.ts';
import { pickPrize, poolProblem, type PrizeInput, type SnapshotPrize } from './lottery.rules.ts';
import { lotteryTables, type LotteryDb, type LotteryPlatform } from './lottery.table.ts';
import type { AnyExecutor } from '../../platform/tables.ts';

/** How prizes reach a winner: coupons and points, both idempotent on a ref (`lottery:<entryId>`). */
export interface LotteryRewards {
  grantCoupon(trx: LotteryDb, x: { userId: string; templateId: string; ref: string }): Promise<void>;
  grantPoints(trx: LotteryDb, x: { userId: string; amount: number; ref: string }): Promise<void>;
}

export interface LotteryDeps {
  rewards: LotteryRewards;
  /** The campaign kernel: lifecycle, rule lock, prize budget and audience. */
  campaigns: CampaignsService;
  /** Random values in [0,1); crypto-backed by default, seeded in tests. */
  random?: () => number;
  /** Fraud screening (risk) of a draw, before its transaction: throws to refuse it. */
  screenDraw?(userId: string, drawId: string): Promise<void>;
  /** Fraud screening of earned chances, in the grant's transaction: false holds or blocks them. */
  screenChance?(trx: LotteryDb, g: { drawId: string; userId: string; amount: number; ref: string }): Promise<boolean>;
}

interface DrawInput {
  name: string;
  /** Optional English name; null or "" for none. */
  nameEn?: string | null;
  rulesText: string;
  startsAt: string;
  endsAt: string;
  dailyFreeChances?: number;
  shareChances?: number;
  shareDailyCap?: number;
  inviteChances?: number;
  inviteDailyCap?: number;
  prizes: PrizeInput[];
}

const cryptoRandom = () => randomInt(0, 2 ** 47) / 2 ** 47;

const isRunning = (d: repo.DrawRow, now: Date) => openForShoppers({ status: d.status, startsAt: d.starts_at, endsAt: d.ends_at }, now);

/** The prize rows for a pool as entered: only the fields its kind uses, stock only on real prizes. */
function prizeRows(drawId: string, prizes: PrizeInput[]) {
  return prizes.map((x, i) => ({
    id: newId(),
    draw_id: drawId,
    position: i,
    name: x.name.trim(),
    kind: x.kind,
    template_id: x.kind === 'coupon' ? x.templateId ?? null : null,
    points: x.kind === 'points' ? x.points ?? null : null,
    sku_id: x.kind === 'product' ? x.skuId ?? null : null,
    weight: x.weight,
    stock_total: x.kind === 'nothing' ? null : x.stock ?? null,
    stock_left: x.kind === 'nothing' ? null : x.stock ?? null,
    value_amount: x.valueAmount ?? 0,
    currency: 'CNY',
  }));
}

function drawValues(input: DrawInput) {
  return {
    name: input.name.trim(),
    name_en: input.nameEn?.trim() || null,
    rules_text: input.rulesText.trim(),
    starts_at: new Date(input.startsAt),
    ends_at: new Date(input.endsAt),
    daily_free_chances: input.dailyFreeChances ?? 1,
    share_chances: input.shareChances ?? 1,
    share_daily_cap: input.shareDailyCap ?? 3,
    invite_chances: input.inviteChances ?? 2,
    invite_daily_cap: input.inviteDailyCap ?? 10,
  };
}

export function createLotteryService(p: LotteryPlatform, deps: LotteryDeps) {
  const { db, clock } = p;
  const random = deps.random ?? cryptoRandom;

  // ---- draws (operator) -----------------------------------------------------------------------
  async function checkPool(trx: LotteryDb, input: DrawInput) {
    if (new Date(input.startsAt) >= new Date(input.endsAt)) throw invalid('LOTTERY_WINDOW_INVALID', 'The draw must end after it starts');
    const cap = await p.settings.get('lottery.maxPrizeValueAmount', trx);
    const problem = poolProblem(input.prizes, cap);
    if (problem) throw new DomainError(problem.code === 'LOTTERY_PRIZE_VALUE_CAP' ? 'unprocessable' : 'validation', problem.code, problem.message, problem.details);
  }

  async function createDraw(actorId: string | null, input: DrawInput) {
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      await checkPool(trx, input);
      const d = await repo.insertDraw(trx, { id: newId(), status: 'draft', created_at: now, updated_at: now, ...drawValues(input) });
      await deps.campaigns.enrol(trx, { id: d.id, mechanic: 'lottery', name: d.name, startsAt: d.starts_at, endsAt: d.ends_at, actorId });
      await repo.replacePrizes(trx, d.id, prizeRows(d.id, input.prizes));
      await recordAudit(trx, now, { actorId, action: 'lottery.draw_created', subjectType: 'lottery_draw', subjectId: d.id, details: { name: d.name } });
      await publishEvent(trx, now, 'lottery.draw_created', d.id, { drawId: d.id });
      return d;
    });
  }

  /** Replace the rules and prize pool: refused once the draw has started. */
  async function updateDraw(actorId: string | null, id: string, input: DrawInput) {
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      await requireDraw(trx, id);
      await deps.campaigns.assertRulesEditable(trx, id);
      await checkPool(trx, input);
      const updated = await repo.updateDraw(trx, id, { ...drawValues(input), updated_at: now });
      await deps.campaigns.revise(trx, id, { name: updated.name, startsAt: updated.starts_at, endsAt: updated.ends_at });
      await repo.replacePrizes(trx, id, prizeRows(id, input.prizes));
      await recordAudit(trx, now, { actorId, action: 'lottery.draw_updated', subjectType: 'lottery_draw', subjectId: id });
      return updated;
    });
  }

  // The lifecycle is the campaign kernel's; lottery.mechanic.ts mirrors it on the draw row.
  async function setStatus(actorId: string | null, id: string, status: 'active' | 'ended') {
    await requireDraw(db, id);
    await deps.campaigns.act(actorId, id, status === 'active' ? 'start' : 'end');
    return requireDraw(db, id);
  }

  async function requireDraw(executor: LotteryDb, id: string) {
    const d = await repo.findDraw(executor, id);
    if (!d) throw notFound('LOTTERY_DRAW_NOT_FOUND', 'No such draw', { id });
    return d;
  }

  async function getDraw(id: string) {
    const d = await requireDraw(db, id);
    return presentDraw(d, await repo.findPrizes(db, id));
  }

  /** Public page: published draws only (drafts are 404). */
  async function getPublicDraw(id: string) {
    const d = await requireDraw(db, id);
    if (d.status === 'draft') throw notFound('LOTTERY_DRAW_NOT_FOUND', 'No such draw', { id });
    return presentDraw(d, await repo.findPrizes(db, id));
  }

  async function listDraws(filter: { publishedOnly?: boolean } = {}) {
    const draws = await repo.findDraws(db, { activeOnly: filter.publishedOnly });
    const prizes = await repo.findPrizesOfDraws(db, draws.map((d) => d.id));
    return draws.map((d) => presentDraw(d, prizes.filter((x) => x.draw_id === d.id)));
  }

  // ---- chances ----------------------------------------------------------------------------------
  /**
   * Extra chances, once per ref; share and invite grants respect the draw's daily caps. The ref is
   * claimed first (unique per draw), then the cap counter is taken by a conditional upsert, so a
   * redelivered event spends nothing and concurrent deliveries never pass the cap together.
   */
  async function grantChances(trx: LotteryDb, g: { drawId: string; userId: string; amount: number; source: 'share' | 'invite' | 'operator'; ref: string }) {
    const now = clock.now();
    const day = chinaDate(now);
    const d = await requireDraw(trx, g.drawId);
    if (g.amount <= 0) return { granted: 0 };
    if (g.source !== 'operator' && deps.screenChance && !(await deps.screenChance(trx, g))) return { granted: 0 };
    const grant = await repo.insertChanceGrant(trx, { draw_id: g.drawId, user_id: g.userId, source: g.source, ref: g.ref, day, amount: g.amount, created_at: now });
    if (!grant) return { granted: 0 };
    let amount = g.amount;
    if (g.source !== 'operator') {
      const cap = g.source === 'share' ? d.share_daily_cap : d.invite_daily_cap;
      amount = cap > 0 ? await repo.takeDailyAllowance(trx, { drawId: g.drawId, userId: g.userId, source: g.source, day, amount: g.amount, cap }) : 0;
      if (amount === 0) {
        await repo.deleteChanceGrant(trx, grant.id);
        return { granted: 0 };
      }
      if (amount < g.amount) await repo.updateChanceGrantAmount(trx, grant.id, amount);
    }
    await repo.addChances(trx, g.drawId, g.userId, amount, now);
    await publishEvent(trx, now, 'lottery.chances_granted', g.drawId, { drawId: g.drawId, userId: g.userId, amount, source: g.source, ref: g.ref });
    return { granted: amount };
  }

  async function grantChancesNow(actorId: string | null, drawId: string, userId: string, amount: number, ref?: string) {
    return db.transaction().execute(async (trx) => {
      const r = await grantChances(trx, { drawId, userId, amount, source: 'operator', ref: ref ?? `operator:${newId()}` });
      await recordAudit(trx, clock.now(), { actorId, action: 'lottery.chances_granted', subjectType: 'lottery_draw', subjectId: drawId, details: { userId, amount } });
      return r;
    });
  }

  /**
   * share.clicked: a share of a lottery draw page (target `lottery`) that brought a new visitor
   * (never the sharer's own click) earns the sharer `shareChances` on that draw, capped per day.
   * Shares of other things do not count: the draw rewards bringing people to the draw.
   */
  async function onShareClicked(handle: AnyExecutor, e: { shareId: string; sharerId: string; targetType: string; targetId: string; visitorId: string; isNewVisitor: boolean; selfClick: boolean }) {
    const trx = lotteryTables.of(handle);
    if (e.targetType !== 'lottery' || !e.isNewVisitor || e.selfClick) return;
    const d = await repo.findDraw(trx, e.targetId);
    if (!d || !isRunning(d, clock.now()) || d.share_chances <= 0) return;
    await grantChances(trx, { drawId: d.id, userId: e.sharerId, amount: d.share_chances, source: 'share', ref: `share:${e.shareId}:${e.visitorId}` });
  }

  /** referral.qualified: the inviter earns `inviteChances` on every running draw, capped per day. */
  async function onReferralQualified(handle: AnyExecutor, e: { referralId: string; inviterId: string }) {
    const trx = lotteryTables.of(handle);
    const draws = await repo.findRunningDraws(trx, clock.now());
    for (const d of draws) {
      if (d.invite_chances > 0) await grantChances(trx, { drawId: d.id, userId: e.inviterId, amount: d.invite_chances, source: 'invite', ref: `invite:${e.referralId}` });
    }
  }

  // ---- drawing ----------------------------------------------------------------------------------
  async function draw(userId: string, drawId: string, idempotencyKey: string | null) {
    if (idempotencyKey) {
      const existing = await repo.findEntryByIdempotencyKey(db, drawId, userId, idempotencyKey);
      if (existing) return { created: false, entry: presentEntry(existing) };
    }
    if (deps.screenDraw && (await repo.findDraw(db, drawId))) await deps.screenDraw(userId, drawId);
    const r = random();
    try {
      const entry = await db.transaction().execute(async (trx) => {
        const now = clock.now();
        const day = chinaDate(now);
        const d = await requireDraw(trx, drawId);
        if (!isRunning(d, now)) throw unprocessable('LOTTERY_NOT_RUNNING', 'This draw is not running', { drawId });
        await deps.campaigns.mayTakePart(trx, drawId, userId);
        // 1. a chance: today's free ones first (per-user-per-day counter), then the extra ledger.
        let chance: 'free' | 'extra' | null = null;
        if (d.daily_free_chances > 0 && (await repo.takeFreeChance(trx, drawId, userId, day, d.daily_free_chances))) chance = 'free';
        if (!chance && (await repo.takeExtraChance(trx, drawId, userId, now))) chance = 'extra';
        if (!chance) throw unprocessable('LOTTERY_NO_CHANCES', 'No chances left today: share the draw or invite a friend for more', { drawId });
        // 2. pick by weight among prizes with stock left, 3. take stock (fall back to nothing when it ran out meanwhile).
        const prizes = await repo.findPrizes(trx, drawId);
        const snapshot: SnapshotPrize[] = prizes.filter((x) => x.stock_left === null || x.stock_left > 0).map((x) => ({ id: x.id, kind: x.kind, name: x.name, weight: x.weight }));
        const picked = pickPrize(snapshot, r);
        let won: repo.PrizeRow | null = picked ? prizes.find((x) => x.id === picked.id)! : null;
        let fellBack = false;
        if (won && won.stock_left !== null && !(await repo.takePrizeStock(trx, won.id))) {
          fellBack = true;
          won = prizes.find((x) => x.kind === 'nothing') ?? null;
        }
        const entryId = newId();
        // The prize's market value is the campaign's cost; past the budget the draw gives nothing.
        if (won && won.kind !== 'nothing' && won.value_amount > 0) {
          const paid = await deps.campaigns.trySpend(trx, { campaignId: drawId, kind: 'prize', amount: won.value_amount, ref: `entry:${entryId}`, userId, note: won.name });
          if (!paid) {
            if (won.stock_left !== null) await repo.returnPrizeStock(trx, won.id);
            fellBack = true;
            won = prizes.find((x) => x.kind === 'nothing') ?? null;
          }
        }
        const kind = won?.kind ?? 'nothing';
        const status = kind === 'nothing' ? 'nothing' : kind === 'product' ? 'to_fulfil' : 'granted';
        const row = await repo.insertEntry(trx, {
          id: entryId,
          draw_id: drawId,
          user_id: userId,
          day,
          chance,
          random_value: r,
          snapshot: JSON.stringify(snapshot),
          picked_prize_id: picked?.id ?? null,
          prize_id: won?.id ?? null,
          prize_kind: kind,
          prize_name: won?.name ?? '谢谢参与',
          fell_back: fellBack,
          status,
          idempotency_key: idempotencyKey,
          created_at: now,
          fulfilled_at: null,
        });
        // 4. grant in the same transaction, idempotent on the entry.
        if (won?.kind === 'coupon' && won.template_id) await deps.rewards.grantCoupon(trx, { userId, templateId: won.template_id, ref: `lottery:${entryId}` });
        if (won?.kind === 'points' && won.points) await deps.rewards.grantPoints(trx, { userId, amount: won.points, ref: `lottery:${entryId}` });
        await publishEvent(trx, now, 'lottery.drawn', entryId, { entryId, drawId, userId, prizeId: row.prize_id, prizeKind: kind, status, chance, randomValue: r, fellBack });
        return row;
      });
      return { created: true, entry: presentEntry(entry) };
    } catch (err) {
      if (idempotencyKey && isUniqueViolation(err, 'lottery_entries_idempotency')) {
        const existing = await repo.findEntryByIdempotencyKey(db, drawId, userId, idempotencyKey);
        if (existing) return { created: false, entry: presentEntry(existing) };
      }
      throw err;
    }
  }

  /** Chances left today and my wins. */
  async function myDraw(userId: string, drawId: string) {
    const d = await requireDraw(db, drawId);
    if (d.status === 'draft') throw notFound('LOTTERY_DRAW_NOT_FOUND', 'No such draw', { id: drawId });
    const day = chinaDate(clock.now());
    const used = await repo.findFreeChancesUsed(db, drawId, userId, day);
    const extra = await repo.findExtraChances(db, drawId, userId);
    const entries = await repo.findEntriesOfUser(db, drawId, userId);
    const freeLeft = Math.max(0, d.daily_free_chances - used);
    return {
      drawId,
      freeChancesLeft: freeLeft,
      extraChances: extra,
      chancesLeft: freeLeft + extra,
      draws: entries.length,
      wins: entries.filter((e) => e.status !== 'nothing').map(presentEntry),
    };
  }

  async function results(drawId: string, filter: { status?: repo.EntryStatus; limit: number }) {
    await requireDraw(db, drawId);
    const rows = await repo.findEntriesOfDraw(db, drawId, filter);
    const byPrize = await repo.countEntriesByPrize(db, drawId);
    return { totals: byPrize.map((b) => ({ prizeId: b.prize_id, name: b.prize_name, kind: b.prize_kind, count: b.n })), items: rows.map(presentEntry) };
  }

  /** Recompute a draw's prize from its stored r and snapshot. */
  async function auditEntry(entryId: string) {
    const e = await repo.findEntry(db, entryId);
    if (!e) throw notFound('LOTTERY_ENTRY_NOT_FOUND', 'No such draw result', { id: entryId });
    const recomputed = pickPrize(e.snapshot, e.random_value);
    const matches = (recomputed?.id ?? null) === e.picked_prize_id && (e.fell_back || e.prize_id === e.picked_prize_id);
    return { entry: presentEntry(e), randomValue: e.random_value, snapshot: e.snapshot, pickedPrizeId: e.picked_prize_id, recomputedPrizeId: recomputed?.id ?? null, fellBack: e.fell_back, matches };
  }

  /** An operator marks a product win as sent. */
  async function fulfil(actorId: string | null, entryId: string) {
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      const e = await repo.updateEntryFulfilled(trx, entryId, now);
      if (!e) throw conflict('LOTTERY_NOT_TO_FULFIL', 'This result is not waiting for fulfilment', { id: entryId });
      await recordAudit(trx, now, { actorId, action: 'lottery.prize_fulfilled', subjectType: 'lottery_entry', subjectId: entryId });
      await publishEvent(trx, now, 'lottery.prize_fulfilled', entryId, { entryId, drawId: e.draw_id, userId: e.user_id, prizeId: e.prize_id });
      return presentEntry(e);
    });
  }

  /** Share target `lottery`: the draw page. */
  async function resolveShareTarget(executor: LotteryDb, id: string) {
    const d = await repo.findDraw(executor, id);
    if (!d || d.status === 'draft') return null;
    return { url: `/lottery/${d.id}`, title: `来抽奖：${d.name}`, image: null, price: null, campaignId: null };
  }

  return { createDraw, updateDraw, setStatus, getDraw, getPublicDraw, listDraws, grantChances, grantChancesNow, onShareClicked, onReferralQualified, draw, myDraw, results, auditEntry, fulfil, resolveShareTarget };
}

export type LotteryService = ReturnType<typeof createLotteryService>;
