// The only reader of process.env: one validated object with defaults.
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PiiKeySource } from './platform/pii.ts';

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /**
   * ANALYTICS_DATABASE_URL: a read replica of DATABASE_URL that serves the analytics reports (long
   * scans kept off the primary). Ingestion and rollup writes stay on DATABASE_URL.
   */
  analyticsDatabaseUrl: string | undefined;
  dataDir: string;
  redisUrl: string | undefined;
  demo: boolean;
  /** Signing secret for sessions and webhooks; when absent it is generated and stored in the database. */
  secret: string | undefined;
  logLevel: string;
  /** argon2 cost: tests use cheaper parameters of the same function, never a fake. */
  argon2: { memoryCost: number; timeCost: number };
  /** Run the jobs runner and the outbox dispatcher inside the API process. */
  workers: boolean;
  publicUrl: string | undefined;
  /**
   * Which proxies' X-Forwarded-For/-Proto/-Host to believe: false (none, the client talks to us
   * directly), a hop count, or the proxies' addresses/CIDRs. Never "every client".
   */
  trustProxy: false | number | string[];
  /** Host names (with port when not 80/443) this server answers for; empty: any. */
  allowedHosts: string[];
  /** NODE_ENV=production: unknown hosts are refused. */
  production: boolean;
  /** The built web apps; FISSION_WEB_DIST lets a second build be served without touching web/dist. */
  webDist: string;
  /**
   * Rate limits (requests per minute) fixed by the environment. Each limit is a setting
   * (`rateLimits.<name>`, see platform/settings.ts); one given here wins over the setting. Tests
   * raise them through loadConfig's overrides; some lower one to see the 429.
   */
  rateLimits: Partial<Record<RateLimitName, number>>;
  /**
   * In-process read caches. `maxAgeMs` (FISSION_CACHE_MS): the longest a session or catalog copy
   * is served; changes reach every process at once through the invalidation bus, this is the
   * safety net; 0 turns the caches off. `stockDisplayMs` (FISSION_STOCK_DISPLAY_MS): how stale
   * shown stock and a flash item's sold-out flag may be (admission is always decided fresh).
   * `sessionMs` (FISSION_SESSION_CACHE_MS): the longest a verified session is served from memory;
   * every change that ends or narrows a session reaches every process through the bus, and a bus
   * that reconnects drops them all, so this safety net can be longer than the others.
   */
  caches: { maxAgeMs: number; stockDisplayMs: number; sessionMs: number };
  /** Named prepared statements on PostgreSQL (FISSION_PG_PREPARE, default on; off behind a pooler in transaction mode). */
  pgPrepare: boolean;
  /** Connections in each API process's PostgreSQL pool (FISSION_PG_POOL, default 20). */
  pgPool: number;
  /** API processes behind the port (FISSION_PROCESSES: a number, or `auto` for one per core). */
  processes: number;
  /** Where the key sealing personal data at rest comes from (platform/pii.ts); both unset: generated on first run and kept in settings. */
  pii: PiiKeySource;
}

/** FISSION_PII_KEY (`kid:secret` entries, current first) or FISSION_PII_KEY_FILE; read here as the only reader of the environment. */
export const piiKeySource = (env: NodeJS.ProcessEnv = process.env): PiiKeySource => ({ key: env.FISSION_PII_KEY || undefined, keyFile: env.FISSION_PII_KEY_FILE ? path.resolve(env.FISSION_PII_KEY_FILE) : undefined });

export const RATE_LIMIT_NAMES = ['authPerIp', 'ordersPerUser', 'ordersPerIp', 'flashsalePerUser', 'flashsalePerIp', 'shareLinkPerIp', 'eventsPerIp'] as const;
export type RateLimitName = (typeof RATE_LIMIT_NAMES)[number];

/** authPerIp → FISSION_RATE_LIMIT_AUTH_PER_IP */
export const rateLimitEnvName = (name: RateLimitName) => `FISSION_RATE_LIMIT_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;

export class ConfigError extends Error {}

const bool = (name: string, raw: string | undefined, dflt: boolean): boolean => {
  if (raw === undefined || raw === '') return dflt;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false (got "${raw}")`);
};

const int = (name: string, raw: string | undefined, dflt: number, min: number, max: number): number => {
  if (raw === undefined || raw === '') return dflt;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
  }
  return Number(raw);
};

const url = (name: string, raw: string | undefined, protocols: string[]): string | undefined => {
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL (got "${raw}")`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.map((p) => p + '//').join(' or ')} (got "${parsed.protocol}//")`);
  }
  return raw;
};

// proxy-addr's names for address ranges, accepted as they are.
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

