// Compile-time proof that a handle sees only its owner's tables (src/platform/tables.ts). Never
// run: `tsc` checks it (test/typecheck.test.ts), and every `@ts-expect-error` line below must
// really be an error, so loosening a handle's type fails `npm test`.
import type { Kysely } from 'kysely';
import type { PlatformServices } from '../src/platform/context.ts';
import type { Database } from '../src/platform/db.ts';
import { defineModule } from '../src/platform/module.ts';
import type { PlatformTables } from '../src/platform/platform.table.ts';
import { ownTables, type AnyExecutor } from '../src/platform/tables.ts';
import { ordersTables, type OrdersDb, type OrdersPlatform, type OrdersTables } from '../src/modules/orders/orders.table.ts';
import { restockTables } from '../src/modules/restock/restock.table.ts';

export async function ownTablesCompile(orders: OrdersDb, handle: AnyExecutor) {
  await orders.selectFrom('orders').innerJoin('order_lines', 'order_lines.order_id', 'orders.id').select(['orders.id', 'order_lines.sku_id']).execute();
  await ordersTables.of(handle).selectFrom('order_status_history').selectAll().execute();
}

export async function otherTablesDoNot(orders: OrdersDb, pool: OrdersPlatform['db'], handle: AnyExecutor, platform: Kysely<PlatformTables>, whole: Kysely<Database>) {
  // @ts-expect-error coupons belong to the coupons module, not to orders
  await orders.selectFrom('coupons').selectAll().execute();
  // @ts-expect-error a transaction opened on orders' pool sees orders' tables too, and only them
  await pool.transaction().execute((trx) => trx.selectFrom('users').selectAll().execute());
  // @ts-expect-error a join counts as a query on the joined table
  await orders.selectFrom('orders').innerJoin('inventory_levels', 'inventory_levels.sku_id', 'orders.id').selectAll().execute();
  // @ts-expect-error a handle from across a boundary is passed on or narrowed, never queried as it is
  await handle.selectFrom('orders').selectAll().execute();
  // @ts-expect-error the platform's machinery sees the platform's tables only
  await platform.selectFrom('orders').selectAll().execute();
  // @ts-expect-error a handle on the whole database is not a module's handle without narrowing
  const widened: OrdersDb = whole;
  return widened;
}

export function tableSetsListEveryTableOfTheirInterfaceAndNoOther() {
  // @ts-expect-error a table of another module in the set
  ownTables<OrdersTables>({ orders: true, order_lines: true, order_adjustments: true, order_status_history: true, coupons: true });
  // @ts-expect-error a table of the interface missing from the set
  return ownTables<OrdersTables>({ orders: true, order_lines: true, order_adjustments: true });
}

export function aModuleServiceSeesItsOwnTables() {
  return defineModule({
    name: 'probe',
    tables: restockTables,
    create: (platform) => ({
      own: () => platform.db.selectFrom('restock_alerts').selectAll().execute(),
      // @ts-expect-error restock's service cannot read orders
      orders: () => platform.db.selectFrom('orders').selectAll().execute(),
    }),
    routes: (_service, _deps, platform: PlatformServices) => ({
      // @ts-expect-error routes get the platform's services, with no database handle
      api: async () => void platform.db,
    }),
  });
}
