import { requireUser } from '../../platform/auth.ts';
import type { App } from '../../platform/http.ts';
import { Body, IdParams, Nullable, Type } from '../../platform/schema.ts';
import { presentCampaign, presentReward, type ReferralService } from './referral.service.ts';

const RewardSchema = Type.Union([
  Body({ kind: Type.Literal('points'), points: Type.Integer({ minimum: 1, maximum: 1_000_000 }) }),
  Body({ kind: Type.Literal('coupon'), templateId: Type.String({ format: 'uuid' }) }),
]);

const CampaignSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  status: Type.String(),
  qualifyOn: Type.String(),
  inviterReward: Type.Any(),
  inviteeReward: Type.Any(),
  milestones: Type.Array(Type.Object({ count: Type.Integer(), reward: Type.Any() })),
  holdHours: Type.Integer(),
  inviterDailyCap: Type.Integer(),
  countShareLinks: Type.Boolean({ description: "a new customer arriving through any of a shopper's share links counts as that shopper's invite" }),
  startsAt: Nullable(Type.String()),
  endsAt: Nullable(Type.String()),
  createdAt: Type.String(),
});

const MoneyOut = Type.Object({ amount: Type.Integer(), currency: Type.String() });
// Public: the running campaign's gift to a new customer, a coupon with its terms (never its budget).
const OfferSchema = Type.Object({
  campaignId: Type.String(),
  qualifyOn: Type.String(),
  countShareLinks: Type.Boolean(),
  reward: Nullable(
    Type.Object({
      kind: Type.Union([Type.Literal('points'), Type.Literal('coupon')]),
      points: Nullable(Type.Integer()),
      coupon: Nullable(
        Type.Object({
          name: Type.String(),
          nameEn: Nullable(Type.String()),
          kind: Type.String(),
          amount: Nullable(MoneyOut),
          percentBp: Nullable(Type.Integer()),
          maxDiscount: Nullable(MoneyOut),
          minSpend: MoneyOut,
          validDaysAfterClaim: Nullable(Type.Integer()),
          validUntil: Nullable(Type.String()),
        }),
      ),
    }),
  ),
});
const InviteLandingSchema = Type.Object({
  code: Type.String({ description: 'the invite code; an old link by account id answers with the code to move to' }),
  inviter: Type.Object({ name: Type.String({ description: 'masked display name (王**)' }), initial: Type.String() }),
  offer: Nullable(OfferSchema),
});

const RewardRowSchema = Type.Object({
  id: Type.String(),
  role: Type.String(),
  milestone: Nullable(Type.Integer()),
  reward: Type.Any(),
  status: Type.String(),
  releaseAt: Nullable(Type.String()),
  createdAt: Type.String(),
  grantedAt: Nullable(Type.String()),
  beneficiaryId: Type.String(),
  referralId: Nullable(Type.String()),
});

// Public: rank, masked name and count only; account ids stay in the console's copy.
const LeaderboardSchema = Type.Object({ items: Type.Array(Type.Object({ rank: Type.Integer(), name: Type.String(), invites: Type.Integer() })) });
const AdminLeaderboardRows = Type.Array(Type.Object({ rank: Type.Integer(), userId: Type.String(), name: Type.String(), invites: Type.Integer() }));

const CampaignBody = {
  name: Type.String({ minLength: 1, maxLength: 60 }),
  description: Type.Optional(Type.String({ maxLength: 500 })),
  qualifyOn: Type.Optional(Type.Union([Type.Literal('first_paid_order'), Type.Literal('signup')])),
  inviterReward: Nullable(RewardSchema),
  inviteeReward: Nullable(RewardSchema),
  milestones: Type.Optional(Type.Array(Body({ count: Type.Integer({ minimum: 1, maximum: 10_000 }), reward: RewardSchema }), { maxItems: 10 })),
  holdHours: Type.Optional(Type.Integer({ minimum: 0, maximum: 24 * 90 })),
  inviterDailyCap: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  countShareLinks: Type.Optional(Type.Boolean({ default: true, description: 'count a new customer from any of the shopper\'s share links as an invite (first touch); default true' })),
  startsAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
  endsAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
};

