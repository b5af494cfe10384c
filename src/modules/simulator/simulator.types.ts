// The simulator's public contract. The planner (src/modules/planner/) translates a plan into a
// ForecastInput and shows the Forecast; keep these shapes stable.

export type SimulatedMechanic = 'groupbuy' | 'bargain' | 'referral' | 'coupon' | 'flashsale' | 'lottery';

export interface ForecastInput {
  mechanic: SimulatedMechanic;
  startAt: Date;
  days: number; // 1..60
  seedAudience: number; // shoppers the campaign reaches at launch (segment size, or all customers); >= 1
  budget: { amount: number; currency: 'CNY' } | null; // fen
  rewardPerNewCustomer: number; // fen of reward cost per new customer brought (>= 0)
  rewardPerOrder: number; // fen of discount/reward cost per order (>= 0)
  channels?: string[]; // share channels the plan uses (sharing's SHARE_CHANNELS); default all
  runs?: number; // Monte Carlo runs, default 500, max 5000
  seed?: number; // random seed, default fixed so results are reproducible
}

export interface Band {
  p10: number;
  p50: number;
  p90: number;
}

/** Cumulative totals at the end of that day. */
export interface ForecastDay {
  day: number;
  date: string; // YYYY-MM-DD, Asia/Shanghai
  reach: Band;
  newCustomers: Band;
  orders: Band;
  rewardCost: Band;
}

/** Per share channel: how many clicks a share gets and what a click turns into. */
export interface ChannelCalibration {
  shares: number; // sample size
  clicksPerShare: number; // mean
  /** Its shares' clicks over what their generation and the friends they could reach lead the model to expect (1: as the store's average), shrunk toward 1; multiplies strangers and the friend click probability on it. */
  clickFactor: number;
  clicksDispersion: number; // variance / mean of clicks per share (1 = Poisson)
  newCustomerPerClick: number; // probability that a click brings a new customer
  orderPerClick: number; // probability that a click leads to an attributed order
}

export interface Calibration {
  source: 'store' | 'synthetic';
  /** The mechanic whose campaigns' cascades it was fitted on, when they are enough; null: all the store's cascades. */
  mechanic: string | null;
  computedAt: string; // ISO date-time
  /** Sample sizes the parameters were fitted on. */
  sample: {
    campaigns: number;
    shares: number;
    clicks: number;
    sharers: number;
    reachedShoppers: number;
    newCustomers: number;
    orders: number;
  };
  /** Share propensity: probability that a shopper reached through a share shares it on, pooled
   * and by the generation of the share that reached them (index 0: reached by a root share; the
   * last entry holds all deeper generations). The generation is the segment the store's cascades
   * separate well: propensity falls as a cascade moves away from the campaign's own audience. */
  shareProbability: number;
  /** By generation, for friends (returning visitors) and strangers (new visitors) apart: a new
   * visitor's share is one whose sharer's account was opened through their click on the parent. */
  shareProbabilityByDepth: number[];
  strangerShareProbabilityByDepth: number[];
  /** Share of clicks made by strangers (new visitors); the rest are friends on the graph. */
  newVisitorShare: number;
  /** Share mix over channels (sums to 1). */
  channelMix: Record<string, number>;
  channels: Record<string, ChannelCalibration>;
  /** Probability that a seed shopper (reached at launch) shares the campaign. */
  seedShareProbability: number;
  /** Probability that a seed shopper orders in the campaign (taken as a reached shopper's order rate). */
  seedOrderRate: number;
  /** Probability that a friend of a sharer (on the graph, not yet reached) clicks one share. */
  friendClickProbability: number;
  /** Clicks by strangers per share by the share's generation (what friends on the graph do not explain), and their variance ÷ mean. */
  strangerClicksByDepth: number[];
  strangerDispersion: number;
  /** Children shares per share (offspring), the fitted distribution's summary and its histogram 0..N. */
  offspring: { mean: number; variance: number; histogram: number[] };
  /** Hours from a parent share to a child share: empirical quantiles at 0, 5, …, 100% (what a click's delay and the reshare time add up to). */
  cycleHours: number[];
  /** Hours from a share to a click on it, by strangers (new visitors) and by friends: quantiles at 0, 5, …, 100% ([0]: at the share, when the store has no clicks to time). */
  clickDelayHours: { stranger: number[]; friend: number[] };
  /** Hours from the click that reached a shopper to the share they made: quantiles at 0, 5, …, 100%. */
  reshareHours: number[];
  /** The friendship graph the cascades ran on. */
  graph: { source: 'store' | 'synthetic'; nodes: number; edges: number; meanDegree: number; maxDegree: number };
}

export interface Forecast {
  input: Omit<ForecastInput, 'startAt'> & { startAt: string };
  days: ForecastDay[];
  final: { reach: Band; newCustomers: Band; orders: Band; rewardCost: Band };
  budgetExhaustedDay: Band | null; // among runs where the budget runs out; null when no budget or < 10% of runs exhaust it
  budgetExhaustedShare: number; // share of runs exhausting the budget (0..1)
  calibration: Calibration;
  runs: number;
}

export interface BacktestCampaign {
  campaignId: string;
  name: string;
  mechanic: string;
  startAt: string;
  days: number;
  calibrationDays: number;
  actual: { reach: number; rewardCost: number };
  /** What the store had seen by the cut-off: the forecast adds what the model simulates after it. */
  atCutoff: { reach: number; rewardCost: number };
  forecast: { reach: Band; rewardCost: Band };
  ape: { reach: number; rewardCost: number }; // |forecast p50 − actual| / actual
}

export interface BacktestReport {
  generatedAt: string;
  calibrationDays: number;
  runs: number;
  campaigns: BacktestCampaign[];
  skipped: { campaignId: string; reason: string }[];
  medianApe: { reach: number | null; rewardCost: number | null };
  goal: number; // 0.15
  meetsGoal: boolean;
}

export interface BacktestOptions {
  calibrationDays?: number; // 1..7, default 2
  runs?: number;
  seed?: number;
  campaignIds?: string[];
}

/** One click on a share, as the store recorded it (sharing's cascade clicks). */
export interface ClickFact {
  at: number; // ms
  newVisitor: boolean;
  visitor: string | null; // the key distinct visitors are counted by
  clickerId: string | null; // the clicker's account (signed in, or opened through this click)
  signedUpAt: number | null; // ms: the new customer this click brought (last touch)
  orderedAt: number[]; // ms: orders attributed to this click (last touch)
}

/** One share as the calibration sees it: its place in the cascade and what it brought. */
export interface ShareFact {
  id: string;
  parentId: string | null;
  rootId: string;
  depth: number;
  channel: string;
  sharerId: string;
  campaignId: string | null;
  at: number; // ms
  clicks: number;
  visitors: number;
  signups: number;
  orders: number;
  /** Its clicks, oldest first: when they came, and what each brought. */
  clickLog: ClickFact[];
}
