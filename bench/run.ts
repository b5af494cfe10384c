// npm run bench [-- --quick]: Fission measured as a user would run it. For each configuration
// (PGlite always; PostgreSQL when DATABASE_URL is set; PostgreSQL + Redis when REDIS_URL is set
// too) this process, which is neither server, seeds a fresh database, starts `fission start` as a
// child process and a bare Fastify no-op answering the same routes as another, drives both with
// autocannon with the same connections and durations, case by case (no-op first, then Fission),
// and prints each figure as a ratio to the no-op of the same run. After each configuration it
// checks zero oversell in the database and exits non-zero on any. Loopback only.
//   env: BENCH_SECONDS (per timed case, default 5; --quick: 2; checkout at least 5), BENCH_CONNECTIONS
//   (default 50), BENCH_REDIS_DB (default 11: flushed before and after, so give it a free one)
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { Fixture, Verdict } from './fixture.ts';
import { CHECKOUT_MIN_SECONDS, cases, measureSizes, type Figure, type LoadOptions } from './load.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const QUICK = process.argv.includes('--quick');
const OPTIONS: LoadOptions = {
  seconds: Number(process.env.BENCH_SECONDS ?? (QUICK ? 2 : 5)),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
  stampede: 2000,
};
/** Shoppers to seed: one per stampede attempt, and enough that the rotating checkout and refusal runs stay under the per-shopper rate limits. */
const SHOPPERS = 2100;
/** A Redis database of its own, flushed before and after, so the run touches no one else's keys. */
const REDIS_DB = Number(process.env.BENCH_REDIS_DB ?? 11);

interface Configuration {
  name: string;
  env: Record<string, string>;
  /** Undo what the configuration created (database, temp dir, Redis keys). */
  cleanup(): Promise<void>;
}

interface Row {
  configuration: string;
  case: string;
  fission: Figure;
  noop: Figure;
  note: string;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The child's environment: ours without the settings each configuration sets itself. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ['DATABASE_URL', 'REDIS_URL', 'FISSION_DATA_DIR', 'NODE_ENV', 'PORT', 'HOST', 'FISSION_SECRET']) delete env[key];
  return { ...env, ...extra };
}

/** Children still running and set-up still to undo, for an interrupted run (Ctrl-C). */
const live = new Set<ChildProcess>();
const pendingCleanups = new Set<() => Promise<void>>();

function spawnLogged(args: string[], env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

process.once('SIGINT', () => {
  log('interrupted: stopping the servers and dropping what this run created');
  void Promise.all([...live].map(stop))
    .then(async () => {
      for (const cleanup of [...pendingCleanups].reverse()) await cleanup().catch((err) => log(`cleanup: ${err}`));
    })
    .finally(() => process.exit(130));
});

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function runToEnd(args: string[], env: NodeJS.ProcessEnv, logFile: string): Promise<number | null> {
  return exited(spawnLogged(args, env, logFile));
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited(child);
  clearTimeout(timer);
}

async function waitHealthy(base: string, child: ChildProcess, logFile: string, seconds = 120) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${child.spawnargs.join(' ')} exited with ${child.exitCode}:\n${tail(logFile)}`);
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${base} not healthy after ${seconds} s:\n${tail(logFile)}`);
}

const tail = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').slice(-30).join('\n') : '');

async function postgresConfiguration(name: string, url: string, index: number, redisUrl: string | undefined): Promise<Configuration> {
  const database = `fission_bench_${process.pid}_${index}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database "${database}"`);
  const target = new URL(url);
  target.pathname = `/${database}`;
  let redis: Redis | null = null;
  const env: Record<string, string> = { DATABASE_URL: target.toString() };
  if (redisUrl) {
    const r = new URL(redisUrl);
    r.pathname = `/${REDIS_DB}`;
    env.REDIS_URL = r.toString();
    redis = new Redis(env.REDIS_URL, { lazyConnect: true });
    await redis.connect();
    await redis.flushdb();
  }
  return {
    name,
    env,
    async cleanup() {
      if (redis) {
        await redis.flushdb();
        redis.disconnect();
      }
      await admin.query(`drop database if exists "${database}" with (force)`);
      await admin.end();
    },
  };
}

