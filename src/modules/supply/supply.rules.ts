// Reorder points, stock-out dates, alerts and the pre-campaign stock check: pure, DB-free.
import { daysBetween, shiftDay } from './supply.calendar.ts';

/** What an operator sets per SKU (or for the whole store). */
export interface SupplySettings {
  /** Days from placing a purchase order to units on the shelf. */
  leadTimeDays: number;
  /** Chance of not running out during a lead time (0.95 = 95%). */
  serviceLevel: number;
  /** Days of demand a purchase order covers beyond its lead time. */
  coverDays: number;
}

/** The store's defaults until an operator changes them (PUT /admin/supply/settings/default). */
export const DEFAULT_SETTINGS: SupplySettings = { leadTimeDays: 7, serviceLevel: 0.95, coverDays: 14 };
export const SETTINGS_LIMITS = { leadTimeDays: { min: 1, max: 180 }, serviceLevel: { min: 0.5, max: 0.999 }, coverDays: { min: 0, max: 180 } } as const;
/** Days ahead every forecast is kept for: the stock-out date is searched within them. */
export const FORECAST_DAYS = 90;

/** The problem with a settings patch, or null when every field is inside its limits. */
export function settingsProblem(s: Partial<SupplySettings>): string | null {
  for (const [k, { min, max }] of Object.entries(SETTINGS_LIMITS) as [keyof SupplySettings, { min: number; max: number }][]) {
    const v = s[k];
    if (v === undefined) continue;
    if (!Number.isFinite(v) || v < min || v > max) return `${k} must be from ${min} to ${max}`;
    if (k !== 'serviceLevel' && !Number.isInteger(v)) return `${k} must be a whole number of days`;
  }
  return null;
}

/**
 * The standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9): the z
 * of a service level, e.g. 0.95 → 1.645.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be in (0, 1), got ${p}`);
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** Safety stock z·σ·√L: the buffer that covers demand above forecast during a lead time, at the service level. */
export function safetyStock(sigmaDaily: number, leadTimeDays: number, serviceLevel: number): number {
  return Math.max(0, normalQuantile(serviceLevel) * sigmaDaily * Math.sqrt(leadTimeDays));
}

const sumDays = (daily: readonly number[], from: number, count: number) => daily.slice(from, from + count).reduce((a, b) => a + b, 0);

export interface StockPlan {
  /** Forecast demand over the lead time. */
  leadTimeDemand: number;
  safetyStock: number;
  /** Reorder when available stock falls to this: lead-time demand plus safety stock. */
  reorderPoint: number;
  /** The day stock runs out at forecast demand, or null when not within the forecast days. */
  stockOutDay: string | null;
  /** Units to order now (0 when above the reorder point): up to lead-time and cover demand plus safety stock. */
  suggestedOrder: number;
  alerts: SupplyAlert[];
}

/** stockout_before_lead_time: a purchase order placed today arrives too late; below_safety_stock; below_reorder_point: order now. */
export type SupplyAlert = 'stockout_before_lead_time' | 'below_safety_stock' | 'below_reorder_point';

/** The day cumulative demand from `firstDay` exceeds `stock`, or null within the days given. */
export function stockOutDay(stock: number, firstDay: string, daily: readonly number[]): string | null {
  if (stock <= 0) return firstDay;
  let left = stock;
  for (let i = 0; i < daily.length; i++) {
    left -= daily[i];
    if (left < 0) return shiftDay(firstDay, i);
  }
  return null;
}

/**
 * The reorder plan of a SKU from its available stock and forecast. `daily[0]` is today's
 * demand: today's sales so far are already out of `available`, but the day is not over, so a
 * whole day's demand keeps the check on the cautious side.
 */
