// What the server believes about where a request came from and which name it was sent to:
// forwarded headers only from trusted proxies (Fastify's trustProxy), the Host only when it is
// one we serve, absolute URLs only from configuration, HSTS once a request arrived over HTTPS.
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { DomainError } from './errors.ts';
import type { App } from './app.types.ts';

export type EdgeConfig = Pick<Config, 'trustProxy' | 'publicUrl' | 'allowedHosts' | 'production' | 'port'>;

export const DEFAULT_EDGE: EdgeConfig = { trustProxy: false, publicUrl: undefined, allowedHosts: [], production: false, port: 3000 };

export const HSTS = 'max-age=15552000; includeSubDomains';

declare module 'fastify' {
  interface FastifyInstance {
    edge: EdgeConfig;
  }
}

const hostOf = (url: string) => new URL(url).host.toLowerCase();

/** Hosts a request may be addressed to, and its Origin may name: the public URL's and the allow-list. */
export function knownHosts(edge: EdgeConfig): Set<string> {
  return new Set([...(edge.publicUrl ? [hostOf(edge.publicUrl)] : []), ...edge.allowedHosts]);
}

/**
 * The origin absolute links are built on (QR codes, emails). Never the Host a client sent unless
 * it is allowed: a forged Host would otherwise end up in a poster that caches publicly.
 */
export function publicBaseUrl(req: FastifyRequest): string {
  const edge = req.server.edge ?? DEFAULT_EDGE;
  if (edge.publicUrl) return edge.publicUrl.replace(/\/+$/, '');
  const host = req.host.toLowerCase();
  if (edge.allowedHosts.length) {
    return `${req.protocol}://${edge.allowedHosts.includes(host) ? host : edge.allowedHosts[0]}`;
  }
  return `http://localhost:${edge.port}`;
}

/** Hooks of the edge: decorate the settings, refuse unknown hosts in production, HSTS over HTTPS. */
export function registerEdge(app: App, edge: EdgeConfig): void {
  app.decorate('edge', edge);
  const hosts = knownHosts(edge);
  if (edge.production && edge.allowedHosts.length) {
    app.addHook('onRequest', async (req) => {
      // Health checks come from load balancers that address the server by its IP.
      if (req.url === '/health') return;
      if (!hosts.has(req.host.toLowerCase())) {
        throw new DomainError('validation', 'REQUEST_HOST_NOT_ALLOWED', 'This server does not answer for that host name', { host: req.host.slice(0, 255) });
      }
    });
  }
  app.addHook('onRequest', (req, reply, done) => {
    // req.protocol walks the trusted-proxy chain; only TLS here or a forwarded scheme can make it https.
    if (((req.raw.socket as { encrypted?: boolean } | null)?.encrypted || req.headers['x-forwarded-proto']) && req.protocol === 'https') reply.header('strict-transport-security', HSTS);
    done();
  });
}
