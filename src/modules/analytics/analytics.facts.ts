// Server facts as log rows: each catalog event analytics listens to, mapped to the columns the
// reports read. Pure: an outbox event in, a row out (the dedupe key is the outbox id, so a
// redelivered event writes nothing twice).
import { chinaDate } from '../../platform/clock.ts';
import type { EventPayload, OutboxEvent } from '../../platform/events.ts';
import type { EventRow, ServerEventName } from './analytics.ingest.rules.ts';

type Fields = Partial<Pick<EventRow, 'visitor_id' | 'user_id' | 'channel' | 'share_id' | 'campaign_id' | 'product_id' | 'order_id' | 'amount'>> & { props?: Record<string, unknown> };

const FACTS: { [T in ServerEventName]: (p: EventPayload<T>) => Fields } = {
  'customer.registered': (p) => ({ user_id: p.userId, visitor_id: p.visitorId ?? p.deviceId, props: { hasEmail: p.hasEmail, hasPhone: p.hasPhone, invited: p.inviteCode !== null } }),
  'customer.signed_in': (p) => ({ user_id: p.userId, visitor_id: p.visitorId ?? p.deviceId }),
  'customer.attributed': (p) => ({ user_id: p.userId, share_id: p.shareId, campaign_id: p.campaignId, channel: p.channel, props: { sharerId: p.sharerId, rootShareId: p.rootShareId, model: p.model } }),
  'order.placed': (p) => ({ user_id: p.userId, order_id: p.orderId, amount: p.totalAmount, product_id: p.lines[0]?.productId ?? null, props: { kind: p.kind, currency: p.currency, productIds: [...new Set(p.lines.map((l) => l.productId))] } }),
  'order.paid': (p) => ({ user_id: p.userId, order_id: p.orderId, amount: p.totalAmount, props: { kind: p.kind, currency: p.currency } }),
  'order.refunded': (p) => ({ user_id: p.userId, order_id: p.orderId, amount: p.amount, props: { kind: p.kind, full: p.full, currency: p.currency } }),
  'order.attributed': (p) => ({ user_id: p.userId, order_id: p.orderId, share_id: p.shareId, campaign_id: p.campaignId, amount: p.totalAmount, props: { sharerId: p.sharerId, rootShareId: p.rootShareId, model: p.model } }),
  'share.created': (p) => ({
    user_id: p.sharerId,
    share_id: p.shareId,
    campaign_id: p.campaignId,
    channel: p.channel,
    product_id: p.targetType === 'product' ? p.targetId : null,
    props: { rootShareId: p.rootShareId, parentShareId: p.parentShareId, depth: p.depth, targetType: p.targetType, targetId: p.targetId },
  }),
  'share.clicked': (p) => ({
    user_id: p.userId,
    visitor_id: p.visitorId,
    share_id: p.shareId,
    campaign_id: p.campaignId,
    channel: p.channel,
    product_id: p.targetType === 'product' ? p.targetId : null,
    props: { sharerId: p.sharerId, rootShareId: p.rootShareId, isNewVisitor: p.isNewVisitor, selfClick: p.selfClick },
  }),
  // Coupon templates are campaigns in the kernel (one id names the campaign everywhere).
  'coupon.claimed': (p) => ({ user_id: p.userId, campaign_id: p.templateId, props: { couponId: p.couponId, source: p.source } }),
  'coupon.used': (p) => ({ user_id: p.userId, campaign_id: p.templateId, order_id: p.orderId, amount: p.discountAmount, props: { couponId: p.couponId } }),
  'team.created': (p) => ({ user_id: p.leaderId, campaign_id: p.campaignId, order_id: p.orderId, props: { teamId: p.teamId, size: p.size } }),
  'team.seat_taken': (p) => ({ user_id: p.userId, campaign_id: p.campaignId, order_id: p.orderId, props: { teamId: p.teamId } }),
  'referral.bound': (p) => ({ user_id: p.inviteeId, campaign_id: p.campaignId, props: { inviterId: p.inviterId } }),
  'referral.qualified': (p) => ({ user_id: p.inviteeId, campaign_id: p.campaignId, order_id: p.orderId, props: { inviterId: p.inviterId } }),
};

export function factRow<T extends ServerEventName>(type: T, event: OutboxEvent<EventPayload<T>>, receivedAt: Date): EventRow {
  const f = FACTS[type](event.payload);
  return {
    dedupe_key: `o/${event.id}`,
    name: type,
    occurred_at: event.occurredAt,
    received_at: receivedAt,
    day: chinaDate(event.occurredAt),
    visitor_id: f.visitor_id ?? null,
    user_id: f.user_id ?? null,
    session_id: null,
    page: null,
    referrer: null,
    channel: f.channel ?? null,
    share_token: null,
    share_id: f.share_id ?? null,
    campaign_id: f.campaign_id ?? null,
    product_id: f.product_id ?? null,
    order_id: f.order_id ?? null,
    amount: f.amount ?? null,
    props: JSON.stringify(f.props ?? {}),
    source: 'server',
  };
}
