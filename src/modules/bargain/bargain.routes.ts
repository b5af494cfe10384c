import { requireUser } from '../../platform/auth.ts';
import type { App } from '../../platform/http.ts';
import { money, type Money } from '../../platform/money.ts';
import { Body, IdempotencyHeaders, IdParams, MoneySchema, Nullable, Type } from '../../platform/schema.ts';
import { DeliveredProps, type DeliveredPrices } from '../campaigns/index.ts';
import { presentCampaign } from './bargain.present.ts';
import type { BargainService } from './bargain.service.ts';

const CampaignSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  nameEn: Nullable(Type.String({ description: 'English name (shown instead of the title in English mode), else null' })),
  skuId: Type.String(),
  productId: Type.String(),
  title: Type.String(),
  titleEn: Nullable(Type.String({ description: "the product's English title, else null" })),
  image: Nullable(Type.String()),
  originalPrice: MoneySchema,
  floorPrice: MoneySchema,
  helpersNeeded: Type.Integer(),
  expiryHours: Type.Integer(),
  stockTotal: Type.Integer(),
  stockLeft: Type.Integer(),
  helperDailyLimit: Type.Integer(),
  buyMode: Type.String(),
  payWithinMinutes: Type.Integer(),
  status: Type.String(),
  startsAt: Nullable(Type.String()),
  endsAt: Nullable(Type.String()),
  createdAt: Type.String(),
});

// Shoppers see the starting price struck through beside the lowest only as high as the lawful
// reference allows (null when none may be shown); operators see the campaign's own.
const ShopperCampaignSchema = Type.Object({ ...CampaignSchema.properties, originalPrice: Nullable(MoneySchema), ...DeliveredProps });

/**
 * Caps a reference ("original") price by the lawful one: the lowest price charged lately
 * (compliance, which comes later in the module list, so it is reached when routes are built).
 */
export interface ReferenceCaps {
  capReferences(claims: readonly { skuId: string; listAmount: number | null; priceAmount: number }[]): Promise<(number | null)[]>;
}

type Presented = ReturnType<typeof presentCampaign>;

/** Each campaign with the 到手价 at its lowest price (最低砍至 plus the shipping checkout will add). */
async function withDeliveredPrices<T extends { id: string; floorPrice: Money }>(items: T[], prices: DeliveredPrices) {
  return Promise.all(items.map(async (c) => ({ ...c, ...(await prices.deliveredPrice(c.id, c.floorPrice.amount, c.floorPrice.currency)) })));
}

/** Each campaign's starting price beside its lowest price, as high as the law allows (null: none shown). */
async function lawfulOriginalPrices(items: Presented[], references: ReferenceCaps): Promise<(Omit<Presented, 'originalPrice'> & { originalPrice: Money | null })[]> {
  const capped = await references.capReferences(items.map((c) => ({ skuId: c.skuId, listAmount: c.originalPrice.amount, priceAmount: c.floorPrice.amount })));
  return items.map((c, i) => ({ ...c, originalPrice: capped[i] === null ? null : money(capped[i]!, c.originalPrice.currency) }));
}

const CutSummary = {
  id: Type.String(),
  campaignId: Type.String(),
  status: Type.String(),
  originalPrice: MoneySchema,
  currentPrice: MoneySchema,
  floorPrice: MoneySchema,
  helpersNeeded: Type.Integer(),
  helps: Type.Integer(),
  progressPercent: Type.Integer(),
  expiresAt: Type.String(),
  shareHint: Type.String(),
};
const CutSummarySchema = Type.Object(CutSummary);

const CutSchema = Type.Object({
  ...CutSummary,
  title: Type.String(),
  titleEn: Nullable(Type.String()),
  nameEn: Nullable(Type.String()),
  image: Nullable(Type.String()),
  buyMode: Type.String(),
  starter: Type.Object({ name: Type.String() }),
  mine: Type.Boolean(),
  helpedByMe: Type.Boolean(),
  canBuy: Type.Boolean(),
  orderId: Nullable(Type.String()),
  helpers: Type.Array(Type.Object({ seq: Type.Integer(), name: Type.String(), amount: MoneySchema, newCustomer: Type.Boolean(), at: Type.String() })),
  starterCut: Nullable(MoneySchema),
  ...DeliveredProps,
});

// Public: what a friend opening a share link sees before signing in. The starter only as a masked
// name and its first character; no account id, contact or address, no helper list.
const LandingSchema = Type.Object({
  id: Type.String(),
  campaignId: Type.String(),
  status: Type.String(),
  starter: Type.Object({ name: Type.String({ description: 'masked display name (王**)' }), initial: Type.String() }),
  title: Type.String(),
  titleEn: Nullable(Type.String()),
  nameEn: Nullable(Type.String()),
  image: Nullable(Type.String()),
  originalPrice: MoneySchema,
  currentPrice: MoneySchema,
  floorPrice: MoneySchema,
  cutSoFar: MoneySchema,
  leftToFloor: MoneySchema,
  starterCut: Nullable(MoneySchema),
  helpersNeeded: Type.Integer(),
  helps: Type.Integer(),
  progressPercent: Type.Integer(),
  expiresAt: Type.String(),
});

const StatsSchema = Type.Object({
  cuts: Type.Object({ open: Type.Integer(), succeeded: Type.Integer(), ordered: Type.Integer(), bought: Type.Integer(), expired: Type.Integer() }),
  helps: Type.Integer(),
  helpers: Type.Integer(),
  newCustomerHelps: Type.Integer(),
  stockLeft: Type.Integer(),
  unitsTaken: Type.Integer(),
});

const fen = (min: number) => Type.Integer({ minimum: min, maximum: 100_000_000_00 });

