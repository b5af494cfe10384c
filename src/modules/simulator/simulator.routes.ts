// Admin routes: a forecast for a plan, the calibration it runs on, and the backtest. Bodies are
// strict (no coercion, unknown fields refused); the service checks ranges again for the CLI and
// the planner, which call it directly.
import type { App } from '../../platform/http.ts';
import { Body, Nullable, Timestamp, Type, Uuid } from '../../platform/schema.ts';
import { MAX_AUDIENCE, MAX_RUNS, type SimulatorService } from './simulator.service.ts';

const BandSchema = Type.Object({ p10: Type.Number(), p50: Type.Number(), p90: Type.Number() }, { description: '10th, 50th and 90th percentile over the Monte Carlo runs (an 80% interval around the median)' });
const Metrics = { reach: BandSchema, newCustomers: BandSchema, orders: BandSchema, rewardCost: BandSchema };
const ChannelSchema = Type.Object({ shares: Type.Integer(), clicksPerShare: Type.Number(), clickFactor: Type.Number(), clicksDispersion: Type.Number(), newCustomerPerClick: Type.Number(), orderPerClick: Type.Number() });
export const CalibrationSchema = Type.Object({
  source: Type.Union([Type.Literal('store'), Type.Literal('synthetic')]),
  mechanic: Nullable(Type.String({ description: 'the mechanic whose campaigns it was fitted on; null: every cascade of the store' })),
  computedAt: Type.String(),
  sample: Type.Object({ campaigns: Type.Integer(), shares: Type.Integer(), clicks: Type.Integer(), sharers: Type.Integer(), reachedShoppers: Type.Integer(), newCustomers: Type.Integer(), orders: Type.Integer() }),
  shareProbability: Type.Number(),
  shareProbabilityByDepth: Type.Array(Type.Number(), { description: 'share propensity of a friend (returning visitor) reached by a share of generation 0, 1, …' }),
  strangerShareProbabilityByDepth: Type.Array(Type.Number(), { description: 'share propensity of a stranger (new visitor) reached by a share of generation 0, 1, …' }),
  newVisitorShare: Type.Number(),
  channelMix: Type.Record(Type.String(), Type.Number()),
  channels: Type.Record(Type.String(), ChannelSchema),
  seedShareProbability: Type.Number(),
  seedOrderRate: Type.Number(),
  friendClickProbability: Type.Number(),
  strangerClicksByDepth: Type.Array(Type.Number()),
  strangerDispersion: Type.Number(),
  offspring: Type.Object({ mean: Type.Number(), variance: Type.Number(), histogram: Type.Array(Type.Integer()) }),
  cycleHours: Type.Array(Type.Number(), { description: 'hours from a parent share to a child share at 0, 5, …, 100%' }),
  clickDelayHours: Type.Object({
    stranger: Type.Array(Type.Number(), { description: 'hours from a share to a stranger’s (new visitor’s) click at 0, 5, …, 100%' }),
    friend: Type.Array(Type.Number(), { description: 'hours from a share to a friend’s click at 0, 5, …, 100%' }),
  }),
  reshareHours: Type.Array(Type.Number(), { description: 'hours from the click that reached a shopper to their share at 0, 5, …, 100%' }),
  graph: Type.Object({ source: Type.Union([Type.Literal('store'), Type.Literal('synthetic')]), nodes: Type.Integer(), edges: Type.Integer(), meanDegree: Type.Number(), maxDegree: Type.Integer() }),
});

const Fen = Type.Integer({ minimum: 0, maximum: 1_000_000_000_000, description: 'fen' });
const InputFields = {
  mechanic: Type.Union([Type.Literal('groupbuy'), Type.Literal('bargain'), Type.Literal('referral'), Type.Literal('coupon'), Type.Literal('flashsale'), Type.Literal('lottery')]),
  days: Type.Integer({ minimum: 1, maximum: 60 }),
  seedAudience: Type.Integer({ minimum: 1, maximum: MAX_AUDIENCE, description: 'shoppers the campaign reaches at launch' }),
  budget: Nullable(Body({ amount: Type.Integer({ minimum: 1, maximum: 1_000_000_000_000 }), currency: Type.Literal('CNY') })),
  rewardPerNewCustomer: Fen,
  rewardPerOrder: Fen,
  channels: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 32 }), { minItems: 1, maxItems: 20, uniqueItems: true })),
  runs: Type.Optional(Type.Integer({ minimum: 10, maximum: MAX_RUNS })),
  seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31 })),
};
const ForecastBody = Body({ ...InputFields, startAt: Timestamp });
const ForecastSchema = Type.Object({
  input: Type.Object({ ...InputFields, startAt: Type.String() }),
  days: Type.Array(Type.Object({ day: Type.Integer(), date: Type.String(), ...Metrics })),
  final: Type.Object(Metrics),
  budgetExhaustedDay: Nullable(BandSchema),
  budgetExhaustedShare: Type.Number(),
  calibration: CalibrationSchema,
  runs: Type.Integer(),
});
const BacktestBody = Body({
  calibrationDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 7, description: 'days of each campaign the replay sees (default 2)' })),
  runs: Type.Optional(Type.Integer({ minimum: 10, maximum: MAX_RUNS })),
  seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31 })),
  campaignIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 200 })),
});
const ReachCost = Type.Object({ reach: Type.Number(), rewardCost: Type.Number() });
const BacktestSchema = Type.Object({
  generatedAt: Type.String(),
  calibrationDays: Type.Integer(),
  runs: Type.Integer(),
  campaigns: Type.Array(Type.Object({
    campaignId: Type.String(), name: Type.String(), mechanic: Type.String(), startAt: Type.String(), days: Type.Integer(), calibrationDays: Type.Integer(),
    actual: ReachCost, atCutoff: ReachCost, forecast: Type.Object({ reach: BandSchema, rewardCost: BandSchema }), ape: ReachCost,
  })),
  skipped: Type.Array(Type.Object({ campaignId: Type.String(), reason: Type.String() })),
  medianApe: Type.Object({ reach: Nullable(Type.Number()), rewardCost: Nullable(Type.Number()) }),
  goal: Type.Number(),
  meetsGoal: Type.Boolean(),
});

export function simulatorRoutes(simulator: SimulatorService) {
  return async (app: App) => {
    app.post('/simulator/forecasts', {
      schema: { tags: ['admin'], summary: 'Forecast a campaign before launch: reach, new customers, orders and reward cost per day with 80% intervals, and the day the budget runs out', body: ForecastBody, response: { 200: ForecastSchema } },
    }, async (req) => simulator.forecast({ ...req.body, startAt: new Date(req.body.startAt) }));

    app.get('/simulator/calibration', {
      schema: { tags: ['admin'], summary: 'What the simulator learnt from the store’s past cascades (or its synthetic defaults)', response: { 200: CalibrationSchema } },
    }, async () => simulator.calibrate());

    // The body is optional: a bare POST replays every past campaign with the defaults.
    app.post('/simulator/backtests', {
      preValidation: async (req) => void (req.body ??= {}),
      schema: { tags: ['admin'], summary: 'Replay past campaigns from their first days: forecast error of final reach and reward cost', body: BacktestBody, response: { 200: BacktestSchema } },
    }, async (req) => simulator.backtest(req.body));
  };
}
