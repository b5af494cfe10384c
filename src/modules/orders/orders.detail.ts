// The operator's order page in one answer: the order (address masked), its buyer by name, what
// brought it (the share that was last clicked before it, the buyer's promoters, the share's
// campaign), amounts that add up (goods, discounts by kind, one shipping line, total, paid,
// refunded), history with who did what, and its payments and refunds with failures coded so the
// console explains them from the error catalog. Other modules' facts come through ports.
import { isUuid } from '../../platform/ids.ts';
import { money } from '../../platform/money.ts';
import { maskPhone } from '../../platform/pii.ts';
import { MoneySchema, Nullable, Type } from '../../platform/schema.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import { withMaskedAddress } from './orders.pii.ts';
import type { presentOrder } from './orders.present.ts';
import { OrderSchema } from './orders.schema.ts';
import type { OrderStatusHistoryRow } from './orders.repo.ts';

type PresentedOrder = ReturnType<typeof presentOrder>;
type Money = { amount: number; currency: string };

/** Payments' own presentation of an order's payments and refunds (payments.present.ts). */
export interface OrderFinance {
  payments: { id: string; gateway: string; status: string; amount: Money; refunded: Money; createdAt: string; succeededAt: string | null }[];
  refunds: { id: string; kind: string; status: string; amount: Money; reason: string; failureMessage: string | null; createdAt: string; completedAt: string | null }[];
}

export interface OrderDetailPorts {
  finance(orderId: string): Promise<OrderFinance>;
  /** The buyer's name and phone as identity keeps them (phone opened), or null for an erased account. */
  customer(userId: string): Promise<{ name: string; phone: string | null } | null>;
  displayNames(userIds: string[]): Promise<Map<string, string>>;
  /** Sharing's last-touch attribution of the order. */
  attribution(executor: AnyExecutor, orderId: string): Promise<{ shareId: string; sharerId: string; campaignId: string | null; channel: string | null; attributedAt: string } | null>;
  /** The buyer's promoters today: level 1 first, then the one above (affiliate's binding). */
  promoters(executor: AnyExecutor, userId: string): Promise<string[]>;
  campaignNames(executor: AnyExecutor, ids: string[]): Promise<Map<string, string>>;
}

const Person = Type.Object({ id: Type.String(), name: Type.String() });
const ShippingFree = Type.Union([Type.Literal('campaign'), Type.Literal('benefit'), Type.Literal('threshold'), Type.Literal('no_fee')]);

export const OrderDetailSchema = Type.Object({
  order: OrderSchema,
  buyer: Nullable(Type.Object({ id: Type.String(), name: Type.String(), phone: Nullable(Type.String({ description: 'masked: 138****8000' })) })),
  attribution: Type.Object({
    share: Nullable(Type.Object({ id: Type.String(), channel: Nullable(Type.String()), sharer: Nullable(Person), campaign: Nullable(Type.Object({ id: Type.String(), name: Nullable(Type.String({ description: 'null when the share names no campaign this store has (a free-text tag)' })) })), attributedAt: Type.String() })),
    promoters: Type.Array(Type.Object({ level: Type.Integer({ minimum: 1, maximum: 2 }), id: Type.String(), name: Type.String() }), { description: 'the buyer\'s promoters as bound now (commission follows them)' }),
  }),
  amounts: Type.Object({
    goods: MoneySchema,
    discounts: Type.Array(Type.Object({ kind: Type.String({ description: 'the pricing step: campaign, tier, threshold, coupons, coupon, points' }), labels: Type.Array(Type.String()), amount: MoneySchema })),
    shipping: Type.Object({ amount: MoneySchema, free: Nullable(ShippingFree) }),
    total: MoneySchema,
    paid: MoneySchema,
    refunded: MoneySchema,
    refundable: MoneySchema,
  }),
  history: Type.Array(Type.Object({ from: Nullable(Type.String()), to: Type.String(), reason: Nullable(Type.String()), actorId: Nullable(Type.String()), actorName: Nullable(Type.String()), at: Type.String() })),
  finance: Type.Object({
    payments: Type.Array(Type.Object({ id: Type.String(), gateway: Type.String(), status: Type.String(), amount: MoneySchema, refunded: MoneySchema, createdAt: Type.String(), succeededAt: Nullable(Type.String()) })),
    refunds: Type.Array(
      Type.Object({
        id: Type.String(),
        kind: Type.String(),
        status: Type.String(),
        amount: MoneySchema,
        reason: Type.String(),
        failure: Nullable(Type.Object({ code: Type.String({ description: 'an error catalog code' }), details: Type.Object({ gatewayMessage: Type.String() }) })),
        createdAt: Type.String(),
        completedAt: Nullable(Type.String()),
      }),
    ),
  }),
});

