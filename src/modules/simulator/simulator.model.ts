// The fission simulator's Monte Carlo core: pure, DB-free, typed arrays. A campaign is a branching
// process in continuous time. Seed shoppers (reached at launch) share with a probability; every
// share is clicked by strangers (a negative binomial count by channel) and by the sharer's friends
// on the friendship graph (each friend not yet reached clicks with a probability); every shopper a
// click reaches may order, a stranger may become a new customer, and the shopper shares it on with
// the propensity of their generation, after a cycle time drawn from the store's empirical
// distribution. A friend already reached is not reached twice: the graph is what saturates a
// cascade. Reward cost accrues per new customer and per order; the campaign ends the hour its
// budget runs out.
//
// A backtest conditions on the shares a campaign made in its first days (who shared, when, on
// which channel, at what depth): their clicks are simulated as any share's, and a simulated child
// share before the cut-off is dropped, because every share made before it was observed.
import { seededRandom } from '../../platform/random.ts';
import { sampleBinomial, sampleCount, samplePoisson, sampleQuantiles } from './simulator.sampling.ts';

/** The store's friendship graph in compressed sparse rows: node i's friends are neighbours[offsets[i]..offsets[i+1]). */
export interface SimGraph {
  n: number;
  offsets: Int32Array;
  neighbours: Int32Array;
}

export interface ChannelParams {
  weight: number; // share of shares made on this channel
  clickFactor: number; // multiplies stranger clicks and the friend click probability on this channel
  newCustomerPerStranger: number; // probability a stranger's click brings a new customer
  orderPerClick: number; // probability a reached shopper orders
}

export interface ModelParams {
  seedAudience: number;
  seedShareProbability: number;
  seedOrderRate: number;
  /** Share propensity by the generation of the share that reached the shopper; the last entry holds deeper ones. */
  shareProbabilityByDepth: number[];
  friendClickProbability: number;
  /** Clicks by strangers (new visitors) per share, by the share's generation (the last entry holds deeper ones). */
  strangerClicksByDepth: number[];
  /** Variance ÷ mean of stranger clicks (1 = Poisson, above: gamma–Poisson). */
  strangerDispersion: number;
  /** Friends a sharer off the graph has (strangers and shoppers beyond the graph): their friends are all fresh. */
  offGraphDegree: number;
  channels: ChannelParams[];
  /** Hours from a parent share to a child share: quantiles at equal steps from 0 to 100%. */
  cycleHours: number[];
  rewardPerNewCustomer: number;
  rewardPerOrder: number;
  budget: number | null;
  /** A run stops generating shares beyond this (an explosive cascade): it is counted in `capped`. */
  maxSharesPerRun?: number;
}

/** A share already made when the forecast starts (the backtest conditions on a campaign's first days). */
export interface ObservedShare {
  hour: number; // hours after the start
  node: number; // graph node of the sharer, or -1
  depth: number;
  channel: number; // index into params.channels
}

export interface SimOptions {
  runs: number;
  days: number;
  seed: number;
  /** Start from these shares instead of a seed audience; their children before `fromHour` are already among them. */
  observed?: { shares: ObservedShare[]; fromHour: number };
}

export interface SimResult {
  runs: number;
  days: number;
  /** Cumulative totals at the end of each day, run-major: value of run r on day d at [r * days + d]. */
  reach: Float64Array;
  newCustomers: Float64Array;
  orders: Float64Array;
  rewardCost: Float64Array;
  shares: Float64Array; // per run: shares made
  exhaustedHour: Float64Array; // per run: hour the budget ran out, −1 when it did not
  capped: number;
}

// ---------------------------------------------------------------------------------------------

/** A binary min-heap of share indices keyed by hour: shares are expanded in time order, so friends are reached by the earliest share. */
class ShareQueue {
  idx = new Int32Array(1024);
  size = 0;
  constructor(private readonly hour: () => Float64Array) {}
  push(i: number) {
    if (this.size === this.idx.length) {
      const grown = new Int32Array(this.idx.length * 2);
      grown.set(this.idx);
      this.idx = grown;
    }
    const h = this.hour();
    let k = this.size++;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (h[this.idx[parent]] <= h[i]) break;
      this.idx[k] = this.idx[parent];
      k = parent;
    }
    this.idx[k] = i;
  }
  pop(): number {
    const top = this.idx[0];
    const last = this.idx[--this.size];
    const h = this.hour();
    let k = 0;
    for (;;) {
      let c = 2 * k + 1;
      if (c >= this.size) break;
      if (c + 1 < this.size && h[this.idx[c + 1]] < h[this.idx[c]]) c++;
      if (h[this.idx[c]] >= h[last]) break;
      this.idx[k] = this.idx[c];
      k = c;
    }
    this.idx[k] = last;
    return top;
  }
}

