import { requireUser } from '../../platform/auth.ts';
import type { App } from '../../platform/http.ts';
import { Body, IdParams, Nullable, Type, Uuid } from '../../platform/schema.ts';
import { MAX_VARIANTS, METRIC_KEYS } from './experiments.rules.ts';
import type { ExperimentsService } from './experiments.service.ts';
import type { CampaignsService } from '../campaigns/index.ts';

// Written out (a mapped list loses the literal types); experiments.rules.test.ts checks they match METRICS.
export const Metric = Type.Union([Type.Literal('conversion'), Type.Literal('revenue'), Type.Literal('orders'), Type.Literal('new_customer'), Type.Literal('shares')]);
const Status = Type.Union([Type.Literal('draft'), Type.Literal('running'), Type.Literal('stopped')]);
const VariantKey = Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,31}$', description: 'stable key, e.g. control, reward_15' });
const ConfigValue = Type.Union([Type.String({ maxLength: 200 }), Type.Number(), Type.Boolean(), Type.Null()]);
const VariantSchema = Type.Object({
  key: VariantKey,
  name: Type.String({ minLength: 1, maxLength: 80 }),
  weight: Type.Integer({ minimum: 1, maximum: 99, description: 'whole percent of subjects; the weights add up to exactly 100' }),
  isControl: Type.Boolean(),
  config: Type.Record(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]{0,39}$' }), ConfigValue, { maxProperties: 20, description: 'what this variant changes, e.g. { "discountAmount": 1500 }' }),
}, { additionalProperties: false });

const ExperimentSchema = Type.Object({
  id: Type.String(),
  campaignId: Type.String(),
  name: Type.String(),
  hypothesis: Nullable(Type.String()),
  status: Status,
  goalMetric: Metric,
  secondaryMetrics: Type.Array(Metric),
  variants: Type.Array(VariantSchema),
  createdAt: Type.String(),
  startedAt: Nullable(Type.String()),
  stoppedAt: Nullable(Type.String()),
});

const Num = Type.Number();
const IntervalSchema = Type.Object({ lo: Num, hi: Num });
const Test = Type.Object({ estimate: Num, se: Num, statistic: Type.Union([Num, Type.Null()]), df: Type.Union([Num, Type.Null()]), pValue: Num, ci: IntervalSchema });
const ComparisonSchema = Type.Object({
  absolute: Test,
  relative: Test,
  cuped: Nullable(Type.Object({ theta: Num, varianceReduction: Num, absolute: Test, relative: Test })),
  sequential: Type.Object({ absolute: IntervalSchema, relative: IntervalSchema, significant: Type.Boolean() }),
  bayesian: Type.Object({ chanceToBeatControl: Num, expectedLoss: Num, controlLoss: Num, credibleInterval: IntervalSchema, betaChanceToBeatControl: Nullable(Num) }),
  adjustedPValue: Num,
  significant: Type.Boolean(),
});
const ResultsSchema = Type.Object({
  experimentId: Type.String(),
  status: Status,
  computedAt: Type.String(),
  windowEnd: Type.String(),
  srm: Type.Object({ chiSquare: Num, df: Type.Integer(), pValue: Num, mismatch: Type.Boolean(), threshold: Num, observed: Type.Record(Type.String(), Type.Integer()), expected: Type.Record(Type.String(), Num) }, { description: 'sample-ratio mismatch: read this before any result; mismatch means the split is broken' }),
  correction: Type.Union([Type.Literal('holm'), Type.Literal('bh')]),
  alpha: Num,
  metrics: Type.Array(Type.Object({
    metric: Metric,
    kind: Type.Union([Type.Literal('proportion'), Type.Literal('mean')]),
    isGoal: Type.Boolean(),
    variants: Type.Array(Type.Object({ key: Type.String(), n: Type.Integer(), mean: Num, variance: Num, comparison: Nullable(ComparisonSchema) })),
  })),
});

/** JSON has no NaN or Infinity: an undefined statistic or a normal reference (df ∞) goes out as null. */
const finite = (value: unknown): unknown =>
  typeof value === 'number' ? (Number.isFinite(value) ? value : null) : Array.isArray(value) ? value.map(finite) : value && typeof value === 'object' && !(value instanceof Date) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, finite(v)])) : value;

const VariantKeySchema = Type.Object({
  key: Type.String(),
  unit: Type.Union([Type.Literal('fen'), Type.Literal('people'), Type.Literal('points')]),
  min: Type.Integer(),
  max: Type.Integer(),
  base: Type.Integer({ description: "the campaign's own value, which a variant leaving the key out (or setting null) keeps" }),
  en: Type.String(),
  zh: Type.String(),
});

