import { describe, expect, it } from 'vitest';
import { besideForecast, buildReport, cacOf, incrementalEffects, roiOf, type ReportInput } from './planner.report.ts';

const band = (p10: number, p50: number, p90: number) => ({ p10, p50, p90 });
const test = (estimate: number, lo: number, hi: number, pValue = 0.01) => ({ estimate, ci: { lo, hi }, pValue });

const input: ReportInput = {
  goal: { metric: 'new_customers', target: 200 },
  budgetAmount: 100_000,
  plannedDays: 7,
  elapsedDays: 5,
  outcome: { reach: 1200, shares: 300, clicks: 900, newCustomers: 150, paidOrders: 240, gmvAmount: 1_200_000, costAmount: 60_000 },
  viral: { kFactor: 0.42, observedK: 0.5, cycleMedianSeconds: 3600, cascades: { count: 40, largest: 12, medianSize: 2, maxDepth: 4, meanStructuralVirality: 1.3, singleShareShare: 0.4 } },
  experiment: {
    metric: 'new_customer',
    srmMismatch: false,
    srmPValue: 0.6,
    names: { control: '对照', big: '大奖励' },
    variants: [
      { key: 'control', n: 1000, mean: 0.1, comparison: null },
      { key: 'big', n: 1000, mean: 0.13, comparison: { absolute: test(0.03, 0.004, 0.056), relative: test(0.3, 0.02, 0.58), sequential: { absolute: { lo: -0.01, hi: 0.07 } }, bayesian: { chanceToBeatControl: 0.99 }, adjustedPValue: 0.02, significant: true } },
    ],
  },
  forecast: {
    days: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, date: `2026-06-${20 + day}`, reach: band(100 * day, 150 * day, 200 * day), newCustomers: band(10 * day, 15 * day, 20 * day), orders: band(20 * day, 30 * day, 40 * day), rewardCost: band(5000 * day, 8000 * day, 11_000 * day) })),
    final: { reach: band(800, 1100, 1500), newCustomers: band(60, 100, 140), orders: band(150, 220, 300), rewardCost: band(40_000, 55_000, 80_000) },
  },
};

describe('report arithmetic', () => {
  it('CAC is cost per new customer and ROI is (GMV − cost) ÷ cost, null when undefined', () => {
    expect(cacOf(60_000, 150)).toBe(400);
    expect(cacOf(60_000, 0)).toBeNull();
    expect(roiOf(1_200_000, 60_000)).toBe(19);
    expect(roiOf(5, 0)).toBeNull();
  });

  it('sets planned beside actual: goal attainment, budget used, days', () => {
    const r = buildReport(input);
    expect(r.plannedVsActual).toEqual({
      goal: { metric: 'new_customers', planned: 200, actual: 150, attainment: 0.75 },
      budget: { planned: 100_000, actual: 60_000, used: 0.6 },
      days: { planned: 7, actual: 5 },
    });
    expect([r.cac, r.roi, r.k.observedK]).toEqual([400, 19, 0.5]);
    expect(buildReport({ ...input, goal: { metric: 'k', target: 0.4 } }).plannedVsActual.goal.actual).toBe(0.5);
    expect(buildReport({ ...input, goal: { metric: 'gmv', target: 2_400_000 } }).plannedVsActual.goal.attainment).toBe(0.5);
  });

  it('scales each treatment’s per-subject difference and its interval by its subjects for the incremental total', () => {
    const [e] = incrementalEffects(input.experiment!);
    expect(e.key).toBe('big');
    expect(e.name).toBe('大奖励');
    expect(e.controlMean).toBe(0.1);
    expect(e.incrementalTotal.estimate).toBeCloseTo(30, 9);
    expect(e.incrementalTotal.lo).toBeCloseTo(4, 9);
    expect(e.incrementalTotal.hi).toBeCloseTo(56, 9);
    expect(e.sequential).toEqual({ lo: -0.01, hi: 0.07 });
  });

  it('puts the final forecast beside a finished campaign’s outcome, with the band test and the error against the median', () => {
    const rows = buildReport({ ...input, elapsedDays: 7 }).forecastVsActual!;
    expect(rows.map((x) => [x.metric, x.actual, x.withinBand, x.asOfDay])).toEqual([['reach', 1200, true, 7], ['newCustomers', 150, false, 7], ['orders', 240, true, 7], ['rewardCost', 60_000, true, 7]]);
    expect(rows[1].errorVsMedian).toBeCloseTo(0.5, 12);
  });

  it('holds a running campaign to the forecast for the days it has run', () => {
    const rows = buildReport(input).forecastVsActual!;
    // Day 5: reach band 500–1000 (median 750), new customers 50–100 (median 75).
    expect(rows.map((x) => [x.metric, x.p10, x.p50, x.p90, x.withinBand, x.asOfDay])).toEqual([
      ['reach', 500, 750, 1000, false, 5], ['newCustomers', 50, 75, 100, false, 5], ['orders', 100, 150, 200, false, 5], ['rewardCost', 25_000, 40_000, 55_000, false, 5],
    ]);
    expect(rows[0].errorVsMedian).toBeCloseTo(0.6, 12);
    expect(besideForecast('x', band(0, 0, 0), 3).errorVsMedian).toBeNull();
    expect(buildReport({ ...input, forecast: null, experiment: null })).toMatchObject({ forecastVsActual: null, experiment: null });
  });
});
