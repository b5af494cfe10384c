// A fresh, migrated database for one test file: a PGlite clone or a Postgres schema of its own.
import fs from 'node:fs';
import { inject } from 'vitest';
import pg from 'pg';
import { openPGlite, openPostgres, type DatabaseHandle } from '../src/platform/db.ts';
import { migrateToLatest } from '../src/platform/migrations.ts';
import { migrations } from '../src/migrations.ts';

export type TestDbKind = 'pglite' | 'postgres';

export const testDbKind = (): TestDbKind => (process.env.FISSION_TEST_DB === 'postgres' ? 'postgres' : 'pglite');

export async function openTestDatabase(): Promise<DatabaseHandle> {
  if (testDbKind() === 'pglite') {
    const file = inject('pgliteDump');
    const blob = new Blob([fs.readFileSync(file)]);
    return openPGlite({ loadDataDir: blob });
  }
  const url = process.env.DATABASE_URL!;
  // Named after the run (the vitest process), its creation time and a random part: the run's
  // global teardown drops its own schemas, and a later run can tell leftovers (test/global-postgres.ts).
  const schema = `fission_t_${inject('postgresRunPid')}_${Math.floor(Date.now() / 1000).toString(36)}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema "${schema}"`);
  await admin.end();
  // No parallel query: test queries gain nothing from it, and it keeps catalog scans simple.
  const handle = openPostgres({ connectionString: url, schema, max: 30, settings: { max_parallel_workers_per_gather: '0' } });
  await migrateToLatest(handle.db, migrations);
  return handle;
}
