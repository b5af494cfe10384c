// buildApp(): platform plugins + every module's routes. Listening is main.ts's job.
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { sql } from 'kysely';
import type { Platform } from './platform/context.ts';
import { registerAuth, requireRole } from './platform/auth.ts';
import { createHttpServer, type App } from './platform/http.ts';
import { registerRateLimits } from './platform/rate-limits.ts';
import { webRoutes } from './platform/web.ts';
import { Type } from './platform/schema.ts';
import type { Services } from './services.ts';
import { identityAdminRoutes, identityRoutes } from './modules/identity/index.ts';
import { catalogAdminRoutes, catalogRoutes, mediaRoutes } from './modules/catalog/index.ts';
import { inventoryAdminRoutes } from './modules/inventory/index.ts';
import { checkoutRoutes } from './modules/checkout/index.ts';
import { ordersAdminRoutes, ordersRoutes } from './modules/orders/index.ts';
import { paymentsAdminRoutes, paymentsRoutes } from './modules/payments/index.ts';
import { aftersalesAdminRoutes, aftersalesRoutes } from './modules/aftersales/index.ts';
import { shareLinkRoutes, sharingAdminRoutes, sharingRoutes } from './modules/sharing/index.ts';
import { couponsAdminRoutes, couponsRoutes } from './modules/coupons/index.ts';
import { loyaltyAdminRoutes, loyaltyRoutes } from './modules/loyalty/index.ts';
import { settingsAdminRoutes } from './platform/settings.routes.ts';
import { referralAdminRoutes, referralRoutes } from './modules/referral/index.ts';
import { lotteryAdminRoutes, lotteryRoutes } from './modules/lottery/index.ts';
import { bargainAdminRoutes, bargainRoutes } from './modules/bargain/index.ts';
import { flashsaleAdminRoutes, flashsaleRoutes } from './modules/flashsale/index.ts';
import { affiliateAdminRoutes, affiliateRoutes } from './modules/affiliate/index.ts';
import { groupbuyAdminRoutes, groupbuyRoutes } from './modules/groupbuy/index.ts';
import { analyticsAdminRoutes } from './modules/analytics/index.ts';

const HealthSchema = Type.Object({ status: Type.String(), database: Type.Object({ kind: Type.String(), ok: Type.Boolean() }), redis: Type.Optional(Type.Object({ ok: Type.Boolean() })) });

export interface AppDeps {
  platform: Platform;
  services: Services;
}

export async function buildApp({ platform, services }: AppDeps): Promise<App> {
  const app = createHttpServer(platform.log);
  const { config } = platform;

  await app.register(cookie, { secret: platform.secret });
  await registerRateLimits(app, platform.redis);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Fission API', version: '0.1.0', description: 'Social commerce with fission marketing. Money is { amount, currency } in minor units (fen). Errors are { error: { code, message, details } }.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'fission_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  registerAuth(app, services.identity.resolveSession);

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/health', {
    schema: {
      tags: ['platform'],
      summary: 'Liveness and dependencies',
      response: { 200: HealthSchema, 503: HealthSchema },
    },
  }, async (_req, reply) => {
    const database = { kind: platform.database.kind, ok: await sql`select 1`.execute(platform.db).then(() => true, () => false) };
    const redis = platform.redis ? { ok: await platform.redis.ping().then(() => true, () => false) } : undefined;
    const ok = database.ok && (redis?.ok ?? true);
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', database, ...(redis ? { redis } : {}) });
  });

  await app.register(mediaRoutes(services.catalog));
  await app.register(shareLinkRoutes(services.sharing));

  await app.register(
    async (api: App) => {
      await api.register(identityRoutes(services.identity, config.rateLimits.authPerIp));
      await api.register(catalogRoutes(services.catalog));
      await api.register(checkoutRoutes(services.checkout));
      await api.register(ordersRoutes(services.orders, services.placeOrder, { perIp: config.rateLimits.ordersPerIp, perUser: config.rateLimits.ordersPerUser }));
      await api.register(paymentsRoutes(services.payments));
      await api.register(aftersalesRoutes(services.aftersales));
      await api.register(referralRoutes(services.referral));
      await api.register(affiliateRoutes(services.affiliate));
      await api.register(sharingRoutes(services.sharing, { publicUrl: config.publicUrl }));
      await api.register(couponsRoutes(services.coupons));
      await api.register(loyaltyRoutes(services.loyalty));
      await api.register(lotteryRoutes(services.lottery));
      await api.register(bargainRoutes(services.bargain));
      await api.register(flashsaleRoutes(services.flashsale, { perIp: config.rateLimits.flashsalePerIp, perUser: config.rateLimits.flashsalePerUser }));
      await api.register(groupbuyRoutes(services.groupbuy));
      await api.register(
        async (admin: App) => {
          admin.addHook('onRequest', requireRole('operator'));
          await admin.register(identityAdminRoutes(services.identity));
          await admin.register(catalogAdminRoutes(services.catalog));
          await admin.register(inventoryAdminRoutes(services.inventory, { describeSkus: services.catalog.describeSkus }));
          await admin.register(ordersAdminRoutes(services.orders, { orderFinance: services.payments.listForOrder }));
          await admin.register(paymentsAdminRoutes(services.payments));
          await admin.register(aftersalesAdminRoutes(services.aftersales));
          await admin.register(sharingAdminRoutes(services.sharing));
          await admin.register(couponsAdminRoutes(services.coupons));
          await admin.register(loyaltyAdminRoutes(services.loyalty));
          await admin.register(settingsAdminRoutes(platform));
          await admin.register(referralAdminRoutes(services.referral));
          await admin.register(lotteryAdminRoutes(services.lottery));
          await admin.register(bargainAdminRoutes(services.bargain));
          await admin.register(flashsaleAdminRoutes(services.flashsale));
          await admin.register(affiliateAdminRoutes(services.affiliate));
          await admin.register(groupbuyAdminRoutes(services.groupbuy));
          await admin.register(analyticsAdminRoutes(services.analytics));
        },
        { prefix: '/admin' },
      );
    },
    { prefix: '/api/v1' },
  );

  await app.register(webRoutes(config.webDist));

  return app;
}
