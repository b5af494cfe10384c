import { requireUser } from '../../platform/auth.ts';
import type { App } from '../../platform/http.ts';
import { Body, IdParams, MoneySchema, Nullable, Type, Uuid } from '../../platform/schema.ts';
import type { DecisionRow } from './risk.repo.ts';
import { ACTION_KINDS, ALERT_RULE, BLACKLIST_KINDS, LEVELS, TUNING_BOUNDS } from './risk.rules.ts';
import type { RiskService } from './risk.service.ts';

const Lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Status = Lit(['allowed', 'pending', 'held', 'released', 'cancelled', 'blocked'] as const);
const ReasonSchema = Type.Object({ code: Type.String(), weight: Type.Integer(), detail: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])) });

const CaseSchema = Type.Object({
  id: Type.String(),
  actionKind: Type.String(),
  subjectRef: Nullable(Type.String()),
  userId: Type.String(),
  campaignId: Nullable(Type.String()),
  counterpartId: Nullable(Type.String()),
  verdict: Type.String(),
  level: Type.String(),
  score: Type.Integer(),
  reasons: Type.Array(ReasonSchema),
  explanation: Type.Object({ en: Type.String(), zh: Type.String() }),
  signals: Type.Record(Type.String(), Type.Unknown()),
  status: Type.String(),
  atStake: MoneySchema,
  reviewerId: Nullable(Type.String()),
  reviewReason: Nullable(Type.String()),
  reviewedAt: Nullable(Type.String()),
  createdAt: Type.String(),
});

const ClusterSchema = Type.Object({
  clusterId: Nullable(Type.String()),
  why: Nullable(Type.String()),
  nodes: Type.Array(Type.Object({ id: Type.String(), role: Type.String() })),
  edges: Type.Array(Type.Object({ source: Type.String(), target: Type.String(), kinds: Type.Array(Type.String()), weight: Type.Number() })),
});

const BlacklistSchema = Type.Object({ id: Type.String(), kind: Type.String(), value: Type.String(), note: Type.String(), createdBy: Nullable(Type.String()), createdAt: Type.String() });
const LevelSchema = Type.Object({ scope: Type.String(), key: Type.String(), level: Type.String(), updatedAt: Type.String() });
const ReviewResult = Type.Object({ done: Type.Array(Type.String()), skipped: Type.Array(Type.Object({ id: Type.String(), status: Type.String() })) });
const Reason = Type.String({ minLength: 1, maxLength: 500 });

export function presentCase(d: DecisionRow) {
  return {
    id: d.id,
    actionKind: d.action_kind,
    subjectRef: d.subject_ref,
    userId: d.user_id,
    campaignId: d.campaign_id,
    counterpartId: d.counterpart_id,
    verdict: d.verdict,
    level: d.level,
    score: d.score,
    reasons: d.reasons,
    explanation: { en: d.explanation_en, zh: d.explanation_zh },
    signals: d.signals as unknown as Record<string, unknown>,
    status: d.status,
    atStake: { amount: d.money_amount, currency: d.currency },
    reviewerId: d.reviewer_id,
    reviewReason: d.review_reason,
    reviewedAt: d.reviewed_at?.toISOString() ?? null,
    createdAt: d.created_at.toISOString(),
  };
}

