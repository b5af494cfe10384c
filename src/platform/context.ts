// Everything a module needs from the platform, built once per process (or per test) and passed
// down: no module-level singletons.
import pino, { type DestinationStream, type Logger } from 'pino';
import { randomBytes } from 'node:crypto';
import type { Config } from '../config.ts';
import type { Clock } from './clock.ts';
import { systemClock } from './clock.ts';
import type { DatabaseHandle, DB } from './db.ts';
import { EventDispatcher, type EventDefinition } from './events.ts';
import { JobRunner } from './jobs.ts';
import { redactSecrets, scrubError } from './log-safety.ts';
import type { Redis } from './redis.ts';
import { Settings } from './settings.ts';

export interface Platform {
  config: Config;
  db: DB;
  database: DatabaseHandle;
  clock: Clock;
  log: Logger;
  events: EventDispatcher;
  jobs: JobRunner;
  redis: Redis | null;
  settings: Settings;
  /** Signs sessions-adjacent tokens and webhooks. */
  secret: string;
}

export interface PlatformOptions {
  config: Config;
  database: DatabaseHandle;
  /** Every module's declared events (the event catalog). */
  events?: readonly EventDefinition[];
  clock?: Clock;
  log?: Logger;
  redis?: Redis | null;
}

/**
 * Secrets are redacted by key wherever they sit (see log-safety.ts) and logged errors lose their SQL
 * statement and bound values. `destination` lets a test read what would have been written.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { log: (object: Record<string, unknown>) => redactSecrets(object) },
    serializers: { err: (err: unknown) => pino.stdSerializers.err(scrubError(err) as Error) },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** The signing secret: FISSION_SECRET if set, else the one generated on first run and kept in settings. */
export async function loadSecret(db: DB, config: Config, now: Date): Promise<string> {
  if (config.secret) return config.secret;
  const existing = await db.selectFrom('settings').select('value').where('key', '=', 'platform.secret').executeTakeFirst();
  if (existing) return existing.value as string;
  const generated = randomBytes(32).toString('base64url');
  await db
    .insertInto('settings')
    .values({ key: 'platform.secret', value: JSON.stringify(generated), updated_at: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'platform.secret').executeTakeFirstOrThrow();
  return row.value as string;
}

export async function createPlatform(options: PlatformOptions): Promise<Platform> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createLogger(options.config.logLevel);
  const db = options.database.db;
  return {
    config: options.config,
    db,
    database: options.database,
    clock,
    log,
    events: new EventDispatcher(db, clock, log, options.events ?? []),
    jobs: new JobRunner(db, clock, log),
    redis: options.redis ?? null,
    settings: new Settings(db),
    secret: await loadSecret(db, options.config, clock.now()),
  };
}
