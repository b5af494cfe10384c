/// <reference lib="dom" />
// Compliance in the console: an operator sees a group buy fail its pre-launch compliance check
// (it rewards sharing on WeChat), fixes the campaign's declaration, and starts it. Every page of
// the storefront and the console loads under the Content-Security-Policy without a violation.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleSignIn, nav } from './console.ts';
import { ApiClient, baseUrl, browserTestsEnabled, createProduct, desktopContext, launchBrowser, phoneContext, screenshot, watchErrors } from './support.ts';

/** Every CSP violation the page reports, from the DOM event and from the console. */
async function watchCsp(context: BrowserContext): Promise<(page: Page) => string[]> {
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  return (page: Page) => {
    const violations: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|CSP violation/i.test(m.text())) violations.push(m.text());
    });
    return violations;
  };
}

const RULES = 'Rules: one team per shopper; a team that does not fill within 24 hours is refunded in full; prices and stock as shown on the page.';

describe.runIf(browserTestsEnabled())('compliance in the console', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('shows a failing compliance check with its source, the operator fixes the declaration, then starts the campaign', async () => {
    const op = await ApiClient.operator();
    const name = `E2E compliance team ${Date.now().toString(36)}`;
    const { skuId } = await createProduct(op, { title: name, price: 9_900, stock: 20 });
    const draft = await op.post('/api/v1/admin/groupbuy/campaigns', { name, skuId, groupPrice: 5_900, teamSize: 2, stock: 20 });
    await op.request('PUT', `/api/v1/admin/compliance/campaigns/${draft.id}/profile`, {
      channels: ['wechat'], rewardsSharing: true, shareForChances: false, helpPrompts: false, lottery: false, rewardsFollowing: false,
      rulesText: RULES, rulesPublished: true, virtualMembers: 0, virtualMembersDisclosed: false, maxPrizeAmount: null, commissionDepth: 0, promoterEntryFeeAmount: 0, referencePrices: [],
    });

    const context = await desktopContext(browser);
    const csp = await watchCsp(context);
    const c = await context.newPage();
    const errors = watchErrors(c);
    const violations = csp(c);
    await consoleSignIn(c);
    await nav(c, 'All campaigns');
    const row = c.getByRole('row').filter({ hasText: name });
    await expect.poll(() => row.isVisible(), { timeout: 20_000 }).toBe(true);

    // The launch review: the WeChat rule fails, with its source; Start stays off.
    await row.getByRole('button', { name: 'Launch review' }).click();
    const dialog = c.getByRole('dialog');
    const failing = dialog.locator('[data-check="compliance.channel.wechat.no_share_reward"]');
    await expect.poll(() => failing.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await failing.getAttribute('data-severity')).toBe('block');
    expect(await failing.textContent()).toContain('WeChat external link content rules');
    expect(await dialog.getByRole('button', { name: 'Start', exact: true }).isDisabled()).toBe(true);
    await screenshot(c, 'console-compliance-failing');

    // Fix it: the campaign no longer rewards the act of sharing.
    await dialog.getByRole('link', { name: 'Compliance declaration' }).click();
    const box = c.getByLabel('Rewards the act of sharing (coupons, points, cash)');
    await expect.poll(() => box.isChecked(), { timeout: 20_000 }).toBe(true);
    await box.uncheck();
    await c.getByRole('button', { name: 'Save', exact: true }).click();
    const checkPanel = c.getByRole('region', { name: 'Pre-launch compliance check' });
    await expect.poll(async () => (await checkPanel.locator('[data-severity="block"]').count()), { timeout: 20_000 }).toBe(0);
    expect(await checkPanel.locator('[data-check="compliance.channel.wechat.no_share_reward"]').getAttribute('data-severity')).toBe('info');
    await screenshot(c, 'console-compliance-declaration', true);

    await c.getByRole('link', { name: 'Back to all campaigns' }).click();
    await expect.poll(() => row.isVisible(), { timeout: 20_000 }).toBe(true);
    await row.getByRole('button', { name: 'Launch review' }).click();
    const start = c.getByRole('dialog').getByRole('button', { name: 'Start', exact: true });
    await expect.poll(() => start.isEnabled(), { timeout: 20_000 }).toBe(true);
    await start.click();
    await expect.poll(async () => (await op.get(`/api/v1/admin/campaigns/${draft.id}`)).status, { timeout: 20_000 }).toBe('live');

    // The audit log viewer shows the saved declaration, filtered by action prefix.
    await nav(c, 'Audit log');
    await c.getByLabel('Action', { exact: true }).fill('compliance.');
    await c.getByRole('button', { name: 'Filter', exact: true }).click();
    await expect.poll(() => c.getByRole('table').textContent(), { timeout: 20_000 }).toContain('compliance.profile_saved');
    await screenshot(c, 'console-audit-log');

    // The channel policies and the dashboard's charts load under the CSP too.
    await nav(c, 'Channel policies');
    await expect.poll(() => c.getByText('WeChat Moments').first().isVisible(), { timeout: 20_000 }).toBe(true);
    await nav(c, 'Two-factor sign-in');
    await c.getByRole('button', { name: 'Set up' }).click();
    await expect.poll(() => c.getByAltText('otpauth QR').isVisible(), { timeout: 20_000 }).toBe(true);
    await c.goto('/admin/');
    await expect.poll(() => c.locator('canvas, svg').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await c.locator('canvas, svg').first().hover();
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('serves the storefront and the API docs under a CSP with no violations', async () => {
    const res = await fetch(`${baseUrl()}/`);
    const policy = res.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');

    const context = await phoneContext(browser);
    const csp = await watchCsp(context);
    const page = await context.newPage();
    const errors = watchErrors(page);
    const violations = csp(page);
    await page.goto(`${baseUrl()}/`);
    await expect.poll(() => page.locator('a[href^="/product/"]').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.locator('a[href^="/product/"]').first().click();
    await expect.poll(() => page.url(), { timeout: 20_000 }).toContain('/product/');
    await page.waitForLoadState('networkidle');
    expect(violations, 'storefront').toEqual([]);
    await page.goto(`${baseUrl()}/docs`);
    await expect.poll(() => page.locator('.swagger-ui').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
  });
});
