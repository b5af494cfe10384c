import { requireUser } from '../../platform/auth.ts';
import { publicBaseUrl } from '../../platform/edge.ts';
import type { App } from '../../platform/http.ts';
import { limitPerIp, type Limit } from '../../platform/rate-limits.ts';
import { Body, MoneySchema, Nullable, Page, PageQuery, Timestamp, Type, Uuid } from '../../platform/schema.ts';
import { VISITOR_COOKIE, visitorIdOf } from '../../platform/visitor.ts';
import { posterLang } from './sharing.poster.facts.ts';
import { SHARE_CHANNELS, TARGET_TYPES } from './sharing.rules.ts';
import type { SharingService } from './sharing.service.ts';
import type { SharingAdmin } from './sharing.admin.ts';

const literals = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)) as any) as any;
const TargetType = literals(TARGET_TYPES);
const Channel = literals(SHARE_CHANNELS);
const VISITOR_COOKIE_DAYS = 365;

const ShareSchema = Type.Object({
  id: Type.String(),
  token: Type.String(),
  url: Type.String({ description: 'relative link: /s/{token}' }),
  posterUrl: Type.String(),
  parentShareId: Nullable(Type.String()),
  rootShareId: Type.String(),
  depth: Type.Integer(),
  target: Type.Object({ type: Type.String(), id: Type.String() }),
  channel: Type.String(),
  campaignId: Nullable(Type.String()),
  createdAt: Type.String(),
});

const MyShareSchema = Type.Intersect([
  ShareSchema,
  Type.Object({ clicks: Type.Integer(), visitors: Type.Integer(), signups: Type.Integer(), orders: Type.Integer(), paidOrders: Type.Integer() }),
]);

const Measures = {
  clicks: Type.Integer(),
  uniqueVisitors: Type.Integer(),
  newVisitors: Type.Integer(),
  attributedSignups: Type.Integer(),
  attributedOrders: Type.Integer(),
  attributedPaidOrders: Type.Integer(),
  gmv: MoneySchema,
};
const StatsSchema = Type.Object({
  shares: Type.Integer(),
  ...Measures,
  byChannel: Type.Array(Type.Object({ channel: Type.String(), shares: Type.Integer(), ...Measures })),
});

const CascadeNodeSchema = Type.Object({
  id: Type.String(),
  parentId: Nullable(Type.String()),
  depth: Type.Integer(),
  sharerId: Type.String(),
  sharerName: Nullable(Type.String()),
  channel: Type.String(),
  createdAt: Type.String(),
  clicks: Type.Integer(),
  visitors: Type.Integer({ description: 'distinct visitors other than the sharer' }),
  signups: Type.Integer(),
  orders: Type.Integer(),
  paidOrders: Type.Integer(),
});

const CascadeStatsSchema = Type.Object({ size: Type.Integer(), depth: Type.Integer(), maxBreadth: Type.Integer(), structuralVirality: Type.Number({ description: 'mean shortest-path distance over all pairs of shares in the tree (Goel et al. 2016)' }) });

const RootSchema = Type.Intersect([
  ShareSchema,
  Type.Object({
    sharerId: Type.String(),
    sharerName: Nullable(Type.String()),
    size: Type.Integer(),
    depth: Type.Integer(),
    signups: Type.Integer({ description: 'last-touch sign-ups attributed to any share of the cascade' }),
    orders: Type.Integer(),
    paidOrders: Type.Integer(),
    gmv: MoneySchema,
  }),
]);

/** A person in operator lists: display name and masked phone. */
const PersonSchema = Type.Object({ id: Type.String(), name: Type.String({ description: 'display name; empty for an erased account' }), phone: Nullable(Type.String({ description: 'masked: 138****8000' })) });
/** What was shared, by its title and image; title null when it no longer exists. */
const TargetCardSchema = Type.Object({ type: Type.String(), id: Type.String(), title: Nullable(Type.String()), titleEn: Nullable(Type.String()), image: Nullable(Type.String({ description: 'thumbnail URL' })) });
const CampaignCardSchema = Type.Object({ id: Type.String(), name: Nullable(Type.String({ description: 'null when the campaign is not known to the campaigns module' })), mechanic: Nullable(Type.String()) });

