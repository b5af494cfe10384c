// Jobs table polled with FOR UPDATE SKIP LOCKED: safe with N processes, on PGlite and Postgres.
// Time comes from the injected clock, so a test moves the clock and calls runDue().
import type { Logger } from 'pino';
import type { Kysely } from 'kysely';
import type { Clock } from './clock.ts';
import { addMs } from './clock.ts';
import { backoffMs } from './backoff.ts';
import { platformTables, type PlatformTables } from './platform.table.ts';
import type { AnyExecutor } from './tables.ts';

export interface JobContext {
  jobId: number;
  now: Date;
  attempt: number;
}
export type JobHandler = (payload: any, ctx: JobContext) => Promise<void>;

export interface ScheduleOptions {
  kind: string;
  payload: Record<string, unknown>;
  runAt: Date;
  /** A second schedule with the same key is ignored: schedules are idempotent. */
  dedupeKey?: string;
  maxAttempts?: number;
  now: Date;
}

/** `executor` is the caller's own handle: inside a transaction, the job is scheduled only if it commits. */
export async function scheduleJob(executor: AnyExecutor, options: ScheduleOptions): Promise<void> {
  await platformTables
    .of(executor)
    .insertInto('jobs')
    .values(jobRow(options))
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

/** The jobs row a schedule writes. */
export const jobRow = (options: ScheduleOptions) => ({
  kind: options.kind,
  payload: JSON.stringify(options.payload),
  run_at: options.runAt,
  dedupe_key: options.dedupeKey ?? null,
  max_attempts: options.maxAttempts ?? 10,
  created_at: options.now,
  locked_until: null,
  last_error: null,
  finished_at: null,
});

const LEASE_MS = 5 * 60_000;
const retryDelayMs = (attempts: number) => backoffMs(attempts, 5_000, 3_600_000);

export class JobRunner {
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly db: Kysely<PlatformTables>,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  register(kind: string, handler: JobHandler): void {
    if (this.handlers.has(kind)) throw new Error(`job handler ${kind} registered twice`);
    this.handlers.set(kind, handler);
  }

  /** Claim one due job (pending, or running with an expired lease after a crash). */
  private async claim() {
    const now = this.clock.now();
    return this.db.transaction().execute(async (trx) => {
      const job = await trx
        .selectFrom('jobs')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', now)]),
            eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
          ]),
        )
        .where('kind', 'in', [...this.handlers.keys()])
        .orderBy('run_at')
        .orderBy('id')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!job) return undefined;
      await trx
        .updateTable('jobs')
        .set({ status: 'running', locked_until: addMs(now, LEASE_MS), attempts: job.attempts + 1 })
        .where('id', '=', job.id)
        .execute();
      return { ...job, attempts: job.attempts + 1 };
    });
  }

  /** Run every job that is due now; returns how many ran. */
  async runDue(maxJobs = 1000): Promise<number> {
    if (this.handlers.size === 0) return 0;
    let count = 0;
    while (count < maxJobs) {
      const job = await this.claim();
      if (!job) break;
      count++;
      const handler = this.handlers.get(job.kind)!;
      try {
        await handler(job.payload, { jobId: job.id, now: this.clock.now(), attempt: job.attempts });
        await this.db.updateTable('jobs').set({ status: 'done', finished_at: this.clock.now(), locked_until: null }).where('id', '=', job.id).execute();
      } catch (err) {
        const failed = job.attempts >= job.max_attempts;
        this.log.warn({ err, jobId: job.id, kind: job.kind, attempt: job.attempts, failed }, 'job failed');
        await this.db
          .updateTable('jobs')
          .set({
            status: failed ? 'failed' : 'pending',
            run_at: addMs(this.clock.now(), retryDelayMs(job.attempts)),
            locked_until: null,
            last_error: String((err as Error)?.message ?? err).slice(0, 2000),
            finished_at: failed ? this.clock.now() : null,
          })
          .where('id', '=', job.id)
          .execute();
      }
    }
    return count;
  }

  /** Poll in the background; `tick` also lets the outbox dispatcher ride the same loop. */
  start(intervalMs: number, tick: () => Promise<unknown>): void {
    if (this.timer) return;
    const loop = async () => {
      try {
        await this.runDue();
        await tick();
      } catch (err) {
        this.log.error({ err }, 'background worker tick failed');
      }
    };
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = loop().finally(() => (this.running = undefined));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
