// The planner's admin API under /api/v1/admin/plans: plans (create, list, read, edit a draft),
// the forecast, the launch review, the one-step launch, and the post-campaign report (JSON, CSV).
import { requireUser } from '../../platform/auth.ts';
import type { App } from '../../platform/http.ts';
import { Amount, Body, IdParams, MoneySchema, Nullable, Timestamp, Type, Uuid } from '../../platform/schema.ts';
import { MAX_VARIANTS, PLAN_CHANNELS } from './planner.rules.ts';
import type { PlannerService } from './planner.service.ts';

const Goal = Type.Union([Type.Literal('new_customers'), Type.Literal('gmv'), Type.Literal('k')]);
const Reward = Type.Union([
  Type.Object({ kind: Type.Literal('points'), points: Type.Integer({ minimum: 1, maximum: 1_000_000 }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('coupon'), templateId: Uuid }, { additionalProperties: false }),
]);
const strict = { additionalProperties: false } as const;
const Groupbuy = Type.Object({
  kind: Type.Literal('groupbuy'),
  skuId: Uuid,
  groupPrice: Type.Integer({ minimum: 1, maximum: 100_000_000 }),
  teamSize: Type.Integer({ minimum: 2, maximum: 10 }),
  stock: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  expiryHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 168 })),
  perUserLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  newCustomersOnly: Type.Optional(Type.Boolean()),
  leaderDiscount: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })),
}, strict);
const Referral = Type.Object({
  kind: Type.Literal('referral'),
  inviterReward: Nullable(Reward),
  inviteeReward: Nullable(Reward),
  qualifyOn: Type.Optional(Type.Union([Type.Literal('first_paid_order'), Type.Literal('signup')])),
  inviterDailyCap: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  holdHours: Type.Optional(Type.Integer({ minimum: 0, maximum: 720 })),
}, strict);
const Coupon = Type.Object({
  kind: Type.Literal('coupon'),
  couponKind: Type.Union([Type.Literal('fixed'), Type.Literal('threshold'), Type.Literal('percent')]),
  discountAmount: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 100_000_000 }))),
  percentBp: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 10_000 }))),
  maxDiscountAmount: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 100_000_000 }))),
  minSpendAmount: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })),
  validDaysAfterClaim: Type.Integer({ minimum: 1, maximum: 365 }),
  perUserLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  totalQuota: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 10_000_000 }))),
}, strict);
const Mechanic = Type.Union([Groupbuy, Referral, Coupon]);
const Channel = Type.Union(PLAN_CHANNELS.map((c) => Type.Literal(c)));
const ConfigValue = Type.Union([Type.String({ maxLength: 200 }), Type.Number(), Type.Boolean(), Type.Null()]);
const Variant = Type.Object({
  key: Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,31}$' }),
  name: Type.String({ minLength: 1, maxLength: 80 }),
  weight: Type.Integer({ minimum: 1, maximum: 99 }),
  isControl: Type.Boolean(),
  config: Type.Record(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]{0,39}$' }), ConfigValue, { maxProperties: 20 }),
}, strict);

const PlanFields = {
  name: Type.String({ minLength: 1, maxLength: 120 }),
  goal: Type.Object({ metric: Goal, target: Type.Number({ exclusiveMinimum: 0, maximum: 1e12, description: 'new customers (count), GMV (fen), or K (ratio)' }) }, strict),
  segmentId: Nullable(Uuid),
  budgetAmount: Nullable(Type.Integer({ minimum: 1, maximum: 10_000_000_000 })),
  startsAt: Timestamp,
  endsAt: Timestamp,
  mechanic: Mechanic,
  channels: Type.Optional(Type.Array(Channel, { maxItems: PLAN_CHANNELS.length })),
  variants: Type.Optional(Type.Array(Variant, { maxItems: MAX_VARIANTS, description: 'none, or 2 to 6 with one control and weights adding to 100: the plan then launches with an A/B experiment' })),
};

const PlanSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('launching'), Type.Literal('launched')]),
  goal: Type.Object({ metric: Goal, target: Type.Number() }),
  segmentId: Nullable(Type.String()),
  budget: Nullable(MoneySchema),
  startsAt: Type.String(),
  endsAt: Type.String(),
  days: Type.Integer(),
  mechanic: Mechanic,
  channels: Type.Array(Type.String()),
  variants: Type.Array(Variant),
  campaignId: Nullable(Type.String()),
  experimentId: Nullable(Type.String()),
  forecastAt: Nullable(Type.String()),
  launchedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const Num = Type.Number();
