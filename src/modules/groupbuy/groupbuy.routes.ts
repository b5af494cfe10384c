import { requireUser } from '../../platform/auth.ts';
import type { App } from '../../platform/http.ts';
import { money, type Money } from '../../platform/money.ts';
import { Body, IdempotencyHeaders, IdParams, MoneySchema, Nullable, Type } from '../../platform/schema.ts';
import { OrderSchema } from '../orders/index.ts';
import { DeliveredProps, type DeliveredPrices } from '../campaigns/index.ts';
import { presentCampaign } from './groupbuy.present.ts';
import type { GroupbuyService } from './groupbuy.service.ts';

const CampaignSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  description: Nullable(Type.String()),
  skuId: Type.String(),
  productId: Type.String(),
  groupPrice: MoneySchema,
  leaderDiscount: MoneySchema,
  leaderPrice: MoneySchema,
  teamSize: Type.Integer(),
  expiryHours: Type.Integer(),
  perUserLimit: Type.Integer(),
  newCustomersOnly: Type.Boolean(),
  stock: Type.Integer(),
  stockLeft: Type.Integer(),
  seatTimeoutMinutes: Type.Integer(),
  autoFill: Type.Object({ enabled: Type.Boolean(), minRealMembers: Type.Integer() }),
  status: Type.String(),
  startsAt: Nullable(Type.String()),
  endsAt: Nullable(Type.String()),
  createdAt: Type.String(),
});

const StatsSchema = Type.Object({
  teams: Type.Object({ forming: Type.Integer(), open: Type.Integer(), completed: Type.Integer(), failed: Type.Integer(), cancelled: Type.Integer() }),
  members: Type.Integer(),
  virtualMembers: Type.Integer(),
  refundedMembers: Type.Integer(),
  gmv: MoneySchema,
});

const ShopperCampaignProps = {
  id: Type.String(),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  description: Nullable(Type.String()),
  productId: Type.String(),
  skuId: Type.String(),
  title: Type.String(),
  titleEn: Nullable(Type.String({ description: "the product's English title, else null" })),
  skuLabel: Type.String(),
  skuLabelEn: Nullable(Type.String()),
  image: Nullable(Type.String()),
  listPrice: Nullable(MoneySchema),
  groupPrice: MoneySchema,
  leaderPrice: MoneySchema,
  teamSize: Type.Integer(),
  expiryHours: Type.Integer(),
  perUserLimit: Type.Integer(),
  newCustomersOnly: Type.Boolean(),
  soldOut: Type.Boolean(),
  startsAt: Nullable(Type.String()),
  endsAt: Nullable(Type.String()),
  ...DeliveredProps,
  openTeamCount: Type.Integer({ description: 'teams with a free seat before their deadline' }),
  joinedCount: Type.Integer({ description: 'N 人在拼: paid real members of open teams' }),
  soldCount: Type.Integer({ description: '已拼 X 件: units bought in completed teams (virtual seats excluded)' }),
  leaderShipping: MoneySchema,
  leaderDeliveredPrice: Type.Intersect([MoneySchema], { description: "到手价 of the leader's seat: leaderPrice plus shipping" }),
};
const ShopperCampaignSchema = Type.Object(ShopperCampaignProps);
const OpenTeamSchema = Type.Object({
  id: Type.String(),
  leaderName: Type.String({ description: "the leader's display name masked (张*), never the full name" }),
  leaderInitial: Type.String(),
  size: Type.Integer(),
  seatsLeft: Type.Integer(),
  expiresAt: Type.String(),
  url: Type.String(),
});
const OpenTeamsQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: 10 })) }, { additionalProperties: false });
const ShopperCampaignDetailSchema = Type.Object({
  ...ShopperCampaignProps,
  live: Type.Boolean(),
  openTeams: Type.Array(OpenTeamSchema),
});

const TeamSchema = Type.Object({
  id: Type.String(),
  campaignId: Type.String(),
  status: Type.String(),
  product: Type.Object({ productId: Type.String(), skuId: Type.String(), title: Type.String(), titleEn: Nullable(Type.String()), skuLabel: Type.String(), skuLabelEn: Nullable(Type.String()), image: Nullable(Type.String()), listPrice: Nullable(MoneySchema) }),
  groupPrice: MoneySchema,
  size: Type.Integer(),
  seatsLeft: Type.Integer(),
  paidMembers: Type.Integer(),
  expiresAt: Nullable(Type.String()),
  expired: Type.Boolean(),
  members: Type.Array(Type.Object({ role: Type.String(), name: Type.String(), initial: Type.String(), paid: Type.Boolean(), virtual: Type.Boolean(), you: Type.Boolean(), joinedAt: Type.String() })),
  virtualMembers: Type.Integer({ description: 'virtual (simulated) members, always disclosed' }),
  notice: Nullable(Type.String()),
  shareUrl: Type.String(),
  isLeader: Type.Boolean(),
  myOrderId: Nullable(Type.String({ description: "the viewer's own order in this team, else null" })),
});
/** The team page: the team, and the 到手价 of a seat in it. */
const TeamPageSchema = Type.Object({ ...TeamSchema.properties, ...DeliveredProps });