export function planStock(input: { available: number; today: string; daily: readonly number[]; sigmaDaily: number; settings: SupplySettings }): StockPlan {
  const { available, today, daily, settings } = input;
  const L = settings.leadTimeDays;
  const leadTimeDemand = sumDays(daily, 0, L);
  const safety = safetyStock(input.sigmaDaily, L, settings.serviceLevel);
  const reorderPoint = leadTimeDemand + safety;
  const out = stockOutDay(available, today, daily);
  const alerts: SupplyAlert[] = [];
  const arrives = shiftDay(today, L);
  if (out !== null && out < arrives && leadTimeDemand > 0) alerts.push('stockout_before_lead_time');
  if (available < safety) alerts.push('below_safety_stock');
  if (available <= reorderPoint && leadTimeDemand > 0) alerts.push('below_reorder_point');
  const target = sumDays(daily, 0, L + settings.coverDays) + safety;
  const suggestedOrder = alerts.length ? Math.max(0, Math.ceil(target - Math.max(0, available))) : 0;
  return { leadTimeDemand, safetyStock: safety, reorderPoint, stockOutDay: out, suggestedOrder, alerts };
}

export interface CampaignStockInput {
  skuId: string;
  available: number;
  today: string;
  /** Baseline forecast per day from today (without this campaign). */
  daily: readonly number[];
  /** First and last China day of the campaign (inclusive). */
  startDay: string;
  endDay: string;
  /** Expected sales multiplier of the campaign's mechanic on its days. */
  uplift: number;
  leadTimeDays: number;
}

export interface CampaignStockVerdict {
  skuId: string;
  available: number;
  /** Demand expected from today to the campaign's start, at baseline. */
  demandBeforeStart: number;
  /** Demand expected over the campaign, baseline × uplift. */
  campaignDemand: number;
  uplift: number;
  /** The day stock runs out with the campaign's demand, or null if it lasts past the end. */
  stockOutDay: string | null;
  /** The day a purchase order placed today would arrive. */
  reorderArrives: string;
  /** Stock runs out before the campaign ends. */
  exhaustsBeforeEnd: boolean;
  /** Stock runs out before a purchase order placed today could arrive. */
  beforeReorder: boolean;
  /** Days at the end of the window past the forecast's reach, if any (counted at the last day's rate). */
  extrapolatedDays: number;
}

/**
 * Whether a campaign's expected demand can exhaust normal stock before its end or before a
 * reorder placed today could arrive (a short campaign can drain what ordinary sales needed until
 * then). Days outside the forecast reuse its last week's average.
 */
export function campaignStockCheck(c: CampaignStockInput): CampaignStockVerdict {
  const from = Math.max(0, daysBetween(c.today, c.startDay));
  const to = daysBetween(c.today, c.endDay);
  const tail = c.daily.slice(-7);
  const tailRate = tail.length ? tail.reduce((a, b) => a + b, 0) / tail.length : 0;
  const demandOn = (i: number) => (i < c.daily.length ? c.daily[i] : tailRate);
  const withCampaign: number[] = [];
  // Through the campaign's end and at least until a reorder placed today arrives.
  for (let i = 0; i <= Math.max(to, c.leadTimeDays - 1, 0); i++) withCampaign.push(demandOn(i) * (i >= from && i <= to ? c.uplift : 1));
  const demandBeforeStart = withCampaign.slice(0, from).reduce((a, b) => a + b, 0);
  const campaignDemand = withCampaign.slice(from, to + 1).reduce((a, b) => a + b, 0);
  const out = stockOutDay(c.available, c.today, withCampaign);
  const reorderArrives = shiftDay(c.today, c.leadTimeDays);
  return {
    skuId: c.skuId,
    available: c.available,
    demandBeforeStart,
    campaignDemand,
    uplift: c.uplift,
    stockOutDay: out,
    reorderArrives,
    exhaustsBeforeEnd: out !== null && out <= c.endDay,
    beforeReorder: out !== null && out < reorderArrives,
    extrapolatedDays: Math.max(0, to + 1 - c.daily.length),
  };
}

/** Every China day a campaign touches, from its start (or today) to its end, inclusive. */
export function campaignDays(start: string, end: string): string[] {
  const n = daysBetween(start, end) + 1;
  return Array.from({ length: Math.max(0, n) }, (_, i) => shiftDay(start, i));
}
