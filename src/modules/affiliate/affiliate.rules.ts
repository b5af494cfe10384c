// Pure affiliate (分销) rules: who may bind to whom, the two-level commission split, proportional
// reversal on refunds, withdrawal fees and the statement. No database, no clock.
import { addDays } from '../../platform/clock.ts';
import { applyBasisPoints } from '../../platform/money.ts';
import type { LedgerKind } from './affiliate.table.ts';

/** Chinese anti-pyramid rules and platform policies allow two levels of commission, never three. */
export const MAX_LEVELS = 2;
export const THIRD_LEVEL_ERROR = 'AFFILIATE_THIRD_LEVEL_FORBIDDEN';

export interface Rates {
  level1Bp: number;
  level2Bp: number;
}

/**
 * Whether a rate configuration asks for more than two levels. Any `levels` above 2, or any rate for a
 * level beyond the second (`level3Bp`, `level4RateBp`, `rates[2]` …) is a third level.
 */
export function definesThirdLevel(config: Record<string, unknown>): boolean {
  if (typeof config.levels === 'number' && config.levels > MAX_LEVELS) return true;
  if (Array.isArray(config.rates) && config.rates.length > MAX_LEVELS) return true;
  return Object.keys(config).some((k) => {
    const m = /^level(\d+)/i.exec(k);
    return !!m && Number(m[1]) > MAX_LEVELS;
  });
}

type BindingRefusal = 'SELF' | 'DOWNLINE';

/**
 * May `customerId` bind to `promoterId`? `promoterUplines` is the promoter's own upline chain,
 * nearest first (their promoter, that promoter's promoter, …). Binding to yourself is refused, and so
 * is binding to anyone below you: if you already appear above the promoter, the binding would close a
 * cycle (your level-1 or level-2 customer — or anyone further down — would become your upline).
 */
export function bindingRefusal(x: { customerId: string; promoterId: string; promoterUplines: string[] }): BindingRefusal | null {
  if (x.customerId === x.promoterId) return 'SELF';
  if (x.promoterUplines.includes(x.customerId)) return 'DOWNLINE';
  return null;
}

/** Whether an existing binding gives way to a new one. */
export function bindingReplaceable(x: { existing: { promoterId: string; expiresAt: Date | null } | null; newPromoterId: string; override: boolean; now: Date }): boolean {
  if (!x.existing) return true;
  if (x.existing.promoterId === x.newPromoterId) return false;
  if (x.existing.expiresAt && x.existing.expiresAt <= x.now) return true;
  return x.override;
}

export function bindingExpiry(boundAt: Date, bindingDays: number): Date | null {
  return bindingDays > 0 ? addDays(boundAt, bindingDays) : null;
}

/**
 * The promoters who earn on a purchase, level 1 first, at most two. `chain` is whatever the caller
 * found upward (level-1 promoter, their upline, their upline's upline …): anything past the second is
 * ignored, a repeat (a cycle) or the buyer (unless self-purchase earns) ends the chain.
 */
export function commissionChain(x: { buyerId: string; buyerIsPromoter: boolean; selfPurchaseCommission: boolean; uplines: string[] }): string[] {
  const chain: string[] = [];
  const candidates = x.selfPurchaseCommission && x.buyerIsPromoter ? [x.buyerId, ...x.uplines] : x.uplines;
  for (const id of candidates) {
    if (chain.length >= MAX_LEVELS) break;
    if (chain.includes(id)) break;
    if (id === x.buyerId && !(x.selfPurchaseCommission && chain.length === 0)) break;
    chain.push(id);
  }
  return chain;
}

interface CommissionLine {
  lineId: string;
  productId: string;
  paidAmount: number;
}

interface CommissionShare {
  lineId: string;
  productId: string;
  level: 1 | 2;
  promoterId: string;
  baseAmount: number;
  rateBp: number;
  amount: number;
}

/** The rate of a level for a product: a per-product override when there is one, else the default. */
export function rateFor(level: 1 | 2, defaults: Rates, override?: Rates | null): number {
  const r = override ?? defaults;
  return level === 1 ? r.level1Bp : r.level2Bp;
}

