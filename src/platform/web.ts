// Serves the built web apps (web/dist) from the API server: hashed assets cached for a year, the
// storefront's index.html for every other page path and the console's for /admin/*, so deep links
// and share-link redirects (/groupbuy/teams/{id}) open the right screen. API-looking paths keep
// the JSON 404.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { App } from './http.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BUILD_SCRIPT = path.join(ROOT, 'scripts/build-web.mjs');
const DEFAULT_DIST = path.join(ROOT, 'web/dist');
const NOT_PAGES = /^\/(api|media|s|docs|openapi\.json|health|assets)(\/|$)/;

export const webIsBuilt = (dist: string) => fs.existsSync(path.join(dist, 'index.html')) && fs.existsSync(path.join(dist, 'admin', 'index.html'));

export function webRoutes(dist: string) {
  return async function (app: App) {
    if (!webIsBuilt(dist)) {
      app.log.warn(`web apps not built (${dist} is missing): run "npm run build:web"; the API still works`);
      return;
    }
    await app.register(fastifyStatic, {
      root: path.join(dist, 'assets'),
      prefix: '/assets/',
      immutable: true,
      maxAge: '365d',
      index: false,
    });
    // A page names the hashed assets of one build: it must be asked for again after every deploy.
    // (sendFile would otherwise apply the assets' year-long immutable caching to it as well.)
    const sendPage = (reply: any, file: string) => {
      reply.header('cache-control', 'no-cache');
      return reply.sendFile(file, dist, { cacheControl: false });
    };
    const page = (file: string) => async (_req: unknown, reply: any) => sendPage(reply, file);
    // The console's component library (Ant Design) injects its styles as <style> elements at run
    // time. Rather than allow every inline style, each console page gets a fresh nonce: in its
    // CSP and in a <meta> the console hands to antd, so only the styles it injects apply.
    const consoleHtml = fs.readFileSync(path.join(dist, 'admin', 'index.html'), 'utf8');
    const consolePage = async (_req: unknown, reply: any) => {
      const nonce = randomBytes(16).toString('base64');
      const csp = String(reply.getHeader('content-security-policy') ?? '');
      reply.header('content-security-policy', csp.replace(/style-src 'self'(?=;|$)/, `style-src 'self' 'nonce-${nonce}'`));
      reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8');
      return consoleHtml.replace('<head>', `<head><meta name="csp-nonce" content="${nonce}">`);
    };
    app.get('/', { schema: { hide: true } }, page('index.html'));
    app.get('/admin', { schema: { hide: true } }, consolePage);
    app.get('/admin/*', { schema: { hide: true } }, consolePage);
    app.get('/*', { schema: { hide: true } }, async (req, reply) => {
      const pathname = req.url.split('?')[0];
      if (NOT_PAGES.test(pathname) || path.extname(pathname)) return reply.callNotFound();
      return sendPage(reply, 'index.html');
    });
  };
}

/** `npm ci` builds the web apps (prepare); a checkout started without it builds them on first start. */
export function ensureWebBuilt(dist: string): void {
  if (webIsBuilt(dist)) return;
  if (dist !== DEFAULT_DIST) {
    // The build script writes web/dist; a FISSION_WEB_DIST elsewhere is someone else's build to make.
    process.stderr.write(`FISSION_WEB_DIST=${dist} holds no web build: the API will run without the web apps\n`);
    return;
  }
  process.stdout.write('Building the storefront and console (first start)...\n');
  const r = spawnSync(process.execPath, [BUILD_SCRIPT], { stdio: 'inherit' });
  if (r.status !== 0) process.stderr.write('web build failed: the API will run without the web apps\n');
}
