import { requireUser } from '../../platform/auth.ts';
import type { App } from '../../platform/http.ts';
import { Body, IdempotencyHeaders, IdParams, MoneySchema, Nullable, Type } from '../../platform/schema.ts';
import type { LotteryService } from './lottery.service.ts';

const PrizeSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  templateId: Nullable(Type.String()),
  points: Nullable(Type.Integer()),
  skuId: Nullable(Type.String()),
  weight: Type.Integer(),
  probability: Type.Number(),
  stockTotal: Nullable(Type.Integer()),
  stockLeft: Nullable(Type.Integer()),
  value: MoneySchema,
});

const DrawSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  rulesText: Type.String(),
  status: Type.String(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  dailyFreeChances: Type.Integer(),
  shareChances: Type.Integer(),
  shareDailyCap: Type.Integer(),
  inviteChances: Type.Integer(),
  inviteDailyCap: Type.Integer(),
  prizes: Type.Array(PrizeSchema),
});

const EntrySchema = Type.Object({
  id: Type.String(),
  drawId: Type.String(),
  userId: Type.String(),
  chance: Type.String(),
  prize: Type.Object({ id: Nullable(Type.String()), kind: Type.String(), name: Type.String() }),
  status: Type.String(),
  fellBack: Type.Boolean(),
  randomValue: Type.Number(),
  createdAt: Type.String(),
});

const PrizeBody = Body({
  name: Type.String({ minLength: 1, maxLength: 60 }),
  kind: Type.Union([Type.Literal('coupon'), Type.Literal('points'), Type.Literal('product'), Type.Literal('nothing')]),
  templateId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
  points: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 1_000_000 }))),
  skuId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
  weight: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  stock: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 10_000_000 }))),
  valueAmount: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000_00 })),
});

const count = (max: number) => Type.Optional(Type.Integer({ minimum: 0, maximum: max }));
const DrawBody = Body({
  name: Type.String({ minLength: 1, maxLength: 60 }),
  nameEn: Type.Optional(Nullable(Type.String({ maxLength: 120, description: 'English name; null or "" for none' }))),
  rulesText: Type.String({ minLength: 1, maxLength: 5000 }),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  dailyFreeChances: count(100),
  shareChances: count(100),
  shareDailyCap: count(1000),
  inviteChances: count(100),
  inviteDailyCap: count(1000),
  prizes: Type.Array(PrizeBody, { minItems: 1, maxItems: 20 }),
});

const EntryStatus = Type.Union(['granted', 'to_fulfil', 'fulfilled', 'nothing'].map((s) => Type.Literal(s)));

export function lotteryRoutes(lottery: LotteryService) {
  return async function (app: App) {
    app.get('/lottery/draws', { schema: { tags: ['lottery'], summary: 'Published draws with their rules, prizes and odds', response: { 200: Type.Object({ items: Type.Array(DrawSchema) }) } } }, async () => ({ items: await lottery.listDraws({ publishedOnly: true }) }));
    app.get('/lottery/draws/:id', { schema: { tags: ['lottery'], summary: 'A draw\'s public rules and prizes with odds', params: IdParams, response: { 200: DrawSchema } } }, async (req) => lottery.getPublicDraw(req.params.id));
    app.get('/lottery/draws/:id/me', {
      schema: { tags: ['lottery'], summary: 'My chances left today and my wins', params: IdParams, response: { 200: Type.Object({ drawId: Type.String(), freeChancesLeft: Type.Integer(), extraChances: Type.Integer(), chancesLeft: Type.Integer(), draws: Type.Integer(), wins: Type.Array(EntrySchema) }) } },
    }, async (req) => lottery.myDraw(requireUser(req).id, req.params.id));
    app.post('/lottery/draws/:id/draw', {
      schema: { tags: ['lottery'], summary: 'Draw once (uses a chance); an Idempotency-Key returns the first result on retry', params: IdParams, headers: IdempotencyHeaders, response: { 200: EntrySchema, 201: EntrySchema } },
    }, async (req, reply) => {
      const result = await lottery.draw(requireUser(req).id, req.params.id, req.headers['idempotency-key'] ?? null);
      return reply.status(result.created ? 201 : 200).send(result.entry);
    });
  };
}

