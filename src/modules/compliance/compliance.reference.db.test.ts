// The lawful reference price read by SQL (two indexed reads) agrees with the pure rule on random
// price histories, with ties, sales on the window's edge and SKUs never sold, on both databases.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { lawfulReference } from './compliance.rules.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

const DAY = 86_400_000;

/** A small seeded generator so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1_664_525 + 1_013_904_223) >>> 0) / 2 ** 32);
}

describe('lawful reference: SQL against the pure rule', () => {
  it('agrees for 40 SKUs with random histories in the CN (7-day) and EU (30-day) windows', async () => {
    const random = rng(16);
    const now = t.clock.now();
    const skus = Array.from({ length: 40 }, () => randomUUID());
    const histories = new Map<string, { unitAmount: number; chargedAt: Date }[]>();
    const rows = [];
    for (const [i, sku] of skus.entries()) {
      const n = i % 8 === 0 ? 0 : 1 + Math.floor(random() * 6);
      const list = Array.from({ length: n }, () => {
        // On the 7- and 30-day edges now and then, and a few ties.
        const edge = random() < 0.2 ? (random() < 0.5 ? 7 : 30) * DAY : Math.floor(random() * 45 * DAY);
        return { unitAmount: 1000 + Math.floor(random() * 5) * 100, chargedAt: new Date(now.getTime() - edge) };
      });
      histories.set(sku, list);
      for (const h of list) rows.push({ line_id: randomUUID(), order_id: randomUUID(), sku_id: sku, currency: 'CNY', unit_amount: h.unitAmount, charged_at: h.chargedAt });
    }
    if (rows.length) await t.platform.db.insertInto('compliance_charged_prices').values(rows).execute();

    for (const [market, days] of [['CN', 7], ['EU', 30]] as const) {
      await t.platform.settings.set('compliance.market', market, now);
      const got = await t.services.compliance.lawfulReference(skus);
      for (const sku of skus) expect(got.get(sku), `${market} ${sku}`).toBe(lawfulReference(histories.get(sku)!, now, days));
    }
    // A store-set window wins over the market's.
    await t.platform.settings.set('compliance.referenceDays', 45, now);
    const wide = await t.services.compliance.lawfulReference(skus);
    for (const sku of skus) expect(wide.get(sku)).toBe(lawfulReference(histories.get(sku)!, now, 45));
  });
});
