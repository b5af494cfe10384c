// The pricing pipeline: an ordered list of steps, each turning a draft quote into the next and
// recording what it did as an adjustment line. DESIGN.md §5 fixes the order: campaign price →
// tier discount → threshold discounts → coupons → points → shipping. Later issues add steps;
// this file only knows how steps compose and the steps that exist today.
import { prorate } from '../../platform/money.ts';

export interface PricingSkuInfo {
  skuId: string;
  productId: string;
  productTitle: string;
  /** English title and option label when the catalog has them (shown in English mode). */
  productTitleEn?: string | null;
  skuLabel: string;
  skuLabelEn?: string | null;
  categoryId: string;
  image: string | null;
  priceAmount: number;
  currency: string;
}

export interface PricedLine {
  skuId: string;
  productId: string;
  title: string;
  titleEn?: string | null;
  skuLabel: string;
  skuLabelEn?: string | null;
  categoryId: string;
  image: string | null;
  quantity: number;
  /** Catalog price per unit. */
  listUnitAmount: number;
  /** Price per unit after campaign pricing (flash sale, group, price-cut). */
  unitAmount: number;
  /** Discounts from later steps allocated to this line, in fen (≥ 0). */
  discountAmount: number;
}

export interface Adjustment {
  step: string;
  code: string;
  label: string;
  /** Signed fen: negative lowers the total (discount), positive raises it (fee). */
  amount: number;
  skuId: string | null;
  /** What produced it, for the step's own bookkeeping (e.g. the coupon id); null when nothing. */
  ref?: string | null;
}

export interface QuoteDraft {
  currency: string;
  lines: PricedLine[];
  adjustments: Adjustment[];
  shippingAmount: number;
  freeShipping: boolean;
}

export interface Quote extends QuoteDraft {
  goodsAmount: number;
  discountAmount: number;
  totalAmount: number;
}

export interface PricingContext {
  now: Date;
  userId: string | null;
  shipping: { flatFeeAmount: number; freeThresholdAmount: number };
}

export interface PricingStep {
  code: string;
  apply(draft: QuoteDraft, ctx: PricingContext): QuoteDraft;
}

export const lineSubtotal = (l: PricedLine) => l.unitAmount * l.quantity;
export const linePayable = (l: PricedLine) => lineSubtotal(l) - l.discountAmount;
export const goodsPayable = (d: QuoteDraft) => d.lines.reduce((s, l) => s + linePayable(l), 0);

export function draftFromSkus(items: { skuId: string; quantity: number }[], skus: Map<string, PricingSkuInfo>): QuoteDraft {
  const currencies = new Set(items.map((i) => skus.get(i.skuId)!.currency));
  if (currencies.size > 1) throw new RangeError('one order cannot mix currencies');
  const lines = items.map((i) => {
    const s = skus.get(i.skuId)!;
    return {
      skuId: s.skuId,
      productId: s.productId,
      title: s.productTitle,
      titleEn: s.productTitleEn ?? null,
      skuLabel: s.skuLabel,
      skuLabelEn: s.skuLabelEn ?? null,
      categoryId: s.categoryId,
      image: s.image,
      quantity: i.quantity,
      listUnitAmount: s.priceAmount,
      unitAmount: s.priceAmount,
      discountAmount: 0,
    };
  });
  return { currency: [...currencies][0] ?? 'CNY', lines, adjustments: [], shippingAmount: 0, freeShipping: false };
}

/** Merge repeated SKUs so one SKU is one line. */
export function mergeItems(items: { skuId: string; quantity: number }[]): { skuId: string; quantity: number }[] {
  const merged = new Map<string, number>();
  for (const i of items) merged.set(i.skuId, (merged.get(i.skuId) ?? 0) + i.quantity);
  return [...merged].map(([skuId, quantity]) => ({ skuId, quantity }));
}

/**
 * An order-level discount, capped at what the goods still cost, spread over the lines in
 * proportion to what each still costs so a partial refund returns exactly what was paid.
 */
export function applyOrderDiscount(draft: QuoteDraft, amount: number, adjustment: Omit<Adjustment, 'amount' | 'skuId'>, onlySkus?: Set<string>): QuoteDraft {
  // A scoped discount (category or product coupon) spreads only over the lines in scope.
  const payable = draft.lines.map((l) => (!onlySkus || onlySkus.has(l.skuId) ? linePayable(l) : 0));
  const capped = Math.min(amount, payable.reduce((a, b) => a + b, 0));
  if (capped <= 0) return draft;
  const shares = prorate(capped, payable);
  return {
    ...draft,
    lines: draft.lines.map((l, i) => ({ ...l, discountAmount: l.discountAmount + shares[i] })),
    adjustments: [...draft.adjustments, { ...adjustment, amount: -capped, skuId: null }],
  };
}

