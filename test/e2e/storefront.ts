/// <reference lib="dom" />
// Storefront steps as a shopper does them, by what the screen says (English UI).
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { PASSWORD, screenshot, signupCodeFor, uniqueEmail } from './support.ts';

let failures = 0;
/** Polls `check` until true; when it never is, leaves a full-page screenshot of what was there instead. */
export async function until(page: Page, what: string, check: () => Promise<boolean>, timeout = 20_000) {
  try {
    await expect.poll(check, { timeout }).toBe(true);
  } catch (err) {
    const file = await screenshot(page, `failure-${++failures}-${what.replace(/\W+/g, '-').slice(0, 40)}`, true).catch(() => null);
    throw new Error(`${what}: not so on ${page.url()}${file ? ` (screenshot: ${file})` : ''}`, { cause: err });
  }
}

export const visible = (page: Page, text: string | RegExp, timeout = 20_000) =>
  until(page, `"${text}" visible`, () => page.getByText(text).first().isVisible(), timeout);

export const onPath = (page: Page, re: RegExp, timeout = 20_000) => until(page, `path matches ${re}`, async () => re.test(new URL(page.url()).pathname), timeout);

/**
 * Fills the sign-up form the shopper was sent to (or opens it) on its email tab, types the code the
 * server sent to the email (read from the dev outbox), and waits to be sent back.
 */
export async function signUp(page: Page, displayName: string): Promise<string> {
  if (!/\/signup/.test(page.url())) {
    if (/\/login/.test(page.url())) await page.getByRole('link', { name: 'Create an account' }).click();
    else await page.goto('/signup');
  }
  const email = uniqueEmail(displayName.toLowerCase().replace(/\W+/g, '') || 'shopper');
  // The form opens on the phone tab (phone first, as shoppers in China expect); journeys sign up by email.
  await page.getByRole('tab', { name: 'With email' }).click();
  await page.getByLabel('Display name').fill(displayName);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('checkbox', { name: /privacy policy|隐私政策/i }).check();
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.getByLabel('Verification code').fill(await signupCodeFor(email));
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect.poll(() => /\/(signup|login)/.test(page.url()), { timeout: 20_000 }).toBe(false);
  return email;
}

/** A new account has no address: the one-tap campaign buttons ask for one in a sheet. */
export async function addAddressIfAsked(page: Page) {
  const sheet = page.getByRole('dialog').filter({ has: page.getByLabel('Detailed address') });
  const asked = await sheet.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false);
  if (!asked) return;
  // One pasted line fills name, phone, region and street (the region picker is for picking by hand).
  await sheet.getByLabel('Paste to fill').fill('李雷 13912345678 浙江省杭州市西湖区文三路 90 号');
  await sheet.getByRole('button', { name: 'Fill in' }).click();
  await expect.poll(() => sheet.getByLabel('Detailed address').inputValue(), { timeout: 20_000 }).toBe('文三路 90 号');
  await sheet.getByRole('button', { name: 'Save address' }).click();
}

/** On /orders/{id}/pay: the default test card succeeds. Returns the order id. */
export async function payWithTestCard(page: Page, card?: string): Promise<string> {
  await onPath(page, /^\/orders\/[^/]+\/pay$/);
  const orderId = new URL(page.url()).pathname.split('/')[2];
  if (card) await page.getByLabel('Test card').selectOption(card);
  await page.getByRole('button', { name: 'Pay now' }).click();
  await visible(page, 'Payment successful', 30_000);
  return orderId;
}

/** Opens the share sheet with the given button and copies the link; returns what the clipboard holds. */
export async function copyShareLink(page: Page, buttonName: string): Promise<string> {
  await page.getByRole('button', { name: buttonName }).click();
  const sheet = page.getByRole('dialog');
  const link = sheet.getByTestId('share-link');
  await expect.poll(() => link.inputValue(), { timeout: 20_000 }).toMatch(/\/s\/\w+/);
  await sheet.getByRole('button', { name: 'Copy link' }).click();
  await visible(page, 'Link copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await link.inputValue());
  await sheet.getByRole('button', { name: 'Close' }).click();
  return copied;
}