export function simulate(params: ModelParams, graph: SimGraph | null, opts: SimOptions): SimResult {
  const { days, runs } = opts;
  const hours = days * 24;
  const random = seededRandom(opts.seed);
  const maxShares = params.maxSharesPerRun ?? 2_000_000;
  const out: SimResult = {
    runs,
    days,
    reach: new Float64Array(runs * days),
    newCustomers: new Float64Array(runs * days),
    orders: new Float64Array(runs * days),
    rewardCost: new Float64Array(runs * days),
    shares: new Float64Array(runs),
    exhaustedHour: new Float64Array(runs).fill(-1),
    capped: 0,
  };
  const reachH = new Float64Array(hours);
  const newH = new Float64Array(hours);
  const orderH = new Float64Array(hours);
  // Graph nodes reached in run r carry stamp r + 1: no clearing between runs.
  const reachedStamp = new Int32Array(graph?.n ?? 0);
  let capacity = 1024;
  let shareHour = new Float64Array(capacity);
  let shareNode = new Int32Array(capacity);
  let shareDepth = new Int32Array(capacity);
  let shareChannel = new Int32Array(capacity);
  const queue = new ShareQueue(() => shareHour);
  const channelCdf = cumulative(params.channels.map((c) => c.weight));
  const propensity = params.shareProbabilityByDepth;
  const fromHour = opts.observed?.fromHour ?? 0;
  const propensityAt = (depth: number) => propensity[Math.min(depth, propensity.length - 1)] ?? 0;
  const pickChannel = () => {
    const u = random();
    for (let c = 0; c < channelCdf.length; c++) if (u < channelCdf[c]) return c;
    return channelCdf.length - 1;
  };

  for (let r = 0; r < runs; r++) {
    const stamp = r + 1;
    reachH.fill(0);
    newH.fill(0);
    orderH.fill(0);
    let count = 0;
    const addShare = (hour: number, node: number, depth: number, channel: number) => {
      if (count === capacity) {
        capacity *= 2;
        shareHour = grow(shareHour, capacity);
        shareNode = grow(shareNode, capacity);
        shareDepth = grow(shareDepth, capacity);
        shareChannel = grow(shareChannel, capacity);
      }
      shareChannel[count] = channel;
      shareHour[count] = hour;
      shareNode[count] = node;
      shareDepth[count] = depth;
      queue.push(count++);
    };
    // A shopper reached at `hour` (graph node or −1): may order, may become new, may share on.
    const reachShopper = (hour: number, node: number, depth: number, newChance: number, orderChance: number, shareChance: number) => {
      const h = Math.floor(hour);
      reachH[h]++;
      if (newChance > 0 && random() < newChance) newH[h]++;
      if (orderChance > 0 && random() < orderChance) orderH[h]++;
      if (shareChance > 0 && random() < shareChance) {
        const at = hour + sampleQuantiles(random, params.cycleHours);
        // Conditioned on observed shares: a child before the forecast starts would have been observed.
        if (at < hours && at >= fromHour) addShare(at, node, depth, pickChannel());
      }
    };

    if (opts.observed) {
      for (const s of opts.observed.shares) {
        // A sharer is reached once: a root by the campaign, a friend on the graph here (the graph
        // will not let a simulated click reach them again); a stranger by a simulated click.
        const onGraph = s.node >= 0 && graph !== null;
        if (onGraph ? reachedStamp[s.node] !== stamp : s.depth === 0) reachH[Math.min(hours - 1, Math.floor(s.hour))]++;
        if (onGraph) reachedStamp[s.node] = stamp;
        if (s.hour < hours) addShare(s.hour, s.node, s.depth, s.channel);
      }
    } else {
      // Seed shoppers: graph nodes first (a random sample), the rest off the graph.
      const onGraph = graph ? Math.min(graph.n, params.seedAudience) : 0;
      for (let i = 0; i < onGraph; i++) {
        // Rejection sampling of a not-yet-reached node; a full audience takes every node in turn.
        let node = onGraph === graph!.n ? i : Math.floor(random() * graph!.n);
        while (reachedStamp[node] === stamp) node = Math.floor(random() * graph!.n);
        reachedStamp[node] = stamp;
        reachShopper(0, node, 0, 0, params.seedOrderRate, params.seedShareProbability);
      }
      // Off the graph the seeds are alike: counts by binomial draws, so a large audience costs its sharers only.
      const offGraph = params.seedAudience - onGraph;
      reachH[0] += offGraph;
      orderH[0] += sampleBinomial(random, offGraph, params.seedOrderRate);
      const sharers = sampleBinomial(random, offGraph, params.seedShareProbability);
      for (let i = 0; i < sharers; i++) {
        const at = sampleQuantiles(random, params.cycleHours);
        if (at < hours) addShare(at, -1, 0, pickChannel());
      }
    }

    let capped = false;
    while (queue.size > 0) {
      const s = queue.pop();
      if (count >= maxShares) {
        capped = true;
        break;
      }
      const hour = shareHour[s];
      const node = shareNode[s];
      const depth = shareDepth[s];
      const ch = params.channels[shareChannel[s]];
      const shareChance = propensityAt(depth);
      // A click at the share's hour by a stranger (off the graph), or by a friend (a graph node, or −1 off it).
      const click = (friend: number, stranger: boolean) => {
        reachShopper(hour, friend, depth + 1, stranger ? ch.newCustomerPerStranger : 0, ch.orderPerClick, shareChance);
      };
      const strangerMean = params.strangerClicksByDepth[Math.min(depth, params.strangerClicksByDepth.length - 1)] * ch.clickFactor;
      const strangers = sampleCount(random, strangerMean, params.strangerDispersion);
      for (let k = 0; k < strangers; k++) click(-1, true);
      const q = Math.min(1, params.friendClickProbability * ch.clickFactor);
      if (node >= 0 && graph) {
        for (let e = graph.offsets[node]; e < graph.offsets[node + 1]; e++) {
          const f = graph.neighbours[e];
          if (reachedStamp[f] === stamp || random() >= q) continue;
          reachedStamp[f] = stamp;
          click(f, false);
        }
      } else {
        const friends = samplePoisson(random, q * params.offGraphDegree);
        for (let k = 0; k < friends; k++) click(-1, false);
      }
    }
    if (capped) out.capped++;
    out.shares[r] = count;
    queue.size = 0;
    accumulate(out, r, reachH, newH, orderH, params);
  }
  return out;
}

