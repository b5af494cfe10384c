// The fission simulator's Monte Carlo core: pure, DB-free, typed arrays. A campaign is a branching
// process in continuous time. Seed shoppers (reached at launch) share with a probability; every
// share is clicked by strangers (a negative binomial count by channel) and by the sharer's friends
// on the friendship graph (each friend not yet reached clicks with a probability), each click a
// delay after the share drawn from the store's empirical share→click delays (strangers' and
// friends' apart); every shopper a click reaches may order, a stranger may become a new customer,
// and the shopper shares it on with the propensity of their generation, a reshare time after the
// click. Outcomes are dated by the click. A friend already reached is not reached twice: the graph
// is what saturates a cascade. Reward cost accrues per new customer and per order; the campaign
// ends the hour its budget runs out.
//
// A nowcast (the backtest) starts from what a campaign had by a cut-off: the shares made, and the
// clicks each had got. It simulates only what comes after: the clicks still to come on those
// shares, the shares the shoppers already reached may still make, and everything that follows.
import { seededRandom } from '../../platform/random.ts';
import { chanceAfter, quantileCdf, sampleBinomial, sampleCountAfter, samplePoisson, sampleQuantiles } from './simulator.sampling.ts';

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
  /** Share propensity of a friend by the generation of the share that reached them; the last entry holds deeper ones. */
  shareProbabilityByDepth: number[];
  /** The same for a stranger (a new visitor); default: a friend's. */
  strangerShareProbabilityByDepth?: number[];
  friendClickProbability: number;
  /** Clicks by strangers (new visitors) per share, by the share's generation (the last entry holds deeper ones). */
  strangerClicksByDepth: number[];
  /** Variance ÷ mean of stranger clicks (1 = Poisson, above: gamma–Poisson). */
  strangerDispersion: number;
  /** Friends a sharer off the graph has (strangers and shoppers beyond the graph): their friends are all fresh. */
  offGraphDegree: number;
  channels: ChannelParams[];
  /** Hours from a share to a stranger's and to a friend's click on it: quantiles at equal steps from 0 to 100% ([0]: at the share). */
  strangerClickHours: number[];
  friendClickHours: number[];
  /** Hours from the click that reached a shopper (a seed: the launch) to their share: quantiles at equal steps from 0 to 100%. */
  cycleHours: number[];
  rewardPerNewCustomer: number;
  rewardPerOrder: number;
  budget: number | null;
  /** A run stops generating shares beyond this (an explosive cascade): it is counted in `capped`. */
  maxSharesPerRun?: number;
}

/** A click a share had got by the cut-off. */
export interface ObservedClick {
  hour: number; // hours after the start
  node: number; // graph node of the clicker, or -1
  stranger: boolean; // a new visitor
  /** The clicker had shared it on by the cut-off (that share is among the observed ones). */
  shared: boolean;
}

/** A share made by the cut-off, with the clicks it had got by then. */
export interface ObservedShare {
  hour: number; // hours after the start
  node: number; // graph node of the sharer, or -1
  depth: number;
  channel: number; // index into params.channels
  clicks: ObservedClick[];
}

