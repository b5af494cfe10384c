import { requireUser } from '../../platform/auth.ts';
import type { App } from '../../platform/http.ts';
import { MAX_AMOUNT } from '../../platform/money.ts';
import { Body, IdParams, MoneySchema, Nullable, Page, PageQuery, Timestamp, Type, Uuid } from '../../platform/schema.ts';
import { COUPON_KINDS, COUPON_SCOPES, COUPON_STATUSES, LIMITS } from './coupons.rules.ts';
import type { CouponsService } from './coupons.service.ts';

// ---- schemas

const Lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Fen = (min: number) => Type.Integer({ minimum: min, maximum: MAX_AMOUNT, description: 'fen' });
const TemplateStatus = Lit(['draft', 'active', 'paused', 'ended'] as const);
const PackStatus = Lit(['draft', 'active', 'paused', 'ended'] as const);

const TemplateFields = {
  name: Type.String({ minLength: 1, maxLength: LIMITS.nameMax }),
  description: Type.Optional(Type.String({ maxLength: LIMITS.descriptionMax })),
  nameEn: Type.Optional(Nullable(Type.String({ maxLength: LIMITS.nameMax, description: 'English name; null or "" for none' }))),
  descriptionEn: Type.Optional(Nullable(Type.String({ maxLength: LIMITS.descriptionMax }))),
  kind: Lit(COUPON_KINDS),
  discountAmount: Type.Optional(Nullable(Fen(1))),
  percentBp: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 10_000, description: 'basis points off: 1500 = 15% off' }))),
  maxDiscountAmount: Type.Optional(Nullable(Fen(1))),
  minSpendAmount: Type.Optional(Fen(0)),
  scope: Lit(COUPON_SCOPES),
  scopeIds: Type.Optional(Type.Array(Uuid, { maxItems: LIMITS.scopeIdsMax, uniqueItems: true, description: 'category ids (with their subcategories) or product ids' })),
  validFrom: Type.Optional(Nullable(Timestamp)),
  validUntil: Type.Optional(Nullable(Timestamp)),
  validDaysAfterClaim: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: LIMITS.validDaysMax }))),
  perUserLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.perUserLimitMax })),
  totalQuota: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: LIMITS.totalQuotaMax }))),
  budgetAmount: Type.Optional(Nullable(Fen(1))),
  claimable: Type.Optional(Type.Boolean({ description: 'shown in the coupon centre; false: issue-only' })),
};
const TemplateBody = Body(TemplateFields);
const TemplatePatchBody = Body(
  Object.fromEntries(Object.entries(TemplateFields).map(([k, v]) => [k, k === 'name' || k === 'kind' || k === 'scope' ? Type.Optional(v) : v])) as typeof TemplateFields,
  { minProperties: 1 },
);

const MoneyOrNull = Nullable(MoneySchema);
const TemplateSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  description: Type.String(),
  descriptionEn: Nullable(Type.String()),
  kind: Type.String(),
  amount: MoneyOrNull,
  percentBp: Nullable(Type.Integer()),
  maxDiscount: MoneyOrNull,
  minSpend: MoneySchema,
  scope: Type.String(),
  scopeIds: Type.Array(Type.String()),
  validFrom: Nullable(Type.String()),
  validUntil: Nullable(Type.String()),
  validDaysAfterClaim: Nullable(Type.Integer()),
  perUserLimit: Type.Integer(),
  totalQuota: Nullable(Type.Integer()),
  claimedCount: Type.Integer(),
  remainingQuota: Nullable(Type.Integer()),
  budget: MoneyOrNull,
  budgetUsed: MoneySchema,
  status: Type.String(),
  claimable: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  stats: Type.Optional(
    Type.Object({ claimed: Type.Integer(), available: Type.Integer(), locked: Type.Integer(), used: Type.Integer(), expired: Type.Integer(), revoked: Type.Integer(), usedDiscount: MoneySchema }),
  ),
});
/** What shoppers see of a template: everything but the campaign's budget. */
const ShopperTemplateSchema = Type.Omit(TemplateSchema, ['budget', 'budgetUsed']);
const CentreItemSchema = Type.Intersect([ShopperTemplateSchema, Type.Object({ held: Type.Integer(), canClaim: Type.Boolean() })]);

