// npx tsx bench/cpu.ts [--redis] [case…]: CPU time per request of the server and of the no-op,
// for trying a change on a machine that is busy with other work. Throughput on a shared machine
// says as much about the neighbours as about the server; the CPU a process spends per answer
// (utime + stime from /proc, Linux only) barely moves with them. Seeds a fresh PostgreSQL database
// (DATABASE_URL; with --redis also REDIS_URL) as the benchmark does, starts Fission and the no-op
// as their own processes, runs each chosen case (name prefixes, default refusals, product list,
// product page; `checkout` too) against both, and prints µs of CPU per request and the ratio, and
// the CPU the PostgreSQL backends serving Fission's database spent per request (a change that saves
// the database work, such as named prepared statements, shows there). The README's figures come
// from `npm run bench` on a quiet machine, never from this.
import fs from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { cases, measureSizes, type Figure } from './load.ts';
import { cpuTicks, TICK_US } from './probe-read.ts';
import { TSX, childEnv, freePort, seededPostgres, spawnLogged, startServer, stop, waitHealthy } from './processes.ts';

const args = process.argv.slice(2);
const withRedis = args.includes('--redis');
const wanted = args.filter((a) => !a.startsWith('--'));
const prefixes = wanted.length ? wanted : ['refusals', 'product list', 'product page'];
/** CPU ticks so far of the backends connected to a database (a backend gone meanwhile is not counted). */
async function backendTicks(databaseUrl: string): Promise<Map<number, number>> {
  const database = new URL(databaseUrl).pathname.slice(1);
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [database]);
    const out = new Map<number, number>();
    for (const { pid } of rows) {
      try {
        out.set(pid, cpuTicks(pid));
      } catch {
        // ended between the query and the read
      }
    }
    return out;
  } finally {
    await admin.end();
  }
}

async function cpuPerRequest(child: ChildProcess, run: (ready: () => Promise<void>) => Promise<Figure>, databaseUrl?: string) {
  let before = 0;
  let db = new Map<number, number>();
  const figure = await run(async () => {
    before = cpuTicks(child.pid!);
    if (databaseUrl) db = await backendTicks(databaseUrl);
  });
  const spent = (cpuTicks(child.pid!) - before) * TICK_US;
  let dbSpent = 0;
  if (databaseUrl) for (const [pid, t] of await backendTicks(databaseUrl)) dbSpent += (t - (db.get(pid) ?? 0)) * TICK_US;
  const requests = Object.values(figure.codes).reduce((a, b) => a + b, 0) || 1;
  return { us: spent / requests, dbUs: dbSpent / requests, figure };
}

async function main() {
  const { dir, config, logFile, fixture, cleanup } = await seededPostgres('cpu', 8, withRedis, 13);
  try {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = startServer(config, port, logFile);
    let baseline: ChildProcess | null = null;
    try {
      await waitHealthy(base, server, logFile);
      const sizes = await measureSizes(base, fixture);
      const noopPort = await freePort();
      const noopBase = `http://127.0.0.1:${noopPort}`;
      baseline = spawnLogged([...TSX, 'bench/baseline.ts'], childEnv({ PORT: String(noopPort), BASELINE_SIZES: JSON.stringify(sizes) }), logFile);
      await waitHealthy(noopBase, baseline, logFile);
      const options = { seconds: Number(process.env.BENCH_SECONDS ?? 5), connections: Number(process.env.BENCH_CONNECTIONS ?? 50), stampede: 2000 };
      for (const c of cases(fixture, options).filter((k) => prefixes.some((p) => k.name.startsWith(p)))) {
        const noop = await cpuPerRequest(baseline, (ready) => c.run(noopBase, ready));
        const fission = await cpuPerRequest(server, (ready) => c.run(base, ready), config.env.DATABASE_URL);
        console.log(`${c.name} (${config.name}): Fission ${fission.us.toFixed(0)} µs CPU per request + PostgreSQL ${fission.dbUs.toFixed(0)} µs (${fission.figure.rate.toFixed(0)}/s, codes ${JSON.stringify(fission.figure.codes)}), no-op ${noop.us.toFixed(0)} µs (${noop.figure.rate.toFixed(0)}/s); no-op ÷ Fission ${(noop.us / fission.us).toFixed(2)}`);
      }
    } finally {
      await stop(server);
      if (baseline) await stop(baseline);
    }
  } finally {
    await cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
