// Where a signed-in person's latest request came from (device, IP, browser), so that a decision
// taken while serving it — risk scoring a coupon claim deep in a mechanic's service — sees it
// without threading the request through every service signature. Kept per process, per user, for
// a few seconds, and only for requests that change something: a map write, where carrying the
// request through every await (AsyncLocalStorage) cost a fifth of a cheap request's throughput on
// Node 20 and a reader outside a request (a job, a consumer) could not tell the two apart anyway.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from './app.types.ts';
import { deviceIdOf, visitorIdOf } from './visitor.ts';

export interface RequestOrigin {
  deviceId: string | null;
  ip: string | null;
  userAgent: string | null;
}

/** How long a request's origin stands for its user's decisions. */
export const ORIGIN_TTL_MS = 10_000;
const MAX_USERS = 50_000;

export class RecentOrigins {
  private readonly byUser = new Map<string, RequestOrigin & { at: number }>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  record(userId: string, origin: RequestOrigin): void {
    this.byUser.delete(userId);
    this.byUser.set(userId, { ...origin, at: this.now() });
    if (this.byUser.size > MAX_USERS) this.byUser.delete(this.byUser.keys().next().value!);
  }

  /** The origin of this user's request being served (or of one a moment ago), else null. */
  latest(userId: string): RequestOrigin | null {
    const seen = this.byUser.get(userId);
    if (!seen || this.now() - seen.at > ORIGIN_TTL_MS) return null;
    return { deviceId: seen.deviceId, ip: seen.ip, userAgent: seen.userAgent };
  }
}

export const originOf = (req: FastifyRequest): RequestOrigin => ({
  deviceId: deviceIdOf(req) ?? visitorIdOf(req),
  ip: req.ip ?? null,
  userAgent: (req.headers['user-agent'] as string | undefined)?.slice(0, 300) ?? null,
});

/** After authentication: remember where each signed-in person's writes come from. */
export function registerRequestOrigins(app: App, origins: RecentOrigins): void {
  app.addHook('preHandler', (req: FastifyRequest, _reply: FastifyReply, done: () => void) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.user) origins.record(req.user.id, originOf(req));
    done();
  });
}
