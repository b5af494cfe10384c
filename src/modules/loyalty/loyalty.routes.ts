import { requireUser } from '../../platform/auth.ts';
import type { App } from '../../platform/http.ts';
import { Body, Nullable, Page, PageQuery, Type, Uuid } from '../../platform/schema.ts';
import { MAX_POINTS_DELTA, type LoyaltyService } from './loyalty.service.ts';

const TierSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  minGrowth: Type.Integer(),
  discountBp: Type.Integer({ description: 'what a member pays, in basis points of the goods: 9900 is 1% off (99折), 10000 no discount' }),
  freeShipping: Type.Boolean(),
  sort: Type.Integer(),
});

const EntrySchema = Type.Object({
  id: Type.String(),
  delta: Type.Integer(),
  growthDelta: Type.Integer(),
  reason: Type.String(),
  ref: Type.String(),
  note: Nullable(Type.String()),
  shortfall: Type.Integer({ description: 'points a reversal could not reclaim because they were already spent' }),
  balanceAfter: Type.Integer(),
  createdAt: Type.String(),
  expiresAt: Nullable(Type.String()),
});

const AccountSchema = Type.Object({
  userId: Type.String(),
  balance: Type.Integer(),
  growthValue: Type.Integer(),
  tier: Nullable(TierSchema),
  nextTier: Nullable(Type.Object({ ...TierSchema.properties, growthNeeded: Type.Integer() })),
  expiring: Nullable(Type.Object({ points: Type.Integer(), at: Type.String() }, { description: 'the soonest points to expire and when' })),
  checkinStreak: Type.Integer(),
  lastCheckinDate: Nullable(Type.String()),
});

const PointsSchema = Type.Object({ ...AccountSchema.properties, ledger: Page(EntrySchema) });

const CheckinResultSchema = Type.Object({ date: Type.String(), streak: Type.Integer(), points: Type.Integer(), bonusPoints: Type.Integer(), balance: Type.Integer() });
const CheckinsSchema = Type.Object({
  today: Type.String({ description: 'China-time calendar day' }),
  streak: Type.Integer(),
  checkedInToday: Type.Boolean(),
  month: Type.String(),
  days: Type.Array(Type.String(), { description: 'days of this month with a check-in (YYYY-MM-DD)' }),
  pointsPerCheckin: Type.Integer(),
  bonusEvery: Type.Integer(),
  bonusPoints: Type.Integer(),
  nextBonusIn: Type.Integer({ description: 'check-ins until the next streak bonus' }),
});

const TierBody = Body({
  name: Type.String({ minLength: 1, maxLength: 20 }),
  nameEn: Type.String({ minLength: 1, maxLength: 40 }),
  minGrowth: Type.Integer({ minimum: 0, maximum: 1_000_000_000 }),
  discountBp: Type.Integer({ minimum: 5000, maximum: 10_000, description: '10000 = no discount; 9900 = 1% off' }),
  freeShipping: Type.Boolean(),
  sort: Type.Integer({ minimum: 0, maximum: 1000 }),
});
const TierParams = Type.Object({ code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,31}$' }) });
const UserParams = Type.Object({ userId: Uuid });

export function loyaltyRoutes(loyalty: LoyaltyService) {
  return async function (app: App) {
    app.get('/me/points', {
      schema: { tags: ['loyalty'], summary: 'My points: balance, what expires soonest, growth and tier, and the ledger', querystring: Type.Object(PageQuery), response: { 200: PointsSchema } },
    }, async (req) => loyalty.getPoints(requireUser(req).id, { cursor: req.query.cursor, limit: req.query.limit ?? 20 }));

    app.post('/me/checkins', {
      schema: { tags: ['loyalty'], summary: 'Check in for today (once per China-time day)', response: { 201: CheckinResultSchema } },
    }, async (req, reply) => reply.status(201).send(await loyalty.checkIn(requireUser(req).id)));

    app.get('/me/checkins', {
      schema: { tags: ['loyalty'], summary: 'My check-in streak and this month\'s check-ins', response: { 200: CheckinsSchema } },
    }, async (req) => loyalty.getCheckins(requireUser(req).id));

    app.get('/loyalty/tiers', {
      schema: { tags: ['loyalty'], summary: 'Membership tiers and their benefits', security: [], response: { 200: Type.Array(TierSchema) } },
    }, async () => loyalty.listTiers());
  };
}

export function loyaltyAdminRoutes(loyalty: LoyaltyService) {
  return async function (app: App) {
    app.get('/loyalty/tiers', { schema: { tags: ['admin', 'loyalty'], response: { 200: Type.Array(TierSchema) } } }, async () => loyalty.listTiers());

    app.put('/loyalty/tiers/:code', {
      schema: { tags: ['admin', 'loyalty'], summary: 'Create or replace a tier (members are re-tiered at once)', params: TierParams, body: TierBody, response: { 200: TierSchema } },
    }, async (req) => loyalty.putTier(requireUser(req).id, req.params.code, req.body));

    app.get('/loyalty/accounts/:userId', {
      schema: { tags: ['admin', 'loyalty'], params: UserParams, querystring: Type.Object(PageQuery), response: { 200: PointsSchema } },
    }, async (req) => loyalty.getAdminAccount(req.params.userId, { cursor: req.query.cursor, limit: req.query.limit ?? 20 }));

    app.post('/loyalty/accounts/:userId/adjustments', {
      schema: {
        tags: ['admin', 'loyalty'],
        summary: 'Add or remove points by hand (audited)',
        params: UserParams,
        body: Body({
          delta: Type.Integer({ minimum: -MAX_POINTS_DELTA, maximum: MAX_POINTS_DELTA, not: { const: 0 }, description: 'points to add (positive) or remove (negative)' }),
          reason: Type.String({ minLength: 1, maxLength: 200 }),
        }),
        response: { 201: AccountSchema },
      },
    }, async (req, reply) => reply.status(201).send(await loyalty.adjustPoints(requireUser(req).id, req.params.userId, req.body)));
  };
}
