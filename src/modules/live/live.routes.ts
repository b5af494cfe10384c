// The room's HTTP surface. Viewers read the room and its stream (SSE through @fastify/sse) and act
// by plain POSTs (chat, like, claim, buy); operators schedule and run sessions under /admin.
import { fastifySSE as sse } from '@fastify/sse';
import { requireUser } from '../../platform/auth.ts';
import type { App } from '../../platform/http.ts';
import { limitPerIpAndUser } from '../../platform/rate-limits.ts';
import { Amount, Body, IdParams, MoneySchema, Nullable, Timestamp, Type, Uuid } from '../../platform/schema.ts';
import { frame } from './live.hub.ts';
import { LIMITS } from './live.rules.ts';
import type { LiveService } from './live.service.ts';

const Status = Type.Union([Type.Literal('scheduled'), Type.Literal('live'), Type.Literal('ended')]);
const CouponSchema = Type.Object({
  templateId: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  amount: Nullable(MoneySchema),
  percentBp: Nullable(Type.Integer()),
  maxDiscount: Nullable(MoneySchema),
  minSpend: MoneySchema,
  remainingQuota: Nullable(Type.Integer()),
  released: Type.Boolean(),
  claimed: Type.Boolean({ description: 'the signed-in viewer has claimed it' }),
});
const CardSchema = Type.Object({
  productId: Type.String(),
  title: Type.String(),
  image: Nullable(Type.String()),
  skuId: Nullable(Type.String()),
  listPrice: MoneySchema,
  livePrice: MoneySchema,
  priceKind: Type.Union([Type.Literal('flash'), Type.Literal('coupon'), Type.Literal('list')], { description: 'flash: a running flash-sale item; coupon: the price with the released live coupon' }),
  flash: Nullable(Type.Object({ slotId: Type.String(), itemId: Type.String() })),
});
const SessionSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  coverUrl: Nullable(Type.String()),
  status: Status,
  scheduledAt: Type.String(),
  startedAt: Nullable(Type.String()),
  endedAt: Nullable(Type.String()),
  productIds: Type.Array(Type.String()),
  pinnedProductId: Nullable(Type.String()),
  pinned: Nullable(CardSchema),
  coupons: Type.Array(CouponSchema),
  viewers: Nullable(Type.Integer()),
  likes: Type.Integer(),
  peakViewers: Type.Integer(),
  announcements: Type.Array(Type.Object({ id: Type.String(), text: Type.String(), at: Type.String() })),
});
const RecordSchema = Type.Object({
  sessionId: Type.String(),
  status: Status,
  startedAt: Nullable(Type.String()),
  endedAt: Nullable(Type.String()),
  peakViewers: Type.Integer(),
  likes: Type.Integer(),
  messages: Type.Integer({ description: 'approved chat lines' }),
  moderated: Type.Integer({ description: 'chat lines held or refused by moderation' }),
  claims: Type.Integer(),
  ordersPlaced: Type.Integer(),
  ordersPaid: Type.Integer(),
  gmvAmount: Type.Integer(),
  gmv: MoneySchema,
  fromRoom: Type.Integer({ description: 'orders placed after the room’s buy button' }),
  fromShares: Type.Integer({ description: 'orders attributed to a live share link' }),
});
const SessionParams = IdParams;
const CouponParams = Type.Object({ id: Uuid, templateId: Uuid });

