// Everything a module needs from the platform, built once per process (or per test) and passed
// down: no module-level singletons.
import { RecentOrigins } from './request-scope.ts';
import pino, { type DestinationStream, type Logger } from 'pino';
import { randomBytes } from 'node:crypto';
import type { Config } from '../config.ts';
import type { Clock } from './clock.ts';
import { systemClock } from './clock.ts';
import type { Kysely } from 'kysely';
import type { DatabaseHandle, DB } from './db.ts';
import { EventDispatcher, type EventDefinition } from './events.ts';
import { createLocalBus, type InvalidationBus } from './invalidation.ts';
import { JobRunner } from './jobs.ts';
import { redactSecrets, scrubError } from './log-safety.ts';
import type { Redis } from './redis.ts';
import { Settings } from './settings.ts';
import { createPiiCipher, loadPiiKeys, type PiiCipher } from './pii.ts';
import { PersonalDataRegistry } from './personal-data.ts';
import { platformTables } from './platform.table.ts';
import type { AnyExecutor, TableSet } from './tables.ts';

/** The platform's services without a database handle: what routes and platform helpers take. */
export interface PlatformServices {
  config: Config;
  clock: Clock;
  log: Logger;
  events: EventDispatcher;
  jobs: JobRunner;
  redis: Redis | null;
  settings: Settings;
  /** Tells in-process caches (this process's and, when connected, the others') what changed. */
  invalidation: InvalidationBus;
  /** Signs sessions-adjacent tokens and webhooks. */
  secret: string;
  /** Seals personal data at rest and makes its blind indexes (platform/pii.ts). */
  pii: PiiCipher;
  /** Each module's declared personal data, for export and erasure (platform/personal-data.ts). */
  personalData: PersonalDataRegistry;
  /** Where each signed-in person's latest write came from (platform/request-scope.ts). */
  origins: RecentOrigins;
}

/** What a module's service is built from: the platform's services and a pool that sees the module's own tables only. */
export interface ModulePlatform<T> extends PlatformServices {
  db: Kysely<T>;
  /** The read replica's pool (ANALYTICS_DATABASE_URL), seeing the same tables; absent without one. Read-only: reports. */
  replicaDb?: Kysely<T>;
}

/** The whole platform, at the composition root (runtime, app, CLI, demo seed, tests): its pool sees every table. */
export interface Platform extends PlatformServices {
  db: DB;
  database: DatabaseHandle;
  /** A read replica of `database` for report queries (ANALYTICS_DATABASE_URL), or null. */
  readReplica: DatabaseHandle | null;
}

/** The platform as one module sees it (src/services.ts hands each module this). */
export function modulePlatform<T>(platform: Platform, tables: TableSet<T>): ModulePlatform<T> {
  const { db, database: _database, readReplica, ...services } = platform;
  return { ...services, db: tables.of(db), ...(readReplica ? { replicaDb: tables.of(readReplica.db) } : {}) };
}

export interface PlatformOptions {
  config: Config;
  database: DatabaseHandle;
  /** A read replica of `database` for report queries; the caller opens and closes it. */
  readReplica?: DatabaseHandle | null;
  /** Every module's declared events (the event catalog). */
  events?: readonly EventDefinition[];
  clock?: Clock;
  log?: Logger;
  redis?: Redis | null;
  /** Defaults to a bus local to this process. */
  invalidation?: InvalidationBus;
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
export async function loadSecret(handle: AnyExecutor, config: Config, now: Date): Promise<string> {
  if (config.secret) return config.secret;
  const db = platformTables.of(handle);
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
  // The platform's own machinery sees the platform's tables; the whole pool is for the composition root.
  const db = platformTables.of(options.database.db);
  const invalidation = options.invalidation ?? createLocalBus(log);
  return {
    config: options.config,
    db: options.database.db,
    database: options.database,
    readReplica: options.readReplica ?? null,
    clock,
    log,
    events: new EventDispatcher(db, clock, log, options.events ?? []),
    jobs: new JobRunner(db, clock, log),
    redis: options.redis ?? null,
    settings: new Settings(db, invalidation, options.config.caches.maxAgeMs, () => clock.now().getTime()),
    invalidation,

    secret: await loadSecret(db, options.config, clock.now()),
    pii: createPiiCipher(await loadPiiKeys(db, options.config.pii, clock.now())),
    personalData: new PersonalDataRegistry(),
    origins: new RecentOrigins(),
  };
}
