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
import { settingsAdminRoutes } from './platform/settings.routes.ts';
import { moduleList } from './modules.ts';
import { isApiKeyToken } from './modules/integrations/index.ts';
import { registerScopeCheck } from './platform/scopes.ts';
import { registerRequestOrigins } from './platform/request-scope.ts';
import { registerSecurityHeaders } from './platform/security-headers.ts';
import { pickServices } from './services.ts';
import type { ModuleRoutes } from './platform/module.ts';

const HealthSchema = Type.Object({ status: Type.String(), database: Type.Object({ kind: Type.String(), ok: Type.Boolean() }), redis: Type.Optional(Type.Object({ ok: Type.Boolean() })) });

export interface AppDeps {
  platform: Platform;
  services: Services;
}

export async function buildApp({ platform, services }: AppDeps): Promise<App> {
  const { config } = platform;
  const app = createHttpServer(platform.log, config);

  await app.register(cookie, { secret: platform.secret });
  // Security headers. The storefront, the console and /docs load only their own files (Vite emits no
  // inline script); ECharts' tooltips and React's style props set style attributes, hence
  // style-src-attr only; product images may be https URLs, QR codes data: URLs. Framing stays
  // refused (DENY).
  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        styleSrcAttr: ["'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    frameguard: { action: 'deny' },
    // The full path stays on this site; other sites see only the origin (share attribution).
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // HSTS only over HTTPS, as the edge decides it (platform/edge.ts: a trusted proxy's
    // X-Forwarded-Proto or TLS here); helmet would send it on plain HTTP too.
    strictTransportSecurity: false,
  });
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
  // Swagger UI adds a <style> element at run time: /docs alone allows inline styles.
  await app.register(swaggerUi, { routePrefix: '/docs', transformStaticCSP: (header) => header.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'") });
  // Integrators' API keys (`fsk_…`) and sessions share the Authorization header; a key's scopes
  // are checked against the route's declared scope right after.
  registerAuth(app, (token) => (isApiKeyToken(token) ? services.integrations.apiKeys.resolveApiKey(token) : services.identity.resolveSession(token)));
  registerScopeCheck(app);
  registerRequestOrigins(app, platform.origins);

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

  // Each module's routes, built once all services exist; mounted at /, /api/v1 or /api/v1/admin.
  const services_ = services as unknown as Record<string, unknown>;
  const routes: ModuleRoutes[] = moduleList.map((m) => m.routes?.(services_[m.name], pickServices(services_, [...m.needs, ...m.routeNeeds], m.name), platform) ?? {});
  for (const r of routes) if (r.root) await app.register(r.root);
  await app.register(
    async (api: App) => {
      for (const r of routes) if (r.api) await api.register(r.api);
      await api.register(
        async (admin: App) => {
          admin.addHook('onRequest', requireRole('operator'));
          await admin.register(settingsAdminRoutes(platform));
          for (const r of routes) if (r.admin) await admin.register(r.admin);
        },
        { prefix: '/admin' },
      );
    },
    { prefix: '/api/v1' },
  );

  await app.register(webRoutes(config.webDist));

  return app;
}