export function liveRoutes(live: LiveService) {
  return async (app: App) => {
    // Heartbeat comments every 20 s keep proxies from closing a quiet room's connections.
    await app.register(sse, { heartbeatInterval: 20_000 });
    app.addHook('onClose', async () => {
      await (await live.hub()).close();
    });

    app.get('/live/sessions/:id', {
      schema: { tags: ['live'], summary: 'A live room: status, pinned product with its live price, live coupons, viewers, likes, recent announcements', params: SessionParams, response: { 200: SessionSchema } },
    }, async (req) => live.get(req.params.id, req.user?.id ?? null));

    app.get('/live/sessions/:id/stream', {
      sse: { kind: 'only' },
      schema: {
        tags: ['live'],
        summary: 'The room’s updates as Server-Sent Events: chat, likes, viewers, pinned, coupon, announcement, status. Events carry ids; a reconnect with Last-Event-ID replays the recent ones this process holds',
        params: SessionParams,
        querystring: Type.Object({ lastEventId: Type.Optional(Type.String({ pattern: '^[0-9]{1,20}$' })) }, { additionalProperties: false }),
      },
    }, async (req, reply) => {
      const state = await live.get(req.params.id, req.user?.id ?? null);
      const hub = await live.hub();
      const lastRaw = (req.headers['last-event-id'] as string | undefined) ?? req.query.lastEventId;
      const lastEventId = lastRaw && /^[0-9]{1,20}$/.test(lastRaw) ? Number(lastRaw) : null;
      reply.sse.keepAlive();
      reply.sse.sendHeaders();
      const raw = reply.raw;
      // A viewer too slow to take its frames (over 1 MiB queued) is dropped; its browser reconnects.
      const subscriber = { write: (text: string) => (raw.writableLength > 1 << 20 ? raw.destroy() : void raw.write(text)) };
      raw.write(frame({ event: 'state', data: state }));
      const { missed, leave } = hub.join(req.params.id, subscriber, lastEventId);
      for (const text of missed) raw.write(text);
      reply.sse.onClose(leave);
    });

    app.post('/live/sessions/:id/chat', {
      onRequest: limitPerIpAndUser(app, 'live-chat', LIMITS.chatPerIpPerMinute, LIMITS.chatPerUserPerMinute),
      schema: {
        tags: ['live'],
        summary: 'Post a chat line: screened by moderation; approved lines go to the room (201), held ones wait for review (202 LIVE_CHAT_HELD), refused ones answer 422 LIVE_CHAT_REFUSED; 20 a minute per viewer',
        params: SessionParams,
        body: Body({ text: Type.String({ minLength: 1, maxLength: LIMITS.chatMax }) }),
        response: { 201: Type.Object({ verdict: Type.Literal('approved'), code: Type.String(), messageId: Type.String() }), 202: Type.Object({ verdict: Type.Literal('held'), code: Type.String(), messageId: Type.String() }) },
      },
    }, async (req, reply) => {
      const r = await live.chat(requireUser(req).id, req.params.id, req.body.text);
      return reply.status(r.verdict === 'approved' ? 201 : 202).send(r as never);
    });

    app.post('/live/sessions/:id/likes', {
      onRequest: limitPerIpAndUser(app, 'live-likes', LIMITS.chatPerIpPerMinute * 5, LIMITS.chatPerUserPerMinute * 5),
      schema: { tags: ['live'], summary: 'Like the room (taps batched by the page, up to 50 at once)', params: SessionParams, body: Body({ count: Type.Integer({ minimum: 1, maximum: LIMITS.likesPerTap }) }), response: { 200: Type.Object({ likes: Type.Integer() }) } },
    }, async (req) => {
      requireUser(req);
      return live.like(req.params.id, req.body.count);
    });

    app.post('/live/sessions/:id/coupons/:templateId/claim', {
      schema: { tags: ['live'], summary: 'Claim the released live coupon, once per viewer, while the room is live (the coupon lands in the wallet)', params: CouponParams, response: { 201: Type.Object({ couponId: Type.String(), templateId: Type.String(), sessionId: Type.String() }) } },
    }, async (req, reply) => reply.status(201).send(await live.claim(requireUser(req).id, req.params.id, req.params.templateId)));

    app.post('/live/sessions/:id/buy', {
      schema: { tags: ['live'], summary: 'The room’s buy button: an order of this product placed within 2 hours is attributed to the session', params: SessionParams, body: Body({ productId: Uuid }), response: { 200: Type.Object({ sessionId: Type.String(), productId: Type.String() }) } },
    }, async (req) => live.intend(requireUser(req).id, req.params.id, req.body.productId));
  };
}

