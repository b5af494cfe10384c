/// <reference lib="dom" />
// Growth analytics in the console: three visitors of a fresh group buy leave a funnel in the event
// log (3 product views, 2 add to cart, 1 checkout started); the operator builds that funnel and sees
// 3 → 2 → 1, opens the campaign report, opens the campaign and downloads its CSV; the API agrees.
import fs from 'node:fs';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleSignIn, nav } from './console.ts';
import { ApiClient, browserTestsEnabled, desktopContext, launchBrowser, screenshot, startGroupbuy, watchErrors } from './support.ts';

/** A phone browser's user agent: the beacon drops requests from robots and HTTP libraries. */
const PHONE_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.40';
const STEPS = ['product_view', 'add_to_cart', 'checkout_started'];

/** One visitor's events of the campaign, a few seconds apart, through the storefront's beacon endpoint. */
/** The text in `row` under the column headed `header` (row headers count as columns here). */
async function column(table: Locator, row: Locator, header: string): Promise<string> {
  const headers = (await table.getByRole('columnheader').allInnerTexts()).map((h) => h.trim());
  const index = headers.indexOf(header);
  if (index < 0) throw new Error(`no column "${header}" in [${headers.join(', ')}]`);
  return (await row.locator('th, td').nth(index).innerText()).trim();
}

async function visit(campaignId: string, productId: string, steps: string[]) {
  const visitorId = `e2e-${crypto.randomUUID()}`;
  const start = Date.now() - 60_000;
  const events = steps.map((name, i) => ({ id: crypto.randomUUID(), name, at: new Date(start + i * 5_000).toISOString(), page: `/product/${productId}`, campaignId, productId }));
  const res = await new ApiClient().post('/api/v1/events', { visitorId, events }, { 'user-agent': PHONE_UA });
  expect(res).toMatchObject({ accepted: steps.length, bot: false });
}