/** Folds one run's hourly counts into cumulative days, stopping at the hour the budget runs out. */
function accumulate(out: SimResult, r: number, reachH: Float64Array, newH: Float64Array, orderH: Float64Array, params: ModelParams) {
  let reach = 0;
  let fresh = 0;
  let orders = 0;
  let cost = 0;
  let ended = false;
  for (let h = 0; h < reachH.length; h++) {
    if (!ended) {
      reach += reachH[h];
      fresh += newH[h];
      orders += orderH[h];
      cost += newH[h] * params.rewardPerNewCustomer + orderH[h] * params.rewardPerOrder;
      if (params.budget !== null && cost >= params.budget) {
        // The campaign ends: nothing more is paid (the overshoot of the last hour is not paid either).
        cost = params.budget;
        ended = true;
        out.exhaustedHour[r] = h;
      }
    }
    if (h % 24 === 23) {
      const i = r * out.days + (h - 23) / 24;
      out.reach[i] = reach;
      out.newCustomers[i] = fresh;
      out.orders[i] = orders;
      out.rewardCost[i] = cost;
    }
  }
}

function grow<T extends Float64Array | Int32Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

function cumulative(weights: number[]): number[] {
  const total = weights.reduce((a, w) => a + w, 0) || 1;
  let acc = 0;
  return weights.map((w) => (acc += w / total));
}

// ---------------------------------------------------------------------------------------------
// Bands.

export interface Bands {
  p10: number;
  p50: number;
  p90: number;
}

/** Quantile with linear interpolation on sorted values (type 7, as R and NumPy default). */
export function quantileSorted(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const x = (sorted.length - 1) * p;
  const i = Math.floor(x);
  return i + 1 < sorted.length ? sorted[i] + (sorted[i + 1] - sorted[i]) * (x - i) : sorted[i];
}

export function bandOf(values: Float64Array): Bands {
  const sorted = Float64Array.from(values).sort();
  return { p10: quantileSorted(sorted, 0.1), p50: quantileSorted(sorted, 0.5), p90: quantileSorted(sorted, 0.9) };
}

/** Per day and metric, the 10th, 50th and 90th percentile over runs. */
export function dayBands(result: SimResult, metric: 'reach' | 'newCustomers' | 'orders' | 'rewardCost'): Bands[] {
  const values = result[metric];
  const column = new Float64Array(result.runs);
  const bands: Bands[] = [];
  for (let d = 0; d < result.days; d++) {
    for (let r = 0; r < result.runs; r++) column[r] = values[r * result.days + d];
    bands.push(bandOf(column));
  }
  return bands;
}

/** The day (1-based) the budget ran out, among the runs where it did. */
export function exhaustion(result: SimResult): { share: number; day: Bands | null } {
  const daysOut = [...result.exhaustedHour].filter((h) => h >= 0).map((h) => Math.floor(h / 24) + 1);
  const share = result.runs ? daysOut.length / result.runs : 0;
  return { share, day: share >= 0.1 ? bandOf(Float64Array.from(daysOut)) : null };
}
