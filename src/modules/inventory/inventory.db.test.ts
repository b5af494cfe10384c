import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { DomainError } from '../../platform/errors.ts';

let t: TestContext;
let categoryId: string;
let seq = 0;

beforeAll(async () => {
  t = await createTestContext();
  categoryId = (await t.services.catalog.createCategory(null, { name: '测试', nameEn: 'Test', slug: 'inventory-test' })).id;
});
afterAll(() => t?.close());

/** A fresh SKU per test with the given opening stock. */
async function newSku(initialStock: number): Promise<string> {
  seq++;
  const product = await t.services.catalog.createProduct(null, {
    title: `库存测试商品 ${seq}`,
    categoryId,
    status: 'active',
    skus: [{ code: `INV-${seq}`, price: { amount: 1990 }, initialStock }],
  });
  return product.skus[0].id;
}

const inv = () => t.services.inventory;
const level = async (skuId: string) => (await inv().getAvailability(t.platform.db, [skuId])).get(skuId)!;
const inTrx = <T>(work: (trx: any) => Promise<T>) => t.platform.db.transaction().execute(work);

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
}

describe('reservations', () => {
  it('reserves once per ref, and releases once', async () => {
    const sku = await newSku(10);
    await inTrx((trx) => inv().reserve(trx, 'order-a', [{ skuId: sku, quantity: 3 }]));
    await inTrx((trx) => inv().reserve(trx, 'order-a', [{ skuId: sku, quantity: 3 }]));
    expect(await level(sku)).toEqual({ onHand: 10, reserved: 3, available: 7 });

    await inTrx((trx) => inv().release(trx, 'order-a'));
    await inTrx((trx) => inv().release(trx, 'order-a'));
    expect(await level(sku)).toEqual({ onHand: 10, reserved: 0, available: 10 });
    expect(await inv().getReservations(t.platform.db, 'order-a')).toEqual([{ skuId: sku, quantity: 3, status: 'released' }]);
  });

  it('commits once: held units leave on-hand and reserved together', async () => {
    const sku = await newSku(10);
    await inTrx((trx) => inv().reserve(trx, 'order-b', [{ skuId: sku, quantity: 4 }]));
    await inTrx((trx) => inv().commit(trx, 'order-b'));
    await inTrx((trx) => inv().commit(trx, 'order-b'));
    expect(await level(sku)).toEqual({ onHand: 6, reserved: 0, available: 6 });
    // A committed ref cannot be released any more.
    await inTrx((trx) => inv().release(trx, 'order-b'));
    expect(await level(sku)).toEqual({ onHand: 6, reserved: 0, available: 6 });
  });

  it('is all or nothing: a short line leaves every line untouched, even if the caller goes on', async () => {
    const plenty = await newSku(50);
    const scarce = await newSku(1);
    const code = await inTrx(async (trx) => {
      const c = await codeOf(inv().reserve(trx, 'order-c', [{ skuId: plenty, quantity: 5 }, { skuId: scarce, quantity: 2 }]));
      return c; // the transaction commits: nothing may have been held
    });
    expect(code).toBe('INVENTORY_INSUFFICIENT');
    expect(await level(plenty)).toEqual({ onHand: 50, reserved: 0, available: 50 });
    expect(await level(scarce)).toEqual({ onHand: 1, reserved: 0, available: 1 });
    expect(await inv().getReservations(t.platform.db, 'order-c')).toEqual([]);
  });

  it('reports how many are left', async () => {
    const sku = await newSku(2);
    try {
      await inTrx((trx) => inv().reserve(trx, 'order-d', [{ skuId: sku, quantity: 3 }]));
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).status).toBe(409);
      expect((err as DomainError).details).toEqual({ skuId: sku, requested: 3, available: 2 });
    }
  });

  it('refuses the same ref with a different quantity', async () => {
    const sku = await newSku(10);
    await inTrx((trx) => inv().reserve(trx, 'order-e', [{ skuId: sku, quantity: 1 }]));
    expect(await codeOf(inTrx((trx) => inv().reserve(trx, 'order-e', [{ skuId: sku, quantity: 2 }])))).toBe('INVENTORY_RESERVATION_MISMATCH');
    expect(await level(sku)).toMatchObject({ reserved: 1 });
  });

  it('sells exactly the stock under a stampede: 200 buyers, 10 units', async () => {
    const sku = await newSku(10);
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) => inTrx((trx) => inv().reserve(trx, `race-${i}`, [{ skuId: sku, quantity: 1 }]))),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(10);
    expect(lost).toHaveLength(190);
    for (const r of lost) expect((r.reason as DomainError).code).toBe('INVENTORY_INSUFFICIENT');
    expect(await level(sku)).toEqual({ onHand: 10, reserved: 10, available: 0 });
    const active = await t.platform.db.selectFrom('inventory_reservations').select(({ fn }) => fn.countAll<number>().as('n')).where('sku_id', '=', sku).where('status', '=', 'active').executeTakeFirstOrThrow();
    expect(Number(active.n)).toBe(10);
    // Paying for all ten leaves on-hand at zero, never below.
    await Promise.all(Array.from({ length: 200 }, (_, i) => inTrx((trx) => inv().commit(trx, `race-${i}`))));
    expect(await level(sku)).toEqual({ onHand: 0, reserved: 0, available: 0 });
  });
});

