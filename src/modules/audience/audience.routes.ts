import { requireUser } from '../../platform/auth.ts';
import type { App } from '../../platform/http.ts';
import { Body, MoneySchema, Nullable, Type, Uuid } from '../../platform/schema.ts';
import { SORTS } from './audience.repo.ts';
import { TAG_PATTERN } from './audience.rules.ts';
import { SegmentRuleSchema } from './audience.segments.ts';
import type { AudienceService } from './audience.service.ts';

const Lit = <T extends string>(values: readonly T[]) => Type.Enum([...values]);
const tags = ['audience'];

const ProfileSchema = Type.Object({
  userId: Type.String(),
  displayName: Nullable(Type.String()),
  signedUpAt: Type.String(),
  firstOrderAt: Nullable(Type.String()),
  lastOrderAt: Nullable(Type.String()),
  lastActiveAt: Type.String(),
  recencyDays: Nullable(Type.Integer({ description: 'days since the last paid order' })),
  frequency: Type.Integer({ description: 'paid orders not fully refunded' }),
  monetary: MoneySchema,
  rfm: Type.Object({ r: Type.Integer(), f: Type.Integer(), m: Type.Integer() }, { description: 'quintiles among buyers, 1-5 (5 best); 0 for a customer who never bought' }),
  pAlive: Nullable(Type.Number({ description: 'BG/NBD probability the customer is still active' })),
  churnRisk: Nullable(Type.Number({ description: '1 - pAlive' })),
  expectedOrders: Nullable(Type.Number({ description: 'expected orders in the next 90 days' })),
  predictedValue: Nullable(MoneySchema),
  channel: Nullable(Type.String({ description: 'first-touch acquisition channel; direct when no share brought them' })),
  campaignId: Nullable(Type.String()),
  shares: Type.Integer(),
  shareSignups: Type.Integer({ description: 'new customers their shares brought' }),
  daysSinceActive: Type.Integer(),
  tags: Type.Array(Type.String()),
  ruleTags: Type.Array(Type.String()),
  computedAt: Type.String(),
});

const BgNbdSchema = Type.Object({ r: Type.Number(), alpha: Type.Number(), a: Type.Number(), b: Type.Number(), logLikelihood: Type.Number(), iterations: Type.Integer() });
const GammaGammaSchema = Type.Object({ p: Type.Number(), q: Type.Number(), gamma: Type.Number(), logLikelihood: Type.Number(), customers: Type.Integer(), unit: Type.String() });
const HoldoutSchema = Type.Object({
  weeks: Type.Integer(),
  customers: Type.Integer(),
  predicted: Type.Number(),
  actual: Type.Number(),
  meanAbsoluteError: Type.Number(),
  byRepeatPurchases: Type.Array(Type.Object({ x: Type.String(), customers: Type.Integer(), predicted: Type.Number(), actual: Type.Number() })),
});
const ModelReportSchema = Type.Object({
  fittedAt: Type.String(),
  customers: Type.Integer(),
  buyers: Type.Integer({ description: 'customers with a purchase: what the models are fitted on' }),
  repeaters: Type.Integer(),
  horizonDays: Type.Integer(),
  bgnbd: Nullable(BgNbdSchema),
  gammaGamma: Nullable(GammaGammaSchema),
  holdout: Nullable(HoldoutSchema),
  elapsedMs: Type.Integer(),
  reason: Type.Optional(Type.String()),
});

const SegmentSchema = Type.Object({ id: Type.String(), name: Type.String(), description: Type.String(), rule: SegmentRuleSchema, count: Type.Integer(), createdAt: Type.String(), updatedAt: Type.String() });
const Name = Type.String({ minLength: 1, maxLength: 60 });
const Description = Type.String({ maxLength: 500 });

