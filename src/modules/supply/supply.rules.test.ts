import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../platform/random.ts';
import { calendarKeys, festivalOn, holidayOn, shiftDay, springFestival, weekdayOf } from './supply.calendar.ts';
import { backtest, fitStore, forecastSku, multiplierOf, seasonalNaive, shrunkRatio, wape, type StoreHistory } from './supply.forecast.ts';
import { campaignStockCheck, normalQuantile, planStock, safetyStock, settingsProblem, stockOutDay } from './supply.rules.ts';

// Sunday first: weekends sell more, midweek less.
const WEEK = [1.4, 0.8, 0.8, 0.9, 1.0, 1.1, 1.3];
const WEEK_MEAN = WEEK.reduce((a, b) => a + b) / 7;
const START = '2026-03-02';

function poisson(random: () => number, mean: number) {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

/** Demand of `days` days from START: base × (1 + growth·t) × weekday, noisy (Poisson) or exact. */
function series(opts: { base: number; growth?: number; days?: number; noise?: () => number; extra?: (day: string) => number }) {
  const days = opts.days ?? 120;
  return Array.from({ length: days }, (_, t) => {
    const day = shiftDay(START, t);
    const mean = opts.base * (1 + (opts.growth ?? 0) * t) * WEEK[weekdayOf(day)] * (opts.extra?.(day) ?? 1);
    return opts.noise ? poisson(opts.noise, mean) : mean;
  });
}

const calendarOnly = (_sku: string, day: string) => calendarKeys(day);

describe('the daily demand forecast', () => {
  it('learns a known weekly pattern and forecasts the next week of an exact series within 3%', () => {
    const units = series({ base: 20, days: 84 });
    const h: StoreHistory = { start: START, skus: [{ skuId: 'a', units }], keysOf: () => [] };
    const model = fitStore(h).models.get('a')!;
    WEEK.forEach((w, d) => expect(model.season[d]).toBeCloseTo(w / WEEK_MEAN, 2));
    const next = forecastSku(model, 7);
    for (const f of next) expect(Math.abs(f.mean - 20 * WEEK[weekdayOf(f.day)]) / (20 * WEEK[weekdayOf(f.day)])).toBeLessThan(0.03);
    expect(next[0].day).toBe(shiftDay(START, 84));
  });

  it('follows a trend, and damps it further out', () => {
    const units = series({ base: 10, growth: 0.02, days: 84 });
    const model = fitStore({ start: START, skus: [{ skuId: 'a', units }], keysOf: () => [] }).models.get('a')!;
    expect(model.trend).toBeGreaterThan(0);
    const f = forecastSku(model, 60);
    // Deseasonalised forecast rises, but each further day adds less (φ < 1).
    const deseason = f.map((d) => d.mean / model.season[weekdayOf(d.day)]);
    expect(deseason[6]).toBeGreaterThan(deseason[0]);
    expect(deseason[59] - deseason[52]).toBeLessThan(deseason[7] - deseason[0]);
  });

  it('widens its band with the horizon and never forecasts below zero', () => {
    const random = seededRandom(7);
    const units = series({ base: 1, noise: random });
    const model = fitStore({ start: START, skus: [{ skuId: 'a', units }], keysOf: () => [] }).models.get('a')!;
    const f = forecastSku(model, 30);
    expect(f.every((d) => d.lo >= 0 && d.lo <= d.mean && d.mean <= d.hi)).toBe(true);
    expect(f[29].hi - f[29].mean).toBeGreaterThanOrEqual(f[0].hi - f[0].mean);
  });

  it('beats seasonal naive by over 20% WAPE on noisy series with a known week and trend', () => {
    const random = seededRandom(2026);
    const skus = [2, 5, 12, 30].map((base, i) => ({ skuId: `s${i}`, units: series({ base, growth: 0.004, noise: random }) }));
    const report = backtest({ start: START, skus, keysOf: calendarOnly }, { origins: 28, horizon: 7 });
    expect(report.origins).toBe(28);
    expect(report.byHorizon).toHaveLength(7);
    expect(report.wapeModel!).toBeLessThan(report.wapeNaive!);
    expect(report.improvement!).toBeGreaterThan(0.2);
    // Summing over days and over SKUs averages the noise away: both levels do better still.
    expect(report.horizonTotal.wapeModel!).toBeLessThan(report.wapeModel!);
    expect(report.storeDaily.improvement!).toBeGreaterThan(0.2);
  });

  it('estimates a holiday effect and a campaign uplift from the days they touched, pooled over SKUs', () => {
    const random = seededRandom(11);
    // Campaign (mechanic groupbuy) on days 60–66 for SKU b only, tripling its sales.
    const campaign = (sku: string, day: string) => sku === 'b' && day >= shiftDay(START, 60) && day <= shiftDay(START, 66);
    const holiday = (day: string) => (holidayOn(day) ? 2 : 1);
    const skus = ['a', 'b'].map((skuId) => ({ skuId, units: series({ base: 15, noise: random, extra: (d) => holiday(d) * (campaign(skuId, d) ? 3 : 1) }) }));
    const keysOf = (sku: string, day: string) => [...calendarKeys(day), ...(campaign(sku, day) ? ['campaign:groupbuy'] : [])];
    const fitted = fitStore({ start: START, skus, keysOf });
    const hol = fitted.effects.get('holiday')!;
    expect(hol.days).toBeGreaterThanOrEqual(3); // 清明 and 劳动节 fall in March–June
    expect(hol.factor).toBeGreaterThan(1.6);
    expect(hol.factor).toBeLessThan(2.3);
    const uplift = fitted.effects.get('campaign:groupbuy')!;
    expect(uplift.days).toBe(7);
    expect(uplift.factor).toBeGreaterThan(2.3);
    expect(uplift.factor).toBeLessThan(3.5);
    // A planned campaign day carries its uplift into the forecast.
    expect(multiplierOf(fitted.effects, ['campaign:groupbuy'])).toBeCloseTo(uplift.factor);
    expect(multiplierOf(fitted.effects, ['campaign:lottery'])).toBe(1);
  });

  it('reconciles the SKUs top-down: their baselines sum to the store model’s', () => {
    const random = seededRandom(5);
    const skus = [1, 3, 9].map((base, i) => ({ skuId: `s${i}`, units: series({ base, growth: 0.01, days: 90, noise: random }) }));
    const fitted = fitStore({ start: START, skus, keysOf: () => [] });
    const top = forecastSku(fitted.store!, 30);
    const parts = skus.map((s) => forecastSku(fitted.models.get(s.skuId)!, 30, () => 1, fitted.scaleAt));
    top.forEach((f, h) => expect(parts.reduce((sum, p) => sum + p[h].mean, 0)).toBeCloseTo(f.mean, 6));
    // The biggest seller keeps the biggest share.
    expect(parts[2][0].mean).toBeGreaterThan(parts[1][0].mean);
    expect(parts[1][0].mean).toBeGreaterThan(parts[0][0].mean);
  });

  it('shrinks an effect seen on few units towards 1', () => {
    expect(shrunkRatio(6, 2)).toBeCloseTo(26 / 22);
    expect(shrunkRatio(600, 200)).toBeGreaterThan(2.8);
  });

  it('computes WAPE and seasonal naive as defined', () => {
    expect(wape([10, 0, 5], [8, 1, 5])).toBeCloseTo(3 / 15);
    expect(wape([0, 0], [1, 2])).toBeNull();
    // The same weekday of the last week before the origin.
    expect(seasonalNaive([1, 2, 3, 4, 5, 6, 7, 8, 9], 7)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(seasonalNaive([1, 2], 3)).toEqual([0, 0, 0]); // no week before the origin yet
  });
});

describe('safety stock and reorder points', () => {
  it('takes z from the service level', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 8);
    expect(normalQuantile(0.95)).toBeCloseTo(1.644854, 5);
    expect(normalQuantile(0.99)).toBeCloseTo(2.326348, 5);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 5);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });

  it('is z·σ·√L', () => {
    expect(safetyStock(4, 9, 0.95)).toBeCloseTo(1.644854 * 4 * 3, 3);
    expect(safetyStock(0, 7, 0.99)).toBe(0);
  });

  it('finds the stock-out day at forecast demand', () => {
    expect(stockOutDay(12, '2026-06-01', [5, 5, 5, 5])).toBe('2026-06-03');
    expect(stockOutDay(10, '2026-06-01', [5, 5, 5])).toBe('2026-06-03'); // exactly 0 left on the 2nd still sells
    expect(stockOutDay(100, '2026-06-01', [5, 5])).toBeNull();
    expect(stockOutDay(0, '2026-06-01', [5])).toBe('2026-06-01');
  });

  it('alerts a SKU that runs out before a reorder could arrive, and suggests enough to cover lead time, cover days and safety', () => {
    const daily = Array.from({ length: 90 }, () => 5);
    const plan = planStock({ available: 20, today: '2026-06-01', daily, sigmaDaily: 2, settings: { leadTimeDays: 7, serviceLevel: 0.95, coverDays: 14 } });
    expect(plan.stockOutDay).toBe('2026-06-05');
    expect(plan.leadTimeDemand).toBe(35);
    expect(plan.reorderPoint).toBeCloseTo(35 + 1.644854 * 2 * Math.sqrt(7), 3);
    expect(plan.alerts).toEqual(['stockout_before_lead_time', 'below_reorder_point']);
    expect(plan.suggestedOrder).toBe(Math.ceil(5 * 21 + 1.644854 * 2 * Math.sqrt(7) - 20));
    const fine = planStock({ available: 500, today: '2026-06-01', daily, sigmaDaily: 2, settings: { leadTimeDays: 7, serviceLevel: 0.95, coverDays: 14 } });
    expect(fine.alerts).toEqual([]);
    expect(fine.suggestedOrder).toBe(0);
    const thin = planStock({ available: 3, today: '2026-06-01', daily: daily.map(() => 0.1), sigmaDaily: 2, settings: { leadTimeDays: 7, serviceLevel: 0.95, coverDays: 14 } });
    expect(thin.alerts).toContain('below_safety_stock');
  });

  it('refuses settings out of range', () => {
    expect(settingsProblem({ leadTimeDays: 7, serviceLevel: 0.9 })).toBeNull();
    expect(settingsProblem({ leadTimeDays: 0 })).toMatch(/leadTimeDays/);
    expect(settingsProblem({ leadTimeDays: 2.5 })).toMatch(/whole/);
    expect(settingsProblem({ serviceLevel: 1 })).toMatch(/serviceLevel/);
    expect(settingsProblem({ coverDays: Number.NaN })).toMatch(/coverDays/);
  });
});

