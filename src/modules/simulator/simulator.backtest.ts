// The backtest: replay each past campaign (or, where the store's shares carry no campaign, each
// past cascade) from its first days and compare the forecast of its final reach and reward cost
// with what happened. Each replay is calibrated leave-one-out (every other campaign's or cascade's
// shares; never its own clicks, which were counted after its cut-off) and is a nowcast: the final
// figure is what the store had seen by the cut-off (reach, new customers, orders, the ledger's
// cost) plus what the model simulates after it, from the shares made by then (who shared, when, on
// which channel) and the clicks each had got.
import { unprocessable } from '../../platform/errors.ts';
import { fitCalibration, paramsOf, type ShareFact } from './simulator.calibration.ts';
import { simulate, type ObservedShare, type SimGraph } from './simulator.model.ts';
import { bandOf, type Bands } from './simulator.bands.ts';
import type { BacktestCampaign, BacktestReport } from './simulator.types.ts';
import type { SimulatorDeps, StoreHistory } from './simulator.history.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A unit with fewer shares says little about a forecast's error. */
export const MIN_UNIT_SHARES = 10;
/** Cascades without a campaign have no ledger: their cost is valued at a nominal reward per new customer (the demo's invited-friend gift, ¥15). */
export const NOMINAL_REWARD_PER_NEW_CUSTOMER = 1500;
export const GOAL_MAPE = 0.15;

export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

interface Unit {
  id: string;
  name: string;
  mechanic: string;
  start: number;
  shares: ShareFact[];
  ledger: boolean;
}

/** What the store had seen of a unit by the cut-off: reach (root sharers and each share's distinct visitors), new customers and orders. */
function seenBy(unit: Pick<Unit, 'shares'>, cutoff: number): { reach: number; newCustomers: number; orders: number } {
  const early = unit.shares.filter((s) => s.at < cutoff);
  let reach = new Set(early.filter((s) => s.parentId === null).map((s) => s.sharerId)).size;
  let newCustomers = 0;
  let orders = 0;
  for (const s of early) {
    const visitors = new Set<string>();
    for (const c of s.clickLog) {
      if (c.at >= cutoff) continue;
      if (c.visitor !== null) visitors.add(c.visitor);
      if (c.signedUpAt !== null && c.signedUpAt < cutoff) newCustomers++;
      orders += c.orderedAt.filter((at) => at < cutoff).length;
    }
    reach += visitors.size;
  }
  return { reach, newCustomers, orders };
}

/** The shares a unit had made by the cut-off and the clicks each had got, in the model's hours and graph nodes. */
function observedBy(unit: Unit, cutoff: number, nodeOf: (userId: string | null) => number, channelOf: (channel: string) => number): ObservedShare[] {
  const early = unit.shares.filter((s) => s.at < cutoff);
  const sharedFrom = new Map<string, Set<string>>();
  for (const s of early) if (s.parentId) sharedFrom.set(s.parentId, (sharedFrom.get(s.parentId) ?? new Set()).add(s.sharerId));
  const hourOf = (at: number) => Math.max(0, (at - unit.start) / HOUR);
  return early.map((s) => ({
    hour: hourOf(s.at),
    node: nodeOf(s.sharerId),
    depth: s.depth,
    channel: channelOf(s.channel),
    clicks: s.clickLog.filter((c) => c.at < cutoff).map((c) => ({ hour: hourOf(c.at), node: nodeOf(c.clickerId), stranger: c.newVisitor, shared: c.clickerId !== null && (sharedFrom.get(s.id)?.has(c.clickerId) ?? false) })),
  }));
}

async function unitsOf(history: StoreHistory, campaigns: SimulatorDeps['campaigns'], only?: string[]): Promise<Unit[]> {
  const byCampaign = new Map<string, ShareFact[]>();
  for (const f of history.facts) if (f.campaignId) byCampaign.set(f.campaignId, [...(byCampaign.get(f.campaignId) ?? []), f]);
  const units: Unit[] = [];
  for (const [id, shares] of byCampaign) {
    if (shares.length < MIN_UNIT_SHARES || (only && !only.includes(id))) continue;
    const c = await campaigns.get(id);
    const first = Math.min(...shares.map((s) => s.at));
    units.push({ id, name: c.name, mechanic: c.mechanic, start: (c.starts_at ?? c.live_at)?.getTime() ?? first, shares, ledger: true });
  }
  if (units.length || only?.length) return units;
  // No campaign carries enough shares: every cascade of the store is a unit of its own.
  const byRoot = new Map<string, ShareFact[]>();
  for (const f of history.facts) byRoot.set(f.rootId, [...(byRoot.get(f.rootId) ?? []), f]);
  for (const [rootId, shares] of byRoot) {
    if (shares.length < MIN_UNIT_SHARES) continue;
    const root = shares.find((s) => s.id === rootId);
    units.push({ id: rootId, name: `cascade ${rootId.slice(0, 8)}`, mechanic: 'share', start: root?.at ?? Math.min(...shares.map((s) => s.at)), shares, ledger: false });
  }
  return units.sort((a, b) => a.start - b.start);
}

