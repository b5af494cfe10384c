// Price-cut (砍价 / 助力): the split of the way from the original price down to the floor among
// N helpers. Pure: the random source is injected, so property tests can drive it.

/** A random value in [0, 1). Production passes a crypto-backed source; tests pass a sequence. */
export type RandomSource = () => number;

export const BUY_MODES = ['any_time', 'floor_only'] as const;
export type BuyMode = (typeof BUY_MODES)[number];

export type CutStatus = 'open' | 'succeeded' | 'ordered' | 'bought' | 'expired';
/** A user has at most one live price-cut per campaign. */
export const LIVE_STATUSES: CutStatus[] = ['open', 'succeeded', 'ordered'];

/** Share of what remains above the reserve that one help cuts: [low, high). */
export const CUT_SHARE = { regular: [0.2, 0.5], newCustomer: [0.4, 0.7] } as const;
/** An account younger than this with no paid order is a brand-new customer and cuts more. */
export const NEW_CUSTOMER_HOURS = 24;

export interface HelpState {
  /** Current price in fen. */
  current: number;
  floor: number;
  helpersNeeded: number;
  /** Helps recorded so far (this help is number helps + 1). */
  helps: number;
}

/**
 * The amount (fen) this help cuts. Reserves 1 fen for each helper still to come after this one,
 * cuts a random 20–50% (40–70% for a brand-new customer) of what remains above that reserve, and
 * the N-th helper cuts exactly to the floor. Requires current − floor ≥ helpers still to come.
 */
export function cutAmount(state: HelpState, random: number, newCustomer: boolean): number {
  const { current, floor, helpersNeeded, helps } = state;
  const above = current - floor;
  const left = helpersNeeded - helps; // including this helper
  if (left < 1 || above <= 0) throw new Error('price-cut already complete');
  if (above < left) throw new Error('price-cut has less than 1 fen per remaining helper');
  if (left === 1) return above;
  const reserve = left - 1;
  const pool = above - reserve;
  const [lo, hi] = newCustomer ? CUT_SHARE.newCustomer : CUT_SHARE.regular;
  const r = Math.min(Math.max(random, 0), 1 - Number.EPSILON);
  const share = lo + r * (hi - lo);
  return Math.min(pool, Math.max(1, Math.floor(pool * share)));
}

/** The starter's own cut is recorded as help number 0, ahead of the N friends. */
export const STARTER_SEQ = 0;

/**
 * The starter's own first cut (the convention: whoever starts a price-cut cuts first). The same
 * split as a friend's help, with the starter counted as one helper more ahead of the N friends, so
 * 1 fen stays reserved for each of them and the N-th friend still lands exactly on the floor; 0
 * when the gap leaves nothing beyond those reserves. Never the brand-new-customer share: that
 * bonus rewards a friend bringing a new account, which the starter does not.
 */
export function starterCutAmount(c: { original: number; floor: number; helpersNeeded: number }, random: number): number {
  if (c.original - c.floor <= c.helpersNeeded) return 0;
  return cutAmount({ current: c.original, floor: c.floor, helpersNeeded: c.helpersNeeded + 1, helps: 0 }, random, false);
}

export function isBrandNewCustomer(user: { createdAt: Date; hasPaidOrder: boolean }, now: Date): boolean {
  return !user.hasPaidOrder && now.getTime() - user.createdAt.getTime() < NEW_CUSTOMER_HOURS * 3_600_000;
}

/** Whether a cut at this price may be bought now. */
export function canBuyAt(mode: BuyMode, current: number, floor: number): boolean {
  return mode === 'any_time' || current <= floor;
}

export interface CampaignShape {
  originalAmount: number;
  floorAmount: number;
  helpersNeeded: number;
}

/** Why a campaign's numbers cannot work, or null. */
export function campaignProblem(c: CampaignShape): string | null {
  if (!Number.isInteger(c.floorAmount) || c.floorAmount < 1) return 'The floor price must be at least 1 fen';
  if (!Number.isInteger(c.helpersNeeded) || c.helpersNeeded < 1 || c.helpersNeeded > 100) return 'Helpers needed must be between 1 and 100';
  if (c.originalAmount <= c.floorAmount) return 'The original price must be above the floor price';
  if (c.originalAmount - c.floorAmount < c.helpersNeeded) return 'Each helper must be able to cut at least 1 fen: raise the price gap or lower the helpers needed';
  return null;
}

/** 0–100: how far the price has come down (the progress bar). */
export function progressPercent(original: number, current: number, floor: number): number {
  const span = original - floor;
  return span <= 0 ? 100 : Math.round(((original - current) / span) * 100);
}
