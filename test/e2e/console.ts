/// <reference lib="dom" />
// Operator console steps (English UI), by what the screen says.
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { onPath, until, visible } from './storefront.ts';

/** Signs the demo operator in, on a console in English or in Chinese (the context's language). */
export async function consoleSignIn(page: Page) {
  await page.goto('/admin/login');
  await page.getByLabel(/^(Email|邮箱)$/).fill('demo-operator@fission.local');
  await page.getByLabel(/^(Password|密码)$/).fill('fission-demo-2026');
  await page.getByRole('button', { name: /^(Sign in|登录)$/ }).click();
  await expect.poll(() => new URL(page.url()).pathname, { timeout: 20_000 }).not.toMatch(/\/login$/);
}

export const nav = (page: Page, name: string | RegExp) => page.getByRole('navigation').getByRole('link', { name }).first().click();

/** The text of `row`'s cell in the column headed `header`. */
export async function cell(table: Locator, row: Locator, header: string): Promise<string> {
  const headers = await table.getByRole('columnheader').allInnerTexts();
  const index = headers.findIndex((h) => h.trim() === header);
  if (index < 0) throw new Error(`no column "${header}" in [${headers.join(', ')}]`);
  return (await row.getByRole('cell').nth(index).innerText()).trim();
}

/** Orders page: each order, found by its number, is listed as paid in full (paid orders move on to "to ship"). */
export async function consoleShowsPaidOrders(page: Page, numbers: string[]) {
  await nav(page, 'Orders');
  await onPath(page, /^\/admin\/orders$/);
  for (const number of numbers) {
    await page.getByLabel('Order number').fill(number);
    await page.getByLabel('Order number').press('Enter');
    const table = page.getByRole('table');
    const row = table.getByRole('row').filter({ hasText: number });
    // The search applies after a short pause: wait for the filtered table (its header and this one row).
    await until(page, `order ${number} listed alone`, async () => (await table.getByRole('row').count()) === 2 && (await row.count()) === 1);
    expect(await cell(table, row, 'Paid')).toBe(await cell(table, row, 'Total'));
    expect(await cell(table, row, 'Status')).toMatch(/^(Paid|To ship|Awaiting team)/);
  }
}

/** Shares page: the root share by `sharer` shows its attributed paid orders; its cascade opens as a tree. */
export async function consoleShowsShare(page: Page, sharer: string, expected: { paidOrders: number; signups: number }) {
  await nav(page, 'Shares & cascades');
  await onPath(page, /^\/admin\/shares$/);
  const table = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Sharer' }) });
  const row = table.getByRole('row').filter({ hasText: sharer }).first();
  await expect.poll(() => row.isVisible(), { timeout: 20_000 }).toBe(true);
  expect(await cell(table, row, 'Paid orders')).toBe(String(expected.paidOrders));
  expect(await cell(table, row, 'Sign-ups')).toBe(String(expected.signups));
  await row.getByRole('link').first().click();
  await onPath(page, /^\/admin\/shares\/[^/]+$/);
  await visible(page, 'Cascade tree');
  await expect.poll(() => page.locator('canvas').count(), { timeout: 20_000 }).toBeGreaterThan(0);
}