/** A discount on one SKU's line, capped at what that line still costs. */
export function applyLineDiscount(draft: QuoteDraft, skuId: string, amount: number, adjustment: Omit<Adjustment, 'amount' | 'skuId'>): QuoteDraft {
  const line = draft.lines.find((l) => l.skuId === skuId);
  if (!line) return draft;
  const capped = Math.min(amount, linePayable(line));
  if (capped <= 0) return draft;
  return {
    ...draft,
    lines: draft.lines.map((l) => (l.skuId === skuId ? { ...l, discountAmount: l.discountAmount + capped } : l)),
    adjustments: [...draft.adjustments, { ...adjustment, amount: -capped, skuId }],
  };
}

/** Replace a line's unit price (campaign pricing); records the difference as an adjustment. */
export function setCampaignUnitPrice(draft: QuoteDraft, skuId: string, unitAmount: number, adjustment: Omit<Adjustment, 'amount' | 'skuId'>): QuoteDraft {
  const line = draft.lines.find((l) => l.skuId === skuId);
  if (!line || unitAmount >= line.unitAmount || unitAmount < 0) return draft;
  const diff = (unitAmount - line.unitAmount) * line.quantity;
  return {
    ...draft,
    lines: draft.lines.map((l) => (l.skuId === skuId ? { ...l, unitAmount } : l)),
    adjustments: [...draft.adjustments, { ...adjustment, amount: diff, skuId }],
  };
}

/**
 * The shipping fee on goods costing `goodsAmount`: a flat fee, waived when the goods reach the
 * threshold (0 = never free), when the fee is 0, or when the order ships free (a benefit, 包邮).
 * Campaign pages use it too, so the 到手价 they advertise is what checkout charges.
 */
export function shippingFeeFor(goodsAmount: number, shipping: { flatFeeAmount: number; freeThresholdAmount: number }, shipsFree = false): { amount: number; why: 'benefit' | 'threshold' | 'no_fee' | 'flat' } {
  if (shipsFree) return { amount: 0, why: 'benefit' };
  if (shipping.freeThresholdAmount > 0 && goodsAmount >= shipping.freeThresholdAmount) return { amount: 0, why: 'threshold' };
  if (shipping.flatFeeAmount === 0) return { amount: 0, why: 'no_fee' };
  return { amount: shipping.flatFeeAmount, why: 'flat' };
}

/** A campaign's 包邮: its order ships free whatever it costs. */
export function campaignFreeShipping(draft: QuoteDraft, ref: string): QuoteDraft {
  return { ...draft, freeShipping: true, adjustments: [...draft.adjustments, { step: 'campaign', code: 'CAMPAIGN_FREE_SHIPPING', label: '包邮', amount: 0, skuId: null, ref }] };
}

/** Shipping, the last step: see shippingFeeFor. */
export const shippingStep: PricingStep = {
  code: 'shipping',
  apply(draft, ctx) {
    const fee = shippingFeeFor(goodsPayable(draft), ctx.shipping, draft.freeShipping);
    if (fee.amount === 0) {
      const why = fee.why === 'benefit' ? 'free shipping benefit' : fee.why === 'threshold' ? `free shipping over ¥${(ctx.shipping.freeThresholdAmount / 100).toFixed(2)}` : 'free shipping';
      return { ...draft, shippingAmount: 0, adjustments: [...draft.adjustments, { step: 'shipping', code: 'SHIPPING_FREE', label: why, amount: 0, skuId: null }] };
    }
    return {
      ...draft,
      shippingAmount: fee.amount,
      adjustments: [...draft.adjustments, { step: 'shipping', code: 'SHIPPING_FLAT', label: 'shipping', amount: fee.amount, skuId: null }],
    };
  },
};

export function finaliseQuote(draft: QuoteDraft): Quote {
  const listGoods = draft.lines.reduce((s, l) => s + l.listUnitAmount * l.quantity, 0);
  const goods = goodsPayable(draft);
  const total = goods + draft.shippingAmount;
  if (total < 0) throw new RangeError('a quote total can never be negative');
  return { ...draft, goodsAmount: listGoods, discountAmount: listGoods - goods, totalAmount: total };
}

/** Run the steps in order, then total. */
export function priceOrder(draft: QuoteDraft, steps: PricingStep[], ctx: PricingContext): Quote {
  const priced = steps.reduce((d, step) => step.apply(d, ctx), draft);
  return finaliseQuote(priced);
}

/** Insert a step before another (later issues slot campaign, coupon and points steps in before shipping). */
export function insertStepBefore(steps: PricingStep[], beforeCode: string, step: PricingStep): PricingStep[] {
  const at = steps.findIndex((s) => s.code === beforeCode);
  if (at < 0) throw new Error(`no pricing step ${beforeCode}`);
  return [...steps.slice(0, at), step, ...steps.slice(at)];
}

export const defaultPricingSteps = (): PricingStep[] => [shippingStep];

/** Where each kind of step runs in the pipeline (DESIGN.md §5 pricing order). */
export const PRICING_STAGES = { campaign: 10, tier: 20, threshold: 30, coupons: 40, points: 50, shipping: 90 } as const;