const trustProxy = (raw: string | undefined): false | number | string[] => {
  if (raw === undefined || raw === '' || /^(0|false|no|off)$/i.test(raw)) return false;
  if (/^\d+$/.test(raw)) return int('FISSION_TRUST_PROXY', raw, 0, 1, 10);
  if (/^(1|true|yes|on)$/i.test(raw)) {
    throw new ConfigError('FISSION_TRUST_PROXY=true would believe forwarded headers from any client: give the number of proxies in front (1) or their addresses (10.0.0.0/8,127.0.0.1)');
  }
  const entries = raw.split(',').map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const version = isIP(address ?? '');
    const bitsOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (version === 6 ? 128 : 32));
    if (!PROXY_NAMES.has(entry) && (!version || !bitsOk || extra !== undefined)) {
      throw new ConfigError(`FISSION_TRUST_PROXY must be false, a hop count or a comma list of IP addresses and CIDRs (got "${entry}")`);
    }
  }
  return entries;
};

const hostList = (name: string, raw: string | undefined): string[] => {
  if (raw === undefined || raw === '') return [];
  return raw.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean).map((h) => {
    if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/.test(h)) throw new ConfigError(`${name} must be a comma list of host names, with a port when not 80/443 (got "${h}")`);
    return h;
  });
};

const rateLimitOverrides = (env: NodeJS.ProcessEnv): Partial<Record<RateLimitName, number>> => {
  const limits: Partial<Record<RateLimitName, number>> = {};
  for (const name of RATE_LIMIT_NAMES) {
    const variable = rateLimitEnvName(name);
    if (env[variable] !== undefined && env[variable] !== '') limits[name] = int(variable, env[variable], 0, 1, 1_000_000);
  }
  return limits;
};

const processCount = (raw: string | undefined): number => {
  if (raw === 'auto') return Math.max(1, availableParallelism());
  return int('FISSION_PROCESSES', raw, 1, 1, 64);
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const secret = env.FISSION_SECRET || undefined;
  if (secret !== undefined && secret.length < 32) {
    throw new ConfigError('FISSION_SECRET must be at least 32 characters (leave it unset to generate one on first run)');
  }
  const logLevel = env.LOG_LEVEL || 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "${logLevel}")`);
  }
  const cheap = env.NODE_ENV === 'test';
  const databaseUrl = url('DATABASE_URL', env.DATABASE_URL, ['postgres:', 'postgresql:']);
  const analyticsDatabaseUrl = url('ANALYTICS_DATABASE_URL', env.ANALYTICS_DATABASE_URL, ['postgres:', 'postgresql:']);
  if (analyticsDatabaseUrl && !databaseUrl) {
    throw new ConfigError('ANALYTICS_DATABASE_URL is a read replica of DATABASE_URL: set DATABASE_URL too (PGlite has no replicas)');
  }
  return {
    port: int('PORT', env.PORT, 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    databaseUrl,
    analyticsDatabaseUrl,
    dataDir: path.resolve(env.FISSION_DATA_DIR || './data'),
    redisUrl: url('REDIS_URL', env.REDIS_URL, ['redis:', 'rediss:']),
    demo: bool('FISSION_DEMO', env.FISSION_DEMO, true),
    secret,
    logLevel,
    argon2: cheap ? { memoryCost: 1024, timeCost: 1 } : { memoryCost: 19456, timeCost: 2 },
    workers: bool('FISSION_WORKERS', env.FISSION_WORKERS, true),
    publicUrl: url('FISSION_PUBLIC_URL', env.FISSION_PUBLIC_URL, ['http:', 'https:']),
    trustProxy: trustProxy(env.FISSION_TRUST_PROXY),
    allowedHosts: hostList('FISSION_ALLOWED_HOSTS', env.FISSION_ALLOWED_HOSTS),
    production: env.NODE_ENV === 'production',
    webDist: path.resolve(env.FISSION_WEB_DIST || WEB_DIST),
    rateLimits: rateLimitOverrides(env),
    caches: {
      maxAgeMs: int('FISSION_CACHE_MS', env.FISSION_CACHE_MS, 5000, 0, 3_600_000),
      stockDisplayMs: int('FISSION_STOCK_DISPLAY_MS', env.FISSION_STOCK_DISPLAY_MS, 1000, 0, 60_000),
      // FISSION_CACHE_MS=0 (every cache off) turns this one off too unless it is set itself.
      sessionMs: int('FISSION_SESSION_CACHE_MS', env.FISSION_SESSION_CACHE_MS, env.FISSION_CACHE_MS === '0' ? 0 : 60_000, 0, 3_600_000),
    },
    pgPrepare: bool('FISSION_PG_PREPARE', env.FISSION_PG_PREPARE, true),
    pgPool: int('FISSION_PG_POOL', env.FISSION_PG_POOL, 20, 1, 500),
    processes: processCount(env.FISSION_PROCESSES),
    pii: piiKeySource(env),
    ...overrides,
  };
}
