// The simulator's use cases: read the store's cascades and friendship graph through the sharing
// and identity services, fit the calibration (cached for the China day, at most six hours), and
// run the Monte Carlo for a plan or replay past cascades in the backtest. It owns no tables: a
// forecast writes nothing.
import { addDays, chinaDate } from '../../platform/clock.ts';
import { DomainError, invalid } from '../../platform/errors.ts';
import type { ModulePlatform } from '../../platform/context.ts';
import { runBacktest } from './simulator.backtest.ts';
import type { SimulatorDeps, StoreHistory } from './simulator.history.ts';
export type { SimulatorDeps, StoreHistory } from './simulator.history.ts';
import { fitCalibration, graphOf, graphSummary, MIN_STORE_SHARES, paramsOf, SYNTHETIC_DEFAULTS, syntheticGraph, type ClickFact, type ShareFact } from './simulator.calibration.ts';
import { simulate, type SimGraph } from './simulator.model.ts';
import { reachableFriends } from './simulator.delays.ts';
import { dayBands, exhaustion, type Bands } from './simulator.bands.ts';
import type { BacktestOptions, BacktestReport, Band, Calibration, Forecast, ForecastInput } from './simulator.types.ts';


/** Bounds on what one calibration reads: the newest cascades and customers. */
export const MAX_ROOTS = 500;
export const MAX_GRAPH_NODES = 20_000;
const CACHE_HOURS = 6;
export const DEFAULT_RUNS = 500;
export const MAX_RUNS = 5_000;
/** The largest launch audience a forecast takes: the work of a run grows with the shares the audience makes. */
export const MAX_AUDIENCE = 1_000_000;
export const DEFAULT_SEED = 20_261_207;
export const MECHANICS = ['groupbuy', 'bargain', 'referral', 'coupon', 'flashsale', 'lottery'] as const;

/** What a calibration was fitted on, kept for forecasts and the backtest. */

const round = (x: number) => Math.round(x);
export const bandRounded = (b: Bands): Band => ({ p10: round(b.p10), p50: round(b.p50), p90: round(b.p90) });

/** Checks a forecast request wherever it comes from (HTTP, CLI, the planner): out of range is a coded 400. */
export function checkInput(input: ForecastInput, knownChannels: readonly string[]): void {
  const bad = (field: string, message: string) => invalid('SIMULATOR_INPUT_INVALID', message, { field });
  if (!MECHANICS.includes(input.mechanic)) throw bad('mechanic', `mechanic must be one of ${MECHANICS.join(', ')}`);
  if (!(input.startAt instanceof Date) || Number.isNaN(input.startAt.getTime())) throw bad('startAt', 'startAt must be a date-time');
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > 60) throw bad('days', 'days must be an integer from 1 to 60');
  if (!Number.isInteger(input.seedAudience) || input.seedAudience < 1 || input.seedAudience > MAX_AUDIENCE) throw bad('seedAudience', `seedAudience must be an integer from 1 to ${MAX_AUDIENCE.toLocaleString('en-US')}`);
  if (input.budget !== null && (!Number.isSafeInteger(input.budget.amount) || input.budget.amount < 1 || input.budget.currency !== 'CNY')) throw bad('budget', 'budget must be a positive whole number of fen in CNY, or null');
  for (const f of ['rewardPerNewCustomer', 'rewardPerOrder'] as const) {
    if (!Number.isSafeInteger(input[f]) || input[f] < 0) throw bad(f, `${f} must be a whole number of fen, 0 or more`);
  }
  if (input.channels !== undefined) {
    const unknown = input.channels.find((c) => !knownChannels.includes(c));
    if (unknown !== undefined || input.channels.length === 0) throw bad('channels', `channels must be a non-empty list of ${knownChannels.join(', ')}`);
  }
  if (input.runs !== undefined && (!Number.isInteger(input.runs) || input.runs < 10 || input.runs > MAX_RUNS)) throw bad('runs', `runs must be an integer from 10 to ${MAX_RUNS}`);
  if (input.seed !== undefined && (!Number.isInteger(input.seed) || input.seed < 0 || input.seed > 2 ** 31)) throw bad('seed', 'seed must be a non-negative integer');
}

