// Flash sale (秒杀): time slots of SKUs at a flash price with their own flash stock and a
// per-user limit. A purchase passes the rate limits, the live check and the stock gate; only an
// admitted request places an order (kind 'flashsale', no normal-stock reservation, a short payment
// window) whose transaction takes the Postgres unit and records the purchase, so sold always equals
// the units of live purchases. An unpaid order's cancellation, or a paid order's full refund,
// returns the unit to the flash stock (Postgres row and gate) exactly once. `reconcile` recounts
// Postgres from its purchase rows and reloads the Redis gate where it disagrees (after a crash
// between Redis and Postgres): at first use in each process and from a periodic job.
import type { Insertable } from 'kysely';
import { DomainError, conflict, invalid, notFound, unprocessable } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import { money } from '../../platform/money.ts';
import type { CampaignsService } from '../campaigns/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { OrdersService } from '../orders/index.ts';
import type { PlaceOrder } from '../orders/index.ts';
import { createPostgresGate, createRedisGate, ledger, unitsRefusal, type ReconcileReport, type RedisGate, type StockGate } from './flashsale.gate.ts';
import { checkQuantity, checkSlot, countdownSeconds, shopperState, slotState, type ShopperState } from './flashsale.rules.ts';
import * as repo from './flashsale.repo.ts';
import { createSoldOutFlags } from './flashsale.sold-out.ts';
import { flashsaleTables, type FlashsaleItemsTable, type FlashsaleDb, type FlashsalePlatform } from './flashsale.table.ts';
import type { AnyExecutor } from '../../platform/tables.ts';

export const RELEASE_GATE_JOB = 'flashsale.release-gate';
export const RECONCILE_JOB = 'flashsale.reconcile';
/** How often the periodic reconciliation runs; each run books the next. */
export const RECONCILE_EVERY_MS = 60_000;
/** A keyed attempt older than this is presumed dead (a crash) and its key may be claimed again. */
const CLAIM_STALE_MS = 30_000;
/** What a retry that meets its own attempt in flight is told to wait, in seconds. */
export const IN_PROGRESS_RETRY_AFTER_S = 1;

export interface SlotInput {
  name: string;
  /** Optional English name; null or "" for none. */
  nameEn?: string | null;
  startsAt: Date;
  endsAt: Date;
  publish?: boolean;
  items: { skuId: string; flashAmount: number; stock: number; perUserLimit: number }[];
}

const refusal = (reason: 'SOLD_OUT' | 'LIMIT', details: Record<string, unknown>) =>
  reason === 'SOLD_OUT'
    ? conflict('FLASHSALE_SOLD_OUT', 'Sold out', details)
    : conflict('FLASHSALE_LIMIT_REACHED', 'You already bought as many of this item as one shopper may', details);

const inProgress = (idempotencyKey: string) =>
  new DomainError('conflict', 'IDEMPOTENCY_IN_PROGRESS', 'An earlier request with this Idempotency-Key is still being processed; retry shortly', { idempotencyKey, retryAfterSeconds: IN_PROGRESS_RETRY_AFTER_S });


