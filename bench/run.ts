// npm run bench [-- --quick]: Fission measured as a user would run it. For each configuration
// (PGlite always; PostgreSQL when DATABASE_URL is set; PostgreSQL + Redis when REDIS_URL is set
// too) this process, which is neither server, seeds a fresh database, starts `fission start` as a
// child process and a bare Fastify no-op answering the same routes as another, drives both with
// autocannon with the same connections and durations, case by case (no-op first, then Fission),
// and prints each figure as a ratio to the no-op of the same run. After each configuration it
// checks zero oversell in the database and exits non-zero on any. Then, with DATABASE_URL, a fresh
// PostgreSQL (+ Redis) database runs the product list, refusals and checkout by 16 shoppers once
// with one API process and once with two (FISSION_PROCESSES=2). Then the event log benchmark
// (bench/ingest.ts: ingestion and reports against raw SQL) runs as a child process on PGlite and,
// with DATABASE_URL, on PostgreSQL, and its lines are printed after the table, followed by the risk
// overhead (bench/risk.ts: risk on ÷ off for a referral sign-up and a coupon claim). Loopback only.
//   flags: --quick (shorter cases), --processes-only (only the 1 vs 2 processes rows),
//   --only refusals,stampede (only the cases whose names start so, on the fullest configuration, no
//   processes or event-log parts: for trying a change, not for the README)
//   env: BENCH_SECONDS (per timed case, default 5; --quick: 2; checkout at least 5), BENCH_CONNECTIONS
//   (default 50), BENCH_REDIS_DB (default 11: flushed before and after, so give it a free one)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import type { Verdict } from './fixture.ts';
import { CHECKOUT_MIN_SECONDS, cases, measureSizes, type Case, type Figure, type LoadOptions } from './load.ts';
import { TSX, childEnv, exited, freePort, log, pendingCleanups, pgliteConfiguration, postgresConfiguration, seedFixture, spawnLogged, startServer, stop, verifyFixture, waitHealthy, type Configuration } from './processes.ts';

const QUICK = process.argv.includes('--quick');
/** Only the 1 vs 2 processes comparison (needs DATABASE_URL). */
const PROCESSES_ONLY = process.argv.includes('--processes-only');
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1].split(',') : null;
const OPTIONS: LoadOptions = {
  seconds: Number(process.env.BENCH_SECONDS ?? (QUICK ? 2 : 5)),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
  stampede: 2000,
};
/** Shoppers to seed: one per stampede attempt, and enough that the rotating checkout and refusal runs stay under the per-shopper rate limits. */
const SHOPPERS = 2100;
/** A Redis database of its own, flushed before and after, so the run touches no one else's keys. */
const REDIS_DB = Number(process.env.BENCH_REDIS_DB ?? 11);
/** The cases run again with one and with two API processes (FISSION_PROCESSES). */
const PROCESS_CASES = ['product list', 'refusals', 'checkout (place + pay), 16'];

interface Row {
  configuration: string;
  case: string;
  fission: Figure;
  noop: Figure;
  note: string;
}

/** The no-op for this configuration, sized like Fission's answers (measured on the running server). */
async function startBaseline(base: string, fixture: Parameters<typeof measureSizes>[1], logFile: string) {
  const sizes = await measureSizes(base, fixture);
  const noopPort = await freePort();
  const noopBase = `http://127.0.0.1:${noopPort}`;
  const baseline = spawnLogged([...TSX, 'bench/baseline.ts'], childEnv({ PORT: String(noopPort), BASELINE_SIZES: JSON.stringify(sizes) }), logFile);
  await waitHealthy(noopBase, baseline, logFile);
  return { baseline, noopBase };
}

async function measure(config: Configuration, dir: string): Promise<{ rows: Row[]; verdict: Verdict }> {
  const logFile = path.join(dir, `${config.name.replace(/\W+/g, '-')}.log`);
  log(`[${config.name}] seeding ${SHOPPERS} shoppers, a catalog and a flash-sale slot`);
  const { fixture, file } = await seedFixture(config, dir, SHOPPERS, logFile);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = startServer(config, port, logFile);
  let baseline: Awaited<ReturnType<typeof startBaseline>>['baseline'] | null = null;
  const rows: Row[] = [];
  try {
    await waitHealthy(base, server, logFile);
    const started = await startBaseline(base, fixture, logFile);
    baseline = started.baseline;
    for (const c of cases(fixture, OPTIONS).filter((k) => !ONLY || ONLY.some((o) => k.name.startsWith(o)))) {
      log(`[${config.name}] ${c.name}`);
      const noop = await c.run(started.noopBase);
      const fission = await c.run(base);
      rows.push({ configuration: config.name, case: c.name, fission, noop, note: '' });
    }
  } finally {
    if (baseline) await stop(baseline);
    await stop(server);
  }
  // After the server has stopped, so nothing is in flight: zero oversell on the stampede item.
  const verdict = await verifyFixture(config, dir, file);
  rows[0].note = `sold ${verdict.sold}/${verdict.stock}, ${verdict.orders} orders, ${verdict.buyers} buyers${verdict.ok ? '' : ' — OVERSELL'}`;
  return { rows, verdict };
}

