// An order's number carries the day it was placed in the store's time zone (Asia/Shanghai), read
// from the injected clock: shortly after midnight in China it is still the day before in UTC.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { placeOrder, sellableSku, shopperWithAddress } from '../../../test/fixtures.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

describe('order numbers', () => {
  it('are dated in China time: placed at 2026-12-06T17:30Z (01:30 on the 7th in Shanghai) reads FS20261207', async () => {
    t.clock.set('2026-12-06T17:30:00.000Z');
    const { skuId } = await sellableSku(t);
    const { user, addressId } = await shopperWithAddress(t);
    const order = await placeOrder(t, user, addressId, [{ skuId, quantity: 1 }]);
    expect(order.number).toMatch(/^FS20261207-[2-9A-HJ-NP-Z]{8}$/);
    expect(order.placedAt).toBe('2026-12-06T17:30:00.000Z');
  });

  it('are dated the same day in both time zones at noon in Shanghai', async () => {
    t.clock.set('2026-12-07T04:00:00.000Z');
    const { skuId } = await sellableSku(t);
    const { user, addressId } = await shopperWithAddress(t);
    const order = await placeOrder(t, user, addressId, [{ skuId, quantity: 1 }]);
    expect(order.number).toMatch(/^FS20261207-/);
  });
});
