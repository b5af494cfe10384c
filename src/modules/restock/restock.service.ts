// Back-in-stock alerts (到货提醒): a shopper asks about a sold-out SKU; when an inventory event
// shows units again, the waiting alerts are marked notified in that event's transaction and one
// send job per alert delivers the message afterwards (never inside the transaction: a provider
// call can be slow or fail, and a rolled-back stock change must not have told anyone anything).
import { conflict, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import { channelFor, createOutboxMessageSender, type MessageSender } from '../../platform/messages.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { IdentityService } from '../identity/index.ts';
import type { InventoryService } from '../inventory/index.ts';
import * as repo from './restock.repo.ts';
import { canSubscribe, RESTOCK_TEMPLATE, shouldNotify, type StockReport } from './restock.rules.ts';
import { restockTables, type RestockPlatform } from './restock.table.ts';
import type { AnyExecutor } from '../../platform/tables.ts';

export const RESTOCK_SEND_JOB = 'restock.send-alert';
export interface SendAlertPayload {
  alertId: string;
}

export interface RestockDeps {
  catalog: Pick<CatalogService, 'describeSkus'>;
  inventory: Pick<InventoryService, 'getAvailability'>;
  identity: Pick<IdentityService, 'getUser'>;
  /** Where alerts go; by default the built-in outbox sender (console Outbox page). */
  messages?: MessageSender;
}

export function createRestockService(p: RestockPlatform, deps: RestockDeps) {
  const { db, clock } = p;
  const messages = deps.messages ?? createOutboxMessageSender({ db, clock, log: p.log, pii: p.pii });

  async function availableNow(skuId: string) {
    const level = (await deps.inventory.getAvailability(db, [skuId])).get(skuId);
    return level ? Math.max(0, level.available) : 0;
  }

  /** Asks to be told when the SKU is back; asking again while waiting changes nothing. */
  async function subscribe(userId: string, skuId: string) {
    const sku = (await deps.catalog.describeSkus([skuId])).get(skuId);
    if (!sku) throw notFound('RESTOCK_SKU_NOT_FOUND', 'No such product option', { skuId });
    const available = await availableNow(skuId);
    if (!canSubscribe(available)) throw conflict('RESTOCK_IN_STOCK', 'This option is in stock: buy it now', { skuId, available });
    const now = clock.now();
    const row = await repo.upsertWaitingAlert(db, { id: newId(), user_id: userId, sku_id: skuId, product_id: sku.productId, status: 'waiting', created_at: now, updated_at: now, notified_at: null, messaged_at: null });
    return present(row, sku, available);
  }

  async function unsubscribe(userId: string, skuId: string) {
    const cancelled = await repo.cancelWaitingAlert(db, userId, skuId, clock.now());
    if (!cancelled) throw notFound('RESTOCK_ALERT_NOT_FOUND', 'You have no back-in-stock alert for this option', { skuId });
  }

  /** My alerts, newest change first; a notified one reads 到货了 in the storefront. */
  async function listMine(userId: string, filter: { productId?: string; limit: number }) {
    const rows = await repo.findUserAlerts(db, userId, filter);
    const skuIds = rows.map((r) => r.sku_id);
    const [names, levels] = await Promise.all([deps.catalog.describeSkus(skuIds), deps.inventory.getAvailability(db, skuIds)]);
    return { items: rows.map((r) => present(r, names.get(r.sku_id), Math.max(0, levels.get(r.sku_id)?.available ?? 0))) };
  }

  /** Consumer of stock events: runs inside the event's delivery transaction. */
  async function onStock(handle: AnyExecutor, skuId: string, stock: StockReport) {
    const trx = restockTables.of(handle);
    if (!shouldNotify(stock, await repo.countWaiting(trx, skuId))) return;
    const now = clock.now();
    for (const alert of await repo.markNotified(trx, skuId, now)) {
      // No dedupe key: the conditional update above claims each waiting alert once, so a second
      // delivery of the same event schedules nothing, and a re-opened alert must send again.
      await scheduleJob(trx, { kind: RESTOCK_SEND_JOB, payload: { alertId: alert.id }, runAt: now, now });
    }
  }

  /** The send job: one message per alert, then the alert records that it went out. */
  async function sendAlert(payload: SendAlertPayload) {
    const alert = await repo.findAlert(db, payload.alertId);
    if (!alert || alert.status !== 'notified' || !alert.notified_at || alert.messaged_at) return;
    const sku = (await deps.catalog.describeSkus([alert.sku_id])).get(alert.sku_id);
    const user = await deps.identity.getUser(alert.user_id).catch(() => null);
    if (user && user.status === 'active') {
      const to = { userId: user.id, ...(user.email ? { email: user.email } : {}), ...(user.phone ? { phone: user.phone } : {}) };
      await messages.send({
        to,
        channel: channelFor(to),
        template: RESTOCK_TEMPLATE,
        data: { skuId: alert.sku_id, productId: alert.product_id, productTitle: sku?.productTitle ?? null, skuLabel: sku?.skuLabel ?? null },
      });
    }
    await repo.setMessaged(db, alert.id, alert.notified_at, clock.now());
  }

  return { subscribe, unsubscribe, listMine, onStock, sendAlert };
}

export type RestockService = ReturnType<typeof createRestockService>;

type AlertRow = NonNullable<Awaited<ReturnType<typeof repo.findAlert>>>;

function present(r: AlertRow, sku: { productTitle: string; skuLabel: string } | undefined, available: number) {
  return {
    id: r.id,
    skuId: r.sku_id,
    productId: r.product_id,
    productTitle: sku?.productTitle ?? '',
    skuLabel: sku?.skuLabel ?? '',
    status: r.status,
    available,
    createdAt: r.created_at.toISOString(),
    notifiedAt: r.notified_at?.toISOString() ?? null,
    messagedAt: r.messaged_at?.toISOString() ?? null,
  };
}
