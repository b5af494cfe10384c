/// <reference lib="dom" />
// Journey: a group buy's page shows its results. Alice opens a 2-person team and pays, shares it;
// Bob opens her link, signs up, joins and pays, and the team completes. The operator opens the
// campaign's console page: the KPI cards read one paid order (Bob's, brought by Alice's share)
// and its amount, and the team list names the leader and both members, completed. Screenshots
// in English and Chinese.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleSignIn } from './console.ts';
import { until } from './storefront.ts';
import { addAddress, ApiClient, baseUrl, browserTestsEnabled, launchBrowser, payOrder, registerShopper, screenshot, signupCodeFor, startGroupbuy, uniqueEmail, PASSWORD, watchErrors } from './support.ts';

/** Bob's side through the API: opens the share link (the click sets his visitor cookie), then signs up and joins with it. */
async function joinThroughLink(token: string, teamId: string, displayName: string) {
  const opened = await fetch(`${baseUrl()}/s/${token}`, { redirect: 'manual' });
  const visitor = opened.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('fission_vid='));
  if (!visitor) throw new Error('the share link set no visitor cookie');
  const cookie = { cookie: visitor };
  const email = uniqueEmail('bob');
  await new ApiClient().request('POST', '/api/v1/auth/register/start', { email }, cookie);
  const code = await signupCodeFor(email);
  const res = await new ApiClient().request('POST', '/api/v1/auth/register', { email, code, password: PASSWORD, displayName, session: 'bearer' }, cookie);
  const bob = new ApiClient(res.token as string);
  const addressId = await addAddress(bob);
  const joined = await bob.request('POST', `/api/v1/groupbuy/teams/${teamId}/join`, { addressId }, cookie);
  await payOrder(bob, joined.order.id);
  return joined.order.id as string;
}

const kpi = (page: Page, key: string) => page.locator(`[data-kpi="${key}"] .ant-statistic-content`);

describe.runIf(browserTestsEnabled())('campaign results on a group buy\'s page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('shows the KPI cards with the paid order its share brought and the completed team by name', async () => {
    const op = await ApiClient.operator();
    const run = Date.now().toString(36);
    const title = `E2E results tea ${run}`;
    const { campaignId } = await startGroupbuy(op, { title, price: 12_800, groupPrice: 6_800, teamSize: 2 });

    const alice = await registerShopper(`Alice ${run}`);
    const opened = await alice.api.post(`/api/v1/groupbuy/campaigns/${campaignId}/teams`, { addressId: await addAddress(alice.api) });
    await payOrder(alice.api, opened.order.id);
    const teamId = opened.team.id as string;
    // The team opens once the leader's payment has been processed (an event consumer): wait for it.
    await expect.poll(async () => (await op.get(`/api/v1/groupbuy/teams/${teamId}`)).status, { timeout: 30_000 }).toBe('open');
    const share = await alice.api.post('/api/v1/shares', { target: { type: 'team', id: teamId }, channel: 'wechat' });
    const bobOrder = await joinThroughLink(share.token, teamId, `Bob ${run}`);

    await expect.poll(async () => (await op.get(`/api/v1/groupbuy/teams/${teamId}`)).status, { timeout: 30_000 }).toBe('completed');
    const { order } = await op.get(`/api/v1/admin/orders/${bobOrder}`);
    // The report reads the analytics log, which the outbox feeds a moment later.
    await expect.poll(async () => (await op.get(`/api/v1/admin/analytics/campaigns?campaignId=${campaignId}`)).items[0].paidOrders, { timeout: 30_000 }).toBe(1);

    const context = await browser.newContext({ baseURL: baseUrl(), viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto('/admin/login');
    await page.evaluate(() => window.localStorage.setItem('fission.lang', 'en'));
    await consoleSignIn(page);
    await page.goto(`/admin/campaigns/groupbuy/${campaignId}`);

    await until(page, 'the KPI cards loaded', async () => (await kpi(page, 'paidOrders').count()) === 1);
    expect((await kpi(page, 'paidOrders').innerText()).trim()).toBe('1');
    const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: order.total.currency, currencyDisplay: 'narrowSymbol', minimumFractionDigits: 2 }).format(order.total.amount / 100);
    expect((await kpi(page, 'gmv').innerText()).trim()).toBe(money);
    expect(await page.locator('[data-kpi="ratio"]').count()).toBe(1);

    const teams = page.locator('.ant-card').filter({ has: page.getByText('Teams', { exact: true }) });
    const row = teams.getByRole('row').filter({ hasText: `Alice ${run}` });
    await until(page, 'the completed team listed', async () => (await row.count()) === 1);
    await expect.poll(() => row.innerText()).toContain(`Bob ${run}`);
    expect(await row.innerText()).toContain('Completed');
    expect(await row.innerText()).toContain('2 / 2 paid');
    await row.getByRole('link', { name: `Alice ${run}` }).waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'console-campaign-results-en', true);

    await page.evaluate(() => window.localStorage.setItem('fission.lang', 'zh-CN'));
    await page.reload();
    await until(page, 'the KPI cards in Chinese', async () => (await page.getByText('支付订单', { exact: true }).count()) > 0 && (await kpi(page, 'paidOrders').count()) === 1);
    expect((await kpi(page, 'paidOrders').innerText()).trim()).toBe('1');
    const zhRow = page.locator('.ant-card').filter({ has: page.getByText('团列表', { exact: true }) }).getByRole('row').filter({ hasText: `Alice ${run}` });
    await until(page, 'the team listed in Chinese', async () => (await zhRow.count()) === 1 && (await zhRow.innerText()).includes('已成团'));
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'console-campaign-results-zh', true);

    expect(errors).toEqual([]);
    await context.close();
  });
});
