/// <reference lib="dom" />
// Journey: an operator works the promoter pages. They search the demo store's best-selling promoter
// by name and read the orders and GMV that promoter brought in; a promoter with settled commission
// asks to be paid to a bank card, and the withdrawals page shows that promoter by name with the
// payout account masked. The cascade page names its sharers. Screenshots in both languages.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cell, consoleSignIn, nav } from './console.ts';
import { onPath, until } from './storefront.ts';
import { ApiClient, browserTestsEnabled, desktopContext, launchBrowser, screenshot, watchErrors } from './support.ts';

const DEMO_PASSWORD = 'fission-demo-2026';
const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

describe.runIf(browserTestsEnabled())('the promoter pages', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('finds a promoter by name with the orders and GMV they brought, and shows a withdrawal\'s payout account and promoter name', async () => {
    const op = await ApiClient.operator();
    const top = (await op.get('/api/v1/admin/affiliate/promoters?sort=gmv&limit=1')).items[0];
    expect(top.attributedOrders).toBeGreaterThan(0);

    // A demo promoter with settled commission asks to be paid to a bank card (signed in by phone, revealed for the purpose).
    const program = await op.get('/api/v1/affiliate/program').catch(() => ({ withdrawMin: { amount: 100 } }));
    const ranked = (await op.get('/api/v1/admin/affiliate/promoters?sort=commission&limit=50')).items;
    const earner = ranked.find((p: any) => p.totals.available.amount >= program.withdrawMin.amount && p.person.phone);
    expect(earner, 'a demo promoter with commission to withdraw').toBeTruthy();
    const { phone } = await op.post(`/api/v1/admin/customers/${earner.userId}/reveal`, { reason: 'e2e: promoter withdrawal journey' });
    const promoter = await ApiClient.login(phone, DEMO_PASSWORD);
    const account = `62220202${Date.now().toString().slice(-8)}`;
    await promoter.post('/api/v1/affiliate/withdrawals', { amount: program.withdrawMin.amount, payout: { method: 'bank', account } }, { 'idempotency-key': crypto.randomUUID() });

    for (const lang of ['en', 'zh-CN'] as const) {
      const context = await desktopContext(browser, lang);
      const c = await context.newPage();
      const errors = watchErrors(c);
      await consoleSignIn(c);
      await c.goto('/admin/promoters');
      await onPath(c, /^\/admin\/promoters$/);
      const search = c.getByLabel(lang === 'en' ? 'Search promoters' : '搜索推广员');
      await search.fill(top.person.name);
      await search.press('Enter');
      const table = c.getByRole('table');
      const row = table.getByRole('row').filter({ hasText: top.person.name }).first();
      await until(c, 'the promoter found by name', async () => (await row.count()) === 1);
      if (lang === 'en') {
        expect(await cell(table, row, 'Orders brought')).toBe(top.attributedOrders.toLocaleString('en-US'));
        expect(await cell(table, row, 'GMV brought')).toBe(yuan(top.gmv.amount));
        await screenshot(c, 'console-promoters-en');
      } else {
        expect(await cell(table, row, '带来订单')).toBe(top.attributedOrders.toLocaleString('en-US'));
        await screenshot(c, 'console-promoters-zh');
      }
      expect(errors).toEqual([]);
      await context.close();
    }

    // Withdrawals: the promoter by name, the bank card masked to its last four digits.
    const context = await desktopContext(browser, 'en');
    const c = await context.newPage();
    const errors = watchErrors(c);
    await consoleSignIn(c);
    await nav(c, 'Withdrawals');
    await onPath(c, /^\/admin\/promoters\/withdrawals$/);
    const table = c.getByRole('table');
    const row = table.getByRole('row').filter({ hasText: `**** ${account.slice(-4)}` }).first();
    await until(c, 'the new withdrawal listed', async () => (await row.count()) === 1);
    expect(await cell(table, row, 'Payout account')).toBe(`Bank card · **** ${account.slice(-4)}`);
    expect(await cell(table, row, 'Promoter')).toContain(earner.person.name);
    expect(await row.innerText()).not.toContain(account);

    // The demo store's largest cascade, its sharers by name.
    const roots = (await op.get('/api/v1/admin/shares?limit=100')).items;
    const largest = roots.reduce((a: any, b: any) => (b.size > a.size ? b : a), roots[0]);
    await c.goto(`/admin/shares/${largest.id}`);
    await until(c, 'the cascade drawn', async () => (await c.locator('canvas').count()) > 0);
    await until(c, 'the root sharer named', async () => (await c.getByRole('table').last().getByRole('link', { name: largest.sharer.name }).count()) > 0);
    await c.waitForLoadState('networkidle');
    await screenshot(c, 'console-cascade-names');
    expect(errors).toEqual([]);
    await context.close();
  });
});
