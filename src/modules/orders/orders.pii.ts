// The shipping address an order keeps (a snapshot of the shopper's address at placement) holds a
// recipient's name, phone and street line: sealed at rest (platform/pii.ts), opened for the
// service's callers, masked by the admin routes (operators reveal one order's through an audited call).
import { maskLine, maskPersonName, maskPhone, type PiiCipher } from '../../platform/pii.ts';
import type { PersonalData } from '../../platform/personal-data.ts';
import { ordersTables, type OrderAddress, type OrdersDb, type OrdersTables } from './orders.table.ts';

export const sealOrderAddress = (pii: PiiCipher, a: OrderAddress): OrderAddress => ({ ...a, recipient: pii.seal(a.recipient), phone: pii.seal(a.phone), line1: pii.seal(a.line1) });

export const openOrderAddress = (pii: PiiCipher, a: OrderAddress): OrderAddress => ({ ...a, recipient: pii.open(a.recipient), phone: pii.open(a.phone), line1: pii.open(a.line1) });

/** What someone other than the shopper sees: 张*, 138****8000, the street line starred. */
export const maskOrderAddress = (a: OrderAddress): OrderAddress => ({ ...a, recipient: maskPersonName(a.recipient), phone: maskPhone(a.phone), line1: maskLine(a.line1) });

/** An order as answered, its address masked (admin lists and pages). */
export const withMaskedAddress = <T extends { address: OrderAddress }>(order: T): T => ({ ...order, address: maskOrderAddress(order.address) });

const BATCH = 500;
const NIL = '00000000-0000-0000-0000-000000000000';

/**
 * Seals every order address not yet sealed under the current key: the encrypting migration and
 * `fission pii rotate-key` run it. Keyset pages; returns the rows rewritten.
 */
export async function resealOrders(db: OrdersDb, pii: PiiCipher): Promise<number> {
  let changed = 0;
  let after = NIL;
  for (;;) {
    const rows = await db.selectFrom('orders').select(['id', 'address']).where('id', '>', after).orderBy('id').limit(BATCH).execute();
    for (const o of rows) {
      if (![o.address.recipient, o.address.phone, o.address.line1].some((v) => pii.needsReseal(v))) continue;
      await db.updateTable('orders').set({ address: JSON.stringify(sealOrderAddress(pii, openOrderAddress(pii, o.address))) }).where('id', '=', o.id).execute();
      changed++;
    }
    if (rows.length < BATCH) break;
    after = rows.at(-1)!.id;
  }
  return changed;
}

/**
 * Orders' part of export and erasure (platform/personal-data.ts): orders are records the law keeps
 * (tax, consumer protection), so they stay, with the address snapshot's recipient, phone, street
 * line and postal code removed; the account they point at is anonymised by identity.
 */
export function ordersPersonalData(pii: PiiCipher): PersonalData<OrdersTables> {
  return {
    tables: {
      orders: { columns: ['user_id'], erase: 'keep' },
      order_status_history: { columns: ['actor_id'], erase: 'keep' },
    },
    reseal: (handle, cipher) => resealOrders(ordersTables.of(handle), cipher),
    open: (table, row) => (table === 'orders' ? { ...row, address: openOrderAddress(pii, row.address as OrderAddress) } : row),
    async erase(handle, userId) {
      const db = ordersTables.of(handle);
      const rows = await db.selectFrom('orders').select(['id', 'address']).where('user_id', '=', userId).execute();
      for (const o of rows) {
        const scrubbed: OrderAddress = { ...o.address, recipient: '', phone: '', line1: '', postalCode: null };
        await db.updateTable('orders').set({ address: JSON.stringify(scrubbed) }).where('id', '=', o.id).execute();
      }
    },
  };
}
