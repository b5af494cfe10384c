/// <reference lib="dom" />
// Journey: an operator works the customer pages. A friend signs up with an inviter's code and pays
// for an order; the operator filters the customer list to invited customers who have orders, opens
// the friend, sees the order number on the orders tab and the inviter on the referral tab; then
// opens the loyalty page and sees the membership tiers and the points rules.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInviteCampaign } from './friend.ts';
import { onPath, visible } from './storefront.ts';
import { addAddress, ApiClient, browserTestsEnabled, createProduct, desktopContext, launchBrowser, PASSWORD, payOrder, registerShopper, screenshot, signupCodeFor, uniqueEmail, watchErrors } from './support.ts';

/** Ant Design's select lists its choices twice (a hidden listbox for screen readers, the visible menu): click the visible one. */
/** The demo operator signs in on the console's own login form, in the page's language. */
async function signIn(page: Page, en: boolean) {
  await page.goto('/admin/login');
  await page.getByLabel(en ? 'Email' : '邮箱').fill('demo-operator@fission.local', { timeout: 60_000 });
  await page.getByLabel(en ? 'Password' : '密码').fill('fission-demo-2026');
  await page.getByRole('button', { name: en ? 'Sign in' : '登录' }).click();
  await expect.poll(() => new URL(page.url()).pathname, { timeout: 30_000 }).not.toMatch(/\/login$/);
}

const pickOption = (page: Page, text: string) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: text }).first().click();

/**
 * Opens a filter's select, picks an option and waits for the URL to carry it. A select clicked
 * while the previous one's dropdown is still closing may not open (CI saw this once on a busy
 * machine), so it is opened again, as a person would, up to three times.
 */
async function chooseFilter(page: Page, select: Locator, option: string, inUrl: RegExp) {
  for (let attempt = 1; ; attempt++) {
    await select.click();
    await pickOption(page, option).catch(() => undefined);
    try {
      await expect.poll(() => new URL(page.url()).search, { timeout: attempt < 3 ? 5_000 : 20_000 }).toMatch(inUrl);
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
      await page.keyboard.press('Escape');
    }
  }
}

describe.runIf(browserTestsEnabled())('the customer pages', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('filters customers, opens one with its orders and inviter, and shows the loyalty tiers', { timeout: 300_000 }, async () => {
    const op = await ApiClient.operator();
    const run = Date.now().toString(36);
    await startInviteCampaign(op);
    const inviterName = `邀请人${run}`;
    const friendName = `客户页好友${run}`;
    const inviter = await registerShopper(inviterName);
    const { code } = await inviter.api.get('/api/v1/me/invite');
    const email = uniqueEmail('friend');
    await new ApiClient().request('POST', '/api/v1/auth/register/start', { email });
    const registered = await new ApiClient().request('POST', '/api/v1/auth/register', { email, code: await signupCodeFor(email), password: PASSWORD, displayName: friendName, inviteCode: code, session: 'bearer' });
    const friend = new ApiClient(registered.token as string);
    const { skuId } = await createProduct(op, { title: `客户页商品 ${run}`, price: 12_900, stock: 5 });
    const order = await friend.post('/api/v1/orders', { items: [{ skuId, quantity: 1 }], addressId: await addAddress(friend) }, { 'idempotency-key': crypto.randomUUID() });
    await payOrder(friend, order.id);
    await expect.poll(async () => (await op.get(`/api/v1/admin/customers?q=${encodeURIComponent(friendName)}`)).items[0]?.source.kind, { timeout: 20_000 }).toBe('invite');

    for (const lang of ['en', 'zh-CN'] as const) {
      const context = await desktopContext(browser, lang);
      const c = await context.newPage();
      const errors = watchErrors(c);
      const en = lang === 'en';
      await signIn(c, en);
      await c.goto('/admin/customers');

      // Narrow to invited customers who have orders, then to the friend by name.
      await chooseFilter(c, c.getByLabel(en ? 'Source' : '来源').first(), en ? 'Invited' : '好友邀请', /source=invite/);
      await chooseFilter(c, c.getByLabel(en ? 'Orders' : '是否下单', { exact: true }).first(), en ? 'Has orders' : '有订单', /source=invite.*hasOrders=true|hasOrders=true.*source=invite/);
      await c.getByLabel(en ? 'Search customers' : '搜索客户').fill(friendName);
      await c.getByLabel(en ? 'Search customers' : '搜索客户').press('Enter');
      const row = c.getByRole('row').filter({ hasText: friendName });
      await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
      await expect.poll(() => c.getByTestId('customers-total').innerText(), { timeout: 20_000 }).toBe(en ? 'Customers: 1' : '共 1 位客户');
      await expect.poll(() => row.innerText()).toContain(inviterName);
      await expect.poll(() => row.innerText()).toContain(en ? 'Active' : '正常');
      expect(await row.innerText()).not.toContain('上架');
      // The unfiltered list, for the screenshot.
      await c.goto('/admin/customers');
      await visible(c, en ? 'Customers' : '客户');
      await expect.poll(() => c.getByRole('row').count(), { timeout: 20_000 }).toBeGreaterThan(3);
      await screenshot(c, en ? 'console-customers-en' : 'console-customers-zh');

      if (en) {
        await c.goto(`/admin/customers?q=${encodeURIComponent(friendName)}`);
        await c.getByRole('link', { name: friendName }).click();
        await onPath(c, new RegExp(`^/admin/customers/${registered.user.id}$`));
        await c.getByRole('tab', { name: /^Orders \(1\)$/ }).click();
        await visible(c, order.number);
        await expect.poll(() => c.getByRole('link', { name: order.number }).getAttribute('href')).toBe(`/admin/orders/${order.id}`);
        await c.getByRole('tab', { name: 'Referral' }).click();
        await expect.poll(() => c.getByTestId('customer-inviter').innerText(), { timeout: 20_000 }).toBe(inviterName);
        await screenshot(c, 'console-customer-detail-en');

        await c.goto('/admin/loyalty');
        await visible(c, 'Membership tiers');
        const tiers = (await op.get('/api/v1/admin/loyalty/tiers')) as { nameEn: string }[];
        expect(tiers.length).toBeGreaterThan(0);
        const tierTable = c.getByRole('table').last();
        for (const tier of tiers) await expect.poll(() => tierTable.innerText(), { timeout: 20_000 }).toContain(tier.nameEn);
        await expect.poll(() => c.getByLabel('Points per ¥1 paid').inputValue(), { timeout: 20_000 }).toMatch(/^\d+$/);
        await screenshot(c, 'console-loyalty-en');
      }
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});