/**
 * Commission per order line and level: line paid total × rate (basis points, half up). Only the first
 * two promoters of `chain` are paid, whatever the caller passed; zero amounts are left out.
 */
export function splitCommission(x: { lines: CommissionLine[]; chain: string[]; defaults: Rates; overrides: Map<string, Rates> }): CommissionShare[] {
  const out: CommissionShare[] = [];
  const chain = x.chain.slice(0, MAX_LEVELS);
  for (const line of x.lines) {
    if (line.paidAmount <= 0) continue;
    chain.forEach((promoterId, i) => {
      const level = (i + 1) as 1 | 2;
      const rateBp = rateFor(level, x.defaults, x.overrides.get(line.productId));
      const amount = applyBasisPoints(line.paidAmount, rateBp);
      if (amount > 0) out.push({ lineId: line.lineId, productId: line.productId, level, promoterId, baseAmount: line.paidAmount, rateBp, amount });
    });
  }
  return out;
}

/**
 * What a promoter would earn on one unit of a product bought by their own (level-1) customer at
 * `price`: the very split a paid order line goes through, so the estimate and the booked commission
 * cannot drift apart.
 */
export function level1Estimate(x: { productId: string; price: number; defaults: Rates; override: Rates | null }): { rateBp: number; amount: number } {
  const rateBp = rateFor(1, x.defaults, x.override);
  const [share] = splitCommission({ lines: [{ lineId: 'estimate', productId: x.productId, paidAmount: x.price }], chain: ['promoter'], defaults: x.defaults, overrides: new Map(x.override ? [[x.productId, x.override]] : []) });
  return { rateBp, amount: share?.amount ?? 0 };
}

/**
 * How much of a commission should stand reversed after a refund: in proportion to what has been
 * refunded of the order so far (cumulative, so a redelivered or later refund never double-counts);
 * a full refund reverses all of it.
 */
export function reversalTarget(x: { commission: number; paidAmount: number; refundedTotal: number; full: boolean }): number {
  if (x.full || x.paidAmount <= 0 || x.refundedTotal >= x.paidAmount) return x.commission;
  const target = Math.round((x.commission * Math.max(0, x.refundedTotal)) / x.paidAmount);
  return Math.min(x.commission, Math.max(0, target));
}

export function withdrawalFee(amount: number, feeBp: number): { fee: number; net: number } {
  const fee = Math.min(amount, applyBasisPoints(amount, feeBp));
  return { fee, net: amount - fee };
}

interface Statement {
  openingBalance: number;
  commissionsSettled: number;
  reversals: number;
  withdrawals: number;
  fees: number;
  withdrawalsReturned: number;
  closingBalance: number;
}

/**
 * A statement over a period from the ledger: opening balance (everything before), the period's
 * movements by kind (reversals, withdrawals and fees as positive figures taken away), closing balance.
 * closing = opening + settled − reversals − withdrawals − fees + returned, always.
 */
export function buildStatement(opening: number, entries: { kind: LedgerKind; amount: number }[]): Statement {
  const s: Statement = { openingBalance: opening, commissionsSettled: 0, reversals: 0, withdrawals: 0, fees: 0, withdrawalsReturned: 0, closingBalance: opening };
  for (const e of entries) {
    if (e.kind === 'commission_settled') s.commissionsSettled += e.amount;
    else if (e.kind === 'commission_reversed') s.reversals -= e.amount;
    else if (e.kind === 'withdrawal') s.withdrawals -= e.amount;
    else if (e.kind === 'withdrawal_fee') s.fees -= e.amount;
    else s.withdrawalsReturned += e.amount;
    s.closingBalance += e.amount;
  }
  return s;
}

export const statementAddsUp = (s: Statement) =>
  s.openingBalance + s.commissionsSettled - s.reversals - s.withdrawals - s.fees + s.withdrawalsReturned === s.closingBalance;
