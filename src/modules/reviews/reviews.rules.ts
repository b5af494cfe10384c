// Reviews' pure rules: who may review an order line, the rating summary, images-first ordering.

export type ReviewStatus = 'published' | 'held' | 'hidden';

export const MAX_IMAGES = 9;
export const TEXT_MAX = 2000;

/** Only images uploaded through Fission (catalog's media store) appear in a review. */
export const MEDIA_PATH = /^\/media\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface LineFacts {
  orderStatus: string;
  /** When the shopper confirmed receipt (or the order auto-completed): null until received. */
  completedAt: Date | null;
  quantity: number;
  refundedQuantity: number;
}

/**
 * A review needs a paid and received order line (e-commerce law Art. 17: no fabricated reviews).
 * Received means the order reached `completed`; it may be in an after-sales refund since, as long
 * as part of the line was kept. A line refunded in full was returned: nothing to review.
 */
export function reviewableProblem(l: LineFacts): 'NOT_RECEIVED' | 'REFUNDED' | null {
  const received = l.completedAt !== null && ['completed', 'refunding', 'refunded'].includes(l.orderStatus);
  if (!received) return 'NOT_RECEIVED';
  if (l.refundedQuantity >= l.quantity) return 'REFUNDED';
  return null;
}

export interface RatingSummary {
  count: number;
  /** Mean stars to one decimal, null with no reviews. */
  average: number | null;
  /** Count per star, 1 to 5. */
  distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
  withImages: number;
}

export function summarise(rows: { rating: number; n: number; with_images: number }[]): RatingSummary {
  const distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  let count = 0;
  let stars = 0;
  let withImages = 0;
  for (const r of rows) {
    const key = String(r.rating) as keyof typeof distribution;
    if (!(key in distribution)) continue;
    distribution[key] += r.n;
    count += r.n;
    stars += r.rating * r.n;
    withImages += r.with_images;
  }
  return { count, average: count ? Math.round((stars / count) * 10) / 10 : null, distribution, withImages };
}

/** Base64 with no whitespace tricks: what a browser's FileReader gives. */
export const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