const CampaignBody = Body({
  name: Type.String({ minLength: 1, maxLength: 60 }),
  nameEn: Type.Optional(Nullable(Type.String({ maxLength: 120, description: 'English name; null or "" for none' }))),
  skuId: Type.String({ format: 'uuid' }),
  originalAmount: Type.Optional(fen(2)),
  floorAmount: fen(1),
  helpersNeeded: Type.Integer({ minimum: 1, maximum: 100 }),
  expiryHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 * 7 })),
  stock: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  helperDailyLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  buyMode: Type.Optional(Type.Union([Type.Literal('any_time'), Type.Literal('floor_only')])),
  payWithinMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 * 60 })),
  startsAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
  endsAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
});

export function bargainRoutes(bargain: BargainService, references: ReferenceCaps, prices: DeliveredPrices) {
  return async function (app: App) {
    app.get('/bargain/campaigns', { schema: { tags: ['bargain'], summary: 'Running price-cut campaigns', response: { 200: Type.Object({ items: Type.Array(ShopperCampaignSchema) }) } } }, async () => ({
      items: await withDeliveredPrices(await lawfulOriginalPrices((await bargain.listCampaigns({ activeOnly: true })).map(presentCampaign), references), prices),
    }));
    app.post('/bargain/campaigns/:id/cuts', { schema: { tags: ['bargain'], summary: 'Start a price-cut (one live per user per campaign)', params: IdParams, response: { 201: CutSummarySchema } } }, async (req, reply) =>
      reply.status(201).send(await bargain.startCut(requireUser(req).id, req.params.id)),
    );
    app.get('/me/bargain/cuts', { schema: { tags: ['bargain'], summary: 'My price-cuts', response: { 200: Type.Object({ items: Type.Array(CutSummarySchema) }) } } }, async (req) => ({ items: await bargain.listMyCuts(requireUser(req).id) }));
    app.get('/bargain/cuts/:id', { schema: { tags: ['bargain'], summary: 'A price-cut: progress, helpers and amounts', params: IdParams, response: { 200: CutSchema } } }, async (req) => {
      // The cut's 到手价 is what buying now would charge: its current price plus shipping.
      const cut = await bargain.getCut(requireUser(req).id, req.params.id);
      return { ...cut, ...(await prices.deliveredPrice(cut.campaignId, cut.currentPrice.amount, cut.currentPrice.currency)) };
    });
    app.get('/bargain/cuts/:id/landing', { schema: { tags: ['bargain'], summary: 'A shared price-cut as a signed-out friend sees it (public: masked starter, product, prices, progress, deadline)', params: IdParams, response: { 200: LandingSchema } } }, async (req) =>
      bargain.getLanding(req.params.id),
    );
    app.post('/bargain/cuts/:id/help', {
      schema: { tags: ['bargain'], summary: 'Help a friend cut the price (once per price-cut, K a day, not your own)', params: IdParams, response: { 200: Type.Object({ cut: CutSummarySchema, help: Type.Object({ amount: MoneySchema, newCustomer: Type.Boolean(), seq: Type.Integer() }) }) } },
    }, async (req) => bargain.help(requireUser(req).id, req.params.id));
    app.post('/bargain/cuts/:id/buy', {
      schema: { tags: ['bargain'], summary: 'Buy at the current price (or only at the floor): places a bargain order', params: IdParams, headers: IdempotencyHeaders, body: Body({ addressId: Type.String({ format: 'uuid' }), note: Type.Optional(Type.String({ maxLength: 200 })) }) },
    }, async (req, reply) => {
      const result = await bargain.buy(requireUser(req).id, req.params.id, req.body, req.headers['idempotency-key'] ?? null);
      return reply.status(result.created ? 201 : 200).send(result.order);
    });
  };
}

export function bargainAdminRoutes(bargain: BargainService) {
  return async function (app: App) {
    app.get('/bargain/campaigns', { schema: { tags: ['admin'], response: { 200: Type.Object({ items: Type.Array(CampaignSchema) }) } } }, async () => ({ items: (await bargain.listCampaigns()).map(presentCampaign) }));
    app.post('/bargain/campaigns', { schema: { tags: ['admin'], summary: 'Create a price-cut campaign (draft)', body: CampaignBody, response: { 201: CampaignSchema } } }, async (req, reply) =>
      reply.status(201).send(presentCampaign(await bargain.createCampaign(requireUser(req).id, req.body))),
    );
    app.get('/bargain/campaigns/:id', { schema: { tags: ['admin'], summary: 'A campaign with live numbers', params: IdParams, response: { 200: Type.Object({ campaign: CampaignSchema, stats: StatsSchema }) } } }, async (req) => ({
      campaign: presentCampaign(await bargain.getCampaign(req.params.id)),
      stats: await bargain.campaignStats(req.params.id),
    }));
    app.put('/bargain/campaigns/:id', { schema: { tags: ['admin'], summary: 'Replace a draft campaign\'s rules (409 CAMPAIGN_RULES_LOCKED once started)', params: IdParams, body: CampaignBody, response: { 200: CampaignSchema } } }, async (req) =>
      presentCampaign(await bargain.updateCampaign(requireUser(req).id, req.params.id, req.body)),
    );
    app.post('/bargain/campaigns/:id/start', { schema: { tags: ['admin'], params: IdParams, response: { 200: CampaignSchema } } }, async (req) => presentCampaign(await bargain.setStatus(requireUser(req).id, req.params.id, 'active')));
    app.post('/bargain/campaigns/:id/stop', { schema: { tags: ['admin'], params: IdParams, response: { 200: CampaignSchema } } }, async (req) => presentCampaign(await bargain.setStatus(requireUser(req).id, req.params.id, 'ended')));
  };
}