const NumOrNull = Nullable(Type.Number());
const Band = Type.Object({ p10: Num, p50: Num, p90: Num });
const ForecastSchema = Type.Object({
  days: Type.Array(Type.Object({ day: Type.Integer(), date: Type.String(), reach: Band, newCustomers: Band, orders: Band, rewardCost: Band })),
  final: Type.Object({ reach: Band, newCustomers: Band, orders: Band, rewardCost: Band }),
  budgetExhaustedDay: Nullable(Band),
  budgetExhaustedShare: Num,
  runs: Type.Integer(),
});
const Finding = Type.Object({ check: Type.String(), severity: Type.Union([Type.Literal('block'), Type.Literal('warn'), Type.Literal('info')]), message: Type.String(), details: Type.Optional(Type.Record(Type.String(), Type.Unknown())) });
const ChecksSchema = Type.Object({ planId: Type.String(), source: Type.Union([Type.Literal('plan'), Type.Literal('campaign')]), campaignId: Nullable(Type.String()), findings: Type.Array(Finding), blocked: Type.Boolean() });
const Lo = Type.Object({ lo: NumOrNull, hi: NumOrNull });
const Estimate = Type.Object({ estimate: NumOrNull, lo: NumOrNull, hi: NumOrNull });
const ReportSchema = Type.Object({
  plan: PlanSchema,
  campaign: Type.Object({ id: Type.String(), name: Type.String(), mechanic: Type.String(), status: Type.String() }),
  from: Type.String(),
  to: Type.String(),
  computedAt: Type.String(),
  currency: Type.String(),
  plannedVsActual: Type.Object({
    goal: Type.Object({ metric: Goal, planned: Num, actual: NumOrNull, attainment: NumOrNull }),
    budget: Type.Object({ planned: NumOrNull, actual: Num, used: NumOrNull }),
    days: Type.Object({ planned: Type.Integer(), actual: Type.Integer() }),
  }),
  outcome: Type.Object({ reach: Num, shares: Num, clicks: Num, newCustomers: Num, paidOrders: Num, gmvAmount: Num, costAmount: Num }),
  cost: Num,
  cac: NumOrNull,
  roi: NumOrNull,
  k: Type.Object({ kFactor: NumOrNull, observedK: NumOrNull, cycleMedianSeconds: NumOrNull }),
  cascades: Type.Object({ count: Num, largest: Num, medianSize: NumOrNull, maxDepth: Num, meanStructuralVirality: NumOrNull, singleShareShare: NumOrNull }),
  largestCascades: Type.Array(Type.Object({ rootShareId: Type.String(), size: Num, depth: Num, maxBreadth: Num, structuralVirality: Num })),
  experiment: Nullable(Type.Object({
    metric: Type.String(),
    srm: Type.Object({ mismatch: Type.Boolean(), pValue: NumOrNull }),
    effects: Type.Array(Type.Object({
      key: Type.String(), name: Type.String(), n: Type.Integer(), mean: NumOrNull, controlMean: NumOrNull,
      absolute: Estimate, sequential: Lo, relative: Estimate, incrementalTotal: Estimate,
      pValue: NumOrNull, adjustedPValue: NumOrNull, chanceToBeatControl: NumOrNull, significant: Type.Boolean(),
    })),
  })),
  forecastVsActual: Nullable(Type.Array(Type.Object({ metric: Type.String(), p10: Num, p50: Num, p90: Num, actual: Num, withinBand: Type.Boolean(), errorVsMedian: NumOrNull, asOfDay: Type.Integer({ description: 'the forecast day the outcome is held to: the days run so far, or the last day once over' }) }))),
});

export function plannerAdminRoutes(planner: PlannerService) {
  return async (app: App) => {
    const read = { scope: 'campaigns:read' as const };
    const write = { scope: 'campaigns:write' as const };

    app.post('/plans', {
      config: write,
      schema: { tags: ['admin'], summary: 'Plan a campaign (draft): goal, audience, budget, schedule, mechanic and rules, channels, variants', body: Body(PlanFields), response: { 201: PlanSchema } },
    }, async (req, reply) => reply.status(201).send(await planner.create(requireUser(req).id, req.body)));

    app.get('/plans', {
      config: read,
      schema: { tags: ['admin'], summary: 'Plans, newest first', querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }, strict), response: { 200: Type.Object({ items: Type.Array(PlanSchema) }) } },
    }, async (req) => planner.list(req.query.limit));

    app.get('/plans/:id', { config: read, schema: { tags: ['admin'], summary: 'One plan', params: IdParams, response: { 200: PlanSchema } } }, async (req) => planner.get(req.params.id));

    app.put('/plans/:id', {
      config: write,
      schema: { tags: ['admin'], summary: 'Replace a draft plan (409 PLAN_NOT_DRAFT once launching)', params: IdParams, body: Body(PlanFields), response: { 200: PlanSchema } },
    }, async (req) => planner.update(requireUser(req).id, req.params.id, req.body));

    app.post('/plans/:id/forecast', {
      config: read,
      schema: { tags: ['admin'], summary: 'The simulator’s forecast for the plan (80% bands per day; a launched plan answers the forecast stored at launch)', params: IdParams, response: { 200: ForecastSchema } },
    }, async (req) => planner.forecast(req.params.id));

    app.get('/plans/:id/checks', {
      config: read,
      schema: { tags: ['admin'], summary: 'Launch review: the plan’s checks and compliance’s rules before launch; the campaign kernel’s full review once its campaign exists', params: IdParams, response: { 200: ChecksSchema } },
    }, async (req) => planner.checks(req.params.id));

    app.post('/plans/:id/launch', {
      config: write,
      schema: {
        tags: ['admin'],
        summary: 'Create the campaign (and, with variants, its experiment), store the forecast, and start both: idempotent, a launched plan answers as it is',
        params: IdParams,
        response: { 200: Type.Object({ plan: PlanSchema, created: Type.Boolean() }) },
      },
    }, async (req) => planner.launch(requireUser(req).id, req.params.id));

    app.get('/plans/:id/report', {
      config: read,
      schema: { tags: ['admin'], summary: 'Post-campaign report: planned vs actual, cost, CAC, ROI, K, cascades, the experiment’s incremental effect with its interval, the forecast beside the outcome', params: IdParams, response: { 200: ReportSchema } },
    }, async (req) => planner.report(req.params.id));

    app.get('/plans/:id/report.csv', {
      config: read,
      schema: { tags: ['admin'], summary: 'The report as CSV (money in fen)', params: IdParams, produces: ['text/csv'] },
    }, async (req, reply) => {
      const csv = await planner.reportCsv(req.params.id);
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="plan-${req.params.id}.csv"`).send(csv);
    });
  };
}
