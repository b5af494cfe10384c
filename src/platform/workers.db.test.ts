// Jobs and the outbox with several API processes: each process runs its own jobs runner and
// dispatcher over the same tables, and the claims (FOR UPDATE SKIP LOCKED, with a lease) must
// hand every due job and every event to exactly one of them. Two runners with connection pools of
// their own stand for two processes; on PostgreSQL they truly run at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import pino from 'pino';
import { openTestDatabase, testDbKind } from '../../test/db.ts';
import { ManualClock } from './clock.ts';
import { openPostgres, type DatabaseHandle } from './db.ts';
import { EventDispatcher } from './events.ts';
import { JobRunner, scheduleJob } from './jobs.ts';
import { platformTables } from './platform.table.ts';

const log = pino({ level: 'silent' });
let first: DatabaseHandle;
let second: DatabaseHandle;

beforeAll(async () => {
  first = await openTestDatabase();
  if (testDbKind() === 'postgres') {
    // The same schema through a pool of its own: another process's connections.
    const { rows } = await sql<{ search_path: string }>`show search_path`.execute(first.db);
    second = openPostgres({ connectionString: process.env.DATABASE_URL!, schema: rows[0].search_path.replace(/"/g, '') });
  } else {
    second = first; // PGlite is one process: one connection, taken in turn
  }
});
afterAll(async () => {
  if (second !== first) await second?.close();
  await first?.close();
});

const pause = () => new Promise((r) => setTimeout(r, Math.random() * 3));

describe('two jobs runners and two outbox dispatchers over the same rows', () => {
  it('run each due job exactly once', async () => {
    const clock = new ManualClock('2026-06-01T08:00:00.000Z');
    const now = clock.now();
    for (let i = 0; i < 300; i++) await scheduleJob(first.db, { kind: 'test.twice', payload: { n: i }, runAt: now, now });
    const runs = new Map<number, string[]>();
    const runner = (name: string, db: DatabaseHandle) => {
      const r = new JobRunner(platformTables.of(db.db), clock, log);
      r.register('test.twice', async (payload: { n: number }) => {
        await pause();
        runs.set(payload.n, [...(runs.get(payload.n) ?? []), name]);
      });
      return r;
    };
    const [a, b] = await Promise.all([runner('a', first).runDue(), runner('b', second).runDue()]);
    expect(a + b).toBe(300);
    expect(runs.size).toBe(300);
    expect([...runs.values()].filter((by) => by.length !== 1)).toEqual([]);
    if (testDbKind() === 'postgres') expect(Math.min(a, b)).toBeGreaterThan(0); // both really worked
    const left = await first.db.selectFrom('jobs').select('status').where('kind', '=', 'test.twice').where('status', '!=', 'done').execute();
    expect(left).toEqual([]);
  });

  it('deliver each event to a consumer exactly once', async () => {
    const clock = new ManualClock('2026-06-01T08:00:00.000Z');
    const now = clock.now();
    const rows = Array.from({ length: 400 }, (_, i) => ({ type: 'test.happened', aggregate_id: String(i), payload: JSON.stringify({ n: i }), occurred_at: now, available_at: now, last_error: null, dispatched_at: null }));
    await first.db.insertInto('outbox_events').values(rows).execute();
    const handled = new Map<number, string[]>();
    const dispatcher = (name: string, db: DatabaseHandle) => {
      const d = new EventDispatcher(platformTables.of(db.db), clock, log);
      d.subscribe({
        name: 'test.counter',
        types: ['test.happened'],
        handle: async (_trx, event) => {
          await pause();
          handled.set(event.payload.n, [...(handled.get(event.payload.n) ?? []), name]);
        },
      });
      return d;
    };
    const [a, b] = await Promise.all([dispatcher('a', first).drain(), dispatcher('b', second).drain()]);
    expect(a + b).toBe(400); // claimed once each: neither dispatcher took the other's
    expect(handled.size).toBe(400);
    expect([...handled.values()].filter((by) => by.length !== 1)).toEqual([]);
    if (testDbKind() === 'postgres') expect(Math.min(a, b)).toBeGreaterThan(0);
    const undelivered = await first.db.selectFrom('outbox_events').select('id').where('type', '=', 'test.happened').where('dispatched_at', 'is', null).execute();
    expect(undelivered).toEqual([]);
  });
});
