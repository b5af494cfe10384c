// The Fastify instance every route hangs off: strict body validation, one error shape.
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { Logger } from 'pino';
import { DEFAULT_EDGE, registerEdge, type EdgeConfig } from './edge.ts';
import { DomainError } from './errors.ts';
import { newId } from './ids.ts';
import { registerInputChecks } from './input.ts';
import { scrubError } from './log-safety.ts';

import type { App } from './app.types.ts';

export type { App } from './app.types.ts';

export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

export const errorBody = (code: string, message: string, details?: Record<string, unknown>): ErrorBody => ({
  error: { code, message, ...(details && Object.keys(details).length ? { details } : {}) },
});

function makeAjv(coerce: boolean) {
  const ajv = new Ajv({
    coerceTypes: coerce ? 'array' : false,
    useDefaults: true,
    removeAdditional: false,
    allErrors: false,
    strict: false,
  });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  return ajv;
}

// Fastify's own errors, by code, as (status, our code).
const FRAMEWORK: Record<string, [number, string, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'BAD_JSON', 'The request body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'BAD_JSON', 'The request body is empty but Content-Type says JSON'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'BODY_TOO_LARGE', 'The request body is too large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE', 'Send JSON with Content-Type: application/json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'BAD_REQUEST', 'Content-Length does not match the body'],
  FST_ERR_BAD_URL: [400, 'BAD_URL', 'The URL is malformed'],
  FST_ERR_ASYNC_CONSTRAINT: [400, 'BAD_REQUEST', 'The request could not be routed'],
};

/**
 * A hop count: the nearest `hops` addresses of the chain are proxies. Fastify now treats a bare
 * number as "trust nothing" because it cannot check the peer; it is right only when the server
 * cannot be reached except through exactly that many proxies, which is what the setting asserts.
 */
const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

/**
 * `edge` is the part of the configuration about proxies and host names (the whole Config fits);
 * without it nothing forwarded is believed and links are built on http://localhost:3000.
 */
export function createHttpServer(logger: Logger, edgeConfig: EdgeConfig = DEFAULT_EDGE, options: FastifyServerOptions = {}): App {
  const edge: EdgeConfig = { trustProxy: edgeConfig.trustProxy, publicUrl: edgeConfig.publicUrl, allowedHosts: edgeConfig.allowedHosts, production: edgeConfig.production, port: edgeConfig.port };
  const bodyAjv = makeAjv(false);
  const queryAjv = makeAjv(true);
  const app = Fastify({
    loggerInstance: logger,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : newId();
    },
    requestIdHeader: false,
    bodyLimit: 256 * 1024,
    routerOptions: { maxParamLength: 200 },
    // X-Forwarded-* only from the configured proxies: a client that could set them would pick
    // its own IP (and so dodge per-IP limits) and turn the cookie's Secure flag off.
    trustProxy: typeof edge.trustProxy === 'number' ? trustHops(edge.trustProxy) : edge.trustProxy,
    // One line per request is written in onResponse instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    ...options,
    frameworkErrors(err, req, reply) {
      const known = FRAMEWORK[err.code];
      (reply as any).status(known?.[0] ?? 400).send(errorBody(known?.[1] ?? 'BAD_REQUEST', known?.[2] ?? 'The request is malformed'));
    },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;

  // Bodies are validated without coercion ("5" is not 5); query strings and params may coerce.
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? bodyAjv : queryAjv).compile(schema as object));

  registerEdge(app, edge);
  registerInputChecks(app);

  // Set before the handler, so that early answers carry it too and a route may not lose it; the
  // other headers every answer carries are platform/security-headers.ts's.
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    done();
  });

  app.addHook('onResponse', (req, reply, done) => {
    req.log.info({ method: req.method, url: req.url.split('?')[0], status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
    done();
  });

  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send(errorBody('ROUTE_NOT_FOUND', `No route for ${req.method} ${req.url.split('?')[0]}`));
  });

  app.setErrorHandler((err: FastifyError & { details?: unknown }, req, reply) => {
    if (err instanceof DomainError) {
      return reply.status(err.status).send(errorBody(err.code, err.message, err.details));
    }
    if (err.validation) {
      const first = err.validation[0];
      const where = err.validationContext ?? 'request';
      const field = (first?.instancePath || '').replace(/^\//, '').replaceAll('/', '.') ||
        (first?.params as { missingProperty?: string; additionalProperty?: string })?.missingProperty ||
        (first?.params as { additionalProperty?: string })?.additionalProperty || '';
      const message = `${where}${field ? '.' + field : ''} ${first?.message ?? 'is invalid'}`;
      return reply.status(400).send(errorBody('VALIDATION_FAILED', message, { where, field, errors: err.validation.slice(0, 5).map((v) => ({ path: v.instancePath, message: v.message, params: v.params })) }));
    }
    const known = FRAMEWORK[err.code];
    if (known) return reply.status(known[0]).send(errorBody(known[1], known[2]));
    if (err.statusCode === 429) {
      return reply.status(429).send(errorBody('RATE_LIMITED', 'Too many requests; slow down and try again shortly', (err as any).details ?? {}));
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send(errorBody(err.code?.replace(/^FST_ERR_/, '') || 'BAD_REQUEST', err.message));
    }
    // Database errors carry the statement and its bound values (emails, password hashes, tokens).
    req.log.error({ err: scrubError(err) }, 'unhandled error');
    return reply.status(500).send(errorBody('INTERNAL', 'Something went wrong on our side; the request id identifies it in the logs', { requestId: req.id }));
  });

  return app;
}