export async function runBacktest(
  history: StoreHistory,
  campaigns: SimulatorDeps['campaigns'],
  opts: { now: Date; calibrationDays: number; runs: number; seed: number; campaignIds?: string[]; graphFor: (audience: number) => SimGraph },
): Promise<BacktestReport> {
  const units = await unitsOf(history, campaigns, opts.campaignIds);
  if (!units.length) throw unprocessable('SIMULATOR_NO_HISTORY', `No past campaign or cascade has ${MIN_UNIT_SHARES} or more shares to replay`, { minShares: MIN_UNIT_SHARES });
  const graph = opts.graphFor(1);
  const results: BacktestCampaign[] = [];
  const skipped: BacktestReport['skipped'] = [];
  for (const [u, unit] of units.entries()) {
    const cutoff = unit.start + opts.calibrationDays * DAY;
    const days = Math.min(60, Math.ceil((opts.now.getTime() - unit.start) / DAY));
    if (days <= opts.calibrationDays) {
      skipped.push({ campaignId: unit.id, reason: `younger than ${opts.calibrationDays + 1} days: nothing to forecast yet` });
      continue;
    }
    const own = new Set(unit.shares.map((s) => s.id));
    const calibration = fitCalibration(
      history.facts.filter((f) => !own.has(f.id)),
      { newVisitorShare: history.newVisitorShare, reachable: history.reachable, graph: history.calibration.graph, computedAt: opts.now },
    );
    const seen = seenBy(unit, cutoff);
    const signups = unit.shares.reduce((a, s) => a + s.signups, 0);
    let rewardPerNewCustomer = NOMINAL_REWARD_PER_NEW_CUSTOMER;
    let rewardPerOrder = 0;
    let actualCost = signups * NOMINAL_REWARD_PER_NEW_CUSTOMER;
    let costSeen = seen.newCustomers * NOMINAL_REWARD_PER_NEW_CUSTOMER;
    if (unit.ledger) {
      // The reward per outcome is what the campaign paid per new customer or order in its first days.
      const [firstDays, all] = await Promise.all([campaigns.cost(unit.id, { from: new Date(unit.start), to: new Date(cutoff) }), campaigns.cost(unit.id)]);
      costSeen = firstDays.reduce((a, k) => a + k.amount, 0);
      const outcomes = seen.newCustomers + seen.orders;
      rewardPerNewCustomer = rewardPerOrder = outcomes ? Math.round(costSeen / outcomes) : 0;
      actualCost = all.reduce((a, k) => a + k.amount, 0);
    }
    const channelNames = Object.keys(calibration.channels);
    const nodeOf = (userId: string | null) => (history.graph && userId !== null ? (history.index.get(userId) ?? -1) : -1);
    const observed = observedBy(unit, cutoff, nodeOf, (channel) => Math.max(0, channelNames.indexOf(channel)));
    const params = paramsOf(calibration, { seedAudience: 1, budget: null, rewardPerNewCustomer, rewardPerOrder }, history.meanDegree);
    const sim = simulate(params, history.graph ?? graph, { runs: opts.runs, seed: opts.seed + u, days, observed: { shares: observed, fromHour: opts.calibrationDays * 24 } });
    // The simulation holds what comes after the cut-off; what was seen by then is added to every run.
    const finals = (a: Float64Array, known: number): Bands => {
      const b = bandOf(a.filter((_, i) => i % days === days - 1));
      return { p10: known + b.p10, p50: known + b.p50, p90: known + b.p90 };
    };
    const reach = finals(sim.reach, seen.reach);
    const cost = finals(sim.rewardCost, costSeen);
    const roots = new Set(unit.shares.filter((s) => s.parentId === null).map((s) => s.sharerId)).size;
    const actualReach = roots + unit.shares.reduce((a, s) => a + s.visitors, 0);
    const ape = (forecast: number, actual: number) => (actual > 0 ? Math.abs(forecast - actual) / actual : forecast === 0 ? 0 : 1);
    results.push({
      campaignId: unit.id,
      name: unit.name,
      mechanic: unit.mechanic,
      startAt: new Date(unit.start).toISOString(),
      days,
      calibrationDays: opts.calibrationDays,
      actual: { reach: actualReach, rewardCost: actualCost },
      atCutoff: { reach: seen.reach, rewardCost: costSeen },
      forecast: {
        reach: { p10: Math.round(reach.p10), p50: Math.round(reach.p50), p90: Math.round(reach.p90) },
        rewardCost: { p10: Math.round(cost.p10), p50: Math.round(cost.p50), p90: Math.round(cost.p90) },
      },
      ape: { reach: Number(ape(reach.p50, actualReach).toFixed(4)), rewardCost: Number(ape(cost.p50, actualCost).toFixed(4)) },
    });
  }
  const mReach = median(results.map((r) => r.ape.reach));
  const mCost = median(results.map((r) => r.ape.rewardCost));
  return {
    generatedAt: opts.now.toISOString(),
    calibrationDays: opts.calibrationDays,
    runs: opts.runs,
    campaigns: results,
    skipped,
    medianApe: { reach: mReach, rewardCost: mCost },
    goal: GOAL_MAPE,
    meetsGoal: mReach !== null && mCost !== null && mReach <= GOAL_MAPE && mCost <= GOAL_MAPE,
  };
}