const CouponSchema = Type.Object({
  id: Type.String(),
  templateId: Type.String(),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  description: Type.String(),
  descriptionEn: Nullable(Type.String()),
  kind: Type.String(),
  amount: MoneyOrNull,
  percentBp: Nullable(Type.Integer()),
  maxDiscount: MoneyOrNull,
  minSpend: MoneySchema,
  scope: Type.String(),
  scopeIds: Type.Array(Type.String()),
  status: Type.String(),
  validFrom: Type.String(),
  validUntil: Type.String(),
  orderId: Nullable(Type.String()),
  discount: MoneySchema,
  source: Type.String(),
  claimedAt: Type.String(),
});
const AdminCouponSchema = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  holder: Type.Object({ id: Type.String(), displayName: Type.String(), phone: Nullable(Type.String({ description: 'masked: 138****8000' })) }),
  status: Type.String(),
  validFrom: Type.String(),
  validUntil: Type.String(),
  orderId: Nullable(Type.String()),
  discountAmount: Type.Integer(),
  source: Type.String(),
  sourceRef: Nullable(Type.String()),
  createdAt: Type.String(),
  usedAt: Nullable(Type.String()),
});

const PackFields = {
  name: Type.String({ minLength: 1, maxLength: LIMITS.nameMax }),
  description: Type.Optional(Type.String({ maxLength: LIMITS.descriptionMax })),
  friendTemplateId: Uuid,
  sharerTemplateId: Uuid,
  friendsNeeded: Type.Integer({ minimum: 1, maximum: LIMITS.friendsNeededMax }),
  validFrom: Timestamp,
  validUntil: Timestamp,
  status: Type.Optional(PackStatus),
};
const PackBody = Body(PackFields);
const PackPatchBody = Body(
  {
    name: Type.Optional(PackFields.name),
    description: PackFields.description,
    friendTemplateId: Type.Optional(Uuid),
    sharerTemplateId: Type.Optional(Uuid),
    friendsNeeded: Type.Optional(PackFields.friendsNeeded),
    validFrom: Type.Optional(Timestamp),
    validUntil: Type.Optional(Timestamp),
    status: PackFields.status,
  },
  { minProperties: 1 },
);
const PackSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  friendTemplateId: Type.String(),
  sharerTemplateId: Type.String(),
  friendsNeeded: Type.Integer(),
  status: Type.String(),
  validFrom: Type.String(),
  validUntil: Type.String(),
  createdAt: Type.String(),
});
const PublicPackSchema = Type.Intersect([PackSchema, Type.Object({ open: Type.Boolean(), friendCoupon: ShopperTemplateSchema, sharerCoupon: ShopperTemplateSchema })]);
const PackClaimSchema = Type.Object({ coupon: CouponSchema, progress: Type.Object({ claimed: Type.Integer(), needed: Type.Integer(), unlocked: Type.Boolean() }) });
const MyPacksSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      shareId: Type.String(),
      packId: Type.String(),
      packName: Type.String(),
      claimed: Type.Integer(),
      needed: Type.Integer(),
      remaining: Type.Integer(),
      unlocked: Type.Boolean(),
      unlockedAt: Nullable(Type.String()),
      sharerCouponId: Nullable(Type.String()),
      friends: Type.Array(Type.Object({ displayName: Type.String(), claimedAt: Type.String() })),
    }),
  ),
});

const CouponStatusQuery = Type.Optional(Lit(COUPON_STATUSES));

// ---- shopper routes