describe('the pre-campaign stock check', () => {
  const daily = Array.from({ length: 90 }, () => 5);
  it('warns when the campaign’s demand exhausts stock before its end', () => {
    const v = campaignStockCheck({ skuId: 's', available: 30, today: '2026-06-01', daily, startDay: '2026-06-03', endDay: '2026-06-07', uplift: 2, leadTimeDays: 3 });
    expect(v.demandBeforeStart).toBe(10);
    expect(v.campaignDemand).toBe(50);
    expect(v.stockOutDay).toBe('2026-06-05');
    expect(v.exhaustsBeforeEnd).toBe(true);
    expect(v.beforeReorder).toBe(false);
  });

  it('warns when stock runs out before a reorder could arrive, and not when stock lasts', () => {
    const late = campaignStockCheck({ skuId: 's', available: 30, today: '2026-06-01', daily, startDay: '2026-06-01', endDay: '2026-06-02', uplift: 1.2, leadTimeDays: 10 });
    expect(late.exhaustsBeforeEnd).toBe(false);
    expect(late.stockOutDay).not.toBeNull();
    expect(late.beforeReorder).toBe(true);
    const fine = campaignStockCheck({ skuId: 's', available: 1000, today: '2026-06-01', daily, startDay: '2026-06-03', endDay: '2026-06-07', uplift: 2, leadTimeDays: 7 });
    expect(fine.exhaustsBeforeEnd || fine.beforeReorder).toBe(false);
  });
});

