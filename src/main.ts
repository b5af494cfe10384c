// Start the platform: migrate, seed demo data on first run, serve, run the background workers.
import closeWithGrace from 'close-with-grace';
import { loadConfig, type Config } from './config.ts';
import { createRuntime } from './runtime.ts';
import { isDemoSeeded, seedDemo } from './demo/seed.ts';
import { ensureWebBuilt } from './platform/web.ts';

export async function start(config: Config = loadConfig()): Promise<void> {
  ensureWebBuilt(config.webDist);
  const runtime = await createRuntime({ config });
  const { platform, services, app } = runtime;
  const log = platform.log;
  log.info(`database: ${platform.database.describe}${platform.redis ? ', Redis connected' : ''}`);

  if (config.demo && !(await isDemoSeeded(platform))) {
    await seedDemo(platform, services, { scale: 1, progress: process.stdout.isTTY ? 'bar' : 'log' });
  }

  // A crash may have left the Redis gate (or an older version's sold counts) out of step with the
  // live purchases in PostgreSQL: reconcile before serving, then every minute.
  await services.flashsale.reconcile();
  if (config.workers) await services.flashsale.scheduleReconcile();

  if (config.workers) {
    platform.jobs.start(500, () => platform.events.drain(5));
  }

  await app.listen({ port: config.port, host: config.host });
  const base = config.publicUrl ?? `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${(app.server.address() as { port: number }).port}`;
  const lines = [
    '',
    `  Fission is running (${platform.database.describe})`,
    `  Store:     ${base}/`,
    `  Console:   ${base}/admin`,
    `  API:       ${base}/api/v1`,
    `  API docs:  ${base}/docs   (OpenAPI: ${base}/openapi.json)`,
    `  Health:    ${base}/health`,
  ];
  if (config.demo) lines.push(`  Operator:  demo-operator@fission.local / fission-demo-2026`);
  lines.push('');
  process.stdout.write(lines.join('\n') + '\n');

  closeWithGrace({ delay: 10_000 }, async ({ err }) => {
    if (err) log.error({ err }, 'shutting down after an error');
    await runtime.close();
  });
}
