// Money is integer minor units (fen) with a currency. Nothing here uses floats for amounts
// except to compute a ratio that is immediately rounded back to whole units.
export interface Money {
  amount: number;
  currency: string;
}

export const DEFAULT_CURRENCY = 'CNY';
export const MAX_AMOUNT = 1_000_000_000_00; // ¥1,000,000,000.00: bound on any single amount

export function assertMinorUnits(amount: number, what = 'amount'): void {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`${what} must be a whole number of minor units (got ${amount})`);
}

export function money(amount: number, currency = DEFAULT_CURRENCY): Money {
  assertMinorUnits(amount);
  return { amount, currency };
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new RangeError(`currency mismatch: ${a.currency} vs ${b.currency}`);
}

export const add = (a: Money, b: Money): Money => (sameCurrency(a, b), money(a.amount + b.amount, a.currency));
export const subtract = (a: Money, b: Money): Money => (sameCurrency(a, b), money(a.amount - b.amount, a.currency));
export const times = (a: Money, quantity: number): Money => money(a.amount * quantity, a.currency);
export const sum = (items: Money[], currency = DEFAULT_CURRENCY): Money =>
  items.reduce((acc, m) => add(acc, m), money(0, currency));

/** Round half away from zero, the rounding shoppers expect on receipts. */
export function roundHalfUp(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

/** amount × basisPoints / 10000, rounded half up: 8.5% is 850 bp. */
export function applyBasisPoints(amount: number, basisPoints: number): number {
  assertMinorUnits(amount);
  return roundHalfUp((amount * basisPoints) / 10_000);
}

/**
 * Split `total` across `weights` in proportion, in whole minor units, always summing exactly to
 * `total` (largest-remainder method; ties go to the earlier line). Used to spread an order-level
 * discount across lines so a partial refund returns exactly what was paid for those lines.
 */
export function prorate(total: number, weights: number[]): number[] {
  assertMinorUnits(total, 'total');
  if (weights.length === 0) {
    if (total !== 0) throw new RangeError('cannot prorate a non-zero total over no weights');
    return [];
  }
  for (const w of weights) {
    if (!Number.isFinite(w) || w < 0) throw new RangeError(`weights must be finite and non-negative (got ${w})`);
  }
  const weightSum = weights.reduce((a, b) => a + b, 0);
  // All-zero weights: split evenly, so the total is still fully assigned.
  const effective = weightSum === 0 ? weights.map(() => 1) : weights;
  const effectiveSum = weightSum === 0 ? weights.length : weightSum;
  const sign = total < 0 ? -1 : 1;
  const abs = Math.abs(total);
  const exact = effective.map((w) => (abs * w) / effectiveSum);
  const floors = exact.map((x) => Math.floor(x));
  let remainder = abs - floors.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, frac: x - Math.floor(x) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (remainder <= 0) break;
    floors[i] += 1;
    remainder -= 1;
  }
  return floors.map((x) => x * sign);
}

export function formatMoney(m: Money, locale = 'zh-CN'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: m.currency }).format(m.amount / 100);
}