describe.runIf(browserTestsEnabled())('growth analytics, in the console', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('builds a funnel, opens a campaign report and downloads its CSV', async () => {
    const op = await ApiClient.operator();
    const name = `E2E analytics team ${Date.now().toString(36)}`;
    const { campaignId, productId } = await startGroupbuy(op, { title: name, price: 9_900, groupPrice: 5_900 });
    await visit(campaignId, productId, STEPS);
    await visit(campaignId, productId, STEPS.slice(0, 2));
    await visit(campaignId, productId, STEPS.slice(0, 1));
    // The reports read daily rollups, which the analytics.rollup job refreshes a minute or two after the events.
    const funnelCounts = async () => (await op.get(`/api/v1/admin/analytics/funnel?steps=${STEPS.join(',')}&campaignId=${campaignId}`)).steps.map((s: { count: number }) => s.count);
    await expect.poll(funnelCounts, { timeout: 150_000, interval: 5_000 }).toEqual([3, 2, 1]);

    const context = await desktopContext(browser);
    const c = await context.newPage();
    const errors = watchErrors(c);
    await consoleSignIn(c);

    // Funnels: only this campaign's people, three steps out of the four offered.
    await nav(c, 'Funnels');
    await c.getByLabel('Campaign', { exact: true }).selectOption(campaignId);
    await c.getByRole('button', { name: 'Remove step 4' }).click();
    for (const [i, step] of STEPS.entries()) await c.getByLabel(`Step ${i + 1}`, { exact: true }).selectOption(step);
    await c.getByRole('button', { name: 'Run funnel' }).click();
    const table = c.getByRole('table').filter({ has: c.getByRole('columnheader', { name: /^Drop-off/ }) });
    const row = (step: string) => table.getByRole('row').filter({ hasText: `(${step})` });
    await expect.poll(() => row('checkout_started').isVisible(), { timeout: 20_000 }).toBe(true);
    const counts = async () => Promise.all(STEPS.map((s) => column(table, row(s), 'People')));
    await expect.poll(counts, { timeout: 20_000 }).toEqual(['3', '2', '1']);
    expect(await column(table, row('add_to_cart'), 'Conversion from start')).toBe('66.7%');
    expect(await column(table, row('checkout_started'), 'Conversion from previous')).toBe('50%');
    await expect.poll(() => c.locator('canvas').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await screenshot(c, 'console-analytics-funnel', true);

    // The campaign report: the campaign's row, then its own report.
    await nav(c, 'Campaign report');
    const report = c.getByRole('table').filter({ has: c.getByRole('columnheader', { name: /^Reach/ }) });
    const campaignRow = report.getByRole('row').filter({ hasText: name });
    await expect.poll(() => campaignRow.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await column(report, campaignRow, 'Reach')).toBe('3');
    expect(await column(report, campaignRow, 'Mechanic')).toBe('Group buy');
    const apiRow = (await op.get(`/api/v1/admin/analytics/campaigns?campaignId=${campaignId}`)).items[0];
    expect(apiRow).toMatchObject({ id: campaignId, reach: 3, mechanic: 'groupbuy' });
    await campaignRow.getByRole('link', { name }).click();
    await expect.poll(() => c.getByRole('heading', { level: 1 }).innerText(), { timeout: 20_000 }).toBe(`Campaign report: ${name}`);
    await expect.poll(() => c.getByText('Cost by kind').isVisible()).toBe(true);
    await screenshot(c, 'console-analytics-campaign', true);

    const [download] = await Promise.all([c.waitForEvent('download'), c.getByRole('link', { name: 'Download CSV' }).click()]);
    const text = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const [header, line, ...rest] = text.trim().split(/\r?\n/);
    expect(header).toBe('campaign_id,name,mechanic,status,reach,shares,clicks,ctr,signups,orders,paid_orders,gmv_fen,cost_fen,cac_fen,cac_formula,roi,roi_formula');
    expect(rest).toEqual([]);
    expect(line!.startsWith(`${campaignId},${name},groupbuy,`)).toBe(true);
    expect(line!.split(',')[4]).toBe('3');
    expect(errors).toEqual([]);
  }, 300_000);

  it('shows channels, viral, retention and active users in Chinese, each with its CSV link answering through the session cookie', async () => {
    const context = await desktopContext(browser);
    const c = await context.newPage();
    const errors = watchErrors(c);
    await consoleSignIn(c);
    await c.getByRole('banner').getByLabel('Language').selectOption('zh-CN');
    await expect.poll(() => c.getByRole('navigation').getByText('数据分析').isVisible(), { timeout: 20_000 }).toBe(true);
    const pages = [
      { link: '渠道对比', heading: '渠道对比', report: 'channels', header: 'channel,shares,clicks' },
      { link: '裂变分析', heading: '裂变分析', report: 'viral', header: 'root_share_id,size,depth,structural_virality' },
      { link: '留存', heading: '留存分析', report: 'retention', header: 'cohort_week,size,d1_rate' },
      { link: '活跃用户', heading: '活跃用户', report: 'active-users', header: 'date,dau,wau,mau,stickiness,new_customers' },
    ];
    for (const p of pages) {
      await nav(c, new RegExp(`^${p.link}$`));
      await expect.poll(() => c.getByRole('heading', { level: 1 }).innerText(), { timeout: 20_000 }).toBe(p.heading);
      const csv = c.getByRole('link', { name: '下载 CSV' }).first();
      const empty = c.getByText(/没有/).first();
      // A report with rows has its table and CSV link; the demo store may have no cascades or shares in range.
      await expect.poll(async () => (await csv.isVisible()) || (await empty.isVisible()), { timeout: 20_000 }).toBe(true);
      if (await csv.isVisible()) {
        const href = (await csv.getAttribute('href'))!;
        expect(href).toMatch(new RegExp(`^/api/v1/admin/analytics/${p.report}\\?.*format=csv`));
        // The link rides on the console's session cookie, as the browser's download does.
        const res = await c.request.get(href);
        expect(res.status()).toBe(200);
        expect((await res.text()).replace(/^\uFEFF/, '').startsWith(p.header)).toBe(true);
      }
      await screenshot(c, `console-analytics-${p.report}`, true);
    }
    expect(errors).toEqual([]);
  });
});
