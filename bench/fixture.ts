// Set-up and check-up for one benchmark configuration, run as a short child process before the
// server starts (seed) and after it has stopped (verify), against the same database the server
// uses (env: DATABASE_URL or FISSION_DATA_DIR, REDIS_URL). Neither step is measured.
//   seed <fixture.json> <shoppers>   catalog, a live flash-sale slot, shoppers with bearer sessions
//   verify <fixture.json>            zero oversell on the stampede item; exit 1 on any
//
// Shoppers are bulk-imported with bearer sessions rather than signed up through the API: sign-up
// takes a one-time code and a full-cost argon2 hash each, which would make seeding thousands of
// shoppers take minutes per configuration. The measured requests are the same either way.
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { createRuntime } from '../src/runtime.ts';

export interface Shopper {
  token: string;
  addressId: string;
  /** A distinct client address, sent as X-Forwarded-For: a stampede comes from many clients. */
  ip: string;
}

export interface Fixture {
  slotId: string;
  /** The stampede item: STAMPEDE_STOCK units, one per shopper. */
  itemId: string;
  stock: number;
  /** One unit, bought before any measurement: every attempt on it is a refusal. */
  soldOutItemId: string;
  productIds: string[];
  /** A SKU with ample normal stock for sustained checkout. */
  checkoutSkuId: string;
  shoppers: Shopper[];
}

export const STAMPEDE_STOCK = 50;
const PRODUCTS = 40;

const shopperIp = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

async function open() {
  return createRuntime({ config: loadConfig(process.env, { logLevel: 'warn', demo: false, workers: false }) });
}

async function seed(file: string, shopperCount: number) {
  const runtime = await open();
  const { services, platform } = runtime;
  try {
    const tag = randomUUID().slice(0, 8);
    const now = platform.clock.now();
    const category = await services.catalog.createCategory(null, { name: `压测 ${tag}`, nameEn: `Bench ${tag}`, slug: `bench-${tag}` });
    // A product list page of real products: titles, several SKUs, attributes.
    const products = await services.catalog.importProducts(null, Array.from({ length: PRODUCTS }, (_, i) => ({
      title: `压测商品 ${i + 1} 无线降噪耳机`,
      categoryId: category.id,
      status: 'active' as const,
      skus: [
        { code: `B-${tag}-${i}-A`, price: { amount: 19900 + i * 100 }, initialStock: i === 0 ? 1_000_000 : 500, attributes: { 版本: '标准版' } },
        { code: `B-${tag}-${i}-B`, price: { amount: 9900 + i * 100 }, initialStock: 500, attributes: { 版本: '青春版' } },
      ],
    })));
    const flashSkus = products[1].skuIds;
    const slot = await services.flashsale.createSlot(null, {
      name: '压测场',
      startsAt: new Date(now.getTime() - 60_000),
      endsAt: new Date(now.getTime() + 3 * 3_600_000),
      items: [
        { skuId: flashSkus[0], flashAmount: 9900, stock: STAMPEDE_STOCK, perUserLimit: 1 },
        { skuId: flashSkus[1], flashAmount: 4900, stock: 1, perUserLimit: 1 },
      ],
    });

    const passwordHash = await services.identity.hashPassword(`bench-${randomUUID()}`);
    const users = Array.from({ length: shopperCount }, (_, i) => ({ id: randomUUID(), email: `bench-${tag}-${i}@example.com`, phone: null, passwordHash, displayName: `压测用户 ${i}`, roles: ['shopper' as const], createdAt: now }));
    await services.identity.importUsers(users);
    const addresses = users.map((u) => ({ id: randomUUID(), userId: u.id, recipient: '张伟', phone: '13800138000', province: '上海市', city: '上海市', district: '浦东新区', line1: '世纪大道 100 号', isDefault: true, createdAt: now }));
    await services.identity.importAddresses(addresses);
    const shoppers: Shopper[] = [];
    for (let i = 0; i < users.length; i += 50) {
      const batch = users.slice(i, i + 50);
      const sessions = await Promise.all(batch.map((u) => services.identity.openSession(u.id, 'bearer')));
      batch.forEach((_, j) => shoppers.push({ token: sessions[j].token, addressId: addresses[i + j].id, ip: shopperIp(i + j) }));
    }
    // The last shopper takes the one-unit item, so it is sold out before anything is measured.
    await services.flashsale.purchase(users[users.length - 1].id, slot.id, slot.items[1].id, { addressId: addresses[users.length - 1].id }, null);

    const fixture: Fixture = {
      slotId: slot.id,
      itemId: slot.items[0].id,
      stock: STAMPEDE_STOCK,
      soldOutItemId: slot.items[1].id,
      productIds: products.map((p) => p.productId),
      checkoutSkuId: products[0].skuIds[0],
      shoppers: shoppers.slice(0, -1),
    };
    fs.writeFileSync(file, JSON.stringify(fixture));
  } finally {
    await runtime.close();
  }
}

export interface Verdict {
  ok: boolean;
  stock: number;
  sold: number;
  purchases: number;
  orders: number;
  buyers: number;
  soldOutPurchases: number;
}

async function verify(file: string): Promise<Verdict> {
  const fixture = JSON.parse(fs.readFileSync(file, 'utf8')) as Fixture;
  const runtime = await open();
  try {
    const db = runtime.platform.db;
    const item = await db.selectFrom('flashsale_items').select(['sold', 'stock']).where('id', '=', fixture.itemId).executeTakeFirstOrThrow();
    const purchases = await db.selectFrom('flashsale_purchases').select(['user_id', 'order_id']).where('item_id', '=', fixture.itemId).where('status', '=', 'active').execute();
    const orders = purchases.length
      ? Number((await sql<{ n: string }>`select count(*) as n from orders where id in (${sql.join(purchases.map((p) => p.order_id))})`.execute(db)).rows[0].n)
      : 0;
    const soldOut = await db.selectFrom('flashsale_purchases').select('order_id').where('item_id', '=', fixture.soldOutItemId).where('status', '=', 'active').execute();
    const buyers = new Set(purchases.map((p) => p.user_id)).size;
    const ok = item.sold <= item.stock && purchases.length === item.sold && orders === purchases.length && buyers === purchases.length && soldOut.length <= 1;
    return { ok, stock: item.stock, sold: item.sold, purchases: purchases.length, orders, buyers, soldOutPurchases: soldOut.length };
  } finally {
    await runtime.close();
  }
}

const [command, file, count] = process.argv.slice(2);
if (command === 'seed' && file) {
  await seed(file, Number(count ?? 2100));
} else if (command === 'verify' && file) {
  const verdict = await verify(file);
  process.stdout.write(JSON.stringify(verdict) + '\n');
  if (!verdict.ok) process.exitCode = 1;
} else {
  console.error('usage: fixture.ts seed <fixture.json> <shoppers> | verify <fixture.json>');
  process.exitCode = 2;
}