const SeatResult = Type.Object({ team: TeamSchema, order: OrderSchema });
const AddressBody = Body({ addressId: Type.String({ format: 'uuid' }) });

const CampaignBody = Body({
  name: Type.String({ minLength: 1, maxLength: 60 }),
  nameEn: Type.Optional(Nullable(Type.String({ maxLength: 120, description: 'English name; null or "" for none' }))),
  description: Type.Optional(Type.String({ maxLength: 500 })),
  skuId: Type.String({ format: 'uuid' }),
  groupPrice: Type.Integer({ minimum: 1, maximum: 100_000_000, description: 'fen' }),
  teamSize: Type.Integer({ minimum: 2, maximum: 10 }),
  expiryHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 * 7, default: 24 })),
  perUserLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 1 })),
  newCustomersOnly: Type.Optional(Type.Boolean()),
  leaderDiscount: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000, description: 'fen off the group price for the leader' })),
  stock: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  seatTimeoutMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 * 60, default: 15 })),
  startsAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
  endsAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
  autoFill: Type.Optional(Body({ enabled: Type.Boolean(), minRealMembers: Type.Optional(Type.Integer({ minimum: 1, maximum: 9 })) }, { description: 'Virtual members (模拟成团), off by default; always disclosed and audited' })),
});

/**
 * Caps a reference ("original") price by the lawful one: the lowest price charged lately
 * (compliance, which comes later in the module list, so it is reached when routes are built).
 */
export interface ReferenceCaps {
  capReferences(claims: readonly { skuId: string; listAmount: number | null; priceAmount: number }[]): Promise<(number | null)[]>;
}

type Priced = { skuId: string; listPrice: Money | null; groupPrice: Money };

/** The regular price shown struck through beside the group price, as high as the law allows (null: none shown). */
async function lawfulListPrices<T extends Priced>(items: T[], references: ReferenceCaps): Promise<T[]> {
  const capped = await references.capReferences(items.map((c) => ({ skuId: c.skuId, listAmount: c.listPrice?.amount ?? null, priceAmount: c.groupPrice.amount })));
  return items.map((c, i) => ({ ...c, listPrice: c.listPrice && capped[i] !== null ? money(capped[i]!, c.listPrice.currency) : null }));
}

type Seated = { id: string; groupPrice: Money; leaderPrice: Money };

/** Each campaign with the 到手价 of a member's and of the leader's seat. */
async function withDeliveredPrices<T extends Seated>(items: T[], prices: DeliveredPrices) {
  return Promise.all(items.map(async (c) => {
    const member = await prices.deliveredPrice(c.id, c.groupPrice.amount, c.groupPrice.currency);
    const leader = await prices.deliveredPrice(c.id, c.leaderPrice.amount, c.leaderPrice.currency);
    return { ...c, ...member, leaderShipping: leader.shipping, leaderDeliveredPrice: leader.deliveredPrice };
  }));
}