/**
 * goods − discounts + shipping = total, with shipping once: the shipping pricing step is the
 * shipping line (never also a discount), and a difference the adjustments do not explain (an
 * order imported without them) shows as its own 'other' line rather than a sum that is off.
 */
export function orderAmounts(o: Pick<PresentedOrder, 'adjustments' | 'goods' | 'shipping' | 'total' | 'paid' | 'refunded'>) {
  const c = o.total.currency;
  const byKind = new Map<string, { labels: string[]; amount: number }>();
  for (const a of o.adjustments) {
    if (a.step === 'shipping' || a.amount.amount === 0) continue;
    const k = byKind.get(a.step) ?? { labels: [], amount: 0 };
    if (!k.labels.includes(a.label)) k.labels.push(a.label);
    k.amount += a.amount.amount;
    byKind.set(a.step, k);
  }
  const explained = o.goods.amount + [...byKind.values()].reduce((s, k) => s + k.amount, 0) + o.shipping.amount;
  if (explained !== o.total.amount) byKind.set('other', { labels: [], amount: (byKind.get('other')?.amount ?? 0) + o.total.amount - explained });
  return {
    goods: o.goods,
    discounts: [...byKind].map(([kind, k]) => ({ kind, labels: k.labels, amount: money(k.amount, c) })),
    shipping: { amount: o.shipping, free: o.shipping.amount > 0 ? null : shippingWaiver(o.adjustments) },
    total: o.total,
    paid: o.paid,
    refunded: o.refunded,
    refundable: money(Math.max(0, o.paid.amount - o.refunded.amount), c),
  };
}

/** Why shipping cost nothing, from the steps that waived it (checkout's pricing.rules.ts writes them). */
function shippingWaiver(adjustments: PresentedOrder['adjustments']): 'campaign' | 'benefit' | 'threshold' | 'no_fee' {
  if (adjustments.some((a) => a.code === 'CAMPAIGN_FREE_SHIPPING')) return 'campaign';
  const free = adjustments.find((a) => a.code === 'SHIPPING_FREE');
  if (free?.label === 'free shipping benefit') return 'benefit';
  if (free?.label.startsWith('free shipping over')) return 'threshold';
  return 'no_fee';
}

export function createOrderDetail(orders: { getOrder(id: string): Promise<PresentedOrder>; history(id: string): Promise<OrderStatusHistoryRow[]> }, executor: AnyExecutor, ports: OrderDetailPorts) {
  return async function orderDetail(id: string) {
    const order = await orders.getOrder(id);
    const [rows, finance, customer, attribution, promoterIds] = await Promise.all([
      orders.history(id),
      ports.finance(id),
      ports.customer(order.userId),
      ports.attribution(executor, id),
      ports.promoters(executor, order.userId),
    ]);
    const people = [...new Set([...rows.map((h) => h.actor_id), attribution?.sharerId, ...promoterIds].filter((v): v is string => !!v))];
    const [names, campaigns] = await Promise.all([ports.displayNames(people), ports.campaignNames(executor, attribution?.campaignId && isUuid(attribution.campaignId) ? [attribution.campaignId] : [])]);
    const person = (pid: string | null | undefined) => (pid ? { id: pid, name: names.get(pid) ?? '' } : null);
    return {
      order: withMaskedAddress(order),
      buyer: customer ? { id: order.userId, name: customer.name, phone: customer.phone ? maskPhone(customer.phone) : null } : null,
      attribution: {
        share: attribution
          ? {
              id: attribution.shareId,
              channel: attribution.channel,
              sharer: person(attribution.sharerId),
              campaign: attribution.campaignId ? { id: attribution.campaignId, name: campaigns.get(attribution.campaignId) ?? null } : null,
              attributedAt: attribution.attributedAt,
            }
          : null,
        promoters: promoterIds.slice(0, 2).map((pid, i) => ({ level: i + 1, id: pid, name: names.get(pid) ?? '' })),
      },
      amounts: orderAmounts(order),
      history: rows.map((h) => ({ from: h.from_status, to: h.to_status, reason: h.reason, actorId: h.actor_id, actorName: h.actor_id ? names.get(h.actor_id) ?? null : null, at: h.at.toISOString() })),
      finance: {
        payments: finance.payments.map((p) => ({ id: p.id, gateway: p.gateway, status: p.status, amount: p.amount, refunded: p.refunded, createdAt: p.createdAt, succeededAt: p.succeededAt })),
        refunds: finance.refunds.map((r) => ({
          id: r.id,
          kind: r.kind,
          status: r.status,
          amount: r.amount,
          reason: r.reason,
          // The gateway answers in its own words (English); the code lets the console say it in the operator's language.
          failure: r.status === 'failed' ? { code: 'ORDER_REFUND_DECLINED', details: { gatewayMessage: r.failureMessage ?? '' } } : null,
          createdAt: r.createdAt,
          completedAt: r.completedAt,
        })),
      },
    };
  };
}