export interface SimOptions {
  runs: number;
  days: number;
  seed: number;
  /**
   * A nowcast from these shares and clicks, all before `fromHour`, instead of a seed audience. The
   * result then holds only what happens from `fromHour` on: what was observed is the caller's to add.
   */
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
  shares: Float64Array; // per run: shares made (a nowcast: the observed ones and those simulated)
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

/**
 * What a nowcast knows of an observed share at the cut-off, the same in every run: how likely its
 * strangers' and friends' clicks were to have come by then (the delay CDF at its age), the strangers
 * counted, and for each shopper reached by then who had not shared it on, the chance they still
 * will and how likely their reshare time was to have passed.
 */
interface ShareAtCutoff {
  strangersSeen: number;
  strangerPast: number;
  friendPast: number;
  pending: { node: number; hour: number; chance: number; past: number }[];
}

function sharesAtCutoff(params: ModelParams, shares: ObservedShare[], fromHour: number): ShareAtCutoff[] {
  const at = (propensity: number[], depth: number) => propensity[Math.min(depth, propensity.length - 1)] ?? 0;
  return shares.map((s) => {
    const pending = s.clicks.flatMap((c) => {
      if (c.shared) return [];
      const p = at(c.stranger ? (params.strangerShareProbabilityByDepth ?? params.shareProbabilityByDepth) : params.shareProbabilityByDepth, s.depth);
      const past = quantileCdf(params.cycleHours, fromHour - c.hour);
      // P(shares after the cut-off | had not by then), G the reshare time's CDF.
      const chance = chanceAfter(p, past);
      return chance > 0 ? [{ node: c.node, hour: c.hour, chance, past }] : [];
    });
    const elapsed = fromHour - s.hour;
    return { strangersSeen: s.clicks.filter((c) => c.stranger).length, strangerPast: quantileCdf(params.strangerClickHours, elapsed), friendPast: quantileCdf(params.friendClickHours, elapsed), pending };
  });
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
  let shareSeen = new Int32Array(capacity); // the observed share's index, −1 for a simulated one
  const queue = new ShareQueue(() => shareHour);
  const channelCdf = cumulative(params.channels.map((c) => c.weight));
  const propensity = params.shareProbabilityByDepth;
  const strangerPropensity = params.strangerShareProbabilityByDepth ?? propensity;
  const observed = opts.observed?.shares ?? [];
  const atCutoff = opts.observed ? sharesAtCutoff(params, observed, opts.observed.fromHour) : [];
  const propensityAt = (depth: number, of = propensity) => of[Math.min(depth, of.length - 1)] ?? 0;
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
    const addShare = (hour: number, node: number, depth: number, channel: number, seen = -1) => {
      if (count === capacity) {
        capacity *= 2;
        shareHour = grow(shareHour, capacity);
        shareNode = grow(shareNode, capacity);
        shareDepth = grow(shareDepth, capacity);
        shareChannel = grow(shareChannel, capacity);
        shareSeen = grow(shareSeen, capacity);
      }
      shareChannel[count] = channel;
      shareHour[count] = hour;
      shareNode[count] = node;
      shareDepth[count] = depth;
      shareSeen[count] = seen;
      queue.push(count++);
    };
    // A shopper reached at `hour` (before the horizon; graph node or −1): may order, may become new, may share on.
    const reachShopper = (hour: number, node: number, depth: number, newChance: number, orderChance: number, shareChance: number) => {
      const h = Math.floor(hour);
      reachH[h]++;
      if (newChance > 0 && random() < newChance) newH[h]++;
      if (orderChance > 0 && random() < orderChance) orderH[h]++;
      if (shareChance > 0 && random() < shareChance) {
        const at = hour + sampleQuantiles(random, params.cycleHours);
        if (at < hours) addShare(at, node, depth, pickChannel());
      }
    };

    if (opts.observed) {
      // Everyone reached by the cut-off (sharers and clickers on the graph) is not reached again;
      // they are in the observed totals, not in this run's.
      if (graph) {
        for (const s of observed) {
          if (s.node >= 0) reachedStamp[s.node] = stamp;
          for (const c of s.clicks) if (c.node >= 0) reachedStamp[c.node] = stamp;
        }
      }
      observed.forEach((s, i) => {
        if (s.hour < hours) addShare(s.hour, s.node, s.depth, s.channel, i);
        // A shopper reached by the cut-off who had not shared it yet may still: after the cut-off.
        for (const c of atCutoff[i].pending) {
          if (random() >= c.chance) continue;
          const at = c.hour + sampleQuantiles(random, params.cycleHours, c.past);
          if (at < hours) addShare(at, c.node, s.depth + 1, pickChannel());
        }
      });
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
      const strangerShareChance = propensityAt(depth, strangerPropensity);
      // An observed share's clicks before the cut-off were counted: only those after it are drawn.
      // Drawing its whole count and keeping the clicks that land after the cut-off is unbiased (the
      // late ones number mean × P(delay ≥ its age) on average); drawing the whole count and placing
      // every click after the cut-off would count the observed ones twice. The draw is also
      // conditioned on what was seen: the strangers counted update the share's gamma rate (a share
      // that drew many clicks early is a hot one), and a friend who had not clicked by then clicks
      // later with q(1 − F) ÷ (1 − qF), not q(1 − F). Late delays are drawn above F: the same as
      // drawing them all and dropping the early ones, without the waste.
      const seen = shareSeen[s] >= 0 ? atCutoff[shareSeen[s]] : null;
      const strangerPast = seen?.strangerPast ?? 0;
      const friendPast = seen?.friendPast ?? 0;
      const strangerMean = params.strangerClicksByDepth[Math.min(depth, params.strangerClicksByDepth.length - 1)] * ch.clickFactor;
      const strangers = sampleCountAfter(random, strangerMean, params.strangerDispersion, seen?.strangersSeen ?? 0, strangerPast);
      for (let k = 0; k < strangers; k++) {
        const at = hour + sampleQuantiles(random, params.strangerClickHours, strangerPast);
        if (at < hours) reachShopper(at, -1, depth + 1, ch.newCustomerPerStranger, ch.orderPerClick, strangerShareChance);
      }
      const q = Math.min(1, params.friendClickProbability * ch.clickFactor);
      if (node >= 0 && graph) {
        const qLeft = chanceAfter(q, friendPast);
        for (let e = graph.offsets[node]; qLeft > 0 && e < graph.offsets[node + 1]; e++) {
          const f = graph.neighbours[e];
          if (reachedStamp[f] === stamp || random() >= qLeft) continue;
          const at = hour + sampleQuantiles(random, params.friendClickHours, friendPast);
          // A click beyond the horizon leaves the friend to any share that reaches them within it.
          if (at >= hours) continue;
          reachedStamp[f] = stamp;
          reachShopper(at, f, depth + 1, 0, ch.orderPerClick, shareChance);
        }
      } else {
        // Off the graph friends are fresh and independent: those still to come are a thinned Poisson count.
        const friends = samplePoisson(random, q * params.offGraphDegree * (1 - friendPast));
        for (let k = 0; k < friends; k++) {
          const at = hour + sampleQuantiles(random, params.friendClickHours, friendPast);
          if (at < hours) reachShopper(at, -1, depth + 1, 0, ch.orderPerClick, shareChance);
        }
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
