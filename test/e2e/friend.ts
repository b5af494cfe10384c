/// <reference lib="dom" />
// The friend's side of a share, in Chinese (the language most friends arrive in): a sign-up by
// email with the Chinese labels, a running invite campaign with a real ¥15 gift, and a demo
// product that has a picture.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { ApiClient, PASSWORD, signupCodeFor, uniqueEmail } from './support.ts';

/** The sign-up form the friend was sent to, filled with the Chinese labels; waits to be sent back. */
export async function signUpZh(page: Page, displayName: string): Promise<string> {
  await expect.poll(() => /\/signup/.test(page.url()), { timeout: 20_000 }).toBe(true);
  const email = uniqueEmail('friend');
  await page.getByRole('tab', { name: '邮箱注册' }).click();
  await page.getByLabel('昵称').fill(displayName);
  await page.getByLabel('邮箱', { exact: true }).fill(email);
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByRole('checkbox', { name: /隐私政策/ }).check();
  await page.getByRole('button', { name: '注册', exact: true }).click();
  await page.getByLabel('验证码', { exact: true }).fill(await signupCodeFor(email));
  await page.getByRole('button', { name: '注册', exact: true }).click();
  await expect.poll(() => /\/(signup|login)/.test(page.url()), { timeout: 20_000 }).toBe(false);
  return email;
}

/** A running invite campaign whose gift to a new customer is a ¥15 coupon for orders from ¥99. */
export async function startInviteCampaign(op: ApiClient, opts: { countShareLinks?: boolean } = {}) {
  const tag = Date.now().toString(36);
  const template = await op.post('/api/v1/admin/coupons/templates', { name: `新人券 ${tag}`, kind: 'fixed', discountAmount: 1500, minSpendAmount: 9900, scope: 'store', validDaysAfterClaim: 7 });
  await op.post(`/api/v1/admin/coupons/templates/${template.id}/activate`);
  const campaign = await op.post('/api/v1/admin/referral/campaigns', { name: `邀请有礼 ${tag}`, inviterReward: { kind: 'points', points: 200 }, inviteeReward: { kind: 'coupon', templateId: template.id }, countShareLinks: opts.countShareLinks ?? true });
  await op.post(`/api/v1/admin/referral/campaigns/${campaign.id}/start`);
  return { campaignId: campaign.id as string, templateId: template.id as string };
}

/** A demo product with a picture (the landing shows it), and its first SKU. */
export async function pictureProduct(): Promise<{ productId: string; skuId: string; title: string; price: number }> {
  const list = await new ApiClient().get('/api/v1/catalog/products?limit=50');
  const withImage = (list.items as { id: string; image: string | null }[]).find((p) => p.image);
  if (!withImage) throw new Error('no demo product has an image');
  const product = await new ApiClient().get(`/api/v1/catalog/products/${withImage.id}`);
  return { productId: product.id, skuId: product.skus[0].id, title: product.title, price: product.skus[0].price.amount };
}
