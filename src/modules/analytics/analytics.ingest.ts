// The behavioural event log's writers and readers: client batches from the storefront, server
// facts from the outbox, visitor → account stitching, the rollup job, and a cursor for consumers.
import { randomBytes } from 'node:crypto';
import { chinaDate } from '../../platform/clock.ts';
import { invalid } from '../../platform/errors.ts';
import type { Consumer } from '../../platform/events.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import { on } from '../../platform/module.ts';
import { batchRows, isBot, SERVER_EVENT_NAMES, type ClientEvent, type EventRow, type ServerEventName } from './analytics.ingest.rules.ts';
import { factRow } from './analytics.facts.ts';
import { createInsertCoalescer } from './analytics.ingest-coalescer.ts';
import * as repo from './analytics.repo.ts';
import { analyticsTables, type AnalyticsDb, type AnalyticsPlatform } from './analytics.table.ts';

export const ROLLUP_JOB = 'analytics.rollup';
/** Late events re-roll their day at most once per this bucket, a bucket after it closes. */
const ROLLUP_BUCKET_MS = 60_000;
/** Cursor readers see rows received this long ago: a transaction that took a lower id may still commit. */
const CURSOR_SETTLE_MS = 5_000;

export interface IncomingBatch {
  /** The visitor cookie or device id from the request, if any. */
  requestVisitorId: string | null;
  userId: string | null;
  userAgent: string | undefined;
  body: { visitorId?: string; sessionId?: string; events: ClientEvent[] };
}

const REFUSALS = {
  EVENT_IN_FUTURE: ['ANALYTICS_EVENT_IN_FUTURE', 'An event is dated in the future'],
  EVENT_TOO_OLD: ['ANALYTICS_EVENT_TOO_OLD', 'An event is too old to be recorded'],
  EVENT_TIME_INVALID: ['ANALYTICS_EVENT_TIME_INVALID', 'An event time is not a valid instant'],
} as const;

