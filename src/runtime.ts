// Opening the database and wiring platform + services + HTTP app, shared by main, the CLI and tests.
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { buildApp } from './app.ts';
import { migrations } from './migrations.ts';
import type { Clock } from './platform/clock.ts';
import { createLogger, createPlatform, type Platform } from './platform/context.ts';
import { openPGlite, openPostgres, type DatabaseHandle } from './platform/db.ts';
import { migrateToLatest } from './platform/migrations.ts';
import { connectRedis, type Redis } from './platform/redis.ts';
import { createLocalBus, createPostgresBus, createRedisBus, type InvalidationBus } from './platform/invalidation.ts';
import { buildServices, type Services } from './services.ts';
import { eventCatalog } from './modules.ts';
import type { App } from './platform/http.ts';

export async function openDatabase(config: Config, log?: Logger): Promise<DatabaseHandle> {
  if (config.databaseUrl) return openPostgres({ connectionString: config.databaseUrl, max: config.pgPool, prepare: config.pgPrepare });
  return openPGlite({ dataDir: path.join(config.dataDir, 'pglite'), privateRoot: config.dataDir, log });
}

/**
 * The analytics reports' read replica (ANALYTICS_DATABASE_URL), on PostgreSQL only. A replica
 * refuses writes, so nothing but report queries is sent to it; it is never migrated from here.
 */
export function openReadReplica(config: Config, database: DatabaseHandle): DatabaseHandle | null {
  if (!config.analyticsDatabaseUrl || database.kind !== 'postgres') return null;
  return openPostgres({ connectionString: config.analyticsDatabaseUrl, max: 10, prepare: config.pgPrepare });
}

export interface Runtime {
  platform: Platform;
  services: Services;
  app: App;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  config: Config;
  database?: DatabaseHandle;
  clock?: Clock;
  log?: Logger;
  migrate?: boolean;
  /**
   * Tell other processes' caches what changed (Redis pub/sub when Redis is configured, else
   * PostgreSQL LISTEN/NOTIFY; PGlite has no other process). `fission start` turns it on.
   */
  crossProcess?: boolean;
}

export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { config } = options;
  const log = options.log ?? createLogger(config.logLevel);
  const database = options.database ?? (await openDatabase(config, log));
  let redis: Redis | null = null;
  let invalidation: InvalidationBus | null = null;
  let readReplica: DatabaseHandle | null = null;
  try {
    if (options.migrate !== false) await migrateToLatest(database.db, migrations);
    if (config.redisUrl) redis = await connectRedis(config.redisUrl);
    invalidation = !options.crossProcess
      ? createLocalBus(log)
      : redis
        ? await createRedisBus(redis, { log })
        : database.kind === 'postgres' && config.databaseUrl
          ? await createPostgresBus(config.databaseUrl, { log })
          : createLocalBus(log);
    readReplica = openReadReplica(config, database);
    const platform = await createPlatform({ config, database, readReplica, clock: options.clock, log, redis, events: eventCatalog, invalidation });
    const services = buildServices(platform);
    const app = await buildApp({ platform, services });
    return {
      platform,
      services,
      app,
      async close() {
        await platform.jobs.stop();
        await app.close();
        await platform.invalidation.close();
        redis?.disconnect();
        await readReplica?.close();
        await database.close();
      },
    };
  } catch (err) {
    await invalidation?.close();
    redis?.disconnect();
    await readReplica?.close();
    await database.close();
    throw err;
  }
}