const CascadeSchema = Type.Object({
  root: ShareSchema,
  targetCard: TargetCardSchema,
  campaign: Nullable(CampaignCardSchema),
  nodes: Type.Array(Type.Intersect([CascadeNodeSchema, Type.Object({ sharer: PersonSchema })])),
  stats: CascadeStatsSchema,
});

const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 64 }) });
const CampaignId = Type.String({ minLength: 1, maxLength: 64 });

/** The public share link, at the app root: /s/{token} records the click and redirects. */
export function shareLinkRoutes(sharing: SharingService, limits: { perIp: Limit }) {
  return async function (app: App) {
    app.get('/s/:token', {
      // Every open writes a click row: a script hammering one link must not fill the table.
      onRequest: limitPerIp(app, 'share-link', limits.perIp),
      schema: {
        tags: ['sharing'],
        summary: 'Open a share link: records the click, then 302 to the shared page with ?s={token}',
        params: TokenParams,
        querystring: Type.Object({ c: Type.Optional(Type.String({ maxLength: 20, description: 'channel override, e.g. qr for a scanned poster' })) }),
      },
    }, async (req, reply) => {
      const existing = visitorIdOf(req);
      const referer = req.headers.referer;
      const result = await sharing.recordClick({
        token: req.params.token,
        visitorId: existing,
        userId: req.user?.id ?? null,
        channel: req.query.c,
        referer: typeof referer === 'string' ? referer : undefined,
        ip: req.ip,
        userAgent: req.headers['user-agent'],
      });
      if (result.mintedVisitor) {
        reply.setCookie(VISITOR_COOKIE, result.visitorId, { path: '/', httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: VISITOR_COOKIE_DAYS * 86_400 });
      }
      reply.header('cache-control', 'no-store');
      return reply.redirect(result.location, 302);
    });
  };
}

