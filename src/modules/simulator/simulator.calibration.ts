// Calibration: the store's cascades (shares with their parent, clicks and attributed sign-ups and
// orders) fitted into the simulator's parameters, and a plan's input turned into a model run.
// Pure: the service reads the facts through the other modules' services.
import { seededRandom } from '../../platform/random.ts';
import type { ChannelParams, ModelParams, SimGraph } from './simulator.model.ts';
import type { Calibration, ChannelCalibration, ForecastInput } from './simulator.types.ts';
import { clickDelays } from './simulator.delays.ts';
import type { ShareFact } from './simulator.types.ts';
export type { ClickFact, ShareFact } from './simulator.types.ts';

/** Fewer shares than this and the store's own numbers are too thin: the synthetic defaults are used. */
export const MIN_STORE_SHARES = 30;
/** Depth levels the share propensity is fitted for; deeper levels are pooled into the last. */
export const DEPTH_LEVELS = 4;
/** Pseudo-counts that shrink a channel's or a level's estimate towards the pooled one. */
const PRIOR_SHARES = 20;
const PRIOR_CLICKS = 50;
const QUANTILE_STEPS = 20;

/**
 * Defaults for a store without history: a share is clicked about 3 times (over-dispersed), a
 * tenth of the reached share on, the cycle is about half a day. They are the order of magnitude
 * reported for social-commerce sharing; the README says to trust a store calibration over them.
 */
export const SYNTHETIC_DEFAULTS = {
  clicksPerShare: 3,
  clicksDispersion: 2.5,
  shareProbability: 0.1,
  newVisitorShare: 0.6,
  newCustomerPerClick: 0.05,
  orderPerClick: 0.03,
  meanDegree: 8,
  cycleMedianHours: 12,
} as const;

export const SYNTHETIC_CHANNELS = ['wechat', 'moments', 'weibo', 'douyin', 'xiaohongshu', 'link', 'qr'] as const;

/** Empirical quantiles at 0, 5, …, 100%. */
export function quantiles(values: number[]): number[] {
  if (!values.length) return [];
  const sorted = [...values].sort((a, b) => a - b);
  return Array.from({ length: QUANTILE_STEPS + 1 }, (_, i) => {
    const x = ((sorted.length - 1) * i) / QUANTILE_STEPS;
    const j = Math.floor(x);
    return j + 1 < sorted.length ? sorted[j] + (sorted[j + 1] - sorted[j]) * (x - j) : sorted[j];
  });
}

const meanOf = (xs: number[]) => (xs.length ? xs.reduce((a, x) => a + x, 0) / xs.length : 0);
const varianceOf = (xs: number[]) => {
  if (xs.length < 2) return 0;
  const m = meanOf(xs);
  return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
};
const round = (x: number, digits = 4) => Number(x.toFixed(digits));

/** A graph in CSR from adjacency lists; ids outside `nodes` are dropped, duplicate edges kept once. */
export function graphOf(nodes: string[], friends: Map<string, string[]>): { graph: SimGraph; index: Map<string, number> } {
  const index = new Map(nodes.map((id, i) => [id, i]));
  const offsets = new Int32Array(nodes.length + 1);
  const lists = nodes.map((id) => [...new Set((friends.get(id) ?? []).map((f) => index.get(f)).filter((i): i is number => i !== undefined))]);
  lists.forEach((l, i) => (offsets[i + 1] = offsets[i] + l.length));
  const neighbours = new Int32Array(offsets[nodes.length]);
  lists.forEach((l, i) => neighbours.set(l, offsets[i]));
  return { graph: { n: nodes.length, offsets, neighbours }, index };
}

