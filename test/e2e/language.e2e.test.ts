/// <reference lib="dom" />
// Journey 5: zh-CN by default, switch to English and back in 我的 → 设置 (remembered across reloads); phone-sized
// screenshots of the home page and of a team page saved as artifacts (test-results/e2e/).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAddress, ApiClient, browserTestsEnabled, launchBrowser, payOrder, phoneContext, registerShopper, screenshot, startGroupbuy, watchErrors } from './support.ts';

describe.runIf(browserTestsEnabled())('language and phone screenshots', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('opens in Chinese, switches to English and back, and remembers the choice', async () => {
    const context = await phoneContext(browser, null);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto('/');
    const tabs = page.getByRole('navigation', { name: '主导航' });
    await expect.poll(() => tabs.getByRole('link', { name: '首页' }).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');

    // The header's right slot is "more"; the language lives in 我的 → 设置.
    expect(await page.getByRole('combobox').count()).toBe(0);
    await page.getByRole('button', { name: '更多' }).click();
    await page.getByRole('dialog', { name: '更多' }).getByRole('link', { name: '设置' }).click();
    await page.getByRole('radiogroup', { name: '语言 / Language' }).getByRole('radio', { name: 'English' }).click();
    const enTabs = page.getByRole('navigation', { name: 'Main navigation' });
    await expect.poll(() => enTabs.getByRole('link', { name: 'Home' }).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.goto('/');
    await page.reload();
    await expect.poll(() => enTabs.getByRole('link', { name: 'Categories' }).isVisible()).toBe(true);
    // The page fits a 375 px phone: nothing scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'storefront-home-en-375');

    await page.goto('/me');
    await page.getByRole('radiogroup', { name: 'Language / 语言' }).getByRole('radio', { name: '中文' }).click();
    await expect.poll(() => tabs.getByRole('link', { name: '我的' }).isVisible()).toBe(true);
    await page.goto('/');
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'storefront-home-zh-375');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a team page at phone size', async () => {
    const op = await ApiClient.operator();
    const { campaignId } = await startGroupbuy(op, { title: '拼团截图 Team screenshot tea set', price: 19_900, groupPrice: 9_900, teamSize: 3 });
    const leader = await registerShopper('小红');
    const { team, order } = await leader.api.post(`/api/v1/groupbuy/campaigns/${campaignId}/teams`, { addressId: await addAddress(leader.api) }, { 'idempotency-key': crypto.randomUUID() });
    await payOrder(leader.api, order.id);
    await expect.poll(async () => (await leader.api.get(`/api/v1/groupbuy/teams/${team.id}`)).status, { timeout: 20_000 }).toBe('open');

    const context = await phoneContext(browser, null);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`/groupbuy/teams/${team.id}`);
    await expect.poll(() => page.getByText('拼团截图 Team screenshot tea set').first().isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'storefront-team-zh-375');
    expect(errors).toEqual([]);
    await context.close();
  });
});
