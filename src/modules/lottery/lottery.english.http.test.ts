// Lucky draws carry an optional English name for the storefront's English mode: shoppers get it on
// the draw list and page; a draw whose rules are not yet locked can change or clear it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';

const HOUR = 3_600_000;

let t: TestContext;
let op: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
});
afterAll(() => t?.close());

const iso = (ms: number) => new Date(t.clock.now().getTime() + ms).toISOString();
const rules = (startsInMs: number) => ({ name: '幸运大转盘', rulesText: '每人每天 1 次免费抽奖。', startsAt: iso(startsInMs), endsAt: iso(30 * 24 * HOUR), prizes: [{ name: '谢谢参与', kind: 'nothing', weight: 1 }] });
const create = (body: Record<string, unknown>) => t.request({ method: 'POST', url: '/api/v1/admin/lottery/draws', as: op, body });

describe('English lucky-draw names', () => {
  it('shows the English name on the draw list and page', async () => {
    const made = await create({ ...rules(-60_000), nameEn: '  Lucky wheel  ' });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.data).toMatchObject({ name: '幸运大转盘', nameEn: 'Lucky wheel' });
    expect((await t.request({ method: 'POST', url: `/api/v1/admin/lottery/draws/${made.data.id}/start`, as: op })).statusCode).toBe(200);
    const list = await t.request({ method: 'GET', url: '/api/v1/lottery/draws' });
    expect(list.data.items.find((d: any) => d.id === made.data.id)).toMatchObject({ name: '幸运大转盘', nameEn: 'Lucky wheel' });
    const page = await t.request({ method: 'GET', url: `/api/v1/lottery/draws/${made.data.id}` });
    expect(page.data).toMatchObject({ nameEn: 'Lucky wheel' });
  });

  it('is null without one, and can be set and cleared before the rules lock', async () => {
    const body = rules(HOUR);
    const made = await create(body);
    expect(made.data).toMatchObject({ nameEn: null });
    const put = (extra: Record<string, unknown>) => t.request({ method: 'PUT', url: `/api/v1/admin/lottery/draws/${made.data.id}`, as: op, body: { ...body, ...extra } });
    expect((await put({ nameEn: 'Spin to win' })).data).toMatchObject({ nameEn: 'Spin to win' });
    expect((await put({ nameEn: '' })).data).toMatchObject({ nameEn: null, name: '幸运大转盘' });
    await put({ nameEn: 'Spin to win' });
    expect((await put({ nameEn: null })).data).toMatchObject({ nameEn: null });
    expect((await t.request({ method: 'GET', url: `/api/v1/admin/lottery/draws/${made.data.id}`, as: op })).data.nameEn).toBeNull();
  });

  it('refuses an over-long or non-text English name and writes nothing', async () => {
    const before = (await t.request({ method: 'GET', url: '/api/v1/admin/lottery/draws', as: op })).data.items.length;
    const long = await create({ ...rules(HOUR), nameEn: 'x'.repeat(1000) });
    expect(long.statusCode).toBe(400);
    expect(long.data.error.code).toBe('VALIDATION_FAILED');
    expect((await create({ ...rules(HOUR), nameEn: 7 })).statusCode).toBe(400);
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/lottery/draws', as: op })).data.items.length).toBe(before);
  });
});