export function groupbuyRoutes(groupbuy: GroupbuyService, references: ReferenceCaps, prices: DeliveredPrices) {
  return async function (app: App) {
    app.get('/groupbuy/campaigns', { schema: { tags: ['groupbuy'], summary: 'Running group buys', response: { 200: Type.Object({ items: Type.Array(ShopperCampaignSchema) }) } } }, async () => ({ items: await withDeliveredPrices(await lawfulListPrices(await groupbuy.listLiveCampaigns(), references), prices) }));

    app.get('/groupbuy/campaigns/:id', { schema: { tags: ['groupbuy'], summary: 'A group buy with open teams to join (seats left, deadline)', params: IdParams, response: { 200: ShopperCampaignDetailSchema } } }, async (req) => (await withDeliveredPrices(await lawfulListPrices([await groupbuy.getShopperCampaign(req.params.id)], references), prices))[0]);

    app.get('/groupbuy/campaigns/:id/open-teams', {
      schema: {
        tags: ['groupbuy'],
        summary: 'Teams of a group buy a friend can join now (seats left, before the deadline), closest deadline first; leaders masked',
        params: IdParams,
        querystring: OpenTeamsQuery,
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ ...OpenTeamSchema.properties, yours: Type.Boolean({ description: 'led by the viewer (not joinable by them)' }) })) }) },
      },
    }, async (req) => ({ items: await groupbuy.listOpenTeams(req.params.id, req.query.limit ?? 10, req.user?.id ?? null) }));

    app.post('/groupbuy/campaigns/:id/teams', {
      schema: {
        tags: ['groupbuy'],
        summary: 'Open a team: places the leader\'s order at the leader price; the team opens when it is paid',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: AddressBody,
        response: { 200: SeatResult, 201: SeatResult },
      },
    }, async (req, reply) => {
      const r = await groupbuy.openTeam(requireUser(req).id, req.params.id, req.body, req.headers['idempotency-key'] ?? null);
      return reply.status(r.created ? 201 : 200).send({ team: r.team, order: r.order });
    });

    app.post('/groupbuy/teams/:id/join', {
      schema: {
        tags: ['groupbuy'],
        summary: 'Join a team: takes a seat and places the order at the group price (a full team refuses before charging)',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: AddressBody,
        response: { 200: SeatResult, 201: SeatResult },
      },
    }, async (req, reply) => {
      const r = await groupbuy.joinTeam(requireUser(req).id, req.params.id, req.body, req.headers['idempotency-key'] ?? null);
      return reply.status(r.created ? 201 : 200).send({ team: r.team, order: r.order });
    });

    app.get('/me/groupbuy/teams', {
      schema: {
        tags: ['groupbuy'],
        summary: 'Teams I lead or joined, with my seat\'s status',
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ teamId: Type.String(), campaignId: Type.String(), campaignName: Type.String(), campaignNameEn: Nullable(Type.String()), status: Type.String(), role: Type.String(), seatStatus: Type.String(), orderId: Nullable(Type.String()), groupPrice: MoneySchema, size: Type.Integer(), seatsLeft: Type.Integer(), expiresAt: Nullable(Type.String()), joinedAt: Type.String(), shareUrl: Type.String() })),
          }),
        },
      },
    }, async (req) => ({ items: await groupbuy.listMyTeams(requireUser(req).id) }));

    app.get('/groupbuy/teams/:id', { schema: { tags: ['groupbuy'], summary: 'Team page (members by display name only; virtual members disclosed)', params: IdParams, response: { 200: TeamPageSchema } } }, async (req) => {
      const team = await groupbuy.getTeamPage(req.params.id, req.user?.id ?? null);
      const [product] = await lawfulListPrices([{ ...team.product, groupPrice: team.groupPrice }], references);
      return { ...team, ...(await prices.deliveredPrice(team.campaignId, team.groupPrice.amount, team.groupPrice.currency)), product: { ...team.product, listPrice: product.listPrice } };
    });
  };
}

export function groupbuyAdminRoutes(groupbuy: GroupbuyService) {
  return async function (app: App) {
    app.get('/groupbuy/campaigns', { schema: { tags: ['admin'], response: { 200: Type.Object({ items: Type.Array(CampaignSchema) }) } } }, async () => ({ items: (await groupbuy.listCampaigns()).map(presentCampaign) }));
    app.post('/groupbuy/campaigns', { schema: { tags: ['admin'], summary: 'Create a group-buy campaign (draft)', body: CampaignBody, response: { 201: CampaignSchema } } }, async (req, reply) =>
      reply.status(201).send(presentCampaign(await groupbuy.createCampaign(requireUser(req).id, req.body))),
    );
    app.get('/groupbuy/campaigns/:id', { schema: { tags: ['admin'], summary: 'Campaign with live numbers', params: IdParams, response: { 200: Type.Object({ campaign: CampaignSchema, stats: StatsSchema }) } } }, async (req) => ({
      campaign: presentCampaign(await groupbuy.getCampaign(req.params.id)),
      stats: await groupbuy.campaignStats(req.params.id),
    }));
    app.put('/groupbuy/campaigns/:id', { schema: { tags: ['admin'], summary: 'Replace a draft campaign\'s rules (409 CAMPAIGN_RULES_LOCKED once started)', params: IdParams, body: CampaignBody, response: { 200: CampaignSchema } } }, async (req) =>
      presentCampaign(await groupbuy.updateCampaign(requireUser(req).id, req.params.id, req.body)),
    );
    app.post('/groupbuy/campaigns/:id/start', { schema: { tags: ['admin'], params: IdParams, response: { 200: CampaignSchema } } }, async (req) => presentCampaign(await groupbuy.startCampaign(requireUser(req).id, req.params.id)));
    app.post('/groupbuy/campaigns/:id/stop', { schema: { tags: ['admin'], summary: 'Stop: no new teams; open teams may still fill until their deadline', params: IdParams, response: { 200: CampaignSchema } } }, async (req) => presentCampaign(await groupbuy.stopCampaign(requireUser(req).id, req.params.id)));
  };
}