/**
 * The same cases with one API process and with two (FISSION_PROCESSES=2) on a fresh database:
 * the no-op is measured once per case, each server is started on its own, and Redis (rate-limit
 * counters, the gate) is flushed between them; the server rebuilds the gate from PostgreSQL at
 * start-up, as after any restart.
 */
async function measureProcesses(config: Configuration, dir: string): Promise<{ rows: Row[]; verdict: Verdict }> {
  const logFile = path.join(dir, `${config.name.replace(/\W+/g, '-')}-processes.log`);
  log(`[${config.name}, 1 vs 2 processes] seeding`);
  const { fixture, file } = await seedFixture(config, dir, SHOPPERS, logFile);
  const chosen = cases(fixture, OPTIONS).filter((c) => PROCESS_CASES.some((p) => c.name.startsWith(p)));
  const noops = new Map<Case, Figure>();
  const rows: Row[] = [];
  let noop: Awaited<ReturnType<typeof startBaseline>> | null = null;
  try {
    for (const processes of [1, 2]) {
      if (config.env.REDIS_URL) {
        const redis = new Redis(config.env.REDIS_URL);
        await redis.flushdb();
        redis.disconnect();
      }
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const server = startServer(config, port, logFile, { env: { FISSION_PROCESSES: String(processes) } });
      try {
        await waitHealthy(base, server, logFile);
        noop ??= await startBaseline(base, fixture, logFile);
        for (const c of chosen) {
          log(`[${config.name}, ${processes} process${processes > 1 ? 'es' : ''}] ${c.name}`);
          if (!noops.has(c)) noops.set(c, await c.run(noop.noopBase));
          const fission = await c.run(base);
          rows.push({ configuration: `${config.name}, ${processes} process${processes > 1 ? 'es' : ''}`, case: c.name, fission, noop: noops.get(c)!, note: '' });
        }
      } finally {
        await stop(server);
      }
    }
  } finally {
    if (noop) await stop(noop.baseline);
  }
  const verdict = await verifyFixture(config, dir, file);
  return { rows, verdict };
}
/**
 * bench/ingest.ts once per database, each in its own process (it makes and drops its own database
 * or data directory; Redis is left out: it would only hold rate-limit counters). Its lines, with
 * a failure's log tail in their place.
 */
async function measureEventLog(dir: string, databaseUrl: string | undefined): Promise<{ lines: string[]; failed: boolean }> {
  const targets: [string, Record<string, string>][] = [['PGlite', {}]];
  if (databaseUrl) targets.push(['PostgreSQL', { DATABASE_URL: databaseUrl }]);
  const lines: string[] = [];
  let failed = false;
  for (const [name, env] of targets) {
    log(`[${name}] event log: ingestion and reports (bench/ingest.ts${QUICK ? ' --quick' : ''})`);
    const logFile = path.join(dir, `ingest-${name}.log`);
    const code = await exited(spawnLogged([...TSX, 'bench/ingest.ts', ...(QUICK ? ['--quick'] : [])], childEnv(env), logFile));
    // Its own report lines only; the server's JSON log lines (warnings) stay in the file.
    const output = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('{')) : [];
    if (code === 0) lines.push(...output);
    else {
      failed = true;
      lines.push(`${name}: bench/ingest.ts failed (exit ${code}):`, ...output.slice(-20));
    }
  }
  return { lines, failed };
}

const num = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ms = (n: number) => (n >= 100 ? num(n) : num(n, 1));
const codes = (c: Record<string, number>) => Object.entries(c).sort().map(([k, v]) => `${k}×${num(v)}`).join(' ');

function table(rows: Row[]): string {
  const lines = [
    '| configuration | case | Fission /s | no-op /s | ÷ no-op | p50 ms (no-op) | p99 ms (no-op) | p99 ÷ no-op | Fission status codes | failures | notes |',
    '|---|---|---:|---:|---:|---:|---:|---:|---|---:|---|',
  ];
  for (const r of rows) {
    const { fission: f, noop: n } = r;
    lines.push(`| ${r.configuration} | ${r.case} | ${num(f.rate, f.rate < 100 ? 1 : 0)} | ${num(n.rate)} | ${(f.rate / n.rate).toFixed(3)} | ${ms(f.p50)} (${ms(n.p50)}) | ${ms(f.p99)} (${ms(n.p99)}) | ${(f.p99 / Math.max(n.p99, 1)).toFixed(1)} | ${codes(f.codes)} | ${f.failures} | ${r.note} |`);
  }
  return lines.join('\n');
}