function pgliteConfiguration(dir: string): Configuration {
  const dataDir = fs.mkdtempSync(path.join(dir, 'pglite-'));
  return { name: 'PGlite', env: { FISSION_DATA_DIR: dataDir }, cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
}

async function measure(config: Configuration, dir: string): Promise<{ rows: Row[]; verdict: Verdict }> {
  const logFile = path.join(dir, `${config.name.replace(/\W+/g, '-')}.log`);
  const fixtureFile = path.join(dir, 'fixture.json');
  const tsx = ['--import', 'tsx'];
  // Set-up, not measured: the seed step migrates the fresh database and fills it.
  log(`[${config.name}] seeding ${SHOPPERS} shoppers, a catalog and a flash-sale slot`);
  const seeded = await runToEnd([...tsx, 'bench/fixture.ts', 'seed', fixtureFile, String(SHOPPERS)], childEnv(config.env), logFile);
  if (seeded !== 0) throw new Error(`seeding failed:\n${tail(logFile)}`);
  const fixture = JSON.parse(fs.readFileSync(fixtureFile, 'utf8')) as Fixture;

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // The server as an operator starts it; forwarded client addresses are believed from loopback
  // only, so each simulated shopper arrives from an address of its own (as a real crowd does)
  // instead of the whole crowd sharing 127.0.0.1's per-IP rate limits.
  const server = spawnLogged(['bin/fission.mjs', 'start'], childEnv({ ...config.env, PORT: String(port), HOST: '127.0.0.1', FISSION_DEMO: 'false', FISSION_WORKERS: 'true', FISSION_TRUST_PROXY: 'loopback', LOG_LEVEL: 'warn' }), logFile);
  let baseline: ChildProcess | null = null;
  const rows: Row[] = [];
  try {
    await waitHealthy(base, server, logFile);
    const sizes = await measureSizes(base, fixture);
    const noopPort = await freePort();
    const noopBase = `http://127.0.0.1:${noopPort}`;
    baseline = spawnLogged([...tsx, 'bench/baseline.ts'], childEnv({ PORT: String(noopPort), BASELINE_SIZES: JSON.stringify(sizes) }), logFile);
    await waitHealthy(noopBase, baseline, logFile);

    for (const c of cases(fixture, OPTIONS)) {
      log(`[${config.name}] ${c.name}`);
      const noop = await c.run(noopBase);
      const fission = await c.run(base);
      rows.push({ configuration: config.name, case: c.name, fission, noop, note: '' });
    }
  } finally {
    if (baseline) await stop(baseline);
    await stop(server);
  }
  // After the server has stopped, so nothing is in flight: zero oversell on the stampede item.
  const verifyLog = path.join(dir, 'verify.out');
  fs.rmSync(verifyLog, { force: true });
  const code = await runToEnd([...tsx, 'bench/fixture.ts', 'verify', fixtureFile], childEnv(config.env), verifyLog);
  const line = fs.readFileSync(verifyLog, 'utf8').split('\n').find((l) => l.startsWith('{"ok":'));
  if (!line) throw new Error(`verification failed to run (exit ${code}):\n${tail(verifyLog)}`);
  const verdict = JSON.parse(line) as Verdict;
  rows[0].note = `sold ${verdict.sold}/${verdict.stock}, ${verdict.orders} orders, ${verdict.buyers} buyers${verdict.ok ? '' : ' — OVERSELL'}`;
  return { rows, verdict };
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
  const configurations: (() => Promise<Configuration>)[] = [async () => pgliteConfiguration(dir)];
  const databaseUrl = process.env.DATABASE_URL;
  const redisUrl = process.env.REDIS_URL;
  if (databaseUrl) configurations.push(() => postgresConfiguration('PostgreSQL', databaseUrl, 1, undefined));
  if (databaseUrl && redisUrl) configurations.push(() => postgresConfiguration('PostgreSQL + Redis', databaseUrl, 2, redisUrl));

  const rows: Row[] = [];
  const bad: string[] = [];
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
  } finally {
    pendingCleanups.delete(removeDir);
    await removeDir();
  }

  console.log(`Fission benchmark${QUICK ? ' (--quick)' : ''}: ${OPTIONS.seconds} s per timed case with ${OPTIONS.connections} connections, checkout ${Math.max(OPTIONS.seconds, CHECKOUT_MIN_SECONDS)} s with 16 and 64, stampede ${OPTIONS.stampede} attempts`);
  console.log(`Machine: ${cpus.length} × ${cpus[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}; load average at start ${load}, at end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`Configurations: ${configurations.length === 1 ? 'PGlite only (set DATABASE_URL, and REDIS_URL, for PostgreSQL and PostgreSQL + Redis)' : rows.map((r) => r.configuration).filter((v, i, a) => a.indexOf(v) === i).join(', ')}\n`);
  console.log(table(rows));
  if (rows.some((r) => r.fission.codes['429'])) {
    console.log('\nSome answers were 429 RATE_LIMITED: each simulated shopper sends its own X-Forwarded-For, which counts only when the server applies FISSION_TRUST_PROXY (set to loopback here); otherwise the whole crowd shares 127.0.0.1\'s per-IP limits and the figures measure the rate limiter.');
  }
  console.log(`\nTotal ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (bad.length) {
    console.error(`OVERSELL OR DUPLICATE: ${bad.join('; ')}`);
    process.exit(1);
  }
  console.log('Zero oversell: sold ≤ stock, one live order per unit sold, no shopper with two, in every configuration.');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