export function liveAdminRoutes(live: LiveService) {
  return async (app: App) => {
    app.post('/live/sessions', {
      schema: {
        tags: ['admin'],
        summary: 'Schedule a live session: title, cover image URL, the products it sells',
        body: Body({
          title: Type.String({ minLength: 1, maxLength: LIMITS.titleMax }),
          coverUrl: Type.Optional(Nullable(Type.String({ maxLength: 500, pattern: '^(/|https://)' }))),
          scheduledAt: Timestamp,
          productIds: Type.Array(Uuid, { maxItems: LIMITS.productsMax }),
        }),
        response: { 201: SessionSchema },
      },
    }, async (req, reply) => reply.status(201).send(await live.schedule(requireUser(req).id, req.body)));

    app.get('/live/sessions', {
      schema: { tags: ['admin'], summary: 'Live sessions, latest scheduled first', querystring: Type.Object({ status: Type.Optional(Status), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(SessionSchema) }) } },
    }, async (req) => live.list({ status: req.query.status, limit: req.query.limit ?? 50 }));

    app.get('/live/sessions/:id', { schema: { tags: ['admin'], summary: 'One live session', params: SessionParams, response: { 200: SessionSchema } } }, async (req) => live.get(req.params.id));

    for (const action of ['start', 'end'] as const) {
      app.post(`/live/sessions/:id/${action}`, {
        schema: { tags: ['admin'], summary: action === 'start' ? 'Go live (scheduled → live)' : 'End the session (live → ended); its record stays', params: SessionParams, response: { 200: SessionSchema } },
      }, async (req) => live.act(requireUser(req).id, req.params.id, action));
    }

    app.post('/live/sessions/:id/pin', {
      schema: { tags: ['admin'], summary: 'Pin one of the session’s products (null unpins): the room shows its card with the live price', params: SessionParams, body: Body({ productId: Nullable(Uuid) }), response: { 200: SessionSchema } },
    }, async (req) => live.pin(requireUser(req).id, req.params.id, req.body.productId));

    app.post('/live/sessions/:id/coupons', {
      schema: {
        tags: ['admin'],
        summary: 'Add a live coupon: link an existing coupon template, or make a live-only one (not in the coupon centre, scoped to the session’s products, one per viewer)',
        params: SessionParams,
        body: Body({
          templateId: Type.Optional(Uuid),
          name: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
          discountAmount: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
          minSpendAmount: Type.Optional(Amount),
          totalQuota: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
        }),
        response: { 200: SessionSchema },
      },
    }, async (req) => live.addCoupon(requireUser(req).id, req.params.id, req.body));

    for (const [path, released] of [['release', true], ['withdraw', false]] as const) {
      app.post(`/live/sessions/:id/coupons/:templateId/${path}`, {
        schema: { tags: ['admin'], summary: released ? 'Release the live coupon to the room (claimable while live)' : 'Withdraw the live coupon from the room', params: CouponParams, response: { 200: CouponSchema } },
      }, async (req) => live.setCouponReleased(requireUser(req).id, req.params.id, req.params.templateId, released));
    }

    app.post('/live/sessions/:id/announcements', {
      schema: { tags: ['admin'], summary: 'Post an announcement to the room', params: SessionParams, body: Body({ text: Type.String({ minLength: 1, maxLength: LIMITS.announcementMax }) }), response: { 201: Type.Object({ id: Type.String() }) } },
    }, async (req, reply) => reply.status(201).send(await live.announcement(requireUser(req).id, req.params.id, req.body.text)));

    app.get('/live/sessions/:id/record', {
      schema: { tags: ['admin'], summary: 'The session’s record: peak viewers, likes, chat lines, claims, orders and GMV attributed to the room', params: SessionParams, response: { 200: RecordSchema } },
    }, async (req) => live.record(req.params.id));
  };
}
