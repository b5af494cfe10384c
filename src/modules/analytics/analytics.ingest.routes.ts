// POST /api/v1/events: the storefront's beacon. No sign-in needed; a signed-in shopper's account
// is attached (and their visitor id stitched to it).
import type { App } from '../../platform/http.ts';
import { limitPerIp, type Limit } from '../../platform/rate-limits.ts';
import { Body, Nullable, Type, Uuid, Amount } from '../../platform/schema.ts';
import { VISITOR_COOKIE, visitorIdOf } from '../../platform/visitor.ts';
import { CLIENT_EVENT_NAMES, MAX_BATCH } from './analytics.ingest.rules.ts';
import type { AnalyticsService } from './analytics.service.ts';

const VISITOR_COOKIE_DAYS = 365;
const ClientId = Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$' });
const PropValue = Type.Union([Type.String({ maxLength: 200 }), Type.Number(), Type.Boolean(), Type.Null()]);

export const ClientEventSchema = Body({
  id: { ...ClientId, description: 'the client’s own id for this event (a UUID or 8–64 URL-safe characters): a resent event with the same id is recorded once' },
  name: Type.Union(CLIENT_EVENT_NAMES.map((n) => Type.Literal(n)), { description: `one of ${CLIENT_EVENT_NAMES.join(', ')}` }),
  at: Type.String({ format: 'date-time', description: 'when it happened (ISO 8601); at most 5 minutes ahead of the server and 72 hours old' }),
  page: Type.Optional(Type.String({ maxLength: 512, description: 'path of the page, e.g. /product/…' })),
  referrer: Type.Optional(Type.String({ maxLength: 1024 })),
  channel: Type.Optional(Type.String({ pattern: '^[a-z_]{1,20}$', description: 'wechat, moments, weibo, douyin, xiaohongshu, link, qr…' })),
  shareToken: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{6,32}$', description: 'the ?s= token the page was opened with' })),
  campaignId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  productId: Type.Optional(Uuid),
  orderId: Type.Optional(Uuid),
  amount: Type.Optional(Amount),
  props: Type.Optional(Type.Record(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]{0,39}$' }), PropValue, { maxProperties: 20, description: 'up to 20 extra properties (string ≤ 200 chars, number, boolean or null), e.g. { query: "连衣裙" } for search' })),
});

const BatchSchema = Body({
  visitorId: Type.Optional({ ...ClientId, description: 'the storefront’s visitor id when it has no fission_vid cookie (an app sends x-device-id instead)' }),
  sessionId: Type.Optional(ClientId),
  events: Type.Array(ClientEventSchema, { minItems: 1, maxItems: MAX_BATCH }),
});

/** Under /api/v1. */
export function analyticsIngestRoutes(analytics: AnalyticsService, limits: { perIp: Limit }) {
  return async function (app: App) {
    app.post('/events', {
      // Per IP only: a page sends a batch every few seconds, and shoppers behind one NAT share an IP.
      onRequest: limitPerIp(app, 'events', limits.perIp),
      schema: {
        tags: ['analytics'],
        summary: 'Record a batch of storefront events (navigator.sendBeacon)',
        description:
          `At most ${MAX_BATCH} events, all or nothing: an unknown name, a wrong type, a time more than 5 minutes ahead or 72 hours behind refuses the whole batch with a coded 400. ` +
          'Events repeated by id are recorded once (`duplicates`). Requests from robots (by user agent) are answered 202 and recorded nowhere (`bot: true`). ' +
          'The visitor is the fission_vid cookie (or x-device-id), else the body’s visitorId, else a new one set as the cookie. Send it as an application/json Blob. ' +
          'Limited per IP (setting rateLimits.eventsPerIp, 600 a minute by default): past it, 429 RATE_LIMITED.',
        body: BatchSchema,
        response: {
          202: Type.Object({
            accepted: Type.Integer({ description: 'events recorded now' }),
            duplicates: Type.Integer({ description: 'events already recorded (same id), not recorded again' }),
            bot: Type.Boolean(),
            visitorId: Nullable(Type.String()),
          }),
        },
      },
    }, async (req, reply) => {
      const result = await analytics.ingest({ requestVisitorId: visitorIdOf(req), userId: req.user?.id ?? null, userAgent: req.headers['user-agent'], body: req.body });
      if (result.mintedVisitor && !result.bot) {
        reply.setCookie(VISITOR_COOKIE, result.visitorId, { path: '/', httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: VISITOR_COOKIE_DAYS * 86_400 });
      }
      reply.header('cache-control', 'no-store');
      return reply.status(202).send({ accepted: result.accepted, duplicates: result.duplicates, bot: result.bot, visitorId: result.bot ? null : result.visitorId });
    });
  };
}
