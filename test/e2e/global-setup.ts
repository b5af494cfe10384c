// Browser tests run against a real server: the web apps built from the current source into a
// temporary directory, `fission start` on a fresh PGlite data dir with its demo data, and Debian's
// Chromium. The server's output goes to test-results/e2e/server.log.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ARTIFACTS, CHROMIUM, ROOT } from './paths.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForServer(base: string, child: ChildProcess, log: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${log().slice(-3000)}`);
    // It listens only after migrating and seeding the demo store.
    const ok = await fetch(`${base}/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the server did not answer within ${timeoutMs / 1000} s:\n${log().slice(-3000)}`);
}

export default async function setup(project: TestProject) {
  if (!fs.existsSync(CHROMIUM)) {
    if (process.env.CI) throw new Error(`${CHROMIUM} is missing: CI installs it with apt-get install -y chromium (.ci/run)`);
    console.warn(`\n${CHROMIUM} is missing: skipping the browser tests (apt-get install -y chromium to run them)\n`);
    project.provide('e2eBaseUrl', '');
    return;
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fission-e2e-'));
  const dist = path.join(tmp, 'web');
  const build = spawnSync(path.join(ROOT, 'node_modules/.bin/vite'), ['build', '--config', 'web/vite.config.ts', '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`);

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, FISSION_DATA_DIR: path.join(tmp, 'data'), FISSION_WEB_DIST: dist, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', FISSION_DEMO: 'true',
    // Every journey's shoppers sign up and sign in from this one address; in a store they come from
    // many. The sign-in limit per IP has its own HTTP tests (platform/rate-limits.http.test.ts).
    FISSION_RATE_LIMIT_AUTH_PER_IP: '1000' };
  // The browser journeys exercise the embedded database, whatever the rest of the suite runs on.
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'NODE_ENV', 'FISSION_PUBLIC_URL', 'FISSION_TRUST_PROXY', 'FISSION_ALLOWED_HOSTS', 'FISSION_SECRET', 'FISSION_WORKERS', 'VITEST', 'VITEST_POOL_ID', 'VITEST_WORKER_ID']) delete env[name];
  const logFile = path.join(ARTIFACTS, 'server.log');
  const out = fs.createWriteStream(logFile);
  let tail = '';
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/fission.mjs'), 'start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.on('data', (chunk: Buffer) => {
      out.write(chunk);
      tail = (tail + chunk.toString()).slice(-20_000);
    });
  }
  try {
    await waitForServer(base, child, () => tail, 600_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  project.provide('e2eBaseUrl', base);

  return async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const exited = await Promise.race([
        new Promise<boolean>((r) => child.once('exit', () => r(true))),
        new Promise<boolean>((r) => (timer = setTimeout(() => r(false), 6_000))),
      ]);
      clearTimeout(timer);
      if (!exited) child.kill('SIGKILL');
    }
    for (const stream of [child.stdout, child.stderr]) stream?.destroy();
    out.end();
    fs.rmSync(tmp, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2eBaseUrl: string;
  }
}