export function experimentsAdminRoutes(experiments: ExperimentsService, campaigns: Pick<CampaignsService, 'variantKeys'>) {
  return async (app: App) => {
    app.get('/experiments/variant-keys', {
      schema: {
        tags: ['admin'],
        summary: "The rules a variant's config may set on this campaign (by its mechanic), with their bounds and the campaign's own values; any other key is refused",
        querystring: Type.Object({ campaignId: Uuid }, { additionalProperties: false }),
        response: { 200: Type.Object({ campaignId: Type.String(), mechanic: Type.String(), keys: Type.Array(VariantKeySchema) }) },
      },
    }, async (req) => campaigns.variantKeys(req.query.campaignId));

    app.post('/experiments', {
      schema: {
        tags: ['admin'],
        summary: 'Define an A/B experiment on a campaign (draft): variants with weights adding to 100, one control, a goal metric and secondary metrics',
        body: Body({
          campaignId: Uuid,
          name: Type.String({ minLength: 1, maxLength: 120 }),
          hypothesis: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
          goalMetric: Metric,
          secondaryMetrics: Type.Optional(Type.Array(Metric, { maxItems: METRIC_KEYS.length })),
          variants: Type.Array(VariantSchema, { minItems: 2, maxItems: MAX_VARIANTS }),
        }),
        response: { 201: ExperimentSchema },
      },
    }, async (req, reply) => reply.status(201).send(await experiments.create(requireUser(req).id, req.body)));

    app.get('/experiments', {
      schema: {
        tags: ['admin'],
        summary: 'Experiments, newest first',
        querystring: Type.Object({ campaignId: Type.Optional(Uuid), status: Type.Optional(Status), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(ExperimentSchema) }) },
      },
    }, async (req) => experiments.list(req.query));

    app.get('/experiments/:id', {
      schema: { tags: ['admin'], summary: 'One experiment', params: IdParams, response: { 200: ExperimentSchema } },
    }, async (req) => experiments.get(req.params.id));

    app.post('/experiments/:id/start', {
      schema: { tags: ['admin'], summary: 'Start assigning subjects (draft → running; one running experiment per campaign)', params: IdParams, response: { 200: ExperimentSchema } },
    }, async (req) => experiments.act(requireUser(req).id, req.params.id, 'start'));

    app.post('/experiments/:id/stop', {
      schema: { tags: ['admin'], summary: 'Stop (running → stopped): outcomes are measured up to this moment', params: IdParams, response: { 200: ExperimentSchema } },
    }, async (req) => experiments.act(requireUser(req).id, req.params.id, 'stop'));

    app.get('/experiments/:id/exposures', {
      schema: {
        tags: ['admin'],
        summary: 'Subjects exposed so far, per variant',
        params: IdParams,
        response: { 200: Type.Object({ experimentId: Type.String(), total: Type.Integer(), variants: Type.Array(Type.Object({ key: Type.String(), exposures: Type.Integer() })) }) },
      },
    }, async (req) => experiments.exposureCounts(req.params.id));

    app.get('/experiments/:id/results', {
      schema: {
        tags: ['admin'],
        summary: 'SRM check, then per metric and variant: Welch/delta-method tests, CUPED, always-valid confidence sequence, Bayesian chance to beat control; p-values corrected across metrics × variants',
        params: IdParams,
        querystring: Type.Object({ correction: Type.Optional(Type.Union([Type.Literal('holm'), Type.Literal('bh')], { default: 'holm' })) }, { additionalProperties: false }),
        response: { 200: ResultsSchema },
      },
    }, async (req) => finite(await experiments.results(req.params.id, req.query.correction ?? 'holm')) as never);
  };
}

/** What a shopper reads of their own assignment on a campaign page (the exposure is logged once). */
export function experimentsRoutes(experiments: ExperimentsService, variantFor: (campaignId: string, subjectId: string) => Promise<string | null>) {
  return async (app: App) => {
    app.get('/experiments/campaigns/:id/variant', {
      schema: {
        tags: ['experiments'],
        summary: 'My variant of a campaign’s running experiment, with what it changes; null when none runs',
        params: IdParams,
        response: { 200: Type.Object({ campaignId: Type.String(), variant: Nullable(Type.Object({ experimentId: Type.String(), key: Type.String(), name: Type.String(), config: Type.Record(Type.String(), ConfigValue) })) }) },
      },
    }, async (req) => {
      const user = requireUser(req);
      return { campaignId: req.params.id, variant: await experiments.variantConfig(req.params.id, await variantFor(req.params.id, user.id)) };
    });
  };
}
