// Start the platform: migrate, seed demo data on first run, serve, run the background workers.
// With FISSION_PROCESSES > 1 (PostgreSQL only) this process migrates and seeds, then becomes the
// primary of a node:cluster whose workers each serve the API on the same port.
import closeWithGrace from 'close-with-grace';
import type { Logger } from 'pino';
import { loadConfig, type Config } from './config.ts';
import { createRuntime } from './runtime.ts';
import { isDemoSeeded, seedDemo } from './demo/seed.ts';
import { exitWithPrimary, isClusterWorker, runCluster } from './platform/cluster.ts';
import { createLogger } from './platform/context.ts';
import { ensureWebBuilt } from './platform/web.ts';

export async function start(config: Config = loadConfig()): Promise<void> {
  if (isClusterWorker()) return serve(config, { prepare: false, banner: false });
  ensureWebBuilt(config.webDist);
  const log = createLogger(config.logLevel);
  if (config.processes > 1 && !config.databaseUrl) {
    // Embedded PGlite lives inside one process's memory and files: a second process cannot share it.
    process.stdout.write(`\n  FISSION_PROCESSES=${config.processes} asks for several API processes, but PGlite (no DATABASE_URL) runs in one process: starting one.\n  Set DATABASE_URL to a PostgreSQL database to run several.\n`);
  }
  if (config.processes > 1 && config.databaseUrl) return startCluster(config, log);
  return serve(config, { prepare: true, banner: true });
}

/** One-time work before any request: migrations, the demo seed, reconciling the flash-sale gate. */
async function prepare(config: Config, runtime: Awaited<ReturnType<typeof createRuntime>>) {
  const { platform, services } = runtime;
  if (config.demo && !(await isDemoSeeded(platform))) {
    await seedDemo(platform, services, { scale: 1, progress: process.stdout.isTTY ? 'bar' : 'log' });
  }
  // A crash may have left the Redis gate (or an older version's sold counts) out of step with the
  // live purchases in PostgreSQL: reconcile before serving, then every minute.
  await services.flashsale.reconcile();
}

async function serve(config: Config, options: { prepare: boolean; banner: boolean }): Promise<void> {
  const runtime = await createRuntime({ config, crossProcess: true, migrate: options.prepare });
  const { platform, services, app } = runtime;
  const log = platform.log;
  if (options.banner) log.info(`database: ${platform.database.describe}${platform.redis ? ', Redis connected' : ''}`);
  if (options.prepare) await prepare(config, runtime);
  // The Redis gate reconciled before this process admits its first flash purchase (prepare's
  // reconciliation counts; a cluster worker does its own), not while the first shoppers wait.
  // A failure is not fatal: the first admission tries again.
  await services.flashsale.warm().catch((err) => log.warn({ err }, 'flash-sale gate not reconciled at start; the first purchase will retry'));

  if (config.workers) {
    // Safe in every process at once: the next run is booked once per interval (dedupe key), and
    // jobs and events are claimed with FOR UPDATE SKIP LOCKED.
    await services.flashsale.scheduleReconcile();
    await services.privacy.scheduleRetention();
    // Nightly model refits: demand forecast and reorder alerts, and the recommendation lists.
    await services.supply.scheduleNightly();
    await services.recommend.scheduleDaily();
    await services.audience.scheduleNightly();
    platform.jobs.start(500, () => platform.events.drain(5));
  }

  await app.listen({ port: config.port, host: config.host });
  if (options.banner) banner(config, (app.server.address() as { port: number }).port, platform.database.describe, 1);

  let closing: Promise<void> | undefined;
  const close = () => (closing ??= runtime.close());
  exitWithPrimary(close);
  closeWithGrace({ delay: 10_000 }, async ({ err }) => {
    if (err) log.error({ err }, 'shutting down after an error');
    await close();
  });
}

async function startCluster(config: Config, log: Logger): Promise<void> {
  // Migrate, seed and reconcile once, here, before any worker serves.
  const runtime = await createRuntime({ config });
  const describe = runtime.platform.database.describe;
  try {
    log.info(`database: ${describe}${runtime.platform.redis ? ', Redis connected' : ''}; starting ${config.processes} API processes`);
    await prepare(config, runtime);
  } finally {
    await runtime.close();
  }
  await runCluster({
    processes: config.processes,
    log,
    onListening: ({ port }) => banner(config, port, describe, config.processes),
  });
}

function banner(config: Config, port: number, describe: string, processes: number) {
  const base = config.publicUrl ?? `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${port}`;
  const lines = [
    '',
    `  Fission is running (${describe}${processes > 1 ? `, ${processes} API processes` : ''})`,
    `  Store:     ${base}/`,
    `  Console:   ${base}/admin`,
    `  API:       ${base}/api/v1`,
    `  API docs:  ${base}/docs   (OpenAPI: ${base}/openapi.json)`,
    `  Health:    ${base}/health`,
  ];
  if (config.demo) lines.push(`  Operator:  demo-operator@fission.local / fission-demo-2026`);
  lines.push('');
  process.stdout.write(lines.join('\n') + '\n');
}
