// Several API processes behind one port (FISSION_PROCESSES), with node:cluster: the primary
// process forks the workers, which all listen on the same port (the primary hands connections
// out in turn), restarts a worker that dies, and on SIGTERM or SIGINT asks every worker to shut
// down gracefully, then exits. The workers share nothing in memory: what must be shared lives in
// PostgreSQL (jobs and outbox are claimed with SKIP LOCKED) or Redis, and their caches learn of
// changes through the invalidation bus.
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';

export interface ClusterOptions {
  processes: number;
  log: Logger;
  /** Called once, when every worker of the first generation listens (the start-up banner). */
  onListening?(address: { address: string; port: number }): void;
  /** A worker still running this long after the shutdown request is killed. */
  shutdownGraceMs?: number;
}

/** True in a worker forked by runCluster. */
export const isClusterWorker = () => cluster.isWorker;

/** A crash loop waits longer each time, up to this, before forking again. */
const MAX_RESTART_DELAY_MS = 30_000;
/** A worker that lived this long counts as healthy: its death restarts the delay from zero. */
const HEALTHY_AFTER_MS = 10_000;

/** Run in the primary: fork, supervise and finally stop the workers. Resolves once all have exited after a shutdown. */
export function runCluster(options: ClusterOptions): Promise<void> {
  const { log } = options;
  let stopping = false;
  let quickDeaths = 0;
  let listening = 0;
  const startedAt = new Map<Worker, number>();

  const fork = () => {
    const worker = cluster.fork();
    // Process supervision measures real time (how long a worker process lived), not business
    // time: the injected clock, which tests move, must not decide when to restart a process.
    startedAt.set(worker, Date.now());
    return worker;
  };

  cluster.on('listening', (_worker, address) => {
    listening++;
    if (listening === options.processes) options.onListening?.({ address: address.address ?? '127.0.0.1', port: address.port });
  });

  return new Promise<void>((resolve) => {
    cluster.on('exit', (worker, code, signal) => {
      const lived = Date.now() - (startedAt.get(worker) ?? Date.now());
      startedAt.delete(worker);
      if (stopping) {
        if (Object.keys(cluster.workers ?? {}).length === 0) resolve();
        return;
      }
      quickDeaths = lived < HEALTHY_AFTER_MS ? quickDeaths + 1 : 0;
      const delay = quickDeaths === 0 ? 0 : Math.min(MAX_RESTART_DELAY_MS, 250 * 2 ** (quickDeaths - 1));
      log.error({ pid: worker.process.pid, code, signal, restartInMs: delay }, 'API process died; starting another');
      setTimeout(() => {
        if (!stopping) fork();
      }, delay).unref();
    });

    const shutdown = (why: string) => {
      if (stopping) return;
      stopping = true;
      log.info({ why }, 'stopping the API processes');
      const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
      if (workers.length === 0) return resolve();
      for (const worker of workers) worker.process.kill('SIGTERM');
      // Each worker drains its requests and background work; one that hangs is killed.
      setTimeout(() => {
        for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      }, options.shutdownGraceMs ?? 15_000).unref();
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));

    for (let i = 0; i < options.processes; i++) fork();
  });
}

/** In a worker: when the primary goes away (killed with -9), stop too instead of lingering. */
export function exitWithPrimary(close: () => Promise<void>): void {
  if (!cluster.isWorker) return;
  process.once('disconnect', () => {
    void close().finally(() => process.exit(0));
  });
}