const ReportSchema = Type.Object({ targeted: Type.Integer(), skippedNoConsent: Type.Integer(), delivered: Type.Integer(), failed: Type.Integer(), opened: Type.Integer(), redeemed: Type.Integer() });
const DispatchSchema = Type.Object({
  id: Type.String(),
  segmentId: Type.String(),
  kind: Lit(['coupon', 'message'] as const),
  couponTemplateId: Nullable(Type.String()),
  title: Type.String(),
  body: Type.String(),
  status: Lit(['queued', 'running', 'done', 'failed'] as const),
  createdAt: Type.String(),
  finishedAt: Nullable(Type.String()),
  /** The last attempt's error while retrying, or why it failed; null when it ran clean. */
  lastError: Nullable(Type.String()),
  report: ReportSchema,
});

const MessageSchema = Type.Object({ id: Type.String(), title: Type.String(), body: Type.String(), couponId: Nullable(Type.String()), couponName: Nullable(Type.String()), createdAt: Type.String(), readAt: Nullable(Type.String()) });

/** Operators' routes, mounted under /api/v1/admin. */
export function audienceAdminRoutes(audience: AudienceService) {
  return async (app: App) => {
    app.get('/audience/profiles', {
      schema: {
        tags,
        summary: 'Customer profiles: RFM, predicted value and churn risk, acquisition, share propensity, tags',
        querystring: Type.Object({ sort: Type.Optional(Lit(Object.keys(SORTS) as (keyof typeof SORTS)[])), cursor: Type.Optional(Type.String({ maxLength: 200 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) }),
        response: { 200: Type.Object({ items: Type.Array(ProfileSchema), nextCursor: Nullable(Type.String()) }) },
      },
    }, async (req) => audience.listProfiles({ sort: req.query.sort ?? 'predicted_value', cursor: req.query.cursor, limit: req.query.limit ?? 50 }));

    app.get('/audience/profiles/:userId', {
      schema: { tags, summary: 'One customer profile', params: Type.Object({ userId: Uuid }), response: { 200: ProfileSchema } },
    }, async (req) => audience.getProfile(req.params.userId));

    app.put('/audience/profiles/:userId/tags', {
      schema: {
        tags,
        summary: "Set the operator's tags on a customer (rule tags are recomputed; these are kept)",
        params: Type.Object({ userId: Uuid }),
        body: Body({ tags: Type.Array(Type.String({ pattern: TAG_PATTERN }), { maxItems: 20 }) }),
        response: { 200: ProfileSchema },
      },
    }, async (req) => audience.setTags(requireUser(req).id, req.params.userId, req.body.tags));

    app.post('/audience/profiles/recompute', {
      schema: { tags, summary: 'Recompute every profile and refit the BG/NBD and Gamma-Gamma models now (also runs nightly)', body: Type.Optional(Body({})), response: { 200: ModelReportSchema } },
    }, async (req) => audience.recomputeNow(requireUser(req).id));

    app.get('/audience/model', {
      schema: { tags, summary: 'The latest model fit: parameters, log-likelihood, customers, holdout calibration', response: { 200: Type.Object({ fit: Nullable(ModelReportSchema) }) } },
    }, async () => ({ fit: await audience.modelFit() }));

    app.post('/audience/segments/preview', {
      schema: {
        tags,
        summary: 'Live count and a sample of an unsaved segment rule',
        body: Body({ rule: SegmentRuleSchema, sampleSize: Type.Optional(Type.Integer({ minimum: 0, maximum: 50 })) }),
        response: { 200: Type.Object({ count: Type.Integer(), total: Type.Integer(), sample: Type.Array(ProfileSchema) }) },
      },
    }, async (req) => audience.preview(req.body.rule, req.body.sampleSize ?? 10));

    app.get('/audience/segments', {
      schema: { tags, summary: 'Saved segments with their current size', response: { 200: Type.Object({ items: Type.Array(SegmentSchema) }) } },
    }, async () => audience.listSegments());

    app.post('/audience/segments', {
      schema: { tags, summary: 'Save a segment', body: Body({ name: Name, description: Type.Optional(Description), rule: SegmentRuleSchema }), response: { 201: SegmentSchema } },
    }, async (req, reply) => reply.status(201).send(await audience.createSegment(requireUser(req).id, { name: req.body.name, description: req.body.description ?? '', rule: req.body.rule })));

    app.get('/audience/segments/:id', {
      schema: { tags, summary: 'One saved segment', params: Type.Object({ id: Type.String({ maxLength: 64 }) }), response: { 200: SegmentSchema } },
    }, async (req) => audience.getSegment(req.params.id));

    app.patch('/audience/segments/:id', {
      schema: {
        tags,
        summary: 'Change a saved segment',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        body: Body({ name: Type.Optional(Name), description: Type.Optional(Description), rule: Type.Optional(SegmentRuleSchema) }, { minProperties: 1 }),
        response: { 200: SegmentSchema },
      },
    }, async (req) => audience.updateSegment(req.params.id, req.body));

    app.delete('/audience/segments/:id', {
      schema: { tags, summary: 'Delete a saved segment (a campaign restricted to it is no longer restricted)', params: Type.Object({ id: Type.String({ maxLength: 64 }) }), response: { 204: Type.Null() } },
    }, async (req, reply) => {
      await audience.deleteSegment(req.params.id);
      return reply.status(204).send(null);
    });

    const CampaignSegment = Type.Object({ campaignId: Type.String(), segmentId: Nullable(Type.String()) });
    app.get('/audience/campaigns/:campaignId/segment', {
      schema: { tags, summary: "A campaign's audience segment (null: open to everyone)", params: Type.Object({ campaignId: Type.String({ maxLength: 64 }) }), response: { 200: CampaignSegment } },
    }, async (req) => audience.getCampaignSegment(req.params.campaignId));

    app.put('/audience/campaigns/:campaignId/segment', {
      schema: {
        tags,
        summary: 'Restrict a campaign to a segment (null lifts the restriction); checked by the campaign kernel whenever a shopper takes part',
        params: Type.Object({ campaignId: Uuid }),
        body: Body({ segmentId: Nullable(Uuid) }),
        response: { 200: CampaignSegment },
      },
    }, async (req) => audience.setCampaignSegment(requireUser(req).id, req.params.campaignId, req.body.segmentId));

    app.post('/audience/dispatches', {
      schema: {
        tags,
        summary: 'Send a coupon (with a message) or a message to a segment: only to members who allow marketing, at most once each',
        body: Body({
          segmentId: Uuid,
          kind: Lit(['coupon', 'message'] as const),
          couponTemplateId: Type.Optional(Uuid),
          title: Type.String({ minLength: 1, maxLength: 60 }),
          body: Type.String({ minLength: 1, maxLength: 1000 }),
        }),
        response: { 201: DispatchSchema },
      },
    }, async (req, reply) => {
      const row = await audience.createDispatchRequest(requireUser(req).id, req.body);
      return reply.status(201).send(await audience.getDispatch(row.id));
    });

    app.get('/audience/dispatches', {
      schema: { tags, summary: 'Dispatches with their reports, newest first', querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) }), response: { 200: Type.Object({ items: Type.Array(DispatchSchema) }) } },
    }, async (req) => audience.listDispatches(req.query.limit ?? 50));

    app.get('/audience/dispatches/:id', {
      schema: { tags, summary: 'One dispatch and its report: targeted, skipped for no consent, delivered, opened, redeemed', params: Type.Object({ id: Type.String({ maxLength: 64 }) }), response: { 200: DispatchSchema } },
    }, async (req) => audience.getDispatch(req.params.id));
  };
}

/** The shopper's message centre (站内信), under /api/v1. */
export function audienceRoutes(audience: AudienceService) {
  return async (app: App) => {
    app.get('/me/messages', {
      schema: {
        tags,
        summary: '站内信: my messages, newest first, and how many are unread',
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) }),
        response: { 200: Type.Object({ items: Type.Array(MessageSchema), unread: Type.Integer() }) },
      },
    }, async (req) => audience.myMessages(requireUser(req).id, req.query.limit ?? 50));

    app.post('/me/messages/:id/read', {
      schema: { tags, summary: 'Mark one of my messages read', params: Type.Object({ id: Type.String({ maxLength: 64 }) }), body: Type.Optional(Body({})), response: { 200: MessageSchema } },
    }, async (req) => audience.markMessageRead(requireUser(req).id, req.params.id));
  };
}
