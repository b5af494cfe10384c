import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { sellableSku } from '../../../test/fixtures.ts';

let t: TestContext;
let a: TestUser;
let b: TestUser;
const P: string[] = [];

const view = async (user: TestUser, productIds: string[]) => {
  const at = t.clock.now().toISOString();
  const res = await t.request({ method: 'POST', url: '/api/v1/events', as: user, body: { events: productIds.map((productId) => ({ id: randomUUID(), name: 'product_view', at, productId })) } });
  if (res.statusCode >= 300) throw new Error(`events: ${res.statusCode} ${res.body}`);
  // The log hands cursor readers only rows settled for a few seconds.
  t.clock.advance(10_000);
};
const pairs = async () => t.platform.db.selectFrom('recommend_interactions').select(['user_id', 'product_id', 'weight']).orderBy('user_id').orderBy('product_id').execute();

beforeAll(async () => {
  t = await createTestContext();
  for (let i = 0; i < 3; i++) P.push((await sellableSku(t)).productId);
  a = await t.signUp();
  b = await t.signUp();
});
afterAll(() => t?.close());

describe('recommendation training (database)', () => {
  it('reads the event log by cursor: a second run folds in only what is new', async () => {
    await view(a, [P[0], P[1]]);
    const first = await t.services.recommend.train('cli');
    expect(first).toMatchObject({ status: 'done', interactions: 2, users: 1, items: 3 });
    const cursor = (await t.platform.db.selectFrom('recommend_runs').select('events_cursor').where('id', '=', first.id).executeTakeFirstOrThrow()).events_cursor;
    expect(cursor).toBeGreaterThan(0);

    await view(b, [P[1], P[2]]);
    const second = await t.services.recommend.train('cli');
    expect(second).toMatchObject({ status: 'done', interactions: 4, users: 2 });
    const later = (await t.platform.db.selectFrom('recommend_runs').select('events_cursor').where('id', '=', second.id).executeTakeFirstOrThrow()).events_cursor;
    expect(later).toBeGreaterThan(cursor);
    expect(await pairs()).toHaveLength(4);
  });

  it('runs one training at a time, and a run abandoned by a stopped process does not block the next', async () => {
    const now = t.clock.now();
    await t.platform.db.insertInto('recommend_runs').values({ id: randomUUID(), trigger: 'schedule', status: 'running', started_at: now, events_cursor: 0, interactions: 0, users: 0, items: 0, train_ms: 0, metrics: null }).execute();
    await expect(t.services.recommend.train('cli')).rejects.toMatchObject({ code: 'RECOMMEND_TRAINING_RUNNING' });
    t.clock.advance(2 * 3_600_000);
    expect(await t.services.recommend.train('cli')).toMatchObject({ status: 'done' });
    const abandoned = await t.platform.db.selectFrom('recommend_runs').select(['status', 'error']).where('trigger', '=', 'schedule').executeTakeFirstOrThrow();
    expect(abandoned.status).toBe('failed');
  });

  it('exports and erases a shopper’s interactions and list with their other personal data', async () => {
    const exported = await t.platform.personalData.exportFor(t.platform.db, a.id);
    expect(exported.recommend?.recommend_interactions).toHaveLength(2);
    const report = await t.platform.db.transaction().execute((trx) => t.platform.personalData.eraseFor(trx, a.id));
    expect(report.deleted.recommend_interactions).toBe(2);
    expect((await pairs()).filter((r) => r.user_id === a.id)).toHaveLength(0);
    expect(await t.platform.db.selectFrom('recommend_user_items').select('user_id').where('user_id', '=', a.id).execute()).toHaveLength(0);
  });
});
