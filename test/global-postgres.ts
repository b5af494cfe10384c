// The PostgreSQL suite needs a reachable server: in CI that is a hard requirement.
import pg from 'pg';

const STALE_AFTER_SECONDS = 3 * 3600;

export default async function setup() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('the postgres test project needs DATABASE_URL');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
    // Schemas left by an interrupted earlier run: test/db.ts names them fission_t_<pid>_<created>_<random>.
    // One whose process is alive belongs to a run in progress; so may one from another PID namespace
    // (a run in a sibling container sharing this server), so only those older than a CI run are dropped.
    const stale = await client.query(`select nspname from pg_namespace where nspname like 'fission_t_%'`);
    for (const row of stale.rows) {
      const [, pid, created] = /^fission_t_(\d+)_(?:([0-9a-z]+)_)?[0-9a-z]+$/.exec(row.nspname) ?? [];
      if (pid && isAlive(Number(pid))) continue;
      if (created && Date.now() / 1000 - parseInt(created, 36) < STALE_AFTER_SECONDS) continue;
      await client.query(`drop schema if exists "${row.nspname}" cascade`);
    }
  } catch (err) {
    throw new Error(`PostgreSQL at DATABASE_URL is not reachable: ${(err as Error).message}`);
  } finally {
    await client.end().catch(() => {});
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