async function main() {
  const started = Date.now();
  const cpus = os.cpus();
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fission-bench-'));
  const removeDir = async () => fs.rmSync(dir, { recursive: true, force: true });
  pendingCleanups.add(removeDir);
  const configurations: (() => Promise<Configuration>)[] = PROCESSES_ONLY ? [] : [async () => pgliteConfiguration(dir)];
  const databaseUrl = process.env.DATABASE_URL;
  const redisUrl = process.env.REDIS_URL;
  if (databaseUrl && !PROCESSES_ONLY) configurations.push(() => postgresConfiguration('PostgreSQL', databaseUrl, 1, undefined, REDIS_DB));
  if (databaseUrl && redisUrl && !PROCESSES_ONLY) configurations.push(() => postgresConfiguration('PostgreSQL + Redis', databaseUrl, 2, redisUrl, REDIS_DB));
  // 1 vs 2 API processes on the fullest configuration there is (PGlite runs one process only).
  if (ONLY) configurations.splice(0, configurations.length - 1);
  const forProcesses = databaseUrl && !ONLY ? () => postgresConfiguration(redisUrl ? 'PostgreSQL + Redis' : 'PostgreSQL', databaseUrl, 3, redisUrl, REDIS_DB) : null;

  const rows: Row[] = [];
  const bad: string[] = [];
  let eventLog: { lines: string[]; failed: boolean } = { lines: [], failed: false };
  try {
    for (const make of configurations) {
      const config = await make();
      pendingCleanups.add(config.cleanup);
      try {
        const { rows: r, verdict } = await measure(config, dir);
        rows.push(...r);
        if (!verdict.ok) bad.push(`${config.name}: ${JSON.stringify(verdict)}`);
      } finally {
        pendingCleanups.delete(config.cleanup);
        await config.cleanup();
      }
    }
    if (forProcesses) {
      const config = await forProcesses();
      pendingCleanups.add(config.cleanup);
      try {
        const { rows: r, verdict } = await measureProcesses(config, dir);
        rows.push(...r);
        if (!verdict.ok) bad.push(`${config.name} (processes): ${JSON.stringify(verdict)}`);
      } finally {
        pendingCleanups.delete(config.cleanup);
        await config.cleanup();
      }
    }
    if (!PROCESSES_ONLY && !ONLY) eventLog = await measureEventLog(dir, databaseUrl);
    // Risk on ÷ risk off for a referral sign-up and a coupon claim (bench/risk.ts, its own processes).
    if (!PROCESSES_ONLY && !ONLY) eventLog.lines.push('', ...(await (await import('./risk.ts')).riskOverheadLines(databaseUrl, QUICK)));
  } finally {
    pendingCleanups.delete(removeDir);
    await removeDir();
  }

  console.log(`Fission benchmark${QUICK ? ' (--quick)' : ''}: ${OPTIONS.seconds} s per timed case with ${OPTIONS.connections} connections, checkout ${Math.max(OPTIONS.seconds, CHECKOUT_MIN_SECONDS)} s with 16 and 64, stampede ${OPTIONS.stampede} attempts`);
  console.log(`Machine: ${cpus.length} × ${cpus[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}; load average at start ${load}, at end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`Configurations: ${configurations.length === 1 && !forProcesses && !ONLY ? 'PGlite only (set DATABASE_URL, and REDIS_URL, for PostgreSQL and PostgreSQL + Redis)' : rows.map((r) => r.configuration).filter((v, i, a) => a.indexOf(v) === i).join(', ')}\n`);
  console.log(table(rows));
  if (rows.some((r) => r.fission.codes['429'])) {
    console.log('\nSome answers were 429 RATE_LIMITED: each simulated shopper sends its own X-Forwarded-For, which counts only when the server applies FISSION_TRUST_PROXY (set to loopback here); otherwise the whole crowd shares 127.0.0.1\'s per-IP limits and the figures measure the rate limiter.');
  }
  if (eventLog.lines.length) console.log(`\nEvent log (bench/ingest.ts${QUICK ? ' --quick' : ''}):\n${eventLog.lines.join('\n')}`);
  console.log(`\nTotal ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (bad.length) {
    console.error(`OVERSELL OR DUPLICATE: ${bad.join('; ')}`);
    process.exit(1);
  }
  console.log('Zero oversell: sold ≤ stock, one live order per unit sold, no shopper with two, in every configuration.');
  if (eventLog.failed) {
    console.error('The event log benchmark failed (its output is above).');
    process.exit(1);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
