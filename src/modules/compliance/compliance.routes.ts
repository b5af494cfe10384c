// Operators' compliance routes under /api/v1/admin: a campaign's declaration and check, channel
// policies, the lawful reference prices and the charged-price history, and the audit-log viewer.
import { requireRole, requireUser } from '../../platform/auth.ts';
import { invalid } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { Body, decodeCursor, encodeCursor, IdParams, Nullable, PageQuery, Timestamp, Type, Uuid } from '../../platform/schema.ts';
import { POLICY_CODES, SHARING_CHANNELS } from './compliance.channels.ts';
import { MAX_REFERENCE_SKUS, type ComplianceService } from './compliance.service.ts';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Fen = Type.Integer({ minimum: 0, maximum: 100_000_000_00 });
const SourceSchema = Type.Object({ law: Type.String(), article: Type.String() });

const ProfileFields = {
  channels: Type.Array(literals(SHARING_CHANNELS), { maxItems: SHARING_CHANNELS.length, description: 'the channels the campaign will be shared to' }),
  rewardsSharing: Type.Boolean({ description: 'a coupon, points or cash for the act of sharing' }),
  shareForChances: Type.Boolean({ description: 'extra chances or tries for sharing' }),
  helpPrompts: Type.Boolean({ description: '"help me cut the price" prompts to friends (always true for price-cut campaigns)' }),
  lottery: Type.Boolean({ description: 'a prize draw run by the store (always true for lucky draws)' }),
  rewardsFollowing: Type.Boolean({ description: 'a reward for following, liking or commenting' }),
  rulesText: Type.String({ maxLength: 20_000 }),
  rulesPublished: Type.Boolean({ description: 'publish the rules now (stamped once; changing the text publishes again)' }),
  virtualMembers: Type.Integer({ minimum: 0, maximum: 100 }),
  virtualMembersDisclosed: Type.Boolean(),
  maxPrizeAmount: Nullable(Fen),
  commissionDepth: Type.Integer({ minimum: 0, maximum: 10 }),
  promoterEntryFeeAmount: Fen,
  referencePrices: Type.Array(Body({ skuId: Uuid, amount: Type.Integer({ minimum: 1, maximum: 100_000_000_00 }) }), { maxItems: MAX_REFERENCE_SKUS }),
};
const ProfileBody = Body(ProfileFields);
const { rulesPublished: _published, ...ProfileOut } = ProfileFields;
const ProfileSchema = Type.Object({ ...ProfileOut, channels: Type.Array(Type.String()), referencePrices: Type.Array(Type.Object({ skuId: Type.String(), amount: Type.Integer() })), campaignId: Type.String(), declared: Type.Boolean(), rulesPublishedAt: Nullable(Type.String()) });

const FindingSchema = Type.Object({
  check: Type.String(),
  severity: Type.Union([Type.Literal('block'), Type.Literal('warn'), Type.Literal('info')]),
  message: Type.String(),
  details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});

const PolicyRuleSchema = Body({ code: literals(POLICY_CODES), severity: Type.Union([Type.Literal('fail'), Type.Literal('warn')]), source: Body({ law: Type.String({ minLength: 1, maxLength: 200 }), article: Type.String({ minLength: 1, maxLength: 300 }) }) });
const PolicySchema = Type.Object({ channel: Type.String(), name: Type.String(), rules: Type.Array(Type.Object({ code: Type.String(), severity: Type.String(), source: SourceSchema })) });

const AuditEntrySchema = Type.Object({ id: Type.Integer(), actorId: Nullable(Type.String()), action: Type.String(), subjectType: Type.String(), subjectId: Type.String(), details: Type.Record(Type.String(), Type.Unknown()), at: Type.String() });