export function riskAdminRoutes(risk: RiskService) {
  return async function (app: App) {
    app.get('/risk/cases', {
      schema: {
        tags: ['admin'],
        summary: 'Risk cases, newest first; status=held is the review queue',
        querystring: Type.Object({ status: Type.Optional(Status), campaignId: Type.Optional(Uuid), kind: Type.Optional(Lit(ACTION_KINDS)), before: Type.Optional(Type.String({ format: 'date-time' })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) }),
        response: { 200: Type.Object({ items: Type.Array(CaseSchema) }) },
      },
    }, async (req) => ({ items: (await risk.listCases({ status: req.query.status, campaignId: req.query.campaignId, kind: req.query.kind, before: req.query.before ? new Date(req.query.before) : undefined, limit: req.query.limit ?? 50 })).map(presentCase) }));

    app.get('/risk/cases/:id', {
      schema: { tags: ['admin'], summary: 'One case with its cluster (accounts as nodes, shared identifiers as edges)', params: IdParams, response: { 200: Type.Object({ case: CaseSchema, cluster: ClusterSchema }) } },
    }, async (req) => {
      const c = await risk.getCase(req.params.id);
      return { case: presentCase(c.decision), cluster: c.cluster };
    });

    app.post('/risk/cases/review', {
      schema: { tags: ['admin'], summary: 'Release (pay) or cancel held cases in bulk, with a reason (audited); cases not held are skipped', body: Body({ ids: Type.Array(Uuid, { minItems: 1, maxItems: 200, uniqueItems: true }), action: Lit(['release', 'cancel'] as const), reason: Reason }), response: { 200: ReviewResult } },
    }, async (req) => risk.review(requireUser(req).id, req.body.ids, req.body.action === 'release' ? 'released' : 'cancelled', req.body.reason.trim()));

    app.post('/risk/cases/:id/release', { schema: { tags: ['admin'], summary: 'Release (pay) one held case', params: IdParams, body: Body({ reason: Reason }), response: { 200: CaseSchema } } }, async (req) =>
      presentCase(await risk.reviewOne(requireUser(req).id, req.params.id, 'released', req.body.reason.trim())));
    app.post('/risk/cases/:id/cancel', { schema: { tags: ['admin'], summary: 'Cancel one held case (the reward is never paid)', params: IdParams, body: Body({ reason: Reason }), response: { 200: CaseSchema } } }, async (req) =>
      presentCase(await risk.reviewOne(requireUser(req).id, req.params.id, 'cancelled', req.body.reason.trim())));

    app.get('/risk/blacklist', { schema: { tags: ['admin'], querystring: Type.Object({ kind: Type.Optional(Lit(BLACKLIST_KINDS)) }), response: { 200: Type.Object({ items: Type.Array(BlacklistSchema) }) } } }, async (req) => ({
      items: (await risk.listBlacklist(req.query.kind)).map((b) => ({ id: b.id, kind: b.kind, value: b.value, note: b.note, createdBy: b.created_by, createdAt: b.created_at.toISOString() })),
    }));
    app.post('/risk/blacklist', {
      schema: { tags: ['admin'], summary: 'Blacklist a device id, an IP or CIDR range, a phone, a card fingerprint or an address (stored hashed)', body: Body({ kind: Lit(BLACKLIST_KINDS), value: Type.String({ minLength: 1, maxLength: 300 }), note: Type.String({ minLength: 1, maxLength: 300 }) }), response: { 201: BlacklistSchema } },
    }, async (req, reply) => {
      const b = await risk.addToBlacklist(requireUser(req).id, req.body);
      return reply.status(201).send({ id: b.id, kind: b.kind, value: b.value, note: b.note, createdBy: b.created_by, createdAt: b.created_at.toISOString() });
    });
    app.delete('/risk/blacklist/:id', { schema: { tags: ['admin'], params: IdParams, response: { 204: Type.Null() } } }, async (req, reply) => {
      await risk.removeFromBlacklist(requireUser(req).id, req.params.id);
      return reply.status(204).send(null);
    });

    app.get('/risk/levels', { schema: { tags: ['admin'], summary: 'Levels set per mechanic and per campaign (unset: moderate)', response: { 200: Type.Object({ items: Type.Array(LevelSchema) }) } } }, async () => ({
      items: (await risk.listLevels()).map((l) => ({ scope: l.scope, key: l.key, level: l.level, updatedAt: l.updated_at.toISOString() })),
    }));
    app.put('/risk/levels', {
      schema: { tags: ['admin'], summary: 'Set (or clear, with null) the level of a mechanic or a campaign', body: Body({ scope: Lit(['mechanic', 'campaign'] as const), key: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z]+$|^[0-9a-f-]{36}$' }), level: Nullable(Lit(LEVELS)) }), response: { 200: Type.Object({ items: Type.Array(LevelSchema) }) } },
    }, async (req) => ({
      items: (await risk.setLevel(requireUser(req).id, req.body.scope, req.body.key, req.body.level)).map((l) => ({ scope: l.scope, key: l.key, level: l.level, updatedAt: l.updated_at.toISOString() })),
    }));

    const TuningSchema = Type.Object({ deviceFarmAccounts: Type.Integer(), networkBurstAccounts: Type.Integer(), newAccountSeconds: Type.Integer() });
    const bounded = (k: keyof typeof TUNING_BOUNDS) => Type.Optional(Type.Integer({ minimum: TUNING_BOUNDS[k].min, maximum: TUNING_BOUNDS[k].max }));
    app.get('/risk/tuning', { schema: { tags: ['admin'], summary: 'The thresholds the rules count against (accounts per device for a farm, per network for a burst, age of a new account)', response: { 200: TuningSchema } } }, async () => risk.getTuning());
    app.put('/risk/tuning', {
      schema: { tags: ['admin'], summary: 'Set some thresholds (audited)', body: Body({ deviceFarmAccounts: bounded('deviceFarmAccounts'), networkBurstAccounts: bounded('networkBurstAccounts'), newAccountSeconds: bounded('newAccountSeconds') }, { minProperties: 1 }), response: { 200: TuningSchema } },
    }, async (req) => risk.setTuning(requireUser(req).id, req.body));

    app.get('/risk/summary', {
      schema: {
        tags: ['admin'],
        summary: 'Per campaign and mechanic: held value, blocked attempts, released and cancelled',
        querystring: Type.Object({ days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, default: 30 })) }),
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ campaignId: Nullable(Type.String()), actionKind: Type.String(), held: Type.Integer(), heldAmount: Type.Integer(), blocked: Type.Integer(), blockedAmount: Type.Integer(), released: Type.Integer(), cancelled: Type.Integer(), cancelledAmount: Type.Integer(), allowed: Type.Integer() })) }) },
      },
    }, async (req) => ({ items: await risk.summary(req.query.days ?? 30) }));

    app.get('/risk/alerts', {
      schema: {
        tags: ['admin'],
        summary: `Bursts: ${ALERT_RULE.min}+ holds or blocks on one campaign or from one network (/24, /64) within ${ALERT_RULE.windowMs / 60_000} minutes, over the last hours`,
        querystring: Type.Object({ hours: Type.Optional(Type.Integer({ minimum: 1, maximum: 720, default: 24 })) }),
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ scope: Type.Union([Type.Literal('campaign'), Type.Literal('network')]), key: Type.String(), count: Type.Integer(), atStake: MoneySchema, kinds: Type.Array(Type.String()), from: Type.String(), to: Type.String() })) }) },
      },
    }, async (req) => ({
      items: (await risk.alerts(req.query.hours ?? 24)).map((a) => ({ scope: a.scope, key: a.key, count: a.count, atStake: { amount: a.money, currency: 'CNY' }, kinds: a.kinds, from: a.from.toISOString(), to: a.to.toISOString() })),
    }));

    app.post('/risk/graph/recompute', {
      schema: { tags: ['admin'], summary: 'Rebuild the identity graph now (it also runs a minute after new signals)', response: { 200: Type.Object({ accounts: Type.Integer(), links: Type.Integer(), flaggedAccounts: Type.Integer(), clusters: Type.Integer() }) } },
    }, async () => risk.recomputeGraph());
  };
}
