// The PostgreSQL suite needs a reachable server: in CI that is a hard requirement.
// Each test file migrates a schema of its own (test/db.ts). Schemas are dropped here, when the whole
// run is over, never while other files run: Kysely's catalog introspection (every migration) reads
// all schemas by name, and one dropped under it fails with "schema … does not exist".
import pg from 'pg';
import type { TestProject } from 'vitest/node';

const STALE_AFTER_SECONDS = 3 * 3600;

async function connect() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('the postgres test project needs DATABASE_URL');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (err) {
    await client.end().catch(() => {});
    throw new Error(`PostgreSQL at DATABASE_URL is not reachable: ${(err as Error).message}`);
  }
  return client;
}

async function dropSchemas(client: pg.Client, keep: (name: string) => boolean) {
  const { rows } = await client.query<{ nspname: string }>(`select nspname from pg_namespace where nspname like 'fission_t_%'`);
  for (const { nspname } of rows) if (!keep(nspname)) await client.query(`drop schema if exists "${nspname}" cascade`);
}

export default async function setup(project: TestProject) {
  const client = await connect();
  try {
    // Leftovers of interrupted runs: test/db.ts names schemas fission_t_<run pid>_<created>_<random>.
    // A run whose process is alive is in progress; so may be one from another PID namespace (a
    // sibling container sharing this server), so only schemas hours old are taken for leftovers.
    await dropSchemas(client, (name) => {
      const [, pid, created] = /^fission_t_(\d+)_(?:([0-9a-z]+)_)?[0-9a-z]+$/.exec(name) ?? [];
      if (pid && isAlive(Number(pid))) return true;
      return !!created && Date.now() / 1000 - parseInt(created, 36) < STALE_AFTER_SECONDS;
    });
  } finally {
    await client.end().catch(() => {});
  }
  project.provide('postgresRunPid', process.pid);
  return async () => {
    const c = await connect();
    try {
      await dropSchemas(c, (name) => !name.startsWith(`fission_t_${process.pid}_`));
    } finally {
      await c.end().catch(() => {});
    }
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresRunPid: number;
  }
}
