// The settings API as the console's settings forms use it: each setting says where it sits, how
// its stored integer reads (fen as yuan, basis points as %) and what it allows; a refused value
// says the allowed range and changes nothing; an amount typed in yuan arrives as fen and is used.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../test/harness.ts';
import { placeOrder, sellableSku, shopperWithAddress } from '../../test/fixtures.ts';
import { SETTINGS } from './settings.ts';
import { SETTING_GROUPS, SETTING_UNITS } from './settings.meta.ts';

describe('settings as forms', () => {
  let t: TestContext;
  let admin: TestUser;
  beforeAll(async () => {
    t = await createTestContext();
    admin = await t.operator();
  });
  afterAll(() => t?.close());

  const all = async () => (await t.request({ method: 'GET', url: '/api/v1/admin/settings', as: admin })).data;
  const put = (key: string, value: unknown) => t.request({ method: 'PUT', url: `/api/v1/admin/settings/${key}`, as: admin, body: { value } });

  it('describes every setting with its group, unit, range or choices, and its label and help in both languages', async () => {
    const settings = await all();
    expect(Object.keys(settings).sort()).toEqual(Object.keys(SETTINGS).sort());
    for (const [key, s] of Object.entries<any>(settings)) {
      expect(SETTING_GROUPS, key).toContain(s.group);
      expect(SETTING_UNITS, key).toContain(s.unit);
      for (const lang of ['zh-CN', 'en']) {
        expect(s.label[lang].length, `${key} label ${lang}`).toBeGreaterThan(0);
        expect(s.help[lang].length, `${key} help ${lang}`).toBeGreaterThan(0);
      }
      if (s.unit === 'boolean') expect(typeof s.value, key).toBe('boolean');
      else if (s.unit === 'enum') expect(s.options.map((o: { value: string }) => o.value), key).toContain(s.value);
      else if (s.unit === 'text') expect(s.value.length, key).toBeLessThanOrEqual(s.max);
      else expect(s.value, key).toBeGreaterThanOrEqual(s.min);
    }
    expect(settings['shipping.freeThresholdAmount']).toMatchObject({ group: 'shipping', unit: 'fen', min: 0, max: 100_000_00, value: 9900, label: { 'zh-CN': '包邮门槛', en: 'Free shipping from' } });
    expect(settings['affiliate.level1RateBp']).toMatchObject({ group: 'affiliate', unit: 'bp', min: 0, max: 5000, value: 1000 });
    expect(settings['orders.unpaidTimeoutMinutes']).toMatchObject({ group: 'trade', unit: 'minutes', min: 1, max: 7 * 24 * 60 });
    expect(settings['loyalty.reviewPoints']).toMatchObject({ group: 'loyalty', unit: 'points', min: 0, max: 10_000 });
    expect(settings['affiliate.bindingOverride']).toMatchObject({ unit: 'boolean', value: false });
    expect(settings['affiliate.bindingOverride']).not.toHaveProperty('min');
    expect(settings['referral.qualifyOn'].options).toEqual([
      { value: 'first_paid_order', label: { 'zh-CN': '被邀请人首笔订单付款', en: 'The invitee’s first paid order' } },
      { value: 'signup', label: { 'zh-CN': '被邀请人注册', en: 'The invitee’s sign-up' } },
    ]);
  });

  it('refuses a value outside the range with the range in its details, and changes nothing', async () => {
    const tooHigh = await put('affiliate.level1RateBp', 5001);
    expect(tooHigh.statusCode).toBe(400);
    expect(tooHigh.data.error).toMatchObject({ code: 'SETTINGS_INVALID_VALUE', details: { key: 'affiliate.level1RateBp', unit: 'bp', min: 0, max: 5000 } });
    const negative = await put('shipping.flatFeeAmount', -1);
    expect(negative.statusCode).toBe(400);
    expect(negative.data.error).toMatchObject({ code: 'SETTINGS_INVALID_VALUE', details: { key: 'shipping.flatFeeAmount', unit: 'fen', min: 0, max: 100_000_00 } });
    const badChoice = await put('referral.qualifyOn', 'first_click');
    expect(badChoice.data.error.details).toMatchObject({ key: 'referral.qualifyOn', unit: 'enum', options: [{ value: 'first_paid_order' }, { value: 'signup' }] });
    const settings = await all();
    expect(settings['affiliate.level1RateBp'].value).toBe(1000);
    expect(settings['shipping.flatFeeAmount'].value).toBe(1000);
    expect(settings['referral.qualifyOn'].value).toBe('first_paid_order');
    const audited = await t.platform.db.selectFrom('audit_log').select('subject_id').where('action', '=', 'settings.changed').execute();
    expect(audited.map((a) => a.subject_id)).not.toContain('affiliate.level1RateBp');
  });

  it('stores a fee typed in yuan as fen, refuses part of a fen, and charges the new fee at checkout', async () => {
    // The form turns ¥12.50 into 1250.
    expect((await put('shipping.flatFeeAmount', 1250)).statusCode).toBe(200);
    const partFen = await put('shipping.flatFeeAmount', 1250.5);
    expect(partFen.data.error).toMatchObject({ code: 'SETTINGS_INVALID_VALUE', details: { unit: 'fen', min: 0, max: 100_000_00 } });
    expect((await all())['shipping.flatFeeAmount'].value).toBe(1250);
    const { skuId } = await sellableSku(t, { price: 2000 });
    const { user, addressId } = await shopperWithAddress(t);
    const order = await placeOrder(t, user, addressId, [{ skuId, quantity: 1 }]);
    expect(order.shipping).toEqual({ amount: 1250, currency: 'CNY' });
    expect((await put('shipping.flatFeeAmount', 1000)).statusCode).toBe(200);
  });
});
