/// <reference lib="dom" />
// Journey: an operator plans a group buy with two variants (two-person teams against three) in
// the console, runs the simulator's forecast, reads the pre-launch checks, creates and starts the
// campaign with its experiment in one step, opens the experiment page (variants, exposures, the
// sample-ratio check and results once shoppers are assigned), and reads the printable report.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleSignIn, nav } from './console.ts';
import { onPath, visible } from './storefront.ts';
import { ApiClient, browserTestsEnabled, createProduct, desktopContext, launchBrowser, registerShopper, screenshot, watchErrors } from './support.ts';

describe.runIf(browserTestsEnabled())('a campaign plan from the form to the experiment and the report', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('plans a two-variant group buy, sees the forecast, launches it, and reads the experiment page', async () => {
    const op = await ApiClient.operator();
    const run = Date.now().toString(36);
    const { skuId } = await createProduct(op, { title: `策划拼团 ${run}`, price: 9900, stock: 500 });
    const name = `E2E plan ${run}`;

    const context = await desktopContext(browser);
    const c = await context.newPage();
    const errors = watchErrors(c);
    await consoleSignIn(c);
    await nav(c, 'Campaign plans');
    await onPath(c, /^\/admin\/plans$/);
    await c.getByRole('link', { name: 'New plan' }).click();
    await onPath(c, /^\/admin\/plans\/new$/);
    await c.getByLabel('Plan name').fill(name);
    await c.getByLabel('Target').fill('50');
    await c.getByLabel('Budget (yuan; blank for no ceiling)').fill('2000');
    await c.getByLabel('SKU ID').fill(skuId);
    await c.getByLabel('Group price (yuan)').fill('59');
    await c.getByLabel('Campaign stock').fill('100');
    await c.getByLabel('A/B test: control 50% and treatment 50%').check();
    await c.getByLabel('Treatment value').fill('3');
    await c.getByRole('button', { name: 'Save plan' }).click();
    await onPath(c, /^\/admin\/plans\/[0-9a-f-]{36}$/);
    const planId = new URL(c.url()).pathname.split('/').pop()!;
    await visible(c, name);

    // The forecast: one row per planned day with its band, and whether the budget lasts.
    await c.getByRole('button', { name: 'Run forecast' }).click();
    const forecast = c.getByRole('region', { name: 'Forecast' });
    await expect.poll(() => forecast.getByRole('row').count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(8);
    await visible(c, /Budget runs out|The budget lasts/);
    await visible(c, 'Checked on the plan');
    await screenshot(c, 'console-plan-forecast');

    await c.getByRole('button', { name: 'Create and start the campaign' }).click();
    await visible(c, 'Campaign created and started');
    await visible(c, 'Launched');
    const plan = await op.get(`/api/v1/admin/plans/${planId}`);
    expect(plan.status).toBe('launched');
    expect((await op.get(`/api/v1/admin/campaigns/${plan.campaignId}`)).status).toBe('live');

    // Shoppers meet the campaign: each is assigned a variant once.
    for (let i = 0; i < 4; i++) {
      const shopper = await registerShopper(`策划${i}`);
      await shopper.api.get(`/api/v1/experiments/campaigns/${plan.campaignId}/variant`);
    }

    await c.getByRole('link', { name: 'Open the experiment' }).click();
    await onPath(c, /^\/admin\/experiments\/[^/]+$/);
    const variants = c.getByRole('region', { name: 'Variants' });
    await expect.poll(() => variants.getByRole('row').count(), { timeout: 20_000 }).toBe(3);
    await visible(c, /Split as configured|Sample-ratio mismatch/);
    await visible(c, 'New customers');
    await screenshot(c, 'console-plan-experiment');

    await c.goto(new URL(`/admin/plans/${planId}/report`, c.url()).toString());
    await visible(c, `Post-campaign report: ${name}`);
    await visible(c, 'Forecast beside the outcome');
    await visible(c, 'Incremental effect against the control');
    await expect.poll(() => c.getByRole('region', { name: 'Forecast beside the outcome' }).getByRole('row').count()).toBe(5);
    await screenshot(c, 'console-plan-report', true);
    expect(errors).toEqual([]);
    // The journeys share one server: a campaign left running would sit on the home page of later ones.
    await op.post(`/api/v1/admin/groupbuy/campaigns/${plan.campaignId}/stop`);
  });
});