export function createFlashsaleService(p: FlashsalePlatform, deps: { catalog: Pick<CatalogService, 'getSkusForPricing'>; orders: Pick<OrdersService, 'findByIdempotencyKey'>; placeOrder: PlaceOrder; campaigns: CampaignsService; gate?: StockGate }) {
  const { db, clock } = p;
  const gate: StockGate = deps.gate ?? (p.redis ? createRedisGate(db, p.redis) : createPostgresGate(db));
  let warmed: Promise<void> | null = null;
  /**
   * Units this process is placing right now, per item, on the Postgres gate. Admitting no more
   * than stock − sold − pending keeps a stampede from running thousands of order transactions
   * that can only roll back; Postgres still decides inside each order transaction.
   */
  const pending = new Map<string, number>();
  /**
   * The same, per item and shopper: a shopper's second attempt while the first is in flight would
   * only be refused LIMIT by the ledger after holding one of those stock places (a retrying
   * shopper could crowd out others and leave units unsold), so it is refused LIMIT at once, as the
   * Redis gate does.
   */
  const pendingByShopper = new Map<string, number>();
  const soldOut = createSoldOutFlags(p);

  /** Redis after a restart: every open slot's items rebuilt from Postgres, once per process. */
  async function rebuildGate(options: { force?: boolean } = { force: true }) {
    if (gate.kind !== 'redis') return;
    const now = clock.now();
    const items = await repo.findOpenItemIds(db, now);
    await (gate as RedisGate).rebuild(items.map((i) => i.id), options);
  }

  /**
   * Postgres recounted from live purchase rows and the gate made to agree, for the given items or
   * every item of a slot that has not ended. Safe while shoppers buy (see the gates' reconcile).
   */
  async function reconcile(itemIds?: string[]): Promise<ReconcileReport> {
    const ids = itemIds ?? (await repo.findOpenItemIds(db, clock.now())).map((i) => i.id);
    const report = await gate.reconcile(ids);
    if (report.ledgerFixed.length || report.gateFixed.length) p.log.warn(report, 'flash-sale stock reconciled');
    // Every open item reconciled by this process: what warm() waits for before the first admission.
    if (!itemIds) warmed ??= Promise.resolve();
    return report;
  }

  /** Books the next periodic run; one row per interval however many processes book it. */
  async function scheduleReconcile() {
    const now = clock.now();
    const next = (Math.floor(now.getTime() / RECONCILE_EVERY_MS) + 1) * RECONCILE_EVERY_MS;
    await scheduleJob(db, { kind: RECONCILE_JOB, payload: {}, runAt: new Date(next), dedupeKey: `${RECONCILE_JOB}:${next}`, maxAttempts: 1, now });
  }

  /** The periodic job: reconcile, then book the next run even when this one failed. */
  async function runReconcileJob() {
    try {
      await reconcile();
    } finally {
      await scheduleReconcile();
    }
  }

  // Once per process before the first Redis admission: a restart after a crash may find Redis
  // holding fewer units than Postgres (taken in Redis, never placed) or a flushed Redis. The server
  // warms at start (src/main.ts), so the first shoppers of a flash sale do not wait for it.
  const warm = () => (warmed ??= reconcile().then(() => undefined, (err) => {
    warmed = null;
    throw err;
  }));

  /** The checks creating and replacing a slot share (items exist, checkSlot), and its item rows. */
  async function slotItems(slotId: string, input: SlotInput, now: Date): Promise<Insertable<FlashsaleItemsTable>[]> {
    if (input.items.length === 0) throw invalid('FLASHSALE_NO_ITEMS', 'A slot needs at least one item');
    const skus = await deps.catalog.getSkusForPricing(db, input.items.map((i) => i.skuId));
    for (const i of input.items) if (!skus.has(i.skuId)) throw notFound('FLASHSALE_SKU_NOT_FOUND', 'No such SKU', { skuId: i.skuId });
    const problem = checkSlot({ startsAt: input.startsAt, endsAt: input.endsAt, items: input.items.map((i) => ({ ...i, listAmount: skus.get(i.skuId)!.priceAmount })) });
    if (problem) throw invalid(problem.code, problem.message, 'skuId' in problem ? { skuId: problem.skuId } : {});
    return input.items.map((i, position) => ({
      id: newId(),
      slot_id: slotId,
      sku_id: i.skuId,
      position,
      flash_amount: i.flashAmount,
      currency: skus.get(i.skuId)!.currency,
      stock: i.stock,
      sold: 0,
      per_user_limit: i.perUserLimit,
      created_at: now,
    }));
  }

  const slotEvent = (id: string, actorId: string | null, input: SlotInput, items: Insertable<FlashsaleItemsTable>[]) => ({
    slotId: id,
    actorId,
    startsAt: input.startsAt.toISOString(),
    endsAt: input.endsAt.toISOString(),
    items: items.map((i) => ({ itemId: i.id, skuId: i.sku_id, stock: i.stock })),
  });

  async function loadGate(items: Insertable<FlashsaleItemsTable>[]) {
    for (const i of items) await gate.load(i.id, i.stock, i.per_user_limit);
  }

  async function createSlot(actorId: string | null, input: SlotInput) {
    const id = newId();
    const now = clock.now();
    const items = await slotItems(id, input, now);
    await db.transaction().execute(async (trx) => {
      await repo.insertSlot(trx, { id, name: input.name.trim(), name_en: input.nameEn?.trim() || null, starts_at: input.startsAt, ends_at: input.endsAt, published_at: null, stopped_at: null, created_by: actorId, created_at: now, updated_at: now });
      await repo.insertItems(trx, items);
      await deps.campaigns.enrol(trx, { id, mechanic: 'flashsale', name: input.name.trim(), startsAt: input.startsAt, endsAt: input.endsAt, actorId });
      await publishEvent(trx, now, 'flashsale.slot_created', id, slotEvent(id, actorId, input, items));
      // Published at once unless asked to stay a draft: the kernel schedules it (flashsale.mechanic.ts).
      if (input.publish !== false) await deps.campaigns.actIn(trx, actorId, id, 'start');
    });
    await loadGate(items);
    return getSlot(id);
  }

  /** Replace a draft slot's name, window and items (same checks as creating it); a published slot keeps its rules. */
  async function updateSlot(id: string, actorId: string | null, input: SlotInput) {
    const now = clock.now();
    const items = await slotItems(id, input, now);
    await db.transaction().execute(async (trx) => {
      if (!(await repo.findSlot(trx, id))) throw slotNotFound(id);
      await deps.campaigns.assertRulesEditable(trx, id);
      await repo.updateSlot(trx, id, { name: input.name.trim(), name_en: input.nameEn?.trim() || null, starts_at: input.startsAt, ends_at: input.endsAt, updated_at: now });
      await deps.campaigns.revise(trx, id, { name: input.name.trim(), startsAt: input.startsAt, endsAt: input.endsAt });
      await repo.deleteItemsOfSlot(trx, id);
      await repo.insertItems(trx, items);
      await publishEvent(trx, now, 'flashsale.slot_updated', id, slotEvent(id, actorId, input, items));
    });
    await loadGate(items);
    return getSlot(id);
  }

  /** Publish or stop through the campaign kernel; flashsale.mechanic.ts stamps the slot and tells subscribers. */
  async function setSlotFlag(id: string, actorId: string | null, change: 'publish' | 'stop') {
    await db.transaction().execute(async (trx) => {
      const slot = await repo.findSlot(trx, id);
      if (!slot) throw slotNotFound(id);
      const state = slotState(slot, clock.now());
      if (change === 'stop' && state === 'ended') throw unprocessable('FLASHSALE_ALREADY_ENDED', 'The slot has already ended', { state });
      await deps.campaigns.actIn(trx, actorId, id, change === 'publish' ? 'start' : 'end');
    });
    return getSlot(id);
  }

  const slotNotFound = (id: string) => notFound('FLASHSALE_SLOT_NOT_FOUND', 'No such flash-sale slot', { slotId: id });

  async function present(slots: repo.SlotRow[], opts: { operator: boolean }) {
    const now = clock.now();
    if (slots.length === 0) return [];
    const slotIds = slots.map((s) => s.id);
    const items = await repo.findItemsOfSlots(db, slotIds);
    const skus = await deps.catalog.getSkusForPricing(db, items.map((i) => i.sku_id));
    const buyers = opts.operator ? await repo.countBuyersByItem(db, slotIds) : new Map<string, number>();
    const out = [];
    for (const s of slots) {
      const state = slotState(s, now);
      const own = items.filter((i) => i.slot_id === s.id);
      const views = [];
      for (const i of own) {
        const sku = skus.get(i.sku_id);
        // Postgres, the source of truth (a unit counts once its order committed), not the gate:
        // after a crash Redis may refuse units Postgres still has until reconciliation runs.
        const remaining = Math.max(0, i.stock - i.sold);
        views.push({
          id: i.id,
          skuId: i.sku_id,
          productId: sku?.productId ?? null,
          title: sku?.productTitle ?? '',
          titleEn: sku?.productTitleEn ?? null,
          skuLabel: sku?.skuLabel ?? '',
          skuLabelEn: sku?.skuLabelEn ?? null,
          image: sku?.image ?? null,
          listPrice: money(sku?.priceAmount ?? i.flash_amount, i.currency),
          flashPrice: money(i.flash_amount, i.currency),
          stock: i.stock,
          remaining,
          soldOut: remaining <= 0,
          perUserLimit: i.per_user_limit,
          ...(opts.operator ? { sold: i.sold, buyers: buyers.get(i.id) ?? 0 } : {}),
        });
      }
      out.push({
        id: s.id,
        name: s.name,
        nameEn: s.name_en,
        state: opts.operator ? state : shopperState(state)!,
        startsAt: s.starts_at.toISOString(),
        endsAt: s.ends_at.toISOString(),
        countdownSeconds: countdownSeconds(s, now),
        items: views,
        ...(opts.operator
          ? {
              stoppedAt: s.stopped_at?.toISOString() ?? null,
              publishedAt: s.published_at?.toISOString() ?? null,
              totals: { stock: views.reduce((a, v) => a + v.stock, 0), sold: own.reduce((a, v) => a + v.sold, 0), remaining: views.reduce((a, v) => a + Math.max(0, v.remaining), 0), buyers: views.reduce((a, v) => a + (v.buyers ?? 0), 0) },
            }
          : {}),
      });
    }
    return out;
  }

  async function getSlot(id: string) {
    const slot = await repo.findSlot(db, id);
    if (!slot) throw slotNotFound(id);
    return (await present([slot], { operator: true }))[0];
  }

  async function listSlots(filter: { limit: number }) {
    return present(await repo.findLatestSlots(db, filter.limit), { operator: true });
  }

  /** Shopper listing: published slots in one state, soonest first (ended: latest first). */
  async function listShopperSlots(state: ShopperState, limit = 20) {
    return present(await repo.findPublishedSlots(db, state, clock.now(), limit), { operator: false });
  }

  /**
   * The refusal of an attempt on an item found sold out moments ago, or null. Asked before the
   * request is read (no session, rate limit, body or token): sold out is the same answer for every
   * caller, and the slot list already shows it to anyone. A request with an Idempotency-Key is not
   * refused here, since it may be the retry of an attempt that placed an order.
   */
  function knownSoldOut(slotId: string, itemId: string, idempotencyKey: unknown, quantity?: number): DomainError | null {
    if (idempotencyKey !== undefined && idempotencyKey !== null) return null;
    const known = soldOut.find(slotId, itemId);
    if (!known || slotState(known, clock.now()) !== 'live') return null;
    // A quantity over the limit gets its own answer (the body is not parsed yet at the early answer).
    if (quantity !== undefined && !checkQuantity(quantity, known.per_user_limit).ok) return null;
    return refusal('SOLD_OUT', { itemId, perUserLimit: known.per_user_limit });
  }

  async function purchase(userId: string, slotId: string, itemId: string, input: { addressId: string; quantity?: number }, idempotencyKey: string | null) {
    const quantity = input.quantity ?? 1;
    // The stampede's common answer, from memory: an item found sold out moments ago is refused
    // before any round trip, unless the request carries a key that may replay an order it placed.
    const known = knownSoldOut(slotId, itemId, idempotencyKey, quantity);
    if (known) throw known;
    const row = await repo.findItemWithSlot(db, slotId, itemId, userId);
    if (!row) throw notFound('FLASHSALE_ITEM_NOT_FOUND', 'No such flash-sale item', { slotId, itemId });
    const state = slotState(row, clock.now());
    if (state !== 'live') throw unprocessable('FLASHSALE_NOT_LIVE', state === 'ended' ? 'This flash sale has ended' : 'This flash sale has not started yet', { state, startsAt: row.starts_at.toISOString() });
    const orderInput = { items: [{ skuId: row.sku_id, quantity }], addressId: input.addressId };
    const placed = async () => (idempotencyKey ? deps.orders.findByIdempotencyKey(db, userId, idempotencyKey) : undefined);
    // A retried request with a key that already placed an order replays it without the gate.
    if (await placed()) return deps.placeOrder(userId, orderInput, idempotencyKey);
    const quick = checkQuantity(quantity, row.per_user_limit);
    if (!quick.ok) throw refusal(quick.reason, { itemId, perUserLimit: row.per_user_limit });
    if (!idempotencyKey) return admitAndPlace(userId, row, slotId, orderInput, quantity, null);

    // A retry while its first attempt is in flight must not meet the gate as a second purchase
    // (it would be refused LIMIT): the first attempt claims the key, the retry is told to wait.
    const now = clock.now();
    const token = newId();
    const claimed = await repo.claimKey(db, { user_id: userId, idempotency_key: idempotencyKey, token, claimed_at: now }, new Date(now.getTime() - CLAIM_STALE_MS));
    if (!claimed) throw inProgress(idempotencyKey);
    try {
      // The attempt before ours may have placed its order between our look-up and our claim.
      if (await placed()) return await deps.placeOrder(userId, orderInput, idempotencyKey);
      return await admitAndPlace(userId, row, slotId, orderInput, quantity, idempotencyKey);
    } finally {
      await repo.deleteClaim(db, userId, idempotencyKey, token).catch((e) => p.log.error({ err: e, itemId }, 'flash-sale idempotency claim not cleared'));
    }
  }

  type ItemRow = NonNullable<Awaited<ReturnType<typeof repo.findItemWithSlot>>>;

  /** The gate, then the order; the Postgres unit is taken inside the order's transaction. */
  async function admitAndPlace(userId: string, row: ItemRow, slotId: string, orderInput: { items: { skuId: string; quantity: number }[]; addressId: string }, quantity: number, idempotencyKey: string | null) {
    const itemId = row.id;
    const onPostgres = gate.kind === 'postgres';
    if (onPostgres) {
      // Sold out and over the limit are the common refusals under a stampede: answer them from
      // the row just read, without a transaction. The order transaction re-checks both.
      const shopperKey = `${itemId}/${userId}`;
      if ((row.held ?? 0) + (pendingByShopper.get(shopperKey) ?? 0) + quantity > row.per_user_limit) throw refusal('LIMIT', { itemId, perUserLimit: row.per_user_limit });
      if (row.sold + (pending.get(itemId) ?? 0) + quantity > row.stock) {
        if (row.sold >= row.stock) soldOut.mark(slotId, row);
        throw refusal('SOLD_OUT', { itemId, perUserLimit: row.per_user_limit });
      }
      pending.set(itemId, (pending.get(itemId) ?? 0) + quantity);
      pendingByShopper.set(shopperKey, (pendingByShopper.get(shopperKey) ?? 0) + quantity);
    } else {
      await warm();
      const admitted = await gate.acquire(itemId, userId, quantity);
      if (!admitted.ok) {
        if (admitted.reason === 'SOLD_OUT' && quantity === 1) soldOut.mark(slotId, row);
        throw refusal(admitted.reason, { itemId, perUserLimit: row.per_user_limit });
      }
    }

    // Only the Redis gate holds a unit outside Postgres that a failed placement must give back.
    let giveBack = !onPostgres;
    try {
      const payWithinMinutes = await p.settings.get('flashsale.payWithinMinutes');
      const result = await deps.placeOrder(userId, orderInput, idempotencyKey, {
        kind: 'flashsale',
        unitAmount: row.flash_amount,
        label: `秒杀 ${row.name}`,
        code: 'flashsale',
        ref: itemId,
        campaignId: slotId,
        reserveInventory: false,
        payWithinMinutes,
        async commit(handle, orderId) {
          const trx = flashsaleTables.of(handle);
          const now = clock.now();
          // Postgres, the source of truth, takes the unit as this transaction commits (the purchase
          // row's deferred trigger), so a failure or a crash before the commit takes nothing; with
          // Redis the gate above only admitted. At commit, because the item row is hot: every
          // purchase of the item waits for its lock, which is then held for the commit alone
          // rather than across the round trips left in the order. A refusal fails the commit.
          await repo.insertPurchase(trx, { id: newId(), order_id: orderId, slot_id: slotId, item_id: itemId, user_id: userId, quantity, status: 'active', created_at: now, released_at: null, units_at_commit: true });
          await publishEvent(trx, now, 'flashsale.purchased', itemId, { slotId, itemId, orderId, userId, quantity, skuId: row.sku_id, unitAmount: row.flash_amount });
        },
      });
      if (result.created) giveBack = false;
      return result;
    } catch (err) {
      const refused = unitsRefusal(err);
      if (refused) {
        // Postgres refused at commit what the gate admitted. With Redis, sold out means Redis was
        // high (a reconciliation during a purchase in flight); keeping its unit brings it down to
        // the truth. Over the limit: only the shopper's count lagged, so the unit goes back.
        if (refused === 'SOLD_OUT') giveBack = false;
        throw refusal(refused, { itemId, perUserLimit: row.per_user_limit });
      }
      throw err;
    } finally {
      if (onPostgres) {
        const left = (pending.get(itemId) ?? 0) - quantity;
        if (left > 0) pending.set(itemId, left);
        else pending.delete(itemId);
        const shopperKey = `${itemId}/${userId}`;
        const mine = (pendingByShopper.get(shopperKey) ?? 0) - quantity;
        if (mine > 0) pendingByShopper.set(shopperKey, mine);
        else pendingByShopper.delete(shopperKey);
      }
      if (giveBack) await gate.release(itemId, userId, quantity).catch((e) => p.log.error({ err: e, itemId }, 'flash-sale gate release failed'));
    }
  }

  /** A flash order's unit returns to the flash stock, once (the purchase row's status guards it). */
  async function returnUnit(trx: FlashsaleDb, orderId: string) {
    const now = clock.now();
    const released = await repo.releasePurchaseOfOrder(trx, orderId, now);
    if (!released) return;
    await ledger.give(trx, released.item_id, released.user_id, released.quantity);
    await publishEvent(trx, now, 'flashsale.released', released.item_id, { slotId: released.slot_id, itemId: released.item_id, orderId, userId: released.user_id, quantity: released.quantity });
    await soldOut.returned(released.slot_id, released.item_id);
    // The Redis gate learns after this commits (a job), once per order (a marker in Redis).
    if (gate.kind === 'redis') {
      await scheduleJob(trx, { kind: RELEASE_GATE_JOB, payload: { itemId: released.item_id, userId: released.user_id, quantity: released.quantity, orderId }, runAt: now, dedupeKey: `flashsale-release:${orderId}`, now });
    }
  }

  /** Consumer of order.cancelled: a flash order's unit returns to the flash stock, once. */
  async function onOrderCancelled(handle: AnyExecutor, payload: { orderId: string; kind?: string }) {
    const trx = flashsaleTables.of(handle);
    if (payload.kind === 'flashsale') await returnUnit(trx, payload.orderId);
  }

  /** Consumer of order.refunded: a fully refunded flash order gives its unit back, once; a partial refund keeps it. */
  async function onOrderRefunded(handle: AnyExecutor, payload: { orderId: string; kind?: string; full: boolean }) {
    const trx = flashsaleTables.of(handle);
    if (payload.kind === 'flashsale' && payload.full) await returnUnit(trx, payload.orderId);
  }

  async function releaseGate(payload: { itemId: string; userId: string; quantity: number; orderId: string }) {
    await gate.release(payload.itemId, payload.userId, payload.quantity, { ref: payload.orderId });
  }

  return { gate, warm, createSlot, updateSlot, publishSlot: (id: string, actorId: string | null) => setSlotFlag(id, actorId, 'publish'), stopSlot: (id: string, actorId: string | null) => setSlotFlag(id, actorId, 'stop'), getSlot, listSlots, listShopperSlots, knownSoldOut, purchase, onOrderCancelled, onOrderRefunded, releaseGate, rebuildGate, reconcile, scheduleReconcile, runReconcileJob };
}

export type FlashsaleService = ReturnType<typeof createFlashsaleService>;