export function createAnalyticsIngest(p: AnalyticsPlatform) {
  const { db, clock } = p;

  // The (day, bucket) rollup jobs this process has already scheduled: a batch into a day that
  // already has its job for this bucket is one INSERT, no transaction. The jobs' dedupe keys keep
  // this right across processes; the set only saves the repeated scheduling.
  let cachedBucket = -1;
  const scheduled = new Set<string>();
  const bucketOf = (now: Date) => Math.floor(now.getTime() / ROLLUP_BUCKET_MS);
  function unscheduled(days: Iterable<string>, now: Date): string[] {
    const bucket = bucketOf(now);
    if (bucket !== cachedBucket) {
      scheduled.clear();
      cachedBucket = bucket;
    }
    return [...new Set(days)].filter((d) => !scheduled.has(d));
  }

  /** Each day gets a rollup job for the current bucket (one per day and bucket), run a bucket after it closes. */
  async function scheduleRollups(trx: AnalyticsDb, days: string[], now: Date) {
    const bucket = bucketOf(now);
    for (const day of days) {
      await scheduleJob(trx, { kind: ROLLUP_JOB, payload: { day }, runAt: new Date((bucket + 2) * ROLLUP_BUCKET_MS), dedupeKey: `${ROLLUP_JOB}:${day}:${bucket}`, now });
    }
  }
  // Anonymous beacons into days whose rollups are scheduled are plain inserts: concurrent ones
  // share a statement (see the coalescer), of at most 1,000 rows. On PostgreSQL two statements in
  // flight leave the pool's other connections to the rest. PGlite (no DATABASE_URL) runs one
  // statement at a time without yielding to I/O, so there the batches read in one turn of the
  // event loop are gathered into one statement (without that, every batch went alone).
  const embedded = !p.config.databaseUrl;
  const coalescer = createInsertCoalescer<EventRow>((rows) => repo.insertEventsSkippingStored(db, rows), { maxRows: 1_000, concurrency: embedded ? 1 : 2, gather: embedded });
  const markScheduled = (days: string[], now: Date) => {
    if (bucketOf(now) === cachedBucket) days.forEach((d) => scheduled.add(d));
  };

  /**
   * A storefront batch: refused whole on a bad timestamp (nothing written), dropped whole for a
   * robot, else one multi-row insert in which repeats of earlier batches are skipped.
   */
  async function ingest(batch: IncomingBatch) {
    const now = clock.now();
    const visitorId = batch.requestVisitorId ?? batch.body.visitorId ?? null;
    const minted = visitorId === null;
    const visitor = visitorId ?? randomBytes(16).toString('base64url');
    if (isBot(batch.userAgent)) return { accepted: 0, duplicates: 0, bot: true, visitorId: visitor, mintedVisitor: minted };
    const decision = batchRows({ visitorId: visitor, userId: batch.userId, sessionId: batch.body.sessionId ?? null, events: batch.body.events }, now);
    if (!decision.ok) {
      const [code, message] = REFUSALS[decision.reason];
      throw invalid(code, message, { index: decision.index, field: `events/${decision.index}/at` });
    }
    // A signed-in shopper's beacon names both: the visitor becomes that account.
    const visitors = [visitor, ...(batch.requestVisitorId && batch.body.visitorId && batch.body.visitorId !== batch.requestVisitorId ? [batch.body.visitorId] : [])];
    const due = unscheduled(decision.rows.map((r) => r.day), now);
    let inserted: number;
    if (!batch.userId && !due.length) {
      inserted = await coalescer.add(decision.rows);
    } else {
      inserted = await db.transaction().execute(async (trx) => {
        const written = await repo.insertEvents(trx, decision.rows);
        if (batch.userId) await repo.linkVisitors(trx, visitors, batch.userId, now);
        await scheduleRollups(trx, due, now);
        return written;
      });
    }
    markScheduled(due, now);
    return { accepted: inserted, duplicates: batch.body.events.length - inserted, bot: false, visitorId: visitor, mintedVisitor: minted };
  }

  async function recordFact(handle: Parameters<Consumer['handle']>[0], row: EventRow) {
    const trx = analyticsTables.of(handle);
    if (row.name === 'order.attributed' && row.share_id) row.channel = await repo.findShareChannel(trx, row.share_id);
    const now = clock.now();
    if (!(await repo.insertEvents(trx, [row]))) return;
    // The consumer's transaction may still roll back, so this process does not remember the job.
    await scheduleRollups(trx, unscheduled([row.day], now), now);
  }

  /** Server facts from the event catalog, and stitching at sign-up and sign-in. */
  function consumers(): Consumer[] {
    const facts = SERVER_EVENT_NAMES.map((type) =>
      on(type as ServerEventName, `analytics.log-${type}`, (trx, e) => recordFact(trx, factRow(type, e as never, clock.now()))),
    );
    const stitch = on(['customer.registered', 'customer.signed_in'], 'analytics.stitch-visitor', async (trx, e) => {
      const ids = [...new Set([e.payload.visitorId, e.payload.deviceId].filter((v): v is string => !!v))];
      await repo.linkVisitors(analyticsTables.of(trx), ids, e.payload.userId, e.occurredAt);
    });
    return [...facts, stitch];
  }

  async function rollup(day: string) {
    await db.transaction().execute((trx) => repo.rollDay(trx, day));
  }

  /** Every day in [from, to] re-rolled (the seed and a repair after a bulk import). */
  async function rollupRange(from: Date, to: Date) {
    for (let d = chinaDate(from); d <= chinaDate(to); d = chinaDate(new Date(new Date(`${d}T00:00:00+08:00`).getTime() + 86_400_000))) await rollup(d);
  }

  /**
   * Historical rows (the demo's synthetic history, an import from another tool): one multi-row
   * insert per call, repeats skipped; the caller re-rolls the days afterwards (rollupRange).
   */
  const importRows = (rows: EventRow[]) => repo.insertEvents(db, rows);

  /** Log rows after `afterId` in id order, for consumers (audience, recommendation, risk) that keep their own cursor. */
  async function readEvents(query: { afterId: number; limit: number }) {
    const items = await repo.findEventsAfter(db, query.afterId, Math.min(Math.max(query.limit, 1), 10_000), new Date(clock.now().getTime() - CURSOR_SETTLE_MS));
    return { items, nextAfterId: items.at(-1)?.id ?? query.afterId };
  }

  return { ingest, consumers, rollup, rollupRange, readEvents, importRows };
}

export type AnalyticsIngest = ReturnType<typeof createAnalyticsIngest>;