describe('restock and operator changes', () => {
  it('restocks returned goods once per ref', async () => {
    const sku = await newSku(5);
    await inTrx((trx) => inv().restock(trx, 'return-1', [{ skuId: sku, quantity: 2 }]));
    await inTrx((trx) => inv().restock(trx, 'return-1', [{ skuId: sku, quantity: 2 }]));
    expect(await level(sku)).toEqual({ onHand: 7, reserved: 0, available: 7 });
  });

  it('never sets or adjusts on-hand below what is reserved, and audits what it does', async () => {
    const op = await t.operator();
    const sku = await newSku(10);
    await inTrx((trx) => inv().reserve(trx, 'order-f', [{ skuId: sku, quantity: 6 }]));
    expect(await codeOf(inv().setOnHand(op.id, sku, 5))).toBe('INVENTORY_BELOW_RESERVED');
    expect(await codeOf(inv().adjust(op.id, sku, -5, '破损'))).toBe('INVENTORY_BELOW_RESERVED');
    expect(await inv().setOnHand(op.id, sku, 6)).toEqual({ onHand: 6, reserved: 6, available: 0 });
    expect(await inv().adjust(op.id, sku, 20, '到货')).toEqual({ onHand: 26, reserved: 6, available: 20 });
    const audits = await t.platform.db.selectFrom('audit_log').select('action').where('subject_id', '=', sku).orderBy('id').execute();
    expect(audits.map((a) => a.action)).toEqual(['inventory.set', 'inventory.adjusted']);
    const events = await t.platform.db.selectFrom('outbox_events').select('type').where('aggregate_id', '=', sku).where('type', '=', 'inventory.adjusted').execute();
    expect(events).toHaveLength(2);
  });

  it('keeps the ledger equal to the levels', async () => {
    const sku = await newSku(8);
    await inTrx((trx) => inv().reserve(trx, 'order-g', [{ skuId: sku, quantity: 3 }]));
    await inTrx((trx) => inv().commit(trx, 'order-g'));
    await inTrx((trx) => inv().restock(trx, 'return-g', [{ skuId: sku, quantity: 1 }]));
    const sums = await t.platform.db
      .selectFrom('inventory_movements')
      .select(({ fn }) => [fn.sum<number>('delta_on_hand').as('onHand'), fn.sum<number>('delta_reserved').as('reserved')])
      .where('sku_id', '=', sku)
      .executeTakeFirstOrThrow();
    const now = await level(sku);
    expect({ onHand: Number(sums.onHand), reserved: Number(sums.reserved) }).toEqual({ onHand: now.onHand, reserved: now.reserved });
  });
});