describe('the demand calendar', () => {
  it('marks statutory days off from date-holidays CN, not half-days', () => {
    expect(holidayOn('2026-10-01')).toMatch(/国庆/);
    expect(holidayOn('2026-02-17')).toMatch(/春节/);
    expect(holidayOn('2026-03-08')).toBeNull(); // 妇女节: half a day, for some
    expect(holidayOn('2026-06-01')).toBeNull(); // 六一: children only
    expect(springFestival(2026)).toBe('2026-02-16');
  });

  it('marks the shopping festivals by our fixed-date rules', () => {
    expect(festivalOn('2026-06-18')).toBe('618');
    expect(festivalOn('2026-06-15')).toBeNull();
    expect(festivalOn('2026-11-11')).toBe('double11');
    expect(festivalOn('2026-11-12')).toBeNull();
    expect(festivalOn('2026-12-12')).toBe('double12');
    // 年货节: 21 to 8 days before the Spring Festival (2027-02-05).
    expect(festivalOn(shiftDay(springFestival(2027), -21))).toBe('nianhuo');
    expect(festivalOn(shiftDay(springFestival(2027), -8))).toBe('nianhuo');
    expect(festivalOn(shiftDay(springFestival(2027), -7))).toBeNull();
    expect(calendarKeys('2026-11-11')).toEqual(['festival:double11']);
    expect(calendarKeys('2026-10-02')).toEqual(['holiday']);
  });
});
