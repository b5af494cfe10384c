// One contract for every StockGate: the Postgres gate always, the Redis gate when Redis is there.
import { describe, expect, it } from 'vitest';
import type { StockGate } from './flashsale.gate.ts';

export interface GateFixture {
  gate: StockGate;
  /** A fresh item with this stock and per-user limit, loaded into the gate. */
  newItem(stock: number, perUserLimit: number): Promise<string>;
  /** A user id (a real account where the gate keeps rows that reference users). */
  newUser(): Promise<string>;
  /** A completed purchase as the service makes it: admitted by the gate, unit and purchase row in Postgres. */
  livePurchase(itemId: string, userId: string, quantity: number): Promise<void>;
}

export function stockGateContract(name: string, fixture: () => GateFixture) {
  describe(`StockGate contract: ${name}`, () => {
    it('admits up to the stock, then refuses SOLD_OUT', async () => {
      const { gate, newItem, newUser } = fixture();
      const item = await newItem(3, 1);
      const users = await Promise.all([1, 2, 3, 4].map(() => newUser()));
      const results = [];
      for (const u of users) results.push(await gate.acquire(item, u, 1));
      expect(results).toEqual([{ ok: true }, { ok: true }, { ok: true }, { ok: false, reason: 'SOLD_OUT' }]);
      expect(await gate.remaining(item)).toBe(0);
    });

    it('refuses LIMIT past the per-user limit, counting quantities', async () => {
      const { gate, newItem, newUser } = fixture();
      const item = await newItem(10, 2);
      const [a, b] = [await newUser(), await newUser()];
      expect(await gate.acquire(item, a, 2)).toEqual({ ok: true });
      expect(await gate.acquire(item, a, 1)).toEqual({ ok: false, reason: 'LIMIT' });
      expect(await gate.acquire(item, b, 3)).toEqual({ ok: false, reason: 'LIMIT' });
      expect(await gate.acquire(item, b, 1)).toEqual({ ok: true });
      expect(await gate.remaining(item)).toBe(7);
    });

    it('refuses SOLD_OUT when fewer units remain than asked for', async () => {
      const { gate, newItem, newUser } = fixture();
      const item = await newItem(1, 5);
      expect(await gate.acquire(item, await newUser(), 2)).toEqual({ ok: false, reason: 'SOLD_OUT' });
      expect(await gate.remaining(item)).toBe(1);
    });

    it('gives a released unit back to the stock and to the shopper\'s allowance', async () => {
      const { gate, newItem, newUser } = fixture();
      const item = await newItem(1, 1);
      const [a, b] = [await newUser(), await newUser()];
      expect(await gate.acquire(item, a, 1)).toEqual({ ok: true });
      expect(await gate.acquire(item, b, 1)).toEqual({ ok: false, reason: 'SOLD_OUT' });
      await gate.release(item, a, 1);
      expect(await gate.remaining(item)).toBe(1);
      expect(await gate.acquire(item, a, 1)).toEqual({ ok: true });
    });

    it('under 300 concurrent attempts from 100 shoppers admits exactly the stock, one per shopper', async () => {
      const { gate, newItem, newUser } = fixture();
      const item = await newItem(40, 1);
      const users = await Promise.all(Array.from({ length: 100 }, () => newUser()));
      const attempts = Array.from({ length: 300 }, (_, i) => users[i % users.length]);
      const results = await Promise.all(attempts.map(async (u) => ({ u, r: await gate.acquire(item, u, 1) })));
      const admitted = results.filter((x) => x.r.ok);
      expect(admitted).toHaveLength(40);
      expect(new Set(admitted.map((x) => x.u)).size).toBe(40);
      for (const x of results) if (!x.r.ok) expect(['SOLD_OUT', 'LIMIT']).toContain(x.r.reason);
      expect(await gate.remaining(item)).toBe(0);
    });

    it('reconcile gives back units taken without a live purchase (a crash before the order) and keeps the live ones', async () => {
      const { gate, newItem, newUser, livePurchase } = fixture();
      const item = await newItem(5, 1);
      const [a, b] = [await newUser(), await newUser()];
      await livePurchase(item, a, 1);
      expect(await gate.acquire(item, b, 1)).toEqual({ ok: true }); // admitted, then the process died
      expect(await gate.remaining(item)).toBe(3);
      const report = await gate.reconcile([item]);
      expect(report.items).toBe(1);
      expect([...report.ledgerFixed, ...report.gateFixed]).toContain(item);
      expect(await gate.remaining(item)).toBe(4);
      expect(await gate.acquire(item, a, 1)).toEqual({ ok: false, reason: 'LIMIT' }); // a's live purchase still counts
      expect(await gate.acquire(item, b, 1)).toEqual({ ok: true }); // b's lost admission does not
      expect(await gate.remaining(item)).toBe(3);
    });

    it('reconcile changes nothing where the gate already agrees with the live purchases', async () => {
      const { gate, newItem, newUser, livePurchase } = fixture();
      const item = await newItem(3, 2);
      const a = await newUser();
      await livePurchase(item, a, 2);
      expect(await gate.reconcile([item])).toEqual({ items: 1, ledgerFixed: [], gateFixed: [] });
      expect(await gate.remaining(item)).toBe(1);
      expect(await gate.acquire(item, a, 1)).toEqual({ ok: false, reason: 'LIMIT' });
    });
  });
}