export function referralRoutes(referral: ReferralService) {
  return async function (app: App) {
    app.get('/me/invite', {
      schema: {
        tags: ['referral'],
        summary: 'My invite code and link, the running campaign, progress to milestones, my invitees and rewards',
        response: {
          200: Type.Object({
            code: Type.String(),
            inviteUrl: Type.String({ description: 'Same-site path /invite/{code}: the code alone identifies the inviter' }),
            campaign: Nullable(CampaignSchema),
            qualified: Type.Integer(),
            nextMilestone: Nullable(Type.Integer()),
            invitees: Type.Array(Type.Object({ name: Type.String(), status: Type.String(), invitedAt: Type.String(), qualifiedAt: Nullable(Type.String()) })),
            rewards: Type.Array(RewardRowSchema),
          }),
        },
      },
    }, async (req) => referral.myInvite(requireUser(req).id));

    app.get('/referral/offer', { schema: { tags: ['referral'], summary: "Public: the running invite campaign's gift to a new customer (null when none runs)", response: { 200: Type.Object({ offer: Nullable(OfferSchema) }) } } }, async () => ({
      offer: await referral.newCustomerOffer(),
    }));
    app.get('/referral/invites/:code', {
      schema: { tags: ['referral'], summary: 'Public: an invite landing by code (masked inviter, the gift); 404 REFERRAL_INVITE_NOT_FOUND', params: Type.Object({ code: Type.String({ minLength: 4, maxLength: 40, pattern: '^[A-Za-z0-9-]+$' }) }), response: { 200: InviteLandingSchema } },
    }, async (req) => referral.inviteLanding(req.params.code));

    app.get('/referral/campaigns/:id/leaderboard', { schema: { tags: ['referral'], summary: 'Top inviters of a campaign (names masked)', params: IdParams, querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })) }), response: { 200: LeaderboardSchema } } }, async (req) => ({
      items: (await referral.leaderboard(req.params.id, req.query.limit ?? 20)).map(({ rank, name, invites }) => ({ rank, name, invites })),
    }));
  };
}

export function referralAdminRoutes(referral: ReferralService) {
  return async function (app: App) {
    app.get('/referral/campaigns', { schema: { tags: ['admin'], response: { 200: Type.Object({ items: Type.Array(CampaignSchema) }) } } }, async () => ({ items: (await referral.listCampaigns()).map(presentCampaign) }));
    app.post('/referral/campaigns', { schema: { tags: ['admin'], summary: 'Create a referral campaign (draft)', body: Body(CampaignBody), response: { 201: CampaignSchema } } }, async (req, reply) =>
      reply.status(201).send(presentCampaign(await referral.createCampaign(requireUser(req).id, req.body))),
    );
    app.get('/referral/campaigns/:id', {
      schema: { tags: ['admin'], params: IdParams, response: { 200: Type.Object({ campaign: CampaignSchema, stats: Type.Any(), leaderboard: AdminLeaderboardRows }) } },
    }, async (req) => ({ campaign: presentCampaign(await referral.getCampaign(req.params.id)), stats: await referral.campaignStats(req.params.id), leaderboard: await referral.leaderboard(req.params.id, 10) }));
    app.put('/referral/campaigns/:id', { schema: { tags: ['admin'], summary: 'Replace a draft campaign\'s rules (409 CAMPAIGN_RULES_LOCKED once started)', params: IdParams, body: Body(CampaignBody), response: { 200: CampaignSchema } } }, async (req) =>
      presentCampaign(await referral.updateCampaign(requireUser(req).id, req.params.id, req.body)),
    );
    app.post('/referral/campaigns/:id/start', { schema: { tags: ['admin'], summary: 'Start (ends any other running referral campaign)', params: IdParams, response: { 200: CampaignSchema } } }, async (req) => presentCampaign(await referral.setStatus(requireUser(req).id, req.params.id, 'active')));
    app.post('/referral/campaigns/:id/stop', { schema: { tags: ['admin'], params: IdParams, response: { 200: CampaignSchema } } }, async (req) => presentCampaign(await referral.setStatus(requireUser(req).id, req.params.id, 'ended')));
    app.get('/referral/rewards', {
      schema: { tags: ['admin'], summary: 'Referral rewards; status=held is the review queue', querystring: Type.Object({ status: Type.Optional(Type.Union(['held', 'granted', 'reversed', 'capped'].map((s) => Type.Literal(s)))), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) }), response: { 200: Type.Object({ items: Type.Array(RewardRowSchema) }) } },
    }, async (req) => ({ items: (await referral.listRewards({ status: req.query.status as any, limit: req.query.limit ?? 50 })).map(presentReward) }));
    app.post('/referral/rewards/:id/release', { schema: { tags: ['admin'], summary: 'Release a held reward now', params: IdParams, response: { 200: RewardRowSchema } } }, async (req) => presentReward(await referral.releaseNow(requireUser(req).id, req.params.id)));
    app.post('/referral/rewards/:id/cancel', { schema: { tags: ['admin'], summary: 'Cancel a held reward (fraud)', params: IdParams, body: Body({ note: Type.String({ minLength: 1, maxLength: 500 }) }), response: { 200: RewardRowSchema } } }, async (req) =>
      presentReward(await referral.cancelHeld(requireUser(req).id, req.params.id, req.body.note)),
    );
  };
}