/** A configuration-model graph: degrees drawn around the mean (geometric tail), stubs paired at random. */
export function syntheticGraph(n: number, meanDegree: number, seed: number): SimGraph {
  const random = seededRandom(seed);
  const degree = new Int32Array(n);
  let stubs = 0;
  for (let i = 0; i < n; i++) {
    degree[i] = Math.max(1, Math.round(-Math.log(1 - random()) * meanDegree));
    stubs += degree[i];
  }
  const pool = new Int32Array(stubs);
  for (let i = 0, k = 0; i < n; i++) for (let d = 0; d < degree[i]; d++) pool[k++] = i;
  for (let i = stubs - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  const adjacency: number[][] = Array.from({ length: n }, () => []);
  for (let k = 0; k + 1 < stubs; k += 2) {
    const a = pool[k];
    const b = pool[k + 1];
    if (a !== b) {
      adjacency[a].push(b);
      adjacency[b].push(a);
    }
  }
  const offsets = new Int32Array(n + 1);
  adjacency.forEach((l, i) => (offsets[i + 1] = offsets[i] + l.length));
  const neighbours = new Int32Array(offsets[n]);
  adjacency.forEach((l, i) => neighbours.set(l, offsets[i]));
  return { n, offsets, neighbours };
}

export function graphSummary(graph: SimGraph, source: 'store' | 'synthetic'): Calibration['graph'] {
  let max = 0;
  for (let i = 0; i < graph.n; i++) max = Math.max(max, graph.offsets[i + 1] - graph.offsets[i]);
  const edges = graph.neighbours.length / 2;
  return { source, nodes: graph.n, edges, meanDegree: graph.n ? round((2 * edges) / graph.n, 2) : 0, maxDegree: max };
}

/**
 * Fits the parameters from the store's shares. `newVisitorShare` is the store's share of visitors
 * new to it, for shares without a click log; `reachable` gives, per share, the friends of its sharer
 * on the graph it could reach (reachableFriends; undefined off the graph).
 */
export function fitCalibration(
  shares: ShareFact[],
  opts: { newVisitorShare: number | null; reachable: ReadonlyMap<string, number | undefined>; graph: Calibration['graph']; computedAt: Date; mechanic?: string },
): Calibration {
  if (shares.length < MIN_STORE_SHARES) return syntheticCalibration(opts.computedAt, opts.graph, shares.length);
  const byId = new Map(shares.map((s) => [s.id, s]));
  const children = new Map<string, number>();
  const cycle: number[] = [];
  for (const s of shares) {
    const parent = s.parentId ? byId.get(s.parentId) : undefined;
    if (!parent) continue;
    children.set(parent.id, (children.get(parent.id) ?? 0) + 1);
    cycle.push(Math.max(0, (s.at - parent.at) / 3_600_000));
  }
  const delays = clickDelays(shares, byId);
  const totalClicks = shares.reduce((a, s) => a + s.clicks, 0);
  const clicks = shares.map((s) => s.clicks);
  const pooledMean = meanOf(clicks);
  const pooledDispersion = pooledMean > 0 ? Math.max(1, varianceOf(clicks) / pooledMean) : 1;
  const signups = shares.reduce((a, s) => a + s.signups, 0);
  const orders = shares.reduce((a, s) => a + s.orders, 0);
  const pooledNew = totalClicks ? signups / totalClicks : 0;
  const pooledOrder = totalClicks ? orders / totalClicks : 0;

  const channels: Record<string, ChannelCalibration> = {};
  const mix: Record<string, number> = {};
  for (const channel of [...new Set(shares.map((s) => s.channel))].sort()) {
    const own = shares.filter((s) => s.channel === channel);
    const c = own.map((s) => s.clicks);
    const sum = c.reduce((a, x) => a + x, 0);
    const mean = (sum + PRIOR_SHARES * pooledMean) / (own.length + PRIOR_SHARES);
    const dispersion = own.length >= 5 && meanOf(c) > 0 ? Math.max(1, (own.length * (varianceOf(c) / meanOf(c)) + PRIOR_SHARES * pooledDispersion) / (own.length + PRIOR_SHARES)) : pooledDispersion;
    const s = own.reduce((a, x) => a + x.signups, 0);
    const o = own.reduce((a, x) => a + x.orders, 0);
    channels[channel] = {
      shares: own.length,
      clicksPerShare: round(mean),
      clickFactor: 1, // set below, once the generations' strangers and q are known
      clicksDispersion: round(dispersion),
      newCustomerPerClick: round((s + PRIOR_CLICKS * pooledNew) / (sum + PRIOR_CLICKS)),
      orderPerClick: round((o + PRIOR_CLICKS * pooledOrder) / (sum + PRIOR_CLICKS)),
    };
    mix[channel] = round(own.length / shares.length);
  }

  // Share propensity by generation and by who clicked: shares made at depth d + 1 per click on
  // shares at depth d, friends' (returning visitors') and strangers' (new visitors') apart. A friend
  // who saw a message from someone they know shares on far more readily than a stranger from a
  // feed, and the model reaches them differently (a friend on the graph, a stranger off it), so one
  // propensity for both would move shares from well-connected friends to strangers. A child share
  // is a stranger's when its sharer's account was opened through a new visitor's click on the
  // parent (a new visitor must sign up to share); otherwise a friend's. Shares without a click log
  // split their clicks by the store's share of new visitors.
  const newVisitorShare = opts.newVisitorShare ?? SYNTHETIC_DEFAULTS.newVisitorShare;
  const strangerClicksOf = (s: ShareFact) => (s.clickLog.length ? s.clickLog.reduce((a, c) => a + (c.newVisitor ? 1 : 0), 0) : s.clicks * newVisitorShare);
  const byKind = { friend: { clicks: new Array<number>(DEPTH_LEVELS).fill(0), children: new Array<number>(DEPTH_LEVELS).fill(0) }, stranger: { clicks: new Array<number>(DEPTH_LEVELS).fill(0), children: new Array<number>(DEPTH_LEVELS).fill(0) } };
  for (const s of shares) {
    const level = Math.min(s.depth, DEPTH_LEVELS - 1);
    const strangers = strangerClicksOf(s);
    byKind.stranger.clicks[level] += strangers;
    byKind.friend.clicks[level] += s.clicks - strangers;
    const parent = s.parentId ? byId.get(s.parentId) : undefined;
    if (!parent) continue;
    const pLevel = Math.min(parent.depth, DEPTH_LEVELS - 1);
    const viaStranger = parent.clickLog.some((c) => c.newVisitor && c.clickerId === s.sharerId && c.at <= s.at);
    byKind[viaStranger ? 'stranger' : 'friend'].children[pLevel]++;
  }
  const childShares = shares.filter((s) => s.parentId && byId.has(s.parentId)).length;
  const pooledP = totalClicks ? Math.min(1, childShares / totalClicks) : 0;
  // Each kind's pooled rate is shrunk toward the store's, each generation's toward its kind's.
  const propensityOf = (k: { clicks: number[]; children: number[] }) => {
    const sum = (xs: number[]) => xs.reduce((a, x) => a + x, 0);
    const pooled = Math.min(1, (sum(k.children) + PRIOR_CLICKS * pooledP) / (sum(k.clicks) + PRIOR_CLICKS));
    return k.clicks.map((c, d) => round(Math.min(1, (k.children[d] + PRIOR_CLICKS * pooled) / (c + PRIOR_CLICKS))));
  };
  const byDepth = propensityOf(byKind.friend);
  const strangerByDepth = propensityOf(byKind.stranger);

  // Friends a share reaches: the clicks not by new visitors (counted on its click log), over the
  // friends the model lets a share reach: the sharer's friends on the graph not yet reached in its
  // cascade. Over all their friends, the cascades' own saturation would be counted twice, once in
  // the estimate and again when the model skips reached friends.
  const { reachable } = opts;
  let degrees = 0;
  let friendClicks = 0;
  for (const s of shares) {
    const d = reachable.get(s.id);
    if (d === undefined || d === 0) continue;
    degrees += d;
    friendClicks += s.clickLog.length ? s.clickLog.reduce((a, c) => a + (c.newVisitor ? 0 : 1), 0) : s.clicks * (1 - newVisitorShare);
  }
  const friendClickProbability = degrees ? Math.min(1, friendClicks / degrees) : 0;
  // Strangers: the clicks a share got beyond what its sharer's friends explain, by generation
  // (a campaign's own audience and its KOLs reach strangers that their friends' shares do not).
  // Where the click log says who was new, a share whose friends were counted in the friend click
  // probability has its new visitors as strangers: the rest of its clicks are the friend clicks
  // counted there, so friends and strangers add up to its clicks. (Its clicks less q × its
  // reachable friends, floored at 0, would overstate them: the floor cuts off the shares that drew
  // fewer friends than expected, never those that drew more.) Without a log, that difference.
  const residual = shares.map((s) => {
    const d = reachable.get(s.id);
    if (d === undefined || d === 0) return s.clicks;
    return s.clickLog.length ? strangerClicksOf(s) : Math.max(0, s.clicks - friendClickProbability * d);
  });
  const strangerSum = new Array<number>(DEPTH_LEVELS).fill(0);
  const sharesAt = new Array<number>(DEPTH_LEVELS).fill(0);
  shares.forEach((s, i) => {
    const level = Math.min(s.depth, DEPTH_LEVELS - 1);
    strangerSum[level] += residual[i];
    sharesAt[level]++;
  });
  const pooledStrangers = meanOf(residual);
  const strangerClicksByDepth = strangerSum.map((sum, d) => round((sum + PRIOR_SHARES * pooledStrangers) / (sharesAt[d] + PRIOR_SHARES)));
  // A channel's click factor: its shares' clicks over what the model expects of them (their
  // generation's strangers and q × the friends they could reach), shrunk toward 1. Its clicks per
  // share alone would credit a channel with its sharers: a KOL's root share has many more clicks on
  // any channel than a friend's reshare.
  const expected = shares.map((s) => strangerClicksByDepth[Math.min(s.depth, DEPTH_LEVELS - 1)] + friendClickProbability * (reachable.get(s.id) ?? 0));
  const meanExpected = meanOf(expected);
  for (const channel of Object.keys(channels)) {
    let got = 0;
    let due = 0;
    shares.forEach((s, i) => {
      if (s.channel !== channel) return;
      got += s.clicks;
      due += expected[i];
    });
    channels[channel].clickFactor = round(meanExpected > 0 ? (got + PRIOR_SHARES * meanExpected) / (due + PRIOR_SHARES * meanExpected) : 1);
  }
  // Dispersion within a generation: the residuals' variance around their level's mean.
  const within = shares.reduce((a, s, i) => a + (residual[i] - strangerClicksByDepth[Math.min(s.depth, DEPTH_LEVELS - 1)]) ** 2, 0) / Math.max(1, shares.length - DEPTH_LEVELS);
  const strangerDispersion = pooledStrangers > 0 ? Math.max(1, within / pooledStrangers) : 1;

  const offspring = shares.map((s) => children.get(s.id) ?? 0);
  const histogram = new Array<number>(Math.min(50, Math.max(...offspring)) + 1).fill(0);
  for (const k of offspring) histogram[Math.min(k, histogram.length - 1)]++;
  const cycleHours = cycle.length >= 5 ? quantiles(cycle).map((h) => round(h, 2)) : defaultCycle();
  return {
    source: 'store',
    mechanic: opts.mechanic ?? null,
    computedAt: opts.computedAt.toISOString(),
    sample: {
      campaigns: new Set(shares.flatMap((s) => (s.campaignId ? [s.campaignId] : []))).size,
      shares: shares.length,
      clicks: totalClicks,
      sharers: new Set(shares.map((s) => s.sharerId)).size,
      reachedShoppers: shares.reduce((a, s) => a + s.visitors, 0),
      newCustomers: signups,
      orders,
    },
    shareProbability: round(pooledP),
    shareProbabilityByDepth: byDepth,
    strangerShareProbabilityByDepth: strangerByDepth,
    // What the model needs is the share of clicks by strangers: the residual's, where a graph explains the rest.
    newVisitorShare: round(degrees && totalClicks ? residual.reduce((a, x) => a + x, 0) / totalClicks : newVisitorShare),
    channelMix: mix,
    channels,
    seedShareProbability: byDepth[0],
    seedOrderRate: round(pooledOrder),
    friendClickProbability: round(friendClickProbability),
    strangerClicksByDepth,
    strangerDispersion: round(strangerDispersion),
    offspring: { mean: round(meanOf(offspring)), variance: round(varianceOf(offspring)), histogram },
    cycleHours,
    clickDelayHours: {
      stranger: delayQuantiles(delays.stranger, delays.all),
      friend: delayQuantiles(delays.friend, delays.all),
    },
    // A store whose sharers' clicks cannot be matched to their shares (no account on the clicks)
    // gets the parent→child time: the generation interval is then the click delay longer.
    reshareHours: delays.reshare.length >= 5 ? quantiles(delays.reshare).map((h) => round(h, 2)) : cycleHours,
    graph: opts.graph,
  };
}

/** A kind's own delays when it has a few, else every click's; no clicks at all: at the share, as a store without history is modelled. */
function delayQuantiles(own: number[], all: number[]): number[] {
  const sample = own.length >= 5 ? own : all;
  return sample.length >= 5 ? quantiles(sample).map((h) => round(h, 2)) : [0];
}

function defaultCycle(): number[] {
  // Log-normal with the default median and σ = 1: the quantiles at 0, 5, …, 100% (ends clipped).
  const z = [-3, -1.645, -1.282, -1.036, -0.842, -0.674, -0.524, -0.385, -0.253, -0.126, 0, 0.126, 0.253, 0.385, 0.524, 0.674, 0.842, 1.036, 1.282, 1.645, 3];
  return z.map((x) => round(SYNTHETIC_DEFAULTS.cycleMedianHours * Math.exp(x), 2));
}

export function syntheticCalibration(computedAt: Date, graph: Calibration['graph'], shares = 0): Calibration {
  const d = SYNTHETIC_DEFAULTS;
  const channel: ChannelCalibration = { shares: 0, clicksPerShare: d.clicksPerShare, clickFactor: 1, clicksDispersion: d.clicksDispersion, newCustomerPerClick: d.newCustomerPerClick, orderPerClick: d.orderPerClick };
  return {
    source: 'synthetic',
    mechanic: null,
    computedAt: computedAt.toISOString(),
    sample: { campaigns: 0, shares, clicks: 0, sharers: 0, reachedShoppers: 0, newCustomers: 0, orders: 0 },
    shareProbability: d.shareProbability,
    shareProbabilityByDepth: [d.shareProbability],
    strangerShareProbabilityByDepth: [d.shareProbability],
    newVisitorShare: d.newVisitorShare,
    channelMix: Object.fromEntries(SYNTHETIC_CHANNELS.map((c) => [c, round(1 / SYNTHETIC_CHANNELS.length)])),
    channels: Object.fromEntries(SYNTHETIC_CHANNELS.map((c) => [c, channel])),
    seedShareProbability: d.shareProbability,
    seedOrderRate: d.orderPerClick,
    friendClickProbability: round((d.clicksPerShare * (1 - d.newVisitorShare)) / d.meanDegree),
    strangerClicksByDepth: [round(d.clicksPerShare * d.newVisitorShare)],
    strangerDispersion: d.clicksDispersion,
    offspring: { mean: round(d.clicksPerShare * d.shareProbability), variance: round(d.clicksPerShare * d.shareProbability * (1 + d.clicksPerShare * d.shareProbability)), histogram: [] },
    cycleHours: defaultCycle(),
    // No clicks to time: a click comes at the share and the whole generation interval is the reshare time.
    clickDelayHours: { stranger: [0], friend: [0] },
    reshareHours: defaultCycle(),
    graph,
  };
}

/** The model run for a plan: the calibration restricted to the plan's channels, with its audience, days and budget. */
export function paramsOf(cal: Calibration, input: Pick<ForecastInput, 'seedAudience' | 'budget' | 'rewardPerNewCustomer' | 'rewardPerOrder' | 'channels'>, meanDegree: number): ModelParams {
  const known = Object.keys(cal.channels);
  const wanted = input.channels?.length ? known.filter((c) => input.channels!.includes(c)) : known;
  // A plan on channels the store has never shared on gets the pooled behaviour of the store's channels.
  const used = wanted.length ? wanted : known;
  // Factors relative to the store's mix, so a share on an average channel gets the fitted rates.
  const pooledFactor = known.reduce((a, c) => a + cal.channels[c].clickFactor * (cal.channelMix[c] ?? 0), 0) || 1;
  const channels: ChannelParams[] = used.map((c) => {
    const k = cal.channels[c];
    return {
      weight: wanted.length ? (cal.channelMix[c] ?? 0) || 1 / used.length : 1 / used.length,
      clickFactor: k.clickFactor / pooledFactor,
      newCustomerPerStranger: cal.newVisitorShare > 0 ? Math.min(1, k.newCustomerPerClick / cal.newVisitorShare) : 0,
      orderPerClick: k.orderPerClick,
    };
  });
  return {
    seedAudience: input.seedAudience,
    seedShareProbability: cal.seedShareProbability,
    seedOrderRate: cal.seedOrderRate,
    shareProbabilityByDepth: cal.shareProbabilityByDepth,
    strangerShareProbabilityByDepth: cal.strangerShareProbabilityByDepth,
    friendClickProbability: cal.friendClickProbability,
    strangerClicksByDepth: cal.strangerClicksByDepth,
    strangerDispersion: cal.strangerDispersion,
    offGraphDegree: meanDegree,
    channels,
    strangerClickHours: cal.clickDelayHours.stranger,
    friendClickHours: cal.clickDelayHours.friend,
    cycleHours: cal.reshareHours,
    rewardPerNewCustomer: input.rewardPerNewCustomer,
    rewardPerOrder: input.rewardPerOrder,
    budget: input.budget?.amount ?? null,
  };
}