export function createSimulatorService(p: Pick<ModulePlatform<{}>, 'clock'>, deps: SimulatorDeps, opts: { shareChannels: readonly string[] }) {
  const { clock } = p;
  let cached: StoreHistory | null = null;
  let loading: Promise<StoreHistory> | null = null;

  async function readCascades() {
    const roots: StoreHistory['roots'] = [];
    let cursor: string | undefined;
    do {
      const page = await deps.sharing.listRoots({ limit: 100, cursor });
      for (const r of page.items) roots.push({ id: r.id, campaignId: r.campaignId, at: Date.parse(r.createdAt) });
      cursor = page.nextCursor ?? undefined;
    } while (cursor && roots.length < MAX_ROOTS);
    // One read for all the cascades: their shares with their counts, and every click with its time,
    // the clicker and what it brought (the delays, and a backtest's cut-off).
    const { shares, clicks } = await deps.sharing.cascadeFacts(roots.map((r) => r.id));
    const clickLogs = new Map<string, ClickFact[]>();
    for (const c of clicks) {
      let log = clickLogs.get(c.shareId);
      if (!log) clickLogs.set(c.shareId, (log = []));
      log.push({ at: c.clickedAt.getTime(), newVisitor: c.isNewVisitor, visitor: c.visitor, clickerId: c.clickerId, signedUpAt: c.signedUpAt?.getTime() ?? null, orderedAt: c.orderedAt.map((d) => d.getTime()) });
    }
    const campaignOf = new Map(roots.map((r) => [r.id, r.campaignId]));
    const facts: ShareFact[] = shares.map((n) => ({ id: n.id, parentId: n.parentId, rootId: n.rootId, depth: n.depth, channel: n.channel, sharerId: n.sharerId, campaignId: campaignOf.get(n.rootId) ?? null, at: n.createdAt.getTime(), clicks: n.clicks, visitors: n.visitors, signups: n.signups, orders: n.orders, clickLog: clickLogs.get(n.id) ?? [] }));
    return { roots, facts };
  }

  async function readGraph() {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await deps.identity.listCustomers({ limit: 1000, cursor });
      for (const c of page.items) ids.push(c.id);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && ids.length < MAX_GRAPH_NODES);
    const friends = ids.length ? await deps.identity.friendsOf(ids) : new Map<string, string[]>();
    return { ...graphOf(ids, friends), ids };
  }

  async function load(): Promise<StoreHistory> {
    const now = clock.now();
    const dayKey = chinaDate(now);
    if (cached && cached.dayKey === dayKey && now.getTime() - cached.loadedAt < CACHE_HOURS * 3_600_000) return cached;
    loading ??= (async () => {
      const [{ roots, facts }, { graph, index, ids }, stats] = await Promise.all([readCascades(), readGraph(), deps.sharing.stats({})]);
      const onGraph = graph.neighbours.length > 0;
      const summary = onGraph ? graphSummary(graph, 'store') : graphSummary(syntheticGraph(1000, SYNTHETIC_DEFAULTS.meanDegree, DEFAULT_SEED), 'synthetic');
      const friendsOf = (userId: string) => {
        const i = index.get(userId);
        return i === undefined || !onGraph ? undefined : Array.from(graph.neighbours.subarray(graph.offsets[i], graph.offsets[i + 1]), (f) => ids[f]);
      };
      // Once per load: every fit (the store's, a mechanic's, each backtest replay's) reads its shares' counts here.
      const reachable = reachableFriends(facts, friendsOf);
      const newVisitorShare = stats.uniqueVisitors > 0 ? stats.newVisitors / stats.uniqueVisitors : null;
      const calibration = fitCalibration(facts, { newVisitorShare, reachable, graph: summary, computedAt: now });
      const mechanicOf = new Map<string, string>();
      for (const id of new Set(roots.flatMap((r) => (r.campaignId ? [r.campaignId] : [])))) {
        const campaign = await deps.campaigns.get(id).catch((err) => (err instanceof DomainError ? null : Promise.reject(err)));
        if (campaign) mechanicOf.set(id, campaign.mechanic);
      }
      return { facts, roots, graph: onGraph ? graph : null, index, newVisitorShare, calibration, mechanicOf, byMechanic: new Map(), reachable, meanDegree: summary.meanDegree || SYNTHETIC_DEFAULTS.meanDegree, dayKey, loadedAt: now.getTime() };
    })().finally(() => (loading = null));
    cached = await loading;
    return cached;
  }

  /** A store without friendships gets a configuration-model graph the size of the audience (bounded). */
  function graphFor(history: StoreHistory, audience: number): SimGraph {
    return history.graph ?? syntheticGraph(Math.min(MAX_GRAPH_NODES, Math.max(1000, audience)), SYNTHETIC_DEFAULTS.meanDegree, DEFAULT_SEED);
  }

  /** The mechanic's own campaigns when they made enough shares (a group buy spreads unlike a lucky draw), else the whole store. */
  function calibrationFor(history: StoreHistory, mechanic: string): Calibration {
    let own = history.byMechanic.get(mechanic);
    if (!own) {
      const facts = history.facts.filter((f) => f.campaignId !== null && history.mechanicOf.get(f.campaignId) === mechanic);
      own = facts.length >= MIN_STORE_SHARES
        ? fitCalibration(facts, { newVisitorShare: history.newVisitorShare, reachable: history.reachable, graph: history.calibration.graph, computedAt: new Date(history.loadedAt), mechanic })
        : history.calibration;
      history.byMechanic.set(mechanic, own);
    }
    return own;
  }

  async function forecast(input: ForecastInput): Promise<Forecast> {
    checkInput(input, opts.shareChannels);
    const history = await load();
    const runs = input.runs ?? DEFAULT_RUNS;
    const seed = input.seed ?? DEFAULT_SEED;
    const calibration = calibrationFor(history, input.mechanic);
    const params = paramsOf(calibration, input, history.meanDegree);
    const result = simulate(params, graphFor(history, input.seedAudience), { runs, seed, days: input.days });
    const metrics = { reach: dayBands(result, 'reach'), newCustomers: dayBands(result, 'newCustomers'), orders: dayBands(result, 'orders'), rewardCost: dayBands(result, 'rewardCost') };
    const days = metrics.reach.map((_, d) => ({
      day: d + 1,
      date: chinaDate(addDays(input.startAt, d)),
      reach: bandRounded(metrics.reach[d]),
      newCustomers: bandRounded(metrics.newCustomers[d]),
      orders: bandRounded(metrics.orders[d]),
      rewardCost: bandRounded(metrics.rewardCost[d]),
    }));
    const last = days[days.length - 1];
    const ex = exhaustion(result);
    return {
      input: { ...input, startAt: input.startAt.toISOString(), runs, seed },
      days,
      final: { reach: last.reach, newCustomers: last.newCustomers, orders: last.orders, rewardCost: last.rewardCost },
      budgetExhaustedDay: input.budget && ex.day ? bandRounded(ex.day) : null,
      budgetExhaustedShare: Number(ex.share.toFixed(4)),
      calibration,
      runs,
    };
  }

  async function calibrate(): Promise<Calibration> {
    return (await load()).calibration;
  }

  async function backtest(options: BacktestOptions = {}): Promise<BacktestReport> {
    const calibrationDays = options.calibrationDays ?? 2;
    if (!Number.isInteger(calibrationDays) || calibrationDays < 1 || calibrationDays > 7) throw invalid('SIMULATOR_INPUT_INVALID', 'calibrationDays must be an integer from 1 to 7', { field: 'calibrationDays' });
    const runs = options.runs ?? 200;
    if (!Number.isInteger(runs) || runs < 10 || runs > MAX_RUNS) throw invalid('SIMULATOR_INPUT_INVALID', `runs must be an integer from 10 to ${MAX_RUNS}`, { field: 'runs' });
    const history = await load();
    return runBacktest(history, deps.campaigns, { now: clock.now(), calibrationDays, runs, seed: options.seed ?? DEFAULT_SEED, campaignIds: options.campaignIds, graphFor: (n) => graphFor(history, n) });
  }

  return { forecast, calibrate, backtest, shareChannels: opts.shareChannels };
}

export type SimulatorService = ReturnType<typeof createSimulatorService>;
