// The only reader of process.env: one validated object with defaults.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
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
  /** The built web apps; FISSION_WEB_DIST lets a second build be served without touching web/dist. */
  webDist: string;
  /** Requests per minute. Tests raise them; one test lowers them to see the 429. */
  rateLimits: { authPerIp: number; ordersPerUser: number; ordersPerIp: number; flashsalePerUser: number; flashsalePerIp: number };
}

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
  return {
    port: int('PORT', env.PORT, 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    databaseUrl: url('DATABASE_URL', env.DATABASE_URL, ['postgres:', 'postgresql:']),
    dataDir: path.resolve(env.FISSION_DATA_DIR || './data'),
    redisUrl: url('REDIS_URL', env.REDIS_URL, ['redis:', 'rediss:']),
    demo: bool('FISSION_DEMO', env.FISSION_DEMO, true),
    secret,
    logLevel,
    argon2: cheap ? { memoryCost: 1024, timeCost: 1 } : { memoryCost: 19456, timeCost: 2 },
    workers: bool('FISSION_WORKERS', env.FISSION_WORKERS, true),
    publicUrl: url('FISSION_PUBLIC_URL', env.FISSION_PUBLIC_URL, ['http:', 'https:']),
    webDist: path.resolve(env.FISSION_WEB_DIST || WEB_DIST),
    rateLimits: { authPerIp: 30, ordersPerUser: 30, ordersPerIp: 300, flashsalePerUser: 20, flashsalePerIp: 600 },
    ...overrides,
  };
}
