// One Kysely over either embedded PGlite (data in a directory) or PostgreSQL (DATABASE_URL).
// int8 and numeric come back as JS numbers on both, so money code sees one shape.
import path from 'node:path';
import { PGlite, types } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { preparePrivateDirectory, type DirectoryNotice } from './data-dir.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import { withPreparedStatements } from './pg-prepared.ts';
import type { PlatformTables } from './platform.table.ts';

/**
 * The whole database's table types. Platform declares its own tables here; each module adds its
 * tables from its `*.table.ts` by interface merging (`declare module '.../platform/db.ts'`), so
 * the platform never imports a module. Only the composition root (runtime, app, CLI, demo seed,
 * tests) holds a handle on all of it; modules and the platform see their own tables (tables.ts).
 */
export interface Database extends PlatformTables {}

export type DB = Kysely<Database>;

export interface DatabaseHandle {
  db: DB;
  kind: 'pglite' | 'postgres';
  /** Human description for logs, without credentials. */
  describe: string;
  close(): Promise<void>;
  /** PGlite only: a gzipped tarball of the data directory (tests clone it per file). */
  dump?: () => Promise<Blob>;
}

const toNumber = (value: string | null) => (value === null ? null : Number(value));

export interface PGliteOptions {
  dataDir?: string; // undefined: in memory
  loadDataDir?: Blob;
  /** The directory that holds dataDir and everything else the product writes (FISSION_DATA_DIR): kept private too. */
  privateRoot?: string;
  /** Where to say that a loose directory was tightened. */
  log?: DirectoryNotice;
}

export async function openPGlite(options: PGliteOptions): Promise<DatabaseHandle> {
  if (options.privateRoot) preparePrivateDirectory(options.privateRoot, options.log);
  if (options.dataDir) preparePrivateDirectory(options.dataDir, options.log);
  const client = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: { [types.INT8]: toNumber, [types.NUMERIC]: toNumber },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  let closed = false;
  return {
    db,
    kind: 'pglite',
    describe: options.dataDir ? `PGlite at ${path.relative(process.cwd(), options.dataDir) || '.'}` : 'PGlite in memory',
    dump: async () => (await client.dumpDataDir('gzip')) as Blob,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

export interface PostgresOptions {
  connectionString: string;
  max?: number;
  /** Schema to put first on the search_path (tests isolate files by schema). */
  schema?: string;
  /** Server settings for every connection of the pool (`-c name=value`). */
  settings?: Record<string, string>;
  /** Name the statements that repeat, so the server parses and plans them once per connection (platform/pg-prepared.ts); default on. */
  prepare?: boolean;
}

const connectionSettings = (settings: Record<string, string>) => {
  const entries = Object.entries(settings);
  return entries.length ? { options: entries.map(([name, value]) => `-c ${name}=${value}`).join(' ') } : {};
};

export function openPostgres(options: PostgresOptions): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 20,
    ...connectionSettings({ ...(options.schema ? { search_path: options.schema } : {}), ...options.settings }),
    types: {
      getTypeParser(oid: number, format?: any) {
        if (oid === 20 || oid === 1700) return toNumber as any;
        return pg.types.getTypeParser(oid, format);
      },
    },
  });
  // An idle client that errors (server restart) must not crash the process.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: (options.prepare ?? true) ? withPreparedStatements(pool) : pool }) });
  const u = new URL(options.connectionString);
  let closed = false;
  return {
    db,
    kind: 'postgres',
    describe: `PostgreSQL at ${u.hostname}:${u.port || 5432}${u.pathname}`,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

export async function pingDatabase(db: DB): Promise<void> {
  await sql`select 1`.execute(db);
}
