/// <reference lib="dom" />
// What every journey needs: Chromium as the issue prescribes, phone-sized contexts, and a small
// API client (bearer sessions) to set up campaigns and to check what the server holds afterwards.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { ARTIFACTS, CHROMIUM } from './paths.ts';

export const baseUrl = () => inject('e2eBaseUrl');
/** Empty when Chromium is missing on a laptop; CI refuses to run without it. */
export const browserTestsEnabled = () => baseUrl() !== '';

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Playwright's launch() gives every browser a fresh temporary --user-data-dir of its own. */
export const launchBrowser = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });

export const PHONE = { width: 375, height: 812 };

/** A shopper's phone: its own cookies and storage, English unless asked otherwise. */
export async function phoneContext(browser: Browser, lang: 'en' | 'zh-CN' | null = 'en'): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl(), viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: lang ?? 'zh-CN' });
  if (lang) await context.addInitScript((l) => window.localStorage.setItem('fission.lang', l), lang);
  return context;
}

export async function desktopContext(browser: Browser, lang: 'en' | 'zh-CN' = 'en'): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl(), viewport: { width: 1366, height: 900 } });
  await context.addInitScript((l) => window.localStorage.setItem('fission.lang', l), lang);
  return context;
}

/** Fails the journey on any uncaught page error; console errors are collected for the report. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  return errors;
}

export async function screenshot(page: Page, name: string, fullPage = false) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

let seq = 0;
export const uniqueEmail = (who: string) => `${who}-${Date.now().toString(36)}-${++seq}@e2e.fission.test`;
export const PASSWORD = 'fission2026';

let operatorSession: Promise<ApiClient> | null = null;

export class ApiClient {
  constructor(private readonly token?: string) {}

  static async login(login: string, password: string) {
    const res = await new ApiClient().request('POST', '/api/v1/auth/login', { login, password, session: 'bearer' });
    return new ApiClient(res.token as string);
  }

  /**
   * The demo operator, signed in once per test file: every journey shares one server, whose
   * per-IP sign-in limit (30 a minute) a login per call (a sign-up code read, a campaign set up)
   * would exhaust as journeys are added.
   */
  static operator() {
    operatorSession ??= ApiClient.login('demo-operator@fission.local', 'fission-demo-2026').catch((err) => {
      operatorSession = null;
      throw err;
    });
    return operatorSession;
  }

  async request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<any> {
    const res = await fetch(baseUrl() + url, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(this.token ? { authorization: `Bearer ${this.token}` } : {}), ...headers },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    const data = text ? JSON.parse(text) : undefined;
    if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${text}`);
    return data;
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown, headers?: Record<string, string>) => this.request('POST', url, body ?? {}, headers);
}

/** A product of our own with fresh stock, so journeys never compete with the demo data or each other. */
export async function createProduct(op: ApiClient, opts: { title: string; price: number; stock: number; listPrice?: number }) {
  const categories = await op.get('/api/v1/catalog/categories');
  const categoryId = (categories.items ?? categories)[0].id;
  const code = `E2E-${Date.now().toString(36)}-${++seq}`;
  const product = await op.post('/api/v1/admin/catalog/products', {
    title: opts.title,
    categoryId,
    status: 'active',
    skus: [{ code, price: { amount: opts.price }, ...(opts.listPrice ? { listPrice: { amount: opts.listPrice } } : {}), initialStock: opts.stock }],
  });
  return { productId: product.id as string, skuId: product.skus[0].id as string };
}

/**
 * The sign-up code the server sent to an email, read from the built-in sender's outbox (the
 * console's Outbox page, admins only) through the API, as a developer would read it there.
 */
export async function signupCodeFor(email: string): Promise<string> {
  const op = await ApiClient.operator();
  for (let i = 0; i < 40; i++) {
    const page = await op.get(`/api/v1/admin/messages?to=${encodeURIComponent(email)}&limit=5`);
    const message = page.items.find((m: { template: string }) => m.template === 'signup.code');
    if (message) return String(message.data.code);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no sign-up code was sent to ${email}`);
}

export async function registerShopper(displayName: string) {
  const email = uniqueEmail('shopper');
  await new ApiClient().request('POST', '/api/v1/auth/register/start', { email });
  const code = await signupCodeFor(email);
  const res = await new ApiClient().request('POST', '/api/v1/auth/register', { email, code, password: PASSWORD, displayName, session: 'bearer' });
  return { api: new ApiClient(res.token as string), id: res.user.id as string, email };
}

export async function addAddress(api: ApiClient): Promise<string> {
  const address = await api.post('/api/v1/me/addresses', { recipient: '王小明', phone: '13800138000', province: '上海市', city: '上海市', district: '浦东新区', line1: '世纪大道 100 号', isDefault: true });
  return address.id;
}

export async function payOrder(api: ApiClient, orderId: string, card = '4242424242424242') {
  const payment = await api.post(`/api/v1/orders/${orderId}/payments`, {}, { 'idempotency-key': crypto.randomUUID() });
  return api.post(`/api/v1/payments/${payment.id}/confirm`, { card: { number: card } });
}

/** A running 2-person (by default) group buy on a product of its own. */
export async function startGroupbuy(op: ApiClient, opts: { title: string; price: number; groupPrice: number; teamSize?: number; stock?: number }) {
  const { productId, skuId } = await createProduct(op, { title: opts.title, price: opts.price, stock: opts.stock ?? 50 });
  const campaign = await op.post('/api/v1/admin/groupbuy/campaigns', { name: opts.title, skuId, groupPrice: opts.groupPrice, teamSize: opts.teamSize ?? 2, stock: opts.stock ?? 50, expiryHours: 24 });
  await op.post(`/api/v1/admin/groupbuy/campaigns/${campaign.id}/start`);
  return { productId, skuId, campaignId: campaign.id as string };
}

/** A running price-cut on a product of its own: `helpersNeeded` friends take it to the floor. */
export async function startBargain(op: ApiClient, opts: { title: string; price: number; floor: number; helpersNeeded: number }) {
  const { productId, skuId } = await createProduct(op, { title: opts.title, price: opts.price, stock: 20 });
  const campaign = await op.post('/api/v1/admin/bargain/campaigns', { name: opts.title, skuId, floorAmount: opts.floor, helpersNeeded: opts.helpersNeeded, stock: 10, buyMode: 'floor_only', expiryHours: 24 });
  await op.post(`/api/v1/admin/bargain/campaigns/${campaign.id}/start`);
  return { productId, skuId, campaignId: campaign.id as string };
}

/** A flash-sale slot that is live within a couple of seconds. */
export async function startFlashSlot(op: ApiClient, opts: { title: string; price: number; flashPrice: number; stock: number }) {
  const { productId, skuId } = await createProduct(op, { title: opts.title, price: opts.price, stock: 20 });
  const startsAt = new Date(Date.now() + 2_000);
  const slot = await op.post('/api/v1/admin/flashsale/slots', {
    name: opts.title,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
    items: [{ skuId, flashPrice: { amount: opts.flashPrice }, stock: opts.stock, perUserLimit: 1 }],
  });
  return { productId, skuId, slotId: slot.id as string, itemId: slot.items[0].id as string };
}
