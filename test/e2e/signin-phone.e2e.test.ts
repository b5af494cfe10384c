/// <reference lib="dom" />
// Sign-in by phone number and SMS code (issue 21, point 7), at 375 px in Chinese and English: a
// demo shopper asks for a code (获取验证码, then a 60 s countdown), a wrong code marks the code
// field, the right one (read from the built-in sender's outbox, as a developer would on the
// console's Outbox page) signs them in; password sign-in stays one tab away; nothing scrolls sideways.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPath, until, visible } from './storefront.ts';
import { ROOT } from './paths.ts';
import { ApiClient, browserTestsEnabled, launchBrowser, phoneContext, screenshot, watchErrors } from './support.ts';

async function keep(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  const file = await screenshot(page, name);
  fs.copyFileSync(file, path.join(ROOT, 'docs', 'screenshots', `${name}.png`));
}

const fitsPhone = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

/**
 * A demo shopper's full phone number: a demo order's address phone that is also an account's. The
 * order list masks phones (138****8000), so the address is read through the audited reveal, as an
 * operator would.
 */
async function demoShopperPhone(op: ApiClient): Promise<{ phone: string; id: string }> {
  const orders = await op.get('/api/v1/admin/orders?limit=50');
  for (const order of orders.items) {
    const address = await op.post(`/api/v1/admin/orders/${order.id}/address/reveal`, { reason: 'browser test: a demo shopper to sign in as' });
    const phone = String(address.phone);
    const found = await op.get(`/api/v1/admin/customers?q=${encodeURIComponent(phone)}&limit=2`);
    if (found.items.length === 1 && found.items[0].roles.includes('shopper')) return { phone, id: found.items[0].id };
  }
  throw new Error('no demo shopper with a phone found');
}

/** The newest sign-in code sent to a phone, read through the admin outbox API. */
async function signInCodeFor(op: ApiClient, phone: string, notBefore: string): Promise<string> {
  for (let i = 0; i < 40; i++) {
    const page = await op.get(`/api/v1/admin/messages?to=${encodeURIComponent(phone)}&limit=5`);
    const message = page.items.find((m: { template: string; createdAt: string }) => m.template === 'sign_in.code' && m.createdAt >= notBefore);
    if (message) return String(message.data.code);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no sign-in code was sent to ${phone}`);
}

describe.runIf(browserTestsEnabled())('sign-in by phone and SMS code', () => {
  let browser: Browser;
  let op: ApiClient;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
    op = await ApiClient.operator();
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await browser?.close();
  });

  it('a demo shopper signs in with 手机号 + 验证码; a wrong code marks the code field', async () => {
    const shopper = await demoShopperPhone(op);
    const context = await phoneContext(browser, 'zh-CN');
    contexts.push(context);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto('/login');
    // Phone first, password one tab away.
    await expect.poll(() => page.getByRole('tab', { name: '验证码登录' }).getAttribute('aria-selected')).toBe('true');
    await expect(page.getByRole('tab', { name: '密码登录' }).isVisible()).resolves.toBe(true);
    const phone = page.getByLabel('手机号');
    const code = page.getByLabel('验证码');

    const sentAfter = new Date(Date.now() - 1000).toISOString();
    await phone.fill(shopper.phone);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await visible(page, /秒后重发/);
    expect(await page.getByRole('button', { name: /秒后重发/ }).isDisabled()).toBe(true);
    const right = await signInCodeFor(op, shopper.phone, sentAfter);

    await code.fill(right === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await until(page, 'the code field is marked', async () => (await code.getAttribute('aria-invalid')) === 'true');
    await visible(page, '验证码错误或已过期，请重新获取');
    expect(await phone.getAttribute('aria-invalid')).toBeNull();
    await fitsPhone(page);
    await keep(page, 'storefront-signin-zh-375');

    await code.fill(right);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await onPath(page, /^\/me$/);
    const me = await page.request.get('/api/v1/me');
    expect(me.status()).toBe(200);
    expect((await me.json()).id).toBe(shopper.id);
    expect(errors).toEqual([]);
  });

  it('in English the page reads "Phone number" and keeps password sign-in, marking the password on a wrong one', async () => {
    const context = await phoneContext(browser, 'en');
    contexts.push(context);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto('/login');
    await page.getByLabel('Phone number').fill('13912345678');
    await expect(page.getByRole('button', { name: 'Get code' }).isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('Verification code').isVisible()).resolves.toBe(true);
    await fitsPhone(page);
    await keep(page, 'storefront-signin-en-375');

    await page.getByRole('tab', { name: 'Password' }).click();
    const password = page.getByLabel('Password', { exact: true });
    await page.getByLabel('Phone or email').fill(`nobody-${Date.now().toString(36)}@e2e.fission.test`);
    await password.fill('wrong-pass-1');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await until(page, 'the password field is marked', async () => (await password.getAttribute('aria-invalid')) === 'true');
    await fitsPhone(page);
    expect(errors).toEqual([]);
  });
});
