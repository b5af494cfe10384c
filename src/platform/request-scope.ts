// The request a piece of code runs for, without threading it through every service signature:
// risk reads the caller's device id, IP and user agent at the moment a reward is decided, however
// deep in a mechanic's service that happens. Read-only, and absent outside HTTP (jobs, consumers).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from './app.types.ts';

const scope = new AsyncLocalStorage<FastifyRequest>();

const enter = (req: FastifyRequest, _reply: FastifyReply, done: () => void) => scope.run(req, done);

/**
 * Entered on arrival and again once the body is parsed: a body arrives on the socket's own async
 * context, so what follows parsing would otherwise have lost the request.
 */
export function registerRequestScope(app: App): void {
  app.addHook('onRequest', enter);
  app.addHook('preValidation', enter);
}

/** The request being served, or null outside one. */
export function currentRequest(): FastifyRequest | null {
  return scope.getStore() ?? null;
}
