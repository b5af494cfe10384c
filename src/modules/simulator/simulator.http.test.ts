import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chinaDate } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { sellableSku } from '../../../test/fixtures.ts';
import { registerSimulateCommand } from './simulator.cli.ts';

let t: TestContext;
let op: TestUser;
const HOUR = 3_600_000;
const USERS = 60;
const ROOTS = 10;

/**
 * A known history: 60 shoppers on a ring where each is friends with the next two; 10 cascades,
 * each a chain root → child → grandchild shared 6 h apart by friends who clicked. Every share has
 * 4 clicks by strangers and 2 by friends; a stranger signs up on every root share.
 */
let ids: string[] = [];
let productId = '';
async function seedHistory() {
  const now = t.clock.now();
  const hash = await t.services.identity.hashPassword('fission2026');
  ids = Array.from({ length: USERS }, () => newId());
  await t.services.identity.importUsers(ids.map((id, i) => ({ id, email: `sim-${i}@test.local`, phone: null, passwordHash: hash, displayName: `模拟${i}`, roles: ['shopper'], createdAt: new Date(now.getTime() - 90 * 24 * HOUR) })));
  await t.services.identity.importFriendships(ids.flatMap((id, i) => [1, 2].map((k) => ({ userId: id, friendId: ids[(i + k) % USERS], createdAt: now }))));
  productId = (await sellableSku(t)).productId;
  const shares: Parameters<typeof t.services.sharing.importHistoricalCascade>[0]['shares'] = [];
  const clicks: Parameters<typeof t.services.sharing.importHistoricalCascade>[0]['clicks'] = [];
  const newcomers: string[] = [];
  for (let r = 0; r < ROOTS; r++) {
    let parentId: string | null = null;
    for (let depth = 0; depth < 3; depth++) {
      const sharer = r * 6 + depth;
      const id = newId();
      const at = new Date(now.getTime() - 10 * 24 * HOUR + r * HOUR + depth * 6 * HOUR);
      shares.push({ id, sharerId: ids[sharer], target: { type: 'product', id: productId }, campaignId: null, channel: depth === 1 ? 'moments' : 'wechat', parentId, createdAt: at });
      for (let k = 0; k < 4; k++) {
        const signedUp = depth === 0 && k === 0 ? { userId: newId(), at: new Date(at.getTime() + 2 * HOUR) } : undefined;
        if (signedUp) newcomers.push(signedUp.userId);
        clicks.push({ shareId: id, visitorId: `sim-v-${r}-${depth}-${k}`, userId: null, isNewVisitor: true, clickedAt: new Date(at.getTime() + HOUR), signedUp });
      }
      for (const f of [1, 2]) clicks.push({ shareId: id, visitorId: `sim-u-${sharer + f}`, userId: ids[sharer + f], isNewVisitor: false, clickedAt: new Date(at.getTime() + HOUR) });
      parentId = id;
    }
  }
  await t.services.identity.importUsers(newcomers.map((id, i) => ({ id, email: `sim-new-${i}@test.local`, phone: null, passwordHash: hash, displayName: `新人${i}`, roles: ['shopper'], createdAt: now })));
  await t.services.sharing.importHistoricalCascade({ shares, clicks });
}

beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
  await seedHistory();
});
afterAll(() => t?.close());

