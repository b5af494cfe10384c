// Attribution: which share brought a sign-up or an order (last and first touch inside the
// window), kept up to date as the order is paid, refunded or cancelled. All of it runs as event
// consumers inside the event's transaction.
import { publishEvent, type Consumer } from '../../platform/events.ts';
import { on } from '../../platform/module.ts';
import { newId } from '../../platform/ids.ts';
import { DEFAULT_CURRENCY } from '../../platform/money.ts';
import { presentAttribution } from './sharing.present.ts';
import * as repo from './sharing.repo.ts';
import { pickTouches, windowStart, type AttributionModel, type AttributionSubject } from './sharing.rules.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import { sharingTables, type SharingDb, type SharingPlatform } from './sharing.table.ts';

export function createSharingAttribution(p: SharingPlatform) {
  async function linkVisitors(trx: SharingDb, payload: { userId: string; visitorId?: string | null; deviceId?: string | null }, at: Date) {
    const ids = [...new Set([payload.visitorId, payload.deviceId].filter((v): v is string => !!v))];
    await repo.insertVisitorsSeen(trx, ids, at);
    await repo.insertVisitorLinks(trx, payload.userId, ids, at);
  }

  async function attribute(trx: SharingDb, subject: { type: AttributionSubject; id: string; userId: string; orderAmount?: number; currency?: string }, clicks: repo.ClickRow[], at: Date) {
    const touches = pickTouches(clicks.map((c) => ({ ...c, clickedAt: c.clicked_at })));
    if (!touches) return null;
    let lastTouch: repo.AttributionRow | undefined;
    for (const [model, click] of [['last_touch', touches.last], ['first_touch', touches.first]] as const) {
      const row = await repo.insertAttribution(trx, {
        id: newId(),
        subject_type: subject.type,
        subject_id: subject.id,
        model,
        user_id: subject.userId,
        share_id: click.share_id,
        root_share_id: click.root_share_id,
        sharer_id: click.sharer_id,
        campaign_id: click.campaign_id,
        target_type: click.target_type,
        target_id: click.target_id,
        click_id: click.id,
        channel: click.channel,
        order_amount: subject.orderAmount ?? null,
        currency: subject.currency ?? null,
        attributed_at: at,
        updated_at: at,
      });
      if (model === 'last_touch') lastTouch = row;
    }
    return lastTouch ?? null;
  }

  /** customer.registered: the sign-up's visitor and device ids, last and first touch in the window before it. */
  async function attributeSignup(trx: SharingDb, payload: { userId: string; visitorId?: string | null; deviceId?: string | null }, at: Date) {
    const visitorIds = [...new Set([payload.visitorId, payload.deviceId].filter((v): v is string => !!v))];
    if (!visitorIds.length) return;
    const days = await p.settings.get('sharing.attributionWindowDays', trx);
    const clicks = await repo.findAttributableClicks(trx, { userId: null, visitorIds }, windowStart(at, days), at);
    const row = await attribute(trx, { type: 'customer', id: payload.userId, userId: payload.userId }, clicks.filter((c) => c.sharer_id !== payload.userId), at);
    if (row) {
      await publishEvent(trx, at, 'customer.attributed', payload.userId, {
        userId: payload.userId,
        shareId: row.share_id,
        rootShareId: row.root_share_id,
        sharerId: row.sharer_id,
        campaignId: row.campaign_id,
        targetType: row.target_type,
        targetId: row.target_id,
        channel: row.channel,
        model: 'last_touch',
      });
    }
  }

  /** order.placed: the buyer's clicks (signed in, or from any visitor linked to them) in the window before the order. */
  async function attributeOrder(trx: SharingDb, payload: { orderId: string; userId: string; totalAmount: number; currency?: string }, at: Date) {
    const days = await p.settings.get('sharing.attributionWindowDays', trx);
    const visitorIds = await repo.findVisitorsOfUser(trx, payload.userId);
    const clicks = await repo.findAttributableClicks(trx, { userId: payload.userId, visitorIds }, windowStart(at, days), at);
    const row = await attribute(trx, { type: 'order', id: payload.orderId, userId: payload.userId, orderAmount: payload.totalAmount, currency: payload.currency ?? DEFAULT_CURRENCY }, clicks, at);
    if (row) {
      await publishEvent(trx, at, 'order.attributed', payload.orderId, {
        orderId: payload.orderId,
        userId: payload.userId,
        shareId: row.share_id,
        rootShareId: row.root_share_id,
        sharerId: row.sharer_id,
        campaignId: row.campaign_id,
        totalAmount: payload.totalAmount,
        model: 'last_touch',
      });
    }
  }

  async function recordOrderPaid(trx: SharingDb, payload: { orderId: string; userId: string; totalAmount: number; currency?: string }, at: Date) {
    // order.placed is normally consumed first; if its delivery failed and is being retried, attribute now.
    if (!(await repo.findAttribution(trx, 'order', payload.orderId, 'last_touch'))) await attributeOrder(trx, payload, at);
    await repo.markOrderPaid(trx, payload.orderId, payload.totalAmount, at);
  }

  async function recordOrderRefund(trx: SharingDb, payload: { orderId: string; amount: number; full: boolean }, at: Date) {
    if (payload.full) await repo.clearOrderPaid(trx, payload.orderId, at);
    else await repo.reduceOrderPaid(trx, payload.orderId, payload.amount, at);
  }

  /** The event consumers sharing needs; its module manifest subscribes them. */
  function consumers(): Consumer[] {
    return [
      on(['customer.registered', 'customer.signed_in'], 'sharing.link-visitors', (trx, e) => linkVisitors(sharingTables.of(trx), e.payload, e.occurredAt)),
      on('customer.registered', 'sharing.attribute-signup', (trx, e) => attributeSignup(sharingTables.of(trx), e.payload, e.occurredAt)),
      on('order.placed', 'sharing.attribute-order', (trx, e) => attributeOrder(sharingTables.of(trx), e.payload, e.occurredAt)),
      on('order.paid', 'sharing.order-paid', (trx, e) => recordOrderPaid(sharingTables.of(trx), e.payload, e.occurredAt)),
      on('order.refunded', 'sharing.order-refunded', (trx, e) => recordOrderRefund(sharingTables.of(trx), e.payload, e.occurredAt)),
      on('order.cancelled', 'sharing.order-cancelled', (trx, e) => repo.clearOrderPaid(sharingTables.of(trx), e.payload.orderId, e.occurredAt).then(() => undefined)),
    ];
  }

  async function getAttribution(executor: AnyExecutor, subjectType: AttributionSubject, subjectId: string, model: AttributionModel = 'last_touch') {
    const row = await repo.findAttribution(sharingTables.of(executor), subjectType, subjectId, model);
    return row ? presentAttribution(row) : null;
  }

  return { consumers, getAttribution };
}
