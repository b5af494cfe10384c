// Child processes and database set-up shared by the benchmark (run.ts) and the profiler
// (profile.ts): a fresh database per configuration, the seed and verify steps, the server as an
// operator starts it, and stopping everything on Ctrl-C.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { Fixture, Verdict } from './fixture.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const TSX = ['--import', 'tsx'];

export interface Configuration {
  name: string;
  env: Record<string, string>;
  /** Undo what the configuration created (database, temp dir, Redis keys). */
  cleanup(): Promise<void>;
}

export const log = (line: string) => process.stderr.write(`${line}\n`);

export function freePort(): Promise<number> {
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
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ['DATABASE_URL', 'REDIS_URL', 'FISSION_DATA_DIR', 'NODE_ENV', 'PORT', 'HOST', 'FISSION_SECRET', 'FISSION_PROCESSES']) delete env[key];
  return { ...env, ...extra };
}

/** Children still running and set-up still to undo, for an interrupted run (Ctrl-C). */
const live = new Set<ChildProcess>();
export const pendingCleanups = new Set<() => Promise<void>>();

export function spawnLogged(args: string[], env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
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

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

export async function runToEnd(args: string[], env: NodeJS.ProcessEnv, logFile: string): Promise<number | null> {
  return exited(spawnLogged(args, env, logFile));
}

export async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited(child);
  clearTimeout(timer);
}

export const tail = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').slice(-30).join('\n') : '');

export async function waitHealthy(base: string, child: ChildProcess, logFile: string, seconds = 120) {
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

/** A database `fission_bench_<pid>_<index>` created for the run (and a flushed Redis database). */
export async function postgresConfiguration(name: string, url: string, index: number, redisUrl: string | undefined, redisDb: number): Promise<Configuration> {
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
    r.pathname = `/${redisDb}`;
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

export function pgliteConfiguration(dir: string): Configuration {
  const dataDir = fs.mkdtempSync(path.join(dir, 'pglite-'));
  return { name: 'PGlite', env: { FISSION_DATA_DIR: dataDir }, cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
}

/** Set-up, not measured: the seed step migrates the fresh database and fills it. */
export async function seedFixture(config: Configuration, dir: string, shoppers: number, logFile: string): Promise<{ fixture: Fixture; file: string }> {
  const file = path.join(dir, `fixture-${config.name.replace(/\W+/g, '-')}.json`);
  const seeded = await runToEnd([...TSX, 'bench/fixture.ts', 'seed', file, String(shoppers)], childEnv(config.env), logFile);
  if (seeded !== 0) throw new Error(`seeding failed:\n${tail(logFile)}`);
  return { fixture: JSON.parse(fs.readFileSync(file, 'utf8')) as Fixture, file };
}

/** Zero oversell on the stampede item, checked after the server has stopped. */
export async function verifyFixture(config: Configuration, dir: string, file: string): Promise<Verdict> {
  const verifyLog = path.join(dir, 'verify.out');
  fs.rmSync(verifyLog, { force: true });
  const code = await runToEnd([...TSX, 'bench/fixture.ts', 'verify', file], childEnv(config.env), verifyLog);
  const line = fs.readFileSync(verifyLog, 'utf8').split('\n').find((l) => l.startsWith('{"ok":'));
  if (!line) throw new Error(`verification failed to run (exit ${code}):\n${tail(verifyLog)}`);
  return JSON.parse(line) as Verdict;
}

/**
 * The server as an operator starts it; forwarded client addresses are believed from loopback
 * only, so each simulated shopper arrives from an address of its own (as a real crowd does)
 * instead of the whole crowd sharing 127.0.0.1's per-IP rate limits.
 */
export function startServer(config: Configuration, port: number, logFile: string, extra: { nodeArgs?: string[]; env?: Record<string, string> } = {}): ChildProcess {
  return spawnLogged(
    [...(extra.nodeArgs ?? []), 'bin/fission.mjs', 'start'],
    childEnv({ ...config.env, PORT: String(port), HOST: '127.0.0.1', FISSION_DEMO: 'false', FISSION_WORKERS: 'true', FISSION_TRUST_PROXY: 'loopback', LOG_LEVEL: 'warn', ...extra.env }),
    logFile,
  );
}

/**
 * For the diagnostic tools (profile.ts, cpu.ts): a fresh PostgreSQL (+ Redis) database in a
 * temporary folder, seeded as the benchmark seeds it. The caller runs cleanup() at the end.
 */
export async function seededPostgres(tool: string, index: number, withRedis: boolean, redisDb: number) {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error(`bench/${tool}.ts needs DATABASE_URL (and REDIS_URL with --redis)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `fission-${tool}-`));
  const config = await postgresConfiguration(withRedis ? 'PostgreSQL + Redis' : 'PostgreSQL', databaseUrl, index, withRedis ? process.env.REDIS_URL : undefined, Number(process.env.BENCH_REDIS_DB ?? redisDb));
  pendingCleanups.add(config.cleanup);
  const logFile = path.join(dir, 'server.log');
  const cleanup = async () => {
    pendingCleanups.delete(config.cleanup);
    await config.cleanup();
  };
  try {
    log(`seeding (${config.name})`);
    const { fixture } = await seedFixture(config, dir, 2100, logFile);
    return { dir, config, logFile, fixture, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
