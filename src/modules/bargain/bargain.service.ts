// Price-cut campaigns (砍价 / 助力): a shopper starts a price-cut on a campaign's SKU, friends help
// cut it (a random split that lands on the floor exactly at the N-th help; helps serialise on the
// price-cut row), and the shopper buys at the current price (or only at the floor) through the
// order placement, which takes one unit of campaign stock in the same transaction.
import { randomInt } from 'node:crypto';
import { recordAudit } from '../../platform/audit.ts';
import { addMs, chinaDate } from '../../platform/clock.ts';
import { conflict, DomainError, invalid, isUniqueViolation, notFound, unprocessable } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { maskName } from '../../platform/mask.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import { money } from '../../platform/money.ts';
import { openForShoppers, type CampaignsService } from '../campaigns/index.ts';
import type { CampaignPlacement, PlaceOrder } from '../orders/index.ts';
import { presentCutSummary } from './bargain.present.ts';
import * as repo from './bargain.repo.ts';
import { campaignProblem, canBuyAt, cutAmount, isBrandNewCustomer, progressPercent, STARTER_SEQ, starterCutAmount, type BuyMode, type RandomSource } from './bargain.rules.ts';
import { bargainTables, type BargainDb, type BargainPlatform } from './bargain.table.ts';
import type { AnyExecutor } from '../../platform/tables.ts';

// The routes present campaigns through the service module.

export const EXPIRE_CUT_JOB = 'bargain.expire-cut';

export interface BargainDeps {
  /** The SKU's product, title, image and list price (catalog). */
  describeSku(skuId: string): Promise<{ productId: string; title: string; titleEn?: string | null; image: string | null; priceAmount: number; currency: string } | null>;
  displayNames(executor: BargainDb, userIds: string[]): Promise<Map<string, string>>;
  /** Facts to tell a brand-new customer: when the account was made and whether it ever paid an order. */
  customerFacts(userId: string): Promise<{ createdAt: Date; hasPaidOrder: boolean }>;
  placeOrder: PlaceOrder;
  /** The campaign kernel: lifecycle, rule lock, budget and audience. */
  campaigns: CampaignsService;
  /** Random values in [0,1) for the split; crypto-backed by default, seeded in tests. */
  random?: RandomSource;
  /** Fraud screening of a help (risk): throws to refuse it. */
  screenHelp?(helperId: string, cut: { campaignId: string; ownerId: string; amount: number; currency: string }): Promise<void>;
}

interface CampaignInput {
  name: string;
  /** Optional English name; null or "" for none. */
  nameEn?: string | null;
  skuId: string;
  originalAmount?: number;
  floorAmount: number;
  helpersNeeded: number;
  expiryHours?: number;
  stock: number;
  helperDailyLimit?: number;
  buyMode?: BuyMode;
  payWithinMinutes?: number;
  startsAt?: string | null;
  endsAt?: string | null;
}

const cryptoRandom: RandomSource = () => randomInt(0, 2 ** 47) / 2 ** 47;

const isRunning = (c: repo.CampaignRow, now: Date) => openForShoppers({ status: c.status, startsAt: c.starts_at, endsAt: c.ends_at }, now);

const expired = (cutId: string) => new DomainError('gone', 'BARGAIN_EXPIRED', 'This price-cut has expired', { cutId });

