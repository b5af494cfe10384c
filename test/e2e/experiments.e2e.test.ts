/// <reference lib="dom" />
// Journey: an operator defines a two-variant experiment on a running group buy and starts it;
// shoppers read their variant (each exposure logged once); the console's experiment page shows
// the variants with their exposures, the sample-ratio check above the results, and the results
// table with lift, interval and chance to beat control, under either correction.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleSignIn, nav } from './console.ts';
import { onPath, visible } from './storefront.ts';
import { ApiClient, browserTestsEnabled, desktopContext, launchBrowser, registerShopper, screenshot, startGroupbuy, watchErrors } from './support.ts';

describe.runIf(browserTestsEnabled())('an A/B experiment from definition to the results page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('the operator starts an experiment, shoppers are assigned, and the console shows SRM and results', async () => {
    const op = await ApiClient.operator();
    const run = Date.now().toString(36);
    const { campaignId } = await startGroupbuy(op, { title: `实验拼团 ${run}`, price: 9900, groupPrice: 5900 });
    const name = `E2E reward size ${run}`;
    const experiment = await op.post('/api/v1/admin/experiments', {
      campaignId, name, goalMetric: 'conversion', secondaryMetrics: ['revenue'],
      variants: [
        { key: 'control', name: 'Teams of 2', weight: 50, isControl: true, config: { teamSize: 2 } },
        { key: 'team_of_3', name: 'Teams of 3', weight: 50, isControl: false, config: { teamSize: 3 } },
      ],
    });
    await op.post(`/api/v1/admin/experiments/${experiment.id}/start`);
    const keys: string[] = [];
    for (let i = 0; i < 6; i++) {
      const shopper = await registerShopper(`实验${i}`);
      const first = await shopper.api.get(`/api/v1/experiments/campaigns/${campaignId}/variant`);
      const again = await shopper.api.get(`/api/v1/experiments/campaigns/${campaignId}/variant`);
      expect(again.variant.key).toBe(first.variant.key);
      keys.push(first.variant.key);
    }
    expect((await op.get(`/api/v1/admin/experiments/${experiment.id}/exposures`)).total).toBe(6);

    const context = await desktopContext(browser);
    const c = await context.newPage();
    const errors = watchErrors(c);
    await consoleSignIn(c);
    await nav(c, 'A/B tests');
    await onPath(c, /^\/admin\/experiments$/);
    await c.getByRole('link', { name }).click();
    await onPath(c, /^\/admin\/experiments\/[^/]+$/);
    await visible(c, 'Variants');
    const variants = c.getByRole('region', { name: 'Variants' });
    const controlCount = keys.filter((k) => k === 'control').length;
    await expect.poll(() => variants.getByRole('row').filter({ hasText: 'Teams of 2' }).innerText(), { timeout: 20_000 }).toMatch(new RegExp(`\\t${controlCount}$`));
    await visible(c, /Split as configured|Sample-ratio mismatch/);
    await visible(c, 'Chance to beat control');
    await c.getByLabel('Multiple-testing correction').selectOption('bh');
    await visible(c, 'Chance to beat control');
    await screenshot(c, 'console-experiment');
    await c.getByRole('button', { name: 'Stop' }).click();
    await visible(c, 'Experiment stopped');
    expect(errors).toEqual([]);
    // The journeys share one server: a campaign left running would sit on the home page of later ones.
    await op.post(`/api/v1/admin/groupbuy/campaigns/${campaignId}/stop`);
  });
});