export function lotteryAdminRoutes(lottery: LotteryService) {
  return async function (app: App) {
    app.get('/lottery/draws', { schema: { tags: ['admin'], response: { 200: Type.Object({ items: Type.Array(DrawSchema) }) } } }, async () => ({ items: await lottery.listDraws() }));
    app.post('/lottery/draws', { schema: { tags: ['admin'], summary: 'Create a draw (draft) with its prize pool; each prize\'s market value is capped (lottery.maxPrizeValueAmount)', body: DrawBody, response: { 201: DrawSchema } } }, async (req, reply) => {
      const d = await lottery.createDraw(requireUser(req).id, req.body);
      return reply.status(201).send(await lottery.getDraw(d.id));
    });
    app.get('/lottery/draws/:id', { schema: { tags: ['admin'], params: IdParams, response: { 200: DrawSchema } } }, async (req) => lottery.getDraw(req.params.id));
    app.put('/lottery/draws/:id', { schema: { tags: ['admin'], summary: 'Replace rules and prizes (409 CAMPAIGN_RULES_LOCKED once the draw is published)', params: IdParams, body: DrawBody, response: { 200: DrawSchema } } }, async (req) => {
      await lottery.updateDraw(requireUser(req).id, req.params.id, req.body);
      return lottery.getDraw(req.params.id);
    });
    app.post('/lottery/draws/:id/start', { schema: { tags: ['admin'], summary: 'Publish: the rules show on the draw page and lock at startsAt', params: IdParams, response: { 200: DrawSchema } } }, async (req) => {
      await lottery.setStatus(requireUser(req).id, req.params.id, 'active');
      return lottery.getDraw(req.params.id);
    });
    app.post('/lottery/draws/:id/stop', { schema: { tags: ['admin'], params: IdParams, response: { 200: DrawSchema } } }, async (req) => {
      await lottery.setStatus(requireUser(req).id, req.params.id, 'ended');
      return lottery.getDraw(req.params.id);
    });
    app.post('/lottery/draws/:id/chances', { schema: { tags: ['admin'], summary: 'Grant extra chances to a customer', params: IdParams, body: Body({ userId: Type.String({ format: 'uuid' }), amount: Type.Integer({ minimum: 1, maximum: 1000 }) }), response: { 200: Type.Object({ granted: Type.Integer() }) } } }, async (req) =>
      lottery.grantChancesNow(requireUser(req).id, req.params.id, req.body.userId, req.body.amount),
    );
    app.get('/lottery/draws/:id/results', {
      schema: { tags: ['admin'], summary: 'Results: counts per prize and the latest draws (status=to_fulfil lists product wins to send)', params: IdParams, querystring: Type.Object({ status: Type.Optional(EntryStatus), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) }), response: { 200: Type.Object({ totals: Type.Array(Type.Object({ prizeId: Nullable(Type.String()), name: Type.String(), kind: Type.String(), count: Type.Integer() })), items: Type.Array(EntrySchema) }) } },
    }, async (req) => lottery.results(req.params.id, { status: req.query.status as any, limit: req.query.limit ?? 100 }));
    app.get('/lottery/entries/:id/audit', {
      schema: { tags: ['admin'], summary: 'Recompute a draw\'s prize from its stored random value and prize table', params: IdParams, response: { 200: Type.Object({ entry: EntrySchema, randomValue: Type.Number(), snapshot: Type.Array(Type.Object({ id: Type.String(), kind: Type.String(), name: Type.String(), weight: Type.Integer() })), pickedPrizeId: Nullable(Type.String()), recomputedPrizeId: Nullable(Type.String()), fellBack: Type.Boolean(), matches: Type.Boolean() }) } },
    }, async (req) => lottery.auditEntry(req.params.id));
    app.post('/lottery/entries/:id/fulfil', { schema: { tags: ['admin'], summary: 'Mark a product win as sent', params: IdParams, response: { 200: EntrySchema } } }, async (req) => lottery.fulfil(requireUser(req).id, req.params.id));
  };
}