export function couponsRoutes(coupons: CouponsService) {
  return async function (app: App) {
    app.get('/coupons/templates', {
      schema: { tags: ['coupons'], summary: 'The coupon centre: coupons open for claiming, with what is left and whether I can still claim', response: { 200: Type.Object({ items: Type.Array(CentreItemSchema) }) } },
    }, async (req) => coupons.couponCentre(req.user?.id ?? null));

    app.post('/coupons/templates/:id/claim', {
      schema: { tags: ['coupons'], summary: 'Claim a coupon from the coupon centre', params: IdParams, response: { 201: CouponSchema } },
    }, async (req, reply) => reply.status(201).send(await coupons.claim(requireUser(req).id, req.params.id)));

    app.get('/me/coupons', {
      schema: { tags: ['coupons'], summary: 'My coupons (expired ones show as expired by date)', querystring: Type.Object({ status: CouponStatusQuery, ...PageQuery }), response: { 200: Page(CouponSchema) } },
    }, async (req) => coupons.listMyCoupons(requireUser(req).id, { status: req.query.status, cursor: req.query.cursor, limit: req.query.limit ?? 20 }));

    app.get('/me/coupons/:id', { schema: { tags: ['coupons'], params: IdParams, response: { 200: CouponSchema } } }, async (req) => coupons.getOwnCoupon(requireUser(req).id, req.params.id));

    app.get('/coupon-packs/:id', { schema: { tags: ['coupons'], summary: 'A share coupon pack: what friends get and what the sharer unlocks', params: IdParams, response: { 200: PublicPackSchema } } }, async (req) =>
      coupons.getPublicPack(req.params.id),
    );

    app.post('/coupon-packs/:id/claim', {
      schema: {
        tags: ['coupons'],
        summary: 'A friend claims from a sharer\'s pack link; the N-th friend unlocks the sharer\'s coupon',
        params: IdParams,
        body: Body({ shareToken: Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9A-Za-z_-]+$' }) }),
        response: { 201: PackClaimSchema },
      },
    }, async (req, reply) => reply.status(201).send(await coupons.claimPack(requireUser(req).id, req.params.id, req.body.shareToken)));

    app.get('/me/coupon-packs', { schema: { tags: ['coupons'], summary: 'My shares of coupon packs and how far each got', response: { 200: MyPacksSchema } } }, async (req) =>
      coupons.myPackShares(requireUser(req).id),
    );
  };
}

// ---- operator routes (mounted under /admin, operator role checked there)

export function couponsAdminRoutes(coupons: CouponsService) {
  return async function (app: App) {
    app.post('/coupons/templates', { schema: { tags: ['admin'], summary: 'Create a coupon template (draft)', body: TemplateBody, response: { 201: TemplateSchema } } }, async (req, reply) =>
      reply.status(201).send(await coupons.createTemplate(requireUser(req).id, req.body)),
    );

    app.get('/coupons/templates', {
      schema: { tags: ['admin'], summary: 'Coupon templates with claimed, used and budget figures', querystring: Type.Object({ status: Type.Optional(TemplateStatus), ...PageQuery }), response: { 200: Page(TemplateSchema) } },
    }, async (req) => coupons.listTemplates({ status: req.query.status, cursor: req.query.cursor, limit: req.query.limit ?? 20 }));

    app.get('/coupons/templates/:id', { schema: { tags: ['admin'], params: IdParams, response: { 200: TemplateSchema } } }, async (req) => coupons.getTemplate(req.params.id));

    app.patch('/coupons/templates/:id', {
      schema: { tags: ['admin'], summary: 'Change a template; published terms are locked', params: IdParams, body: TemplatePatchBody, response: { 200: TemplateSchema } },
    }, async (req) => coupons.updateTemplate(requireUser(req).id, req.params.id, req.body));

    for (const action of ['activate', 'pause', 'end'] as const) {
      app.post(`/coupons/templates/:id/${action}`, { schema: { tags: ['admin'], params: IdParams, response: { 200: TemplateSchema } } }, async (req) =>
        coupons.setTemplateStatus(requireUser(req).id, req.params.id, action),
      );
    }

    app.post('/coupons/templates/:id/issue', {
      schema: {
        tags: ['admin'],
        summary: 'Issue a coupon to a list of customers, up to the remaining quota',
        params: IdParams,
        body: Body({ userIds: Type.Array(Uuid, { minItems: 1, maxItems: LIMITS.issueUsersMax }) }),
        response: { 200: Type.Object({ issued: Type.Integer(), skipped: Type.Integer(), unknownUsers: Type.Integer(), overLimit: Type.Integer(), overQuota: Type.Integer() }) },
      },
    }, async (req) => coupons.issue(requireUser(req).id, req.params.id, req.body.userIds));

    app.get('/coupons/templates/:id/coupons', {
      schema: { tags: ['admin'], summary: 'Coupons handed out from a template', params: IdParams, querystring: Type.Object({ status: CouponStatusQuery, ...PageQuery }), response: { 200: Page(AdminCouponSchema) } },
    }, async (req) => coupons.listTemplateCoupons(req.params.id, { status: req.query.status, cursor: req.query.cursor, limit: req.query.limit ?? 20 }));

    app.post('/coupons/packs', { schema: { tags: ['admin'], summary: 'Create a share coupon pack', body: PackBody, response: { 201: PackSchema } } }, async (req, reply) =>
      reply.status(201).send(await coupons.createPack(requireUser(req).id, req.body)),
    );
    app.get('/coupons/packs', { schema: { tags: ['admin'], response: { 200: Type.Object({ items: Type.Array(PackSchema) }) } } }, async () => coupons.listPacks());
    app.get('/coupons/packs/:id', { schema: { tags: ['admin'], params: IdParams, response: { 200: PackSchema } } }, async (req) => coupons.getPack(req.params.id));
    app.patch('/coupons/packs/:id', { schema: { tags: ['admin'], params: IdParams, body: PackPatchBody, response: { 200: PackSchema } } }, async (req) =>
      coupons.updatePack(requireUser(req).id, req.params.id, req.body),
    );
  };
}