export function createBargainService(p: BargainPlatform, deps: BargainDeps) {
  const { db, clock } = p;
  const random = deps.random ?? cryptoRandom;

  // ---- campaigns (operator) -------------------------------------------------------------------
  /** The campaign's columns from the input, after the checks creating and editing share. */
  async function checkedColumns(input: CampaignInput) {
    const sku = await deps.describeSku(input.skuId);
    if (!sku) throw notFound('BARGAIN_SKU_NOT_FOUND', 'No such SKU', { skuId: input.skuId });
    const originalAmount = input.originalAmount ?? sku.priceAmount;
    const problem = campaignProblem({ originalAmount, floorAmount: input.floorAmount, helpersNeeded: input.helpersNeeded });
    if (problem) throw invalid('BARGAIN_CAMPAIGN_INVALID', problem);
    if (input.startsAt && input.endsAt && new Date(input.startsAt) >= new Date(input.endsAt)) throw invalid('BARGAIN_CAMPAIGN_INVALID', 'The campaign must end after it starts');
    return {
      name: input.name.trim(),
      name_en: input.nameEn?.trim() || null,
      sku_id: input.skuId,
      product_id: sku.productId,
      title: sku.title,
      title_en: sku.titleEn ?? null,
      image: sku.image,
      currency: sku.currency,
      original_amount: originalAmount,
      floor_amount: input.floorAmount,
      helpers_needed: input.helpersNeeded,
      expiry_hours: input.expiryHours ?? 24,
      stock_total: input.stock,
      stock_left: input.stock,
      helper_daily_limit: input.helperDailyLimit ?? 3,
      buy_mode: input.buyMode ?? 'any_time',
      pay_within_minutes: input.payWithinMinutes ?? 30,
      starts_at: input.startsAt ? new Date(input.startsAt) : null,
      ends_at: input.endsAt ? new Date(input.endsAt) : null,
    };
  }

  async function createCampaign(actorId: string | null, input: CampaignInput) {
    const columns = await checkedColumns(input);
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      const c = await repo.insertCampaign(trx, { id: newId(), ...columns, status: 'draft', created_at: now, updated_at: now });
      await deps.campaigns.enrol(trx, { id: c.id, mechanic: 'bargain', name: c.name, startsAt: c.starts_at, endsAt: c.ends_at, currency: c.currency, actorId });
      await recordAudit(trx, now, { actorId, action: 'bargain.campaign_created', subjectType: 'bargain_campaign', subjectId: c.id, details: { name: c.name } });
      await publishEvent(trx, now, 'bargain.campaign_created', c.id, { campaignId: c.id, skuId: c.sku_id });
      return c;
    });
  }

  /** Replace a draft's rules (same checks as creating it); once started the published rules are locked. */
  async function updateCampaign(actorId: string | null, id: string, input: CampaignInput) {
    const columns = await checkedColumns(input);
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      await getCampaign(id, trx);
      await deps.campaigns.assertRulesEditable(trx, id);
      const c = await repo.updateCampaign(trx, id, { ...columns, updated_at: now });
      await deps.campaigns.revise(trx, id, { name: c.name, startsAt: c.starts_at, endsAt: c.ends_at });
      await recordAudit(trx, now, { actorId, action: 'bargain.campaign_updated', subjectType: 'bargain_campaign', subjectId: c.id, details: { name: c.name } });
      await publishEvent(trx, now, 'bargain.campaign_updated', c.id, { campaignId: c.id, skuId: c.sku_id });
      return c;
    });
  }

  async function getCampaign(id: string, executor: BargainDb = db) {
    const c = await repo.findCampaign(executor, id);
    if (!c) throw notFound('BARGAIN_CAMPAIGN_NOT_FOUND', 'No such price-cut campaign', { id });
    return c;
  }

  const listCampaigns = (filter: { activeOnly?: boolean } = {}) => repo.findCampaigns(db, filter);

  // The lifecycle is the campaign kernel's; bargain.mechanic.ts mirrors it on the campaign row.
  async function setStatus(actorId: string | null, id: string, status: 'active' | 'ended') {
    await getCampaign(id);
    await deps.campaigns.act(actorId, id, status === 'active' ? 'start' : 'end');
    return getCampaign(id);
  }

  /** Live numbers: price-cuts by status, helps, units sold and left. */
  async function campaignStats(id: string) {
    const c = await getCampaign(id);
    const byStatus = await repo.countCutsByStatus(db, id);
    const helps = await repo.countHelpsOfCampaign(db, id);
    const counts = Object.fromEntries(byStatus.map((r) => [r.status, r.n]));
    return {
      cuts: { open: counts.open ?? 0, succeeded: counts.succeeded ?? 0, ordered: counts.ordered ?? 0, bought: counts.bought ?? 0, expired: counts.expired ?? 0 },
      helps: helps.helps,
      helpers: helps.helpers,
      newCustomerHelps: helps.newCustomerHelps,
      stockLeft: c.stock_left,
      unitsTaken: c.stock_total - c.stock_left,
    };
  }

  // ---- price-cuts (shopper) -------------------------------------------------------------------
  async function startCut(userId: string, campaignId: string) {
    const now = clock.now();
    // The starter's A/B variant may set the helpers needed and the floor; the cut stores what it starts with.
    const before = await getCampaign(campaignId);
    const variant = isRunning(before, now) ? await deps.campaigns.rulesFor(before.id, userId, { helpersNeeded: before.helpers_needed, floorAmount: before.floor_amount }) : null;
    try {
      const cut = await db.transaction().execute(async (trx) => {
        const c = await getCampaign(campaignId, trx);
        if (!isRunning(c, now)) throw unprocessable('BARGAIN_CAMPAIGN_NOT_RUNNING', 'This price-cut campaign is not running', { campaignId });
        await deps.campaigns.mayTakePart(trx, c.id, userId);
        if (c.stock_left < 1) throw conflict('BARGAIN_SOLD_OUT', 'This price-cut campaign is sold out', { campaignId });
        const { helpersNeeded, floorAmount } = variant?.rules ?? { helpersNeeded: c.helpers_needed, floorAmount: c.floor_amount };
        const expiresAt = addMs(now, c.expiry_hours * 3_600_000);
        // The starter's own cut comes first (recorded as help 0, not one of the N friends).
        const r = random();
        const first = starterCutAmount({ original: c.original_amount, floor: floorAmount, helpersNeeded }, r);
        const row = await repo.insertCut(trx, {
          id: newId(),
          campaign_id: c.id,
          user_id: userId,
          currency: c.currency,
          original_amount: c.original_amount,
          floor_amount: floorAmount,
          current_amount: c.original_amount - first,
          helpers_needed: helpersNeeded,
          helps: 0,
          status: 'open',
          order_id: null,
          expires_at: c.ends_at && c.ends_at < expiresAt ? c.ends_at : expiresAt,
          succeeded_at: null,
          created_at: now,
          updated_at: now,
        });
        if (first > 0) await repo.insertHelp(trx, { id: newId(), cut_id: row.id, helper_id: userId, seq: STARTER_SEQ, amount: first, random_value: r, new_customer: false, price_before: c.original_amount, price_after: row.current_amount, created_at: now });
        await scheduleJob(trx, { kind: EXPIRE_CUT_JOB, payload: { cutId: row.id }, runAt: row.expires_at, dedupeKey: `${EXPIRE_CUT_JOB}:${row.id}`, now });
        await publishEvent(trx, now, 'bargain.cut_started', row.id, { cutId: row.id, campaignId: c.id, userId, originalAmount: row.original_amount, floorAmount: row.floor_amount, currency: row.currency, expiresAt: row.expires_at.toISOString(), firstCutAmount: first });
        return row;
      });
      return presentCutSummary(cut);
    } catch (err) {
      if (isUniqueViolation(err, 'bargain_cuts_one_live')) {
        const live = await repo.findLiveCut(db, campaignId, userId);
        throw conflict('BARGAIN_ALREADY_STARTED', 'You already have a price-cut running in this campaign', { cutId: live?.id ?? null });
      }
      throw err;
    }
  }

  async function requireCut(executor: BargainDb, id: string) {
    const cut = await repo.findCut(executor, id);
    if (!cut) throw notFound('BARGAIN_CUT_NOT_FOUND', 'No such price-cut', { id });
    return cut;
  }

  /** A friend helps: one random cut, serialised on the price-cut row. */
  async function help(helperId: string, cutId: string) {
    const now = clock.now();
    // Risk screens the help before its transaction (a block or hold refuses it with nothing written here).
    const target = await repo.findCut(db, cutId);
    if (target) await deps.screenHelp?.(helperId, { campaignId: target.campaign_id, ownerId: target.user_id, amount: Math.round((target.current_amount - target.floor_amount) / Math.max(1, target.helpers_needed - target.helps)), currency: target.currency });
    const facts = await deps.customerFacts(helperId);
    const newCustomer = isBrandNewCustomer(facts, now);
    const r = random();
    try {
      return await db.transaction().execute(async (trx) => {
        const cut = await repo.lockCut(trx, cutId);
        if (!cut) throw notFound('BARGAIN_CUT_NOT_FOUND', 'No such price-cut', { id: cutId });
        if (cut.status === 'expired' || cut.expires_at <= now) throw expired(cutId);
        if (cut.user_id === helperId) throw unprocessable('BARGAIN_SELF_HELP', 'You cannot help your own price-cut', { cutId });
        if (cut.current_amount <= cut.floor_amount || cut.helps >= cut.helpers_needed) throw conflict('BARGAIN_COMPLETED', 'This price-cut already reached the floor price', { cutId });
        if (cut.status !== 'open') throw conflict('BARGAIN_CLOSED', 'This price-cut was already bought', { cutId });
        if (await repo.findHelp(trx, cutId, helperId)) throw conflict('BARGAIN_ALREADY_HELPED', 'You already helped this price-cut', { cutId });
        const campaign = await getCampaign(cut.campaign_id, trx);
        const counted = await repo.takeHelperDay(trx, campaign.id, helperId, chinaDate(now), campaign.helper_daily_limit);
        if (!counted || counted.helps > campaign.helper_daily_limit) {
          throw new DomainError('rate_limited', 'BARGAIN_DAILY_LIMIT', `You can help at most ${campaign.helper_daily_limit} price-cuts a day`, { limit: campaign.helper_daily_limit });
        }
        const amount = cutAmount({ current: cut.current_amount, floor: cut.floor_amount, helpersNeeded: cut.helpers_needed, helps: cut.helps }, r, newCustomer);
        const after = cut.current_amount - amount;
        const reached = after === cut.floor_amount;
        const h = await repo.insertHelp(trx, { id: newId(), cut_id: cutId, helper_id: helperId, seq: cut.helps + 1, amount, random_value: r, new_customer: newCustomer, price_before: cut.current_amount, price_after: after, created_at: now });
        const updated = await repo.updateCut(trx, cutId, { current_amount: after, helps: cut.helps + 1, status: reached ? 'succeeded' : 'open', succeeded_at: reached ? now : null, updated_at: now });
        await publishEvent(trx, now, 'bargain.helped', cutId, { cutId, campaignId: cut.campaign_id, userId: cut.user_id, helperId, amount, priceAfter: after, newCustomer, seq: h.seq, currency: cut.currency });
        if (reached) await publishEvent(trx, now, 'bargain.cut_succeeded', cutId, { cutId, campaignId: cut.campaign_id, userId: cut.user_id, floorAmount: cut.floor_amount, currency: cut.currency });
        return { cut: presentCutSummary(updated), help: { amount: money(amount, cut.currency), newCustomer, seq: h.seq } };
      });
    } catch (err) {
      if (isUniqueViolation(err, 'bargain_helps_once')) throw conflict('BARGAIN_ALREADY_HELPED', 'You already helped this price-cut', { cutId });
      throw err;
    }
  }

  /**
   * Risk found a help to be fraud after it was given: while the owner's price-cut is still open or
   * succeeded (not ordered or bought), its amount goes back on the price and the help is removed;
   * false when the cut was already ordered, bought or expired (the value is spent).
   */
  async function withdrawHelp(handle: AnyExecutor, q: { helperId: string; campaignId: string; ownerId: string }): Promise<boolean> {
    const trx = bargainTables.of(handle);
    const live = await repo.findLiveCut(trx, q.campaignId, q.ownerId);
    const cut = live ? await repo.lockCut(trx, live.id) : undefined;
    if (!cut || (cut.status !== 'open' && cut.status !== 'succeeded')) return false;
    const h = await repo.lockHelp(trx, cut.id, q.helperId);
    if (!h) return false;
    const now = clock.now();
    await repo.deleteHelp(trx, h);
    await repo.updateCut(trx, cut.id, { current_amount: cut.current_amount + h.amount, helps: cut.helps - 1, status: 'open', succeeded_at: null, updated_at: now });
    return true;
  }

  /** Progress bar data, helpers with display names and amounts. Anyone signed in may see a shared price-cut. */
  async function getCut(viewerId: string | null, cutId: string) {
    const cut = await requireCut(db, cutId);
    const campaign = await getCampaign(cut.campaign_id);
    const all = await repo.findHelps(db, cutId);
    const starterCut = all.find((h) => h.seq === STARTER_SEQ);
    const helps = all.filter((h) => h.seq !== STARTER_SEQ);
    const names = await deps.displayNames(db, [cut.user_id, ...helps.map((h) => h.helper_id)]);
    const mine = viewerId === cut.user_id;
    return {
      ...presentCutSummary(cut),
      title: campaign.title,
      titleEn: campaign.title_en,
      nameEn: campaign.name_en,
      image: campaign.image,
      buyMode: campaign.buy_mode,
      starter: { name: names.get(cut.user_id) ?? '' },
      starterCut: starterCut ? money(starterCut.amount, cut.currency) : null,
      mine,
      helpedByMe: viewerId ? helps.some((h) => h.helper_id === viewerId) : false,
      canBuy: mine && cut.status !== 'expired' && (cut.status === 'open' || cut.status === 'succeeded') && canBuyAt(campaign.buy_mode, cut.current_amount, cut.floor_amount),
      orderId: mine ? cut.order_id : null,
      helpers: helps.map((h) => ({ seq: h.seq, name: names.get(h.helper_id) ?? '', amount: money(h.amount, cut.currency), newCustomer: h.new_customer, at: h.created_at.toISOString() })),
    };
  }

  /**
   * What a stranger opening a shared price-cut may see before signing in: the starter's masked name
   * and initial, the product, the prices and progress, the deadline. Nothing that reaches the
   * person (no account id, phone, email or address) and nothing about the helpers.
   */
  async function getLanding(cutId: string) {
    const cut = isUuid(cutId) ? await repo.findCut(db, cutId) : undefined;
    if (!cut) throw notFound('BARGAIN_CUT_NOT_FOUND', 'No such price-cut', { id: cutId });
    const campaign = await getCampaign(cut.campaign_id);
    const name = (await deps.displayNames(db, [cut.user_id])).get(cut.user_id) ?? '';
    const starterCut = (await repo.findHelps(db, cutId)).find((h) => h.seq === STARTER_SEQ);
    return {
      id: cut.id,
      campaignId: cut.campaign_id,
      status: cut.expires_at <= clock.now() && (cut.status === 'open' || cut.status === 'succeeded') ? 'expired' : cut.status,
      starter: { name: maskName(name || '?'), initial: [...(name || '?')][0] },
      title: campaign.title,
      titleEn: campaign.title_en,
      nameEn: campaign.name_en,
      image: campaign.image,
      originalPrice: money(cut.original_amount, cut.currency),
      currentPrice: money(cut.current_amount, cut.currency),
      floorPrice: money(cut.floor_amount, cut.currency),
      cutSoFar: money(cut.original_amount - cut.current_amount, cut.currency),
      leftToFloor: money(cut.current_amount - cut.floor_amount, cut.currency),
      starterCut: starterCut ? money(starterCut.amount, cut.currency) : null,
      helpersNeeded: cut.helpers_needed,
      helps: cut.helps,
      progressPercent: progressPercent(cut.original_amount, cut.current_amount, cut.floor_amount),
      expiresAt: cut.expires_at.toISOString(),
    };
  }

  async function listMyCuts(userId: string) {
    return (await repo.findCutsOfUser(db, userId, 50)).map(presentCutSummary);
  }

  /** Buy at the current price (or only at the floor): one order per price-cut, one campaign unit. */
  async function buy(userId: string, cutId: string, input: { addressId: string; note?: string }, idempotencyKey: string | null) {
    const cut = await requireCut(db, cutId);
    if (cut.user_id !== userId) throw notFound('BARGAIN_CUT_NOT_FOUND', 'No such price-cut', { id: cutId });
    const campaign = await getCampaign(cut.campaign_id);
    const now = clock.now();
    const replayable = idempotencyKey !== null && (cut.status === 'ordered' || cut.status === 'bought');
    if (!replayable) {
      if (cut.status === 'expired' || cut.expires_at <= now) throw expired(cutId);
      if (cut.status === 'ordered' || cut.status === 'bought') throw conflict('BARGAIN_ALREADY_ORDERED', 'This price-cut was already ordered', { cutId, orderId: cut.order_id });
      if (!canBuyAt(campaign.buy_mode, cut.current_amount, cut.floor_amount)) throw unprocessable('BARGAIN_FLOOR_NOT_REACHED', 'This price-cut can be bought only at the floor price', { cutId });
    }
    const price = cut.current_amount;
    const placement: CampaignPlacement = {
      kind: 'bargain',
      unitAmount: price,
      label: '砍价',
      code: 'bargain',
      ref: cutId,
      campaignId: campaign.id,
      reserveInventory: false,
      payWithinMinutes: campaign.pay_within_minutes,
      async commit(handle, orderId) {
        const trx = bargainTables.of(handle);
        const at = clock.now();
        const taken = await repo.takeCutForOrder(trx, cutId, orderId, price, at);
        if (!taken) {
          // Say why: ordered or expired meanwhile, otherwise its price moved under the shopper.
          const latest = await repo.findCut(trx, cutId);
          if (latest?.status === 'ordered' || latest?.status === 'bought') throw conflict('BARGAIN_ALREADY_ORDERED', 'This price-cut was already ordered', { cutId, orderId: latest.order_id });
          if (latest?.status === 'expired') throw expired(cutId);
          throw conflict('BARGAIN_CUT_CHANGED', 'This price-cut changed while you were buying: try again', { cutId });
        }
        const unit = await repo.takeCampaignUnit(trx, campaign.id, at);
        if (!unit) throw conflict('BARGAIN_SOLD_OUT', 'This price-cut campaign is sold out', { campaignId: campaign.id });
        await publishEvent(trx, at, 'bargain.cut_ordered', cutId, { cutId, campaignId: campaign.id, userId, orderId, amount: price, currency: cut.currency });
      },
    };
    return deps.placeOrder(userId, { items: [{ skuId: campaign.sku_id, quantity: 1 }], addressId: input.addressId, note: input.note }, idempotencyKey, placement);
  }

  // ---- lifecycle (jobs and events) -------------------------------------------------------------
  async function expireCut(cutId: string) {
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      const cut = await repo.updateCutExpired(trx, cutId, now);
      if (cut) await publishEvent(trx, now, 'bargain.cut_expired', cutId, { cutId, campaignId: cut.campaign_id, userId: cut.user_id, helps: cut.helps });
    });
  }

  /** order.cancelled: a bargain order that was never paid returns its unit and re-opens buying until expiry. */
  async function onOrderCancelled(handle: AnyExecutor, payload: { orderId: string; kind?: string }) {
    const trx = bargainTables.of(handle);
    if (payload.kind && payload.kind !== 'bargain') return;
    const now = clock.now();
    const cut = await repo.lockOrderedCutOfOrder(trx, payload.orderId);
    if (!cut) return;
    const status = cut.expires_at <= now ? 'expired' : cut.current_amount <= cut.floor_amount ? 'succeeded' : 'open';
    await repo.updateCut(trx, cut.id, { status, order_id: null, updated_at: now });
    await repo.returnCampaignUnit(trx, cut.campaign_id, now);
    await publishEvent(trx, now, 'bargain.order_cancelled', cut.id, { cutId: cut.id, campaignId: cut.campaign_id, userId: cut.user_id, orderId: payload.orderId, status });
  }

  async function onOrderPaid(handle: AnyExecutor, payload: { orderId: string; kind?: string }) {
    const trx = bargainTables.of(handle);
    if (payload.kind && payload.kind !== 'bargain') return;
    const now = clock.now();
    const cut = await repo.updateCutBought(trx, payload.orderId, now);
    if (cut) await publishEvent(trx, now, 'bargain.cut_bought', cut.id, { cutId: cut.id, campaignId: cut.campaign_id, userId: cut.user_id, orderId: payload.orderId });
  }

  /** Share target `bargain`: the price-cut page with its current price. */
  async function resolveShareTarget(executor: BargainDb, id: string) {
    const cut = await repo.findCut(executor, id);
    if (!cut) return null;
    const c = await getCampaign(cut.campaign_id, executor);
    return { url: `/bargain/${cut.id}`, title: `帮我砍一刀：${c.title}`, image: c.image, price: money(cut.current_amount, cut.currency), campaignId: null, reference: { skuId: c.sku_id, amount: cut.original_amount } };
  }

  return { createCampaign, updateCampaign, getCampaign, listCampaigns, setStatus, campaignStats, startCut, help, withdrawHelp, getCut, getLanding, listMyCuts, buy, expireCut, onOrderCancelled, onOrderPaid, resolveShareTarget };
}

export type BargainService = ReturnType<typeof createBargainService>;
