/// <reference lib="dom" />
// The campaign kernel in the console: every mechanic in one list; the operator sets a draft group
// buy's budget, opens its launch review, starts it, pauses and resumes it; the API agrees.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nav, consoleSignIn } from './console.ts';
import { ApiClient, browserTestsEnabled, createProduct, desktopContext, launchBrowser, screenshot, watchErrors } from './support.ts';

describe.runIf(browserTestsEnabled())('campaigns on the kernel, in the console', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('sets a budget, reviews the launch, starts, pauses and resumes a group buy from All campaigns', async () => {
    const op = await ApiClient.operator();
    const name = `E2E kernel team ${Date.now().toString(36)}`;
    const { skuId } = await createProduct(op, { title: name, price: 9_900, stock: 20 });
    const draft = await op.post('/api/v1/admin/groupbuy/campaigns', { name, skuId, groupPrice: 5_900, teamSize: 2, stock: 20 });

    const context = await desktopContext(browser);
    const c = await context.newPage();
    const errors = watchErrors(c);
    await consoleSignIn(c);
    await nav(c, 'All campaigns');
    const row = c.getByRole('row').filter({ hasText: name });
    await expect.poll(() => row.isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => row.textContent()).toContain('No ceiling');

    await row.getByRole('button', { name: 'Budget' }).click();
    await c.getByLabel('Budget (yuan)').fill('400');
    await c.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain('¥400.00');

    await row.getByRole('button', { name: 'Launch review' }).click();
    const dialog = c.getByRole('dialog');
    await expect.poll(() => dialog.textContent(), { timeout: 20_000 }).toContain('rules are locked');
    await screenshot(c, 'console-launch-review');
    await dialog.getByRole('button', { name: 'Start', exact: true }).click();
    await expect.poll(() => row.getByRole('button', { name: 'Pause' }).isVisible(), { timeout: 20_000 }).toBe(true);
    expect((await op.get(`/api/v1/admin/campaigns/${draft.id}`)).status).toBe('live');

    await row.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => row.getByRole('button', { name: 'Resume' }).isVisible(), { timeout: 20_000 }).toBe(true);
    expect((await op.get(`/api/v1/admin/campaigns/${draft.id}`))).toMatchObject({ status: 'paused', budget: { amount: 40_000 } });
    await row.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(async () => (await op.get(`/api/v1/admin/campaigns/${draft.id}`)).status, { timeout: 20_000 }).toBe('live');
    await screenshot(c, 'console-all-campaigns');
    expect(errors).toEqual([]);
  });
});