export function complianceAdminRoutes(compliance: ComplianceService) {
  return async (app: App) => {
    const read = { scope: 'campaigns:read' as const };
    app.get('/compliance/campaigns/:id/profile', {
      config: read,
      schema: { tags: ['admin'], summary: 'The campaign’s compliance declaration (defaults when none was saved)', params: IdParams, response: { 200: ProfileSchema } },
    }, async (req) => compliance.getProfile(req.params.id));

    app.put('/compliance/campaigns/:id/profile', {
      config: { scope: 'campaigns:write' },
      schema: { tags: ['admin'], summary: 'Save the declaration while the campaign is a draft (409 CAMPAIGN_RULES_LOCKED after)', params: IdParams, body: ProfileBody, response: { 200: ProfileSchema } },
    }, async (req) => compliance.saveProfile(requireUser(req).id, req.params.id, req.body));

    app.get('/compliance/campaigns/:id/check', {
      config: read,
      schema: { tags: ['admin'], summary: 'Every compliance rule for the campaign: pass / warn / fail with its source (law or policy and article)', params: IdParams, response: { 200: Type.Object({ findings: Type.Array(FindingSchema) }) } },
    }, async (req) => ({ findings: await compliance.check(req.params.id) }));

    app.get('/compliance/channel-policies', {
      schema: { tags: ['admin'], summary: 'Each sharing channel’s policy as data', response: { 200: Type.Object({ items: Type.Array(PolicySchema) }) } },
    }, async () => ({ items: await compliance.policies() }));

    app.put('/compliance/channel-policies/:channel', {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['admin'],
        summary: 'Replace a channel’s rules (admins; audited)',
        params: Type.Object({ channel: Type.String({ maxLength: 32 }) }),
        body: Body({ rules: Type.Array(PolicyRuleSchema, { maxItems: POLICY_CODES.length }) }),
        response: { 200: PolicySchema },
      },
    }, async (req) => compliance.updatePolicy(requireUser(req).id, req.params.channel, req.body.rules));

    app.get('/compliance/reference-prices', {
      config: { scope: 'catalog:read' },
      schema: {
        tags: ['admin'],
        summary: 'The lawful reference price per SKU: the lowest unit price charged in the market’s window (CN 7 days, EU 30), else the last one; null if never sold',
        querystring: Type.Object({ skuIds: Type.String({ minLength: 1, maxLength: 37 * MAX_REFERENCE_SKUS }) }),
        response: { 200: Type.Object({ market: Type.String(), days: Type.Integer(), items: Type.Array(Type.Object({ skuId: Type.String(), lawfulAmount: Nullable(Type.Integer()) })) }) },
      },
    }, async (req) => {
      const ids = req.query.skuIds.split(',').map((s) => s.trim()).filter(Boolean);
      if (!ids.length || ids.length > MAX_REFERENCE_SKUS) throw invalid('COMPLIANCE_SKUS_INVALID', `Give between 1 and ${MAX_REFERENCE_SKUS} SKU ids`, { field: 'skuIds' });
      const window = await compliance.referenceWindow();
      const refs = await compliance.lawfulReference(ids);
      if (refs.size !== new Set(ids).size) throw invalid('COMPLIANCE_SKUS_INVALID', 'Each SKU id must be a UUID', { field: 'skuIds' });
      return { ...window, items: [...refs].map(([skuId, lawfulAmount]) => ({ skuId, lawfulAmount })) };
    });

    app.get('/compliance/skus/:id/charged-prices', {
      config: { scope: 'catalog:read' },
      schema: {
        tags: ['admin'],
        summary: 'The prices actually charged for a SKU, newest first',
        params: IdParams,
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) }),
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ orderId: Type.String(), unitAmount: Type.Integer(), currency: Type.String(), chargedAt: Type.String() })) }) },
      },
    }, async (req) => ({
      items: (await compliance.priceHistory(req.params.id, req.query.limit ?? 50)).map((r) => ({ orderId: r.order_id, unitAmount: Number(r.unit_amount), currency: r.currency, chargedAt: r.charged_at.toISOString() })),
    }));

    app.get('/audit-log', {
      schema: {
        tags: ['admin'],
        summary: 'The operator audit trail, newest first, with filters (action ending in "." matches a prefix)',
        querystring: Type.Object({
          actorId: Type.Optional(Uuid),
          action: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          subjectType: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          subjectId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          from: Type.Optional(Timestamp),
          to: Type.Optional(Timestamp),
          ...PageQuery,
        }),
        response: { 200: Type.Object({ items: Type.Array(AuditEntrySchema), nextCursor: Nullable(Type.String()) }) },
      },
    }, async (req) => {
      const q = req.query;
      const limit = q.limit ?? 20;
      const cursor = decodeCursor<{ id: number }>(q.cursor);
      if (q.cursor && !Number.isSafeInteger(cursor?.id)) throw invalid('VALIDATION_FAILED', 'That cursor does not belong to this list', { field: 'cursor' });
      const rows = await compliance.auditLog({ actorId: q.actorId, action: q.action, subjectType: q.subjectType, subjectId: q.subjectId, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined, beforeId: cursor?.id, limit: limit + 1 });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map((r) => ({ id: Number(r.id), actorId: r.actor_id, action: r.action, subjectType: r.subject_type, subjectId: r.subject_id, details: r.details, at: new Date(r.at).toISOString() })),
        nextCursor: rows.length > limit && last ? encodeCursor({ id: Number(last.id) }) : null,
      };
    });
  };
}
