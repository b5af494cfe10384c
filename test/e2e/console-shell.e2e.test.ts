/// <reference lib="dom" />
// Journey: the console's shell at 1440 × 900. In English the dashboard reads money as ¥ (never CN¥)
// with period-over-period changes on its KPIs, figures on one line; the sidebar scrolls on its own
// so its last link can be reached, and a group folds and unfolds. In Chinese a campaign's detail
// page carries breadcrumbs (营销活动 / 拼团 / 详情) whose links lead back. Screenshots of the
// dashboard in both languages go to docs/screenshots/ for the README.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleSignIn } from './console.ts';
import { ROOT } from './paths.ts';
import { onPath, until } from './storefront.ts';
import { ApiClient, baseUrl, browserTestsEnabled, launchBrowser, screenshot, startGroupbuy, watchErrors } from './support.ts';

const VIEWPORT = { width: 1440, height: 900 };

async function consoleAt(browser: Browser, lang: 'en' | 'zh-CN'): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl(), viewport: VIEWPORT });
  await context.addInitScript((l) => window.localStorage.setItem('fission.lang', l), lang);
  return context;
}

/** Saves the screenshot as an artifact and, for the README, in docs/screenshots/. */
async function keep(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  const file = await screenshot(page, name);
  fs.copyFileSync(file, path.join(ROOT, 'docs', 'screenshots', `${name}.png`));
}

/** The dashboard has drawn: both KPI bands and both charts. */
async function dashboardDrawn(page: Page) {
  await until(page, 'dashboard KPIs and charts drawn', async () => (await page.locator('.kpis .stat').count()) >= 11 && (await page.locator('canvas').count()) >= 2);
}

const CHANGE = /^(▲ (new|新增|[\d,]+\.\d%)|▼( [\d,]+\.\d%)?|0\.0%|–)$/;

describe.runIf(browserTestsEnabled())('the console shell', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('shows ¥ money and period changes on the English dashboard, and a sidebar that scrolls to its last link', async () => {
    const context = await consoleAt(browser, 'en');
    const c = await context.newPage();
    const errors = watchErrors(c);
    await consoleSignIn(c);
    await onPath(c, /^\/admin\/?$/);
    await dashboardDrawn(c);

    // Today against yesterday, and the last 7 days against the 7 before.
    const today = c.getByRole('group', { name: /^Today so far/ });
    const range = c.getByRole('group', { name: 'Key figures' });
    for (const band of [today, range]) {
      const gmv = band.locator('.stat').first();
      expect(await gmv.locator('.stat-label').innerText()).toBe('GMV');
      expect(await gmv.locator('.stat-value').innerText()).toMatch(/^¥[\d,]+\.\d{2}$/);
      for (const change of await band.locator('.delta').allInnerTexts()) expect(change.trim()).toMatch(CHANGE);
    }
    expect(await today.locator('.stat-delta').first().innerText()).toContain('vs yesterday');
    expect(await range.locator('.stat-delta').first().innerText()).toContain('vs previous 7 days');
    expect(await c.locator('main').innerText()).not.toContain('CN¥');
    // Every KPI figure sits on one line.
    const wrapped = await c.locator('.kpis .stat-value').evaluateAll((els) => els.filter((el) => el.getBoundingClientRect().height > parseFloat(getComputedStyle(el).lineHeight) * 1.5).map((el) => el.textContent));
    expect(wrapped).toEqual([]);
    await keep(c, 'console-dashboard-en');

    // The sidebar is the window's height under the top bar and scrolls by itself to its last link.
    const sidebar = c.getByRole('navigation', { name: 'Console navigation' });
    const box = (await sidebar.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(VIEWPORT.height + 1);
    const last = sidebar.getByRole('link').last();
    const lastName = (await last.innerText()).trim();
    await last.scrollIntoViewIfNeeded();
    expect(await last.isVisible()).toBe(true);
    const lastBox = (await last.boundingBox())!;
    expect(lastBox.y).toBeGreaterThanOrEqual(0);
    expect(lastBox.y + lastBox.height).toBeLessThanOrEqual(VIEWPORT.height);
    expect(await sidebar.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    expect(await c.evaluate(() => window.scrollY)).toBe(0);
    await last.click();
    await until(c, `${lastName} open and its link marked current`, async () => (await sidebar.getByRole('link', { name: lastName, exact: true }).getAttribute('aria-current')) === 'page');

    // A group folds and unfolds; its links come back.
    const trade = sidebar.getByRole('button', { name: 'Trade' });
    await trade.click();
    expect(await trade.getAttribute('aria-expanded')).toBe('false');
    expect(await sidebar.getByRole('link', { name: 'After-sales' }).count()).toBe(0);
    await trade.click();
    expect(await trade.getAttribute('aria-expanded')).toBe('true');
    expect(await sidebar.getByRole('link', { name: 'After-sales' }).isVisible()).toBe(true);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('puts breadcrumbs on a campaign detail page in Chinese, and keeps the Chinese dashboard in ¥', async () => {
    const op = await ApiClient.operator();
    const { campaignId } = await startGroupbuy(op, { title: `面包屑拼团 ${Date.now().toString(36)}`, price: 5_900, groupPrice: 3_900 });
    const context = await consoleAt(browser, 'en');
    const c = await context.newPage();
    const errors = watchErrors(c);
    await consoleSignIn(c);
    await c.getByRole('banner').getByLabel('Language').selectOption('zh-CN');
    await until(c, 'the console in Chinese', () => c.getByRole('group', { name: '核心指标' }).isVisible());
    await dashboardDrawn(c);
    const gmv = c.getByRole('group', { name: '核心指标' }).locator('.stat-value').first();
    expect(await gmv.innerText()).toMatch(/^¥[\d,]+\.\d{2}$/);
    expect(await c.getByRole('group', { name: /^今日实时/ }).locator('.stat-delta').first().innerText()).toContain('较昨日');
    await keep(c, 'console-dashboard');

    // The context's start-up script sets English on every page load: switch back after opening the page.
    await c.goto(`/admin/campaigns/groupbuy/${campaignId}`);
    await c.getByRole('banner').getByLabel('Language').selectOption('zh-CN');
    const crumbs = c.getByRole('list', { name: '当前位置' });
    await until(c, 'breadcrumbs shown', () => crumbs.isVisible());
    expect((await crumbs.getByRole('listitem').allInnerTexts()).map((s) => s.trim())).toEqual(['营销活动', '拼团', '详情']);
    // The active group stays open (its fold is disabled) and its link is marked.
    expect(await c.getByRole('navigation', { name: '后台导航' }).getByRole('button', { name: '营销活动' }).isDisabled()).toBe(true);
    await crumbs.getByRole('link', { name: '拼团' }).click();
    await onPath(c, /^\/admin\/campaigns\/groupbuy$/);
    await expect.poll(async () => (await crumbs.getByRole('listitem').allInnerTexts()).map((s) => s.trim()), { timeout: 10_000 }).toEqual(['营销活动', '拼团']);

    expect(errors).toEqual([]);
    await context.close();
  });
});