/** Under /api/v1. */
export function sharingRoutes(sharing: SharingService, options: { publicUrl?: string }) {
  return async function (app: App) {
    app.post('/shares', {
      schema: {
        tags: ['sharing'],
        summary: 'Create a share link (and poster) for a product, campaign, team, price-cut, invite or coupon pack',
        description: 'The parent is the share through which the sharer arrived (their last click on the same target within the attribution window), so shares form a cascade tree.',
        body: Body({
          target: Body({ type: TargetType, id: Type.String({ minLength: 1, maxLength: 64 }) }),
          channel: Channel,
          campaignId: Type.Optional(CampaignId),
        }),
        response: { 201: ShareSchema },
      },
    }, async (req, reply) => {
      const user = requireUser(req);
      return reply.status(201).send(await sharing.createShare(user.id, req.body as any));
    });

    // The shopper's language: ?lang= (the share sheet sends the UI's), else Accept-Language.
    const PosterQuery = Type.Object({ lang: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')], { description: 'poster language; default from Accept-Language, else zh-CN' })) });
    const posterRequest = (req: { query: { lang?: string }; headers: Record<string, string | string[] | undefined> }) => {
      const accept = req.headers['accept-language'];
      return { lang: posterLang(req.query.lang, typeof accept === 'string' ? accept : undefined) };
    };
    // The QR code's base is never the Host the client sent: posters are cached publicly, so a
    // forged Host would point everyone's QR code at another site.
    // Posters with live state (seats left, the cut so far, minutes to go) are kept for a minute only.
    const posterHeaders = (reply: { header(k: string, v: string): unknown }, maxAge: number, explicitLang: boolean) => {
      reply.header('cache-control', `public, max-age=${maxAge}`);
      if (!explicitLang) reply.header('vary', 'accept-language');
    };

    app.get('/shares/:token/poster.png', {
      schema: { tags: ['sharing'], summary: 'The share poster: 750×1334 PNG with the sharer, picture, price, live state, call to action and QR code, in the shopper’s language', params: TokenParams, querystring: PosterQuery },
    }, async (req, reply) => {
      const { lang } = posterRequest(req);
      const { png, maxAge } = await sharing.renderPoster(req.params.token, options.publicUrl ?? publicBaseUrl(req), lang);
      reply.header('content-type', 'image/png');
      posterHeaders(reply, maxAge, !!req.query.lang);
      reply.header('content-disposition', 'inline; filename="poster.png"');
      return reply.send(png);
    });

    app.get('/shares/:token/poster.svg', {
      schema: { tags: ['sharing'], summary: 'The share poster as the SVG the PNG is rendered from (for print at any size; its text is set in Noto Sans SC)', params: TokenParams, querystring: PosterQuery },
    }, async (req, reply) => {
      const { lang } = posterRequest(req);
      const { svg, maxAge } = await sharing.posterSvg(req.params.token, options.publicUrl ?? publicBaseUrl(req), lang);
      reply.header('content-type', 'image/svg+xml; charset=utf-8');
      posterHeaders(reply, maxAge, !!req.query.lang);
      // An SVG opened directly is a document: no scripts (there are none; escaping keeps it so).
      reply.header('content-security-policy', "default-src 'none'; img-src data:; style-src 'unsafe-inline'");
      reply.header('content-disposition', 'inline; filename="poster.svg"');
      return reply.send(svg);
    });

    app.get('/me/shares', {
      schema: { tags: ['sharing'], summary: 'My shares with their clicks, visitors, sign-ups and orders', querystring: Type.Object({ ...PageQuery }), response: { 200: Page(MyShareSchema) } },
    }, async (req) => sharing.listMyShares(requireUser(req).id, { cursor: req.query.cursor, limit: req.query.limit ?? 20 }));
  };
}

/** Under /api/v1/admin (the operator role is enforced there). */
export function sharingAdminRoutes(sharing: SharingService & { admin: SharingAdmin }) {
  return async function (app: App) {
    app.get('/shares/stats', {
      schema: {
        tags: ['admin', 'sharing'],
        summary: 'Shares, clicks, visitors and attributed sign-ups, orders and GMV (last touch), by channel',
        querystring: Type.Object({
          campaignId: Type.Optional(CampaignId),
          targetType: Type.Optional(TargetType),
          targetId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
          from: Type.Optional(Timestamp),
          to: Type.Optional(Timestamp),
        }),
        response: { 200: StatsSchema },
      },
    }, async (req) => {
      const q = req.query as { campaignId?: string; targetType?: string; targetId?: string; from?: string; to?: string };
      return sharing.stats({ campaignId: q.campaignId, targetType: q.targetType, targetId: q.targetId, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined });
    });

    app.get('/shares', {
      schema: {
        tags: ['admin', 'sharing'],
        summary: 'Root shares (cascade origins) with their cascade sizes and clicks, the sharer, target and campaign named, newest first',
        querystring: Type.Object({ campaignId: Type.Optional(CampaignId), ...PageQuery }),
        response: { 200: Page(Type.Intersect([RootSchema, Type.Object({ sharer: PersonSchema, targetCard: TargetCardSchema, campaign: Nullable(CampaignCardSchema), clicks: Type.Integer({ description: 'clicks on any share of the cascade, the sharers\' own excepted' }) })])) },
      },
    }, async (req) => sharing.admin.listRootsForOperators({ campaignId: req.query.campaignId, cursor: req.query.cursor, limit: req.query.limit ?? 20 }));

    app.get('/shares/:id/cascade', {
      schema: {
        tags: ['admin', 'sharing'],
        summary: 'The cascade tree a share belongs to, from its root, with size, depth, breadth and structural virality; sharers, target and campaign named',
        params: Type.Object({ id: Uuid }),
        response: { 200: CascadeSchema },
      },
    }, async (req) => sharing.admin.getCascadeForOperators(req.params.id));
  };
}