const plan = (over: Record<string, unknown> = {}) => ({
  mechanic: 'referral',
  startAt: '2026-06-02T02:00:00.000Z',
  days: 7,
  seedAudience: 40,
  budget: { amount: 30_000, currency: 'CNY' },
  rewardPerNewCustomer: 1500,
  rewardPerOrder: 500,
  runs: 300,
  seed: 7,
  ...over,
});
const forecast = (body: unknown, as: TestUser = op) => t.request({ method: 'POST', url: '/api/v1/admin/simulator/forecasts', body, as });
const rowCounts = async () => {
  const count = async (table: 'outbox_events' | 'audit_log' | 'shares' | 'share_clicks') => Number((await t.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  return { outbox: await count('outbox_events'), audit: await count('audit_log'), shares: await count('shares'), clicks: await count('share_clicks') };
};

describe('simulator', () => {
  it('calibrates from the store’s real cascades and friendship graph', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/admin/simulator/calibration', as: op });
    expect(res.statusCode, res.body).toBe(200);
    const c = res.data;
    expect(c.source).toBe('store');
    expect(c.sample).toMatchObject({ shares: 30, clicks: 180, sharers: 30, newCustomers: ROOTS, orders: 0 });
    // 20 child shares over 180 clicks; by generation: 10 of 60 clicks at depths 0 and 1, none at depth 2 (shrunk towards the pool).
    expect(c.shareProbability).toBeCloseTo(20 / 180, 3);
    expect(c.shareProbabilityByDepth[0]).toBeGreaterThan(c.shareProbabilityByDepth[2]);
    expect(c.cycleHours.every((h: number) => h === 6)).toBe(true);
    // Every click came 1 h after its share; a friend shared 5 h after clicking (6 h after the parent).
    expect(c.clickDelayHours.stranger.every((h: number) => h === 1)).toBe(true);
    expect(c.clickDelayHours.friend.every((h: number) => h === 1)).toBe(true);
    expect(c.reshareHours.every((h: number) => h === 5)).toBe(true);
    // Friends a share could still reach: a root's 4 on the ring, then 2 and 1 (the rest had been
    // reached in the cascade); 2 friend clicks each: 6 of 7.
    expect(c.friendClickProbability).toBeCloseTo(6 / 7, 3);
    expect(c.offspring).toMatchObject({ mean: Number((20 / 30).toFixed(4)) });
    expect(c.graph).toMatchObject({ source: 'store', edges: USERS * 2 });
    expect(c.graph.nodes).toBeGreaterThanOrEqual(USERS);
    expect(Object.keys(c.channels).sort()).toEqual(['moments', 'wechat']);
    expect(c.channelMix.wechat).toBeCloseTo(2 / 3, 3);
  });

  it('reads each click of a cascade with its time, clicker and sign-up (sharing’s cascade clicks)', async () => {
    const roots = (await t.services.sharing.listRoots({ limit: 100 })).items;
    const root = roots.find((r) => r.sharerId === ids[0])!;
    const tree = await t.services.sharing.getCascade(root.id);
    const clicks = await t.services.sharing.cascadeClicks([root.id, 'not-a-uuid']);
    expect(clicks).toHaveLength(3 * 6);
    for (const n of tree.nodes) {
      const own = clicks.filter((c) => c.shareId === n.id);
      expect(own.map((c) => c.clickedAt.getTime())).toEqual(own.map(() => Date.parse(n.createdAt) + HOUR));
      expect(own.filter((c) => c.isNewVisitor)).toHaveLength(4);
      // `visitor` is the key the cascade's distinct visitors are counted by.
      expect(new Set(own.map((c) => c.visitor)).size).toBe(n.visitors);
      // The friends who clicked: the next two sharers on the ring.
      const sharer = ids.indexOf(n.sharerId);
      expect(own.filter((c) => !c.isNewVisitor).map((c) => c.clickerId).sort()).toEqual([ids[sharer + 1], ids[sharer + 2]].sort());
    }
    // The root's first stranger opened an account 1 h after clicking: its clicker is the new customer.
    const signups = clicks.filter((c) => c.signedUpAt !== null);
    expect(signups).toHaveLength(1);
    expect(signups[0]).toMatchObject({ shareId: root.id, isNewVisitor: true, orderedAt: [] });
    expect(signups[0].signedUpAt!.getTime() - signups[0].clickedAt.getTime()).toBe(HOUR);
    expect(signups[0].clickerId).not.toBeNull();
    expect(await t.services.sharing.cascadeClicks([])).toEqual([]);
  });

  it('reads many cascades at once as getCascade and cascadeClicks read each (sharing’s cascade facts)', async () => {
    const roots = (await t.services.sharing.listRoots({ limit: 100 })).items.map((r) => r.id);
    const { shares, clicks } = await t.services.sharing.cascadeFacts([...roots, 'not-a-uuid']);
    const trees = await Promise.all(roots.map((id) => t.services.sharing.getCascade(id)));
    // Cascade by cascade in the order asked, each by depth then time, with getCascade's counts.
    expect(shares.map(({ rootId, createdAt, ...n }) => ({ ...n, rootId, createdAt: createdAt.toISOString() }))).toEqual(
      trees.flatMap((tree) => tree.nodes.map(({ sharerName: _, ...n }) => ({ ...n, rootId: tree.root.id }))),
    );
    expect(clicks).toEqual(await t.services.sharing.cascadeClicks(roots));
    expect(await t.services.sharing.cascadeFacts([])).toEqual({ shares: [], clicks: [] });
  });

  it('forecasts per China day with ordered 80% bands, reproducibly, and finds the day the budget runs out', async () => {
    const res = await forecast(plan());
    expect(res.statusCode, res.body).toBe(200);
    const f = res.data;
    expect(f.runs).toBe(300);
    expect(f.days.map((d: { date: string }) => d.date)).toEqual(['2026-06-02', '2026-06-03', '2026-06-04', '2026-06-05', '2026-06-06', '2026-06-07', '2026-06-08']);
    expect(f.days[0].date).toBe(chinaDate(new Date('2026-06-02T02:00:00.000Z')));
    for (const d of f.days) {
      for (const m of ['reach', 'newCustomers', 'orders', 'rewardCost']) expect(d[m].p10 <= d[m].p50 && d[m].p50 <= d[m].p90, `${m} day ${d.day}`).toBe(true);
      expect(d.rewardCost.p90).toBeLessThanOrEqual(30_000);
    }
    // Everyone reached at launch counts on day 1.
    expect(f.days[0].reach.p10).toBeGreaterThanOrEqual(40);
    expect(f.final).toEqual({ reach: f.days[6].reach, newCustomers: f.days[6].newCustomers, orders: f.days[6].orders, rewardCost: f.days[6].rewardCost });
    expect(f.calibration.source).toBe('store');
    expect(f.input).toMatchObject({ startAt: '2026-06-02T02:00:00.000Z', runs: 300, seed: 7 });
    expect((await forecast(plan())).data.days).toEqual(f.days);

    // A budget of ¥3 runs out in nearly every run, early on.
    const tight = (await forecast(plan({ budget: { amount: 300, currency: 'CNY' } }))).data;
    expect(tight.budgetExhaustedShare).toBeGreaterThan(0.8);
    expect(tight.budgetExhaustedDay.p50).toBeLessThanOrEqual(3);
    const none = (await forecast(plan({ budget: null }))).data;
    expect(none).toMatchObject({ budgetExhaustedDay: null, budgetExhaustedShare: 0 });
  });

  it('refuses bad input with a coded 400 and writes nothing', async () => {
    const shopper = await t.signUp();
    await t.settle();
    const before = await rowCounts();
    const cases: [Record<string, unknown>, string][] = [
      [plan({ days: 0 }), 'VALIDATION_FAILED'],
      [plan({ days: 61 }), 'VALIDATION_FAILED'],
      [plan({ seedAudience: '40' }), 'VALIDATION_FAILED'],
      [plan({ budget: { amount: 100, currency: 'USD' } }), 'VALIDATION_FAILED'],
      [plan({ runs: 6000 }), 'VALIDATION_FAILED'],
      [plan({ mechanic: 'pyramid' }), 'VALIDATION_FAILED'],
      [plan({ startAt: 'tomorrow' }), 'VALIDATION_FAILED'],
      [plan({ extra: true }), 'VALIDATION_FAILED'],
      [plan({ channels: ['fax'] }), 'SIMULATOR_INPUT_INVALID'],
    ];
    for (const [body, code] of cases) {
      const res = await forecast(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.data.error.code, JSON.stringify(body)).toBe(code);
    }
    const backtest = await t.request({ method: 'POST', url: '/api/v1/admin/simulator/backtests', body: { calibrationDays: 9 }, as: op });
    expect(backtest.statusCode).toBe(400);
    expect((await forecast(plan(), shopper)).statusCode).toBe(403);
    expect((await t.request({ method: 'POST', url: '/api/v1/admin/simulator/forecasts', body: plan() })).statusCode).toBe(401);
    expect(await rowCounts()).toEqual(before);
  });

  it('says so when no past cascade is big enough to backtest', async () => {
    const res = await t.request({ method: 'POST', url: '/api/v1/admin/simulator/backtests', as: op });
    expect(res.statusCode).toBe(422);
    expect(res.data.error.code).toBe('SIMULATOR_NO_HISTORY');
  });
});

describe('simulator backtest and command', () => {
  /** A tree of 16 shares: the root, 3 children 6 h later, 2 grandchildren each 30 h after them, 1 more each 40 h after those; 4 stranger clicks per share. */
  async function bigCascade(first: number, daysAgo: number, campaignId: string | null = null) {
    const start = t.clock.now().getTime() - daysAgo * 24 * HOUR;
    const shares: Parameters<typeof t.services.sharing.importHistoricalCascade>[0]['shares'] = [];
    const clicks: Parameters<typeof t.services.sharing.importHistoricalCascade>[0]['clicks'] = [];
    const add = (parentId: string | null, at: number) => {
      const id = newId();
      shares.push({ id, sharerId: ids[first + shares.length], target: { type: 'product', id: productId }, campaignId, channel: 'wechat', parentId, createdAt: new Date(at) });
      for (let k = 0; k < 4; k++) clicks.push({ shareId: id, visitorId: `big-${id}-${k}`, userId: null, isNewVisitor: true, clickedAt: new Date(at + HOUR) });
      return id;
    };
    const root = add(null, start);
    for (let a = 0; a < 3; a++) {
      const child = add(root, start + 6 * HOUR);
      for (let b = 0; b < 2; b++) add(add(child, start + 36 * HOUR), start + 76 * HOUR);
    }
    await t.services.sharing.importHistoricalCascade({ shares, clicks });
    return root;
  }

  it('replays past cascades from their first two days and reports the error of final reach and cost', async () => {
    const roots = [await bigCascade(0, 8), await bigCascade(20, 6)];
    // The calibration is cached for the day: a new day reads the new cascades.
    t.clock.advance(24 * HOUR);
    const res = await t.request({ method: 'POST', url: '/api/v1/admin/simulator/backtests', body: { runs: 200, seed: 3 }, as: op });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.data;
    expect(r.campaigns.map((c: { campaignId: string }) => c.campaignId).sort()).toEqual([...roots].sort());
    for (const c of r.campaigns) {
      expect(c.calibrationDays).toBe(2);
      expect(c.days).toBeGreaterThanOrEqual(7);
      // The root's sharer and 16 shares × 4 distinct visitors; no sign-ups, so no reward cost.
      expect(c.actual).toEqual({ reach: 65, rewardCost: 0 });
      // By the cut-off at 48 h: the root, its 3 children and 6 grandchildren, each clicked by 4.
      expect(c.atCutoff).toEqual({ reach: 1 + 10 * 4, rewardCost: 0 });
      expect(c.forecast.reach.p10).toBeGreaterThanOrEqual(41);
      expect(c.forecast.reach.p10).toBeLessThanOrEqual(c.forecast.reach.p50);
      expect(c.forecast.reach.p50).toBeLessThanOrEqual(c.forecast.reach.p90);
      // The APE is of the unrounded median; the answer's p50 is rounded to a whole person.
      expect(Math.abs(c.ape.reach - Math.abs(c.forecast.reach.p50 - 65) / 65)).toBeLessThanOrEqual(0.5 / 65 + 1e-4);
    }
    expect(r.medianApe.reach).toBeCloseTo([...r.campaigns.map((c: { ape: { reach: number } }) => c.ape.reach)].sort((a, b) => a - b)[0] / 2 + [...r.campaigns.map((c: { ape: { reach: number } }) => c.ape.reach)].sort((a, b) => a - b)[1] / 2, 6);
    expect(r.goal).toBe(0.15);
  });

  it('nowcasts a cascade that was over by the cut-off as exactly what it had brought', async () => {
    // A root and 11 shares by friends who clicked it 1 h after it and shared 5 h later; every share
    // clicked by 2 strangers 1 h after it, 2 of whom sign up: all within the first 8 hours.
    const start = t.clock.now().getTime() - 5 * 24 * HOUR;
    const shares: Parameters<typeof t.services.sharing.importHistoricalCascade>[0]['shares'] = [];
    const clicks: Parameters<typeof t.services.sharing.importHistoricalCascade>[0]['clicks'] = [];
    const newcomers: string[] = [];
    const share = (k: number, parentId: string | null, at: number) => {
      const id = newId();
      shares.push({ id, sharerId: ids[40 + k], target: { type: 'product', id: productId }, campaignId: null, channel: 'wechat', parentId, createdAt: new Date(at) });
      for (let v = 0; v < 2; v++) {
        const signedUp = v === 0 && k < 2 ? { userId: newId(), at: new Date(at + 2 * HOUR) } : undefined;
        if (signedUp) newcomers.push(signedUp.userId);
        clicks.push({ shareId: id, visitorId: `over-${id}-${v}`, userId: null, isNewVisitor: true, clickedAt: new Date(at + HOUR), signedUp });
      }
      return id;
    };
    const root = share(0, null, start);
    for (let k = 1; k <= 11; k++) {
      clicks.push({ shareId: root, visitorId: `over-u-${k}`, userId: ids[40 + k], isNewVisitor: false, clickedAt: new Date(start + HOUR) });
      share(k, root, start + 6 * HOUR);
    }
    const hash = await t.services.identity.hashPassword('fission2026');
    await t.services.identity.importUsers(newcomers.map((id, i) => ({ id, email: `over-new-${i}@test.local`, phone: null, passwordHash: hash, displayName: `新人${i}`, roles: ['shopper'], createdAt: new Date(start) })));
    await t.services.sharing.importHistoricalCascade({ shares, clicks });
    t.clock.advance(24 * HOUR);

    const r = (await t.request({ method: 'POST', url: '/api/v1/admin/simulator/backtests', body: { runs: 100, seed: 1 }, as: op })).data;
    const over = r.campaigns.find((c: { campaignId: string }) => c.campaignId === root);
    // The store's clicks all came 1 h after their share and reshares 5 h after the click, so at 48 h
    // nothing more can come of it: the forecast is what it had, in every run.
    const reach = 1 + 11 + 12 * 2;
    expect(over).toMatchObject({ actual: { reach, rewardCost: 2 * 1500 }, atCutoff: { reach, rewardCost: 2 * 1500 }, ape: { reach: 0, rewardCost: 0 } });
    expect(over.forecast).toEqual({ reach: { p10: reach, p50: reach, p90: reach }, rewardCost: { p10: 3000, p50: 3000, p90: 3000 } });
  });

  it('prints a plan’s forecast and the backtest from `fission simulate`', async () => {
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    const closed: string[] = [];
    try {
      const program = new Command().exitOverride();
      registerSimulateCommand(program, async (o) => ({
        simulator: t.services.simulator,
        forecastInputOfPlan: async (planId) => ({ mechanic: 'groupbuy', startAt: new Date('2026-06-10T00:00:00Z'), days: 3, seedAudience: 40, budget: null, rewardPerNewCustomer: 1500, rewardPerOrder: 500, ...(planId === 'p-wechat' ? { channels: ['wechat'] } : {}) }),
        close: async () => void closed.push(o.demo ? 'demo' : 'db'),
      }));
      await program.parseAsync(['node', 'fission', 'simulate', '--plan', 'p-wechat', '--runs', '100', '--seed', '5']);
      const out = lines.join('\n');
      expect(out).toContain('Forecast: groupbuy, 3 days from 2026-06-10T00:00:00.000Z, 40 shoppers at launch, budget none; 100 runs, seed 5');
      expect(out).toMatch(/\n  3  2026-06-12 /);
      expect(out).toContain('Calibration: the store’s cascades');
      lines.length = 0;
      await program.parseAsync(['node', 'fission', 'simulate', '--backtest', '--runs', '50']);
      expect(lines.join('\n')).toMatch(/Median absolute percentage error: reach \d+\.\d%/);
      expect(closed).toEqual(['db', 'db']);
    } finally {
      log.mockRestore();
    }
  });

  it('calibrates a mechanic on its own campaigns’ cascades and replays campaigns rather than cascades', async () => {
    const created = await t.request({ method: 'POST', url: '/api/v1/admin/referral/campaigns', as: op, body: { name: '邀请有礼 回测', inviterReward: { kind: 'points', points: 200 }, inviteeReward: { kind: 'points', points: 100 } } });
    expect(created.statusCode, created.body).toBe(201);
    const campaignId = created.data.id;
    await bigCascade(0, 9, campaignId);
    await bigCascade(30, 9, campaignId);
    t.clock.advance(24 * HOUR);
    const referral = (await forecast(plan({ mechanic: 'referral' }))).data.calibration;
    expect(referral).toMatchObject({ source: 'store', mechanic: 'referral', sample: { campaigns: 1, shares: 32, clicks: 128, newCustomers: 0 } });
    expect(referral.cycleHours[0]).toBe(6);
    const groupbuy = (await forecast(plan({ mechanic: 'groupbuy' }))).data.calibration;
    expect(groupbuy).toMatchObject({ source: 'store', mechanic: null });
    expect(groupbuy.sample.shares).toBe(30 + 2 * 16 + 12 + 32);

    const r = (await t.request({ method: 'POST', url: '/api/v1/admin/simulator/backtests', body: { runs: 100 }, as: op })).data;
    expect(r.campaigns).toHaveLength(1);
    // No reward was booked on its ledger: its actual and forecast cost are nil.
    expect(r.campaigns[0]).toMatchObject({ campaignId, name: '邀请有礼 回测', mechanic: 'referral', actual: { reach: 2 + 32 * 4, rewardCost: 0 }, ape: { rewardCost: 0 } });
  });
});
