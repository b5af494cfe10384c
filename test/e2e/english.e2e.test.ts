/// <reference lib="dom" />
// Journey: a shopper switches to English in 我的 → 设置 and sees the store in English (demo product
// titles and SKU options from the catalog's English texts, group-buy names, ¥ prices, "10% off"
// coupons; 9折 in Chinese), then adds
// an address with the region picker and the paste-to-recognise box. Phone-sized screenshots in both
// languages; nothing scrolls sideways at 375 px.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, browserTestsEnabled, launchBrowser, phoneContext, screenshot, watchErrors } from './support.ts';
import { signUp, until, visible } from './storefront.ts';

const fitsPhone = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

async function chooseLanguage(page: Page, from: 'zh-CN' | 'en', to: 'zh-CN' | 'en') {
  await page.goto('/me#settings');
  const group = page.getByRole('radiogroup', { name: from === 'en' ? 'Language / 语言' : '语言 / Language' });
  await group.getByRole('radio', { name: to === 'en' ? 'English' : '中文' }).click();
  await until(page, `language ${to}`, async () => (await page.evaluate(() => document.documentElement.lang)) === to);
}

describe.runIf(browserTestsEnabled())('the storefront in English, and addresses', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('switches to English in Me → Settings and shows products, ¥ prices and discounts in both languages', async () => {
    const op = await ApiClient.operator();
    const suffix = Date.now().toString(36);
    const name = `九折券 ${suffix}`;
    const nameEn = `10% off everything ${suffix}`;
    const template = await op.post('/api/v1/admin/coupons/templates', { name, nameEn, kind: 'percent', percentBp: 1000, maxDiscountAmount: 5000, scope: 'store', validDaysAfterClaim: 7 });
    await op.post(`/api/v1/admin/coupons/templates/${template.id}/activate`);
    const shopperApi = new ApiClient();
    const products = await shopperApi.get('/api/v1/catalog/products?limit=50');
    // A demo product with an English title and options whose names and values are in English too.
    type Detail = { id: string; title: string; titleEn: string; options: { name: string; values: string[] }[]; skus: { attributes: Record<string, string>; attrsEn: Record<string, { name: string; value: string }> | null }[] };
    let product: Detail | undefined;
    for (const p of products.items.filter((i: { titleEn: string | null }) => i.titleEn).slice(0, 20)) {
      const detail: Detail = await shopperApi.get(`/api/v1/catalog/products/${p.id}`);
      if (detail.options.length > 0 && detail.skus[0]?.attrsEn) {
        product = detail;
        break;
      }
    }
    expect(product, 'the demo store has products with English titles and options').toBeTruthy();
    if (!product) return;
    const option = product.options[0];
    const optionEn = product.skus[0].attrsEn![option.name];
    const campaigns = await shopperApi.get('/api/v1/groupbuy/campaigns');
    const campaign = campaigns.items.find((c: { nameEn: string | null }) => c.nameEn);
    expect(campaign, 'the demo store has group buys with English names').toBeTruthy();

    const context = await phoneContext(browser, null);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto('/me');
    await visible(page, '设置');
    await fitsPhone(page);
    await screenshot(page, 'storefront-me-settings-zh-375');
    await chooseLanguage(page, 'zh-CN', 'en');
    await visible(page, 'Settings');
    await screenshot(page, 'storefront-me-settings-en-375');

    // The demo product's English title in the search results, and its page with ¥ prices.
    await page.goto(`/search?q=${encodeURIComponent(product.titleEn)}`);
    await until(page, 'the English title in the results', () => page.locator('.shop-card-title', { hasText: product.titleEn }).first().isVisible());
    await page.goto(`/product/${product.id}`);
    await until(page, 'a ¥ price', async () => /¥\d/.test(await page.locator('main').innerText()));
    expect(await page.locator('main').innerText()).not.toContain('CN¥');
    // The SKU picker names the option and the chosen SKU's value in English.
    await until(page, 'the English option name', () => page.locator('.shop-options legend', { hasText: optionEn.name }).first().isVisible());
    await until(page, 'the English option value', () => page.locator('.shop-options button', { hasText: optionEn.value }).first().isVisible());
    expect(await page.locator('.shop-options').first().innerText()).not.toContain(option.name);
    await fitsPhone(page);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'storefront-product-en-375');
    await page.locator('#pd-spec').scrollIntoViewIfNeeded();
    await screenshot(page, 'storefront-product-options-en-375');

    // The group-buy page: the campaign's English name and its product's English title.
    await page.goto('/groupbuy');
    await visible(page, campaign.nameEn);
    if (campaign.titleEn) await visible(page, campaign.titleEn);
    await fitsPhone(page);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'storefront-groupbuy-en-375');

    // The coupon centre (signed in, so the coupon can be claimed): "10% off" in English, 9折 in Chinese.
    await page.goto('/signup?next=/coupons');
    await signUp(page, 'Lily');
    await page.goto('/coupons');
    // The coupon's English name in English, its Chinese name in Chinese.
    const ticketEn = page.getByRole('article', { name: nameEn });
    await until(page, 'the 10% coupon', () => ticketEn.isVisible());
    expect(await ticketEn.innerText()).toContain('10% off');
    expect(await ticketEn.innerText()).toContain('¥50.00');
    await fitsPhone(page);
    await screenshot(page, 'storefront-coupons-en-375');

    await chooseLanguage(page, 'en', 'zh-CN');
    await page.goto('/coupons');
    const ticket = page.getByRole('article', { name });
    await until(page, 'the 9折 coupon', async () => (await ticket.isVisible()) && (await ticket.innerText()).includes('9折'));
    await fitsPhone(page);
    await screenshot(page, 'storefront-coupons-zh-375');
    await page.goto(`/product/${product.id}`);
    await visible(page, product.title);
    await until(page, 'the Chinese option name', () => page.locator('.shop-options legend', { hasText: option.name }).first().isVisible());
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'storefront-product-zh-375');
    await page.goto('/groupbuy');
    await visible(page, campaign.name);
    await fitsPhone(page);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'storefront-groupbuy-zh-375');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('adds an address with the region picker and the paste box', async () => {
    // No language forced on every page load: the choice made in settings must stick.
    const context = await phoneContext(browser, null);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await chooseLanguage(page, 'zh-CN', 'en');
    await signUp(page, 'Mei');
    await page.goto('/me/addresses');
    await page.getByRole('button', { name: 'Add an address' }).click();
    const form = page.getByRole('dialog', { name: 'New address' });

    // By hand: a municipality goes straight from the province to its districts.
    await form.getByRole('button', { name: /Region/ }).click();
    const picker = page.getByRole('dialog', { name: 'Choose your region' });
    await picker.getByRole('button', { name: '北京市', exact: true }).click();
    await picker.getByRole('button', { name: '朝阳区', exact: true }).click();
    await until(page, 'the picked region', async () => (await form.getByRole('button', { name: /Region/ }).innerText()).includes('北京市 北京市 朝阳区'));
    await fitsPhone(page);

    // One pasted line fills name, phone, region and street.
    await form.getByLabel('Paste to fill').fill('张三 13800138000 浙江省杭州市西湖区文三路 100 号');
    await form.getByRole('button', { name: 'Fill in' }).click();
    await until(page, 'the recognised address', async () => (await form.getByLabel('Detailed address').inputValue()) === '文三路 100 号');
    expect(await form.getByLabel('Name').inputValue()).toBe('张三');
    expect(await form.getByLabel('Phone').inputValue()).toBe('13800138000');
    expect(await form.getByRole('button', { name: /Region/ }).innerText()).toContain('浙江省 杭州市 西湖区');
    await screenshot(page, 'storefront-address-paste-en-375');
    await form.getByRole('button', { name: 'Save address' }).click();
    await visible(page, '浙江省 杭州市 西湖区 文三路 100 号');
    await fitsPhone(page);

    // The same form in Chinese; the picker opens on the districts of the recognised city.
    await chooseLanguage(page, 'en', 'zh-CN');
    await page.goto('/me/addresses');
    const addZh = page.getByRole('button', { name: '新增收货地址' }).first();
    await until(page, '新增收货地址 button', () => addZh.isVisible());
    await addZh.click();
    const zhForm = page.getByRole('dialog', { name: '新增收货地址' });
    await zhForm.getByLabel('智能识别').fill('李四，139-1234-5678，广东省 深圳市 南山区 科技园南区 1 栋');
    await zhForm.getByRole('button', { name: '识别' }).click();
    await until(page, '识别出的地址', async () => (await zhForm.getByLabel('详细地址').inputValue()) === '科技园南区 1 栋');
    await fitsPhone(page);
    await screenshot(page, 'storefront-address-paste-zh-375');
    await zhForm.getByRole('button', { name: /所在地区/ }).click();
    const zhPicker = page.getByRole('dialog', { name: '选择所在地区' });
    await until(page, '区县列表', () => zhPicker.getByRole('button', { name: '福田区', exact: true }).isVisible());
    await zhPicker.getByRole('tab', { name: '广东省' }).click();
    await until(page, '省份列表', () => zhPicker.getByRole('button', { name: '浙江省', exact: true }).isVisible());
    await screenshot(page, 'storefront-region-picker-zh-375');
    expect(errors).toEqual([]);
    await context.close();
  });
});
