// Flash-sale stampede benchmark: a real server per configuration (PGlite, PostgreSQL,
// PostgreSQL + Redis), a slot of 500 units with a per-user limit of 1, a few thousand shoppers
// with bearer tokens, and autocannon where every request buys as the next shopper. Each figure is
// printed next to a bare Fastify hello-world measured in the same run with the same settings.
// Zero oversell is verified afterwards; a violation exits non-zero.  Run: npm run bench
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';
import { sql } from 'kysely';
import { loadConfig, type Config } from '../src/config.ts';
import { createLogger } from '../src/platform/context.ts';
import { openPGlite, openPostgres, type DatabaseHandle } from '../src/platform/db.ts';
import { createRuntime } from '../src/runtime.ts';
import { redisKeys } from '../src/modules/flashsale/index.ts';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const SHOPPERS = Number(process.env.BENCH_SHOPPERS ?? 3000);
const STOCK = 500;
const PG_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

interface Measured {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  total: number;
  codes: Record<string, number>;
  sold?: number;
  orders?: number;
  ok?: boolean;
}

function cannon(opts: autocannon.Options, duration = DURATION): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ ...opts, duration, connections: CONNECTIONS }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

function summarise(name: string, r: autocannon.Result): Measured {
  const codes: Record<string, number> = {};
  for (const [code, v] of Object.entries(r.statusCodeStats ?? {})) codes[code] = (v as { count: number }).count;
  return { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, total: r.requests.total, codes };
}

async function helloWorld(): Promise<Measured> {
  const app = Fastify({ logger: false });
  app.get('/', async () => ({ hello: 'world' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const result = await cannon({ url: `http://127.0.0.1:${port}/` });
  await app.close();
  return summarise('Fastify hello-world (baseline)', result);
}

async function flashsaleRun(name: string, database: DatabaseHandle, redisUrl: string | undefined): Promise<Measured[]> {
  const config: Config = loadConfig({}, {
    logLevel: 'silent',
    demo: false,
    workers: false,
    redisUrl,
    rateLimits: { authPerIp: 1_000_000, ordersPerUser: 1_000_000, ordersPerIp: 1_000_000, flashsalePerUser: 1_000_000, flashsalePerIp: 1_000_000 },
  });
  const runtime = await createRuntime({ config, database, log: createLogger('silent') });
  const { services, platform } = runtime;
  try {
    // A product, a live slot, shoppers with addresses and bearer sessions.
    const tag = randomUUID().slice(0, 8);
    const category = await services.catalog.createCategory(null, { name: `秒杀压测 ${tag}`, nameEn: `Bench ${tag}`, slug: `bench-${tag}` });
    const [product] = await services.catalog.importProducts(null, [{ title: '压测商品 无线耳机', categoryId: category.id, status: 'active', skus: [{ code: `BENCH-${tag}`, price: { amount: 19900 }, initialStock: 0, attributes: { 版本: '标准版' } }, { code: `BENCH-${tag}-B`, price: { amount: 9900 }, initialStock: 0, attributes: { 版本: '青春版' } }] }]);
    const now = platform.clock.now();
    const slot = await services.flashsale.createSlot(null, { name: '压测场', startsAt: new Date(now.getTime() - 60_000), endsAt: new Date(now.getTime() + 3_600_000), items: [{ skuId: product.skuIds[0], flashAmount: 9900, stock: STOCK, perUserLimit: 1 }, { skuId: product.skuIds[1], flashAmount: 4900, stock: 1, perUserLimit: 1 }] });
    const itemId = slot.items[0].id;
    const soldOutId = slot.items[1].id;

    const hash = await services.identity.hashPassword('fission2026');
    const users = Array.from({ length: SHOPPERS }, (_, i) => ({ id: randomUUID(), email: `bench-${tag}-${i}@example.com`, phone: null, passwordHash: hash, displayName: `压测用户 ${i}`, roles: ['shopper' as const], createdAt: now }));
    await services.identity.importUsers(users);
    const addresses = users.map((u) => ({ id: randomUUID(), userId: u.id, recipient: '张伟', phone: '13800138000', province: '上海市', city: '上海市', district: '浦东新区', line1: '世纪大道 100 号', isDefault: true, createdAt: now }));
    await services.identity.importAddresses(addresses);
    const bodies: { auth: string; body: string }[] = [];
    for (let i = 0; i < users.length; i += 100) {
      const batch = users.slice(i, i + 100);
      const sessions = await Promise.all(batch.map((u) => services.identity.openSession(u.id, 'bearer')));
      batch.forEach((_, j) => bodies.push({ auth: `Bearer ${sessions[j].token}`, body: JSON.stringify({ addressId: addresses[i + j].id }) }));
    }

    // The second item is sold out before the stampede: its phase measures fast rejection.
    await services.flashsale.purchase(users[0].id, slot.id, soldOutId, { addressId: addresses[0].id }, null);

    await runtime.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = runtime.app.server.address() as { port: number };
    let next = 0;
    const result = await cannon({
      url: `http://127.0.0.1:${port}`,
      requests: [
        {
          method: 'POST',
          path: `/api/v1/flashsale/slots/${slot.id}/items/${itemId}/purchase`,
          setupRequest: (req: any) => {
            const s = bodies[next++ % bodies.length];
            return { ...req, headers: { ...(req.headers ?? {}), 'content-type': 'application/json', authorization: s.auth }, body: s.body };
          },
        },
      ],
    });
    const m = summarise(name, result);
    // Let purchases still in flight from the stampede finish before measuring refusals.
    let last = -1;
    for (let i = 0; i < 40; i++) {
      const { sold } = await platform.db.selectFrom('flashsale_items').select('sold').where('id', '=', itemId).executeTakeFirstOrThrow();
      if (sold === last) break;
      last = sold;
      await new Promise((r) => setTimeout(r, 500));
    }
    const rejection = summarise(`  same, item already sold out (${Math.max(1, Math.round(DURATION / 2))} s)`, await cannon({
      url: `http://127.0.0.1:${port}`,
      requests: [{ method: 'POST', path: `/api/v1/flashsale/slots/${slot.id}/items/${soldOutId}/purchase`, setupRequest: (req: any) => {
        const s = bodies[next++ % bodies.length];
        return { ...req, headers: { ...(req.headers ?? {}), 'content-type': 'application/json', authorization: s.auth }, body: s.body };
      } }],
    }, Math.max(1, Math.round(DURATION / 2))));

    // Zero oversell: orders for the slot <= stock, nobody with two, Postgres sold <= stock.
    const purchases = await platform.db.selectFrom('flashsale_purchases').select(['user_id', 'order_id']).where('item_id', '=', itemId).execute();
    const orders = purchases.length ? Number((await sql<{ n: string }>`select count(*) as n from orders where kind = 'flashsale' and id in (${sql.join(purchases.map((p) => p.order_id))})`.execute(platform.db)).rows[0].n) : 0;
    const item = await platform.db.selectFrom('flashsale_items').select(['sold', 'stock']).where('id', '=', itemId).executeTakeFirstOrThrow();
    const distinctBuyers = new Set(purchases.map((p) => p.user_id)).size;
    m.sold = item.sold;
    m.orders = orders;
    const soldOut = await platform.db.selectFrom('flashsale_purchases').select('order_id').where('item_id', '=', soldOutId).execute();
    m.ok = orders <= STOCK && item.sold <= item.stock && distinctBuyers === purchases.length && orders === purchases.length && soldOut.length === 1;
    rejection.sold = 1;
    rejection.orders = soldOut.length;
    rejection.ok = soldOut.length === 1 && (rejection.codes['201'] ?? 0) === 0;
    if (platform.redis) {
      const k = redisKeys('fission:flashsale:', itemId);
      const k2 = redisKeys('fission:flashsale:', soldOutId);
      await platform.redis.del(k.stock, k.limit, k.users, k2.stock, k2.limit, k2.users);
    }
    return [m, rejection];
  } finally {
    await runtime.close();
  }
}

async function withPostgresSchema<T>(fn: (db: DatabaseHandle) => Promise<T>): Promise<T> {
  const schema = `fission_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create schema "${schema}"`);
  try {
    const handle = openPostgres({ connectionString: PG_URL, schema, max: 20 });
    return await fn(handle);
  } finally {
    await admin.query(`drop schema if exists "${schema}" cascade`);
    await admin.end();
  }
}

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

async function main() {
  const started = Date.now();
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
  console.log(`Flash-sale benchmark: ${DURATION} s × ${CONNECTIONS} connections per run, ${SHOPPERS} shoppers, ${STOCK} units, limit 1 per shopper`);
  console.log(`Machine: ${machine}\n`);

  const baseline = await helloWorld();
  console.log(`baseline ${fmt(baseline.rps)} req/s`);
  const runs: Measured[] = [];

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fission-bench-'));
  try {
    runs.push(...(await flashsaleRun('PGlite (Postgres gate)', await openPGlite({ dataDir: dir }), undefined)));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`pglite done`);
  runs.push(...(await withPostgresSchema((db) => flashsaleRun('PostgreSQL (Postgres gate)', db, undefined))));
  console.log(`postgres done`);
  runs.push(...(await withPostgresSchema((db) => flashsaleRun('PostgreSQL + Redis (Lua gate)', db, REDIS_URL))));

  console.log('');
  const rows = [
    ['configuration', 'attempts/s', 'p50 ms', 'p99 ms', 'attempts', 'sold', '× hello-world', 'status codes'],
    [baseline.name, fmt(baseline.rps), fmt(baseline.p50), fmt(baseline.p99), fmt(baseline.total), '', '1.000', JSON.stringify(baseline.codes)],
    ...runs.map((r) => [r.name, fmt(r.rps), fmt(r.p50), fmt(r.p99), fmt(r.total), r.name.startsWith('  ') ? `${r.orders} order` : `${r.sold}/${STOCK}`, (r.rps / baseline.rps).toFixed(3), JSON.stringify(r.codes)]),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) console.log(r.map((cell, c) => (c === 0 || c === 7 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
  console.log(`\nTotal ${((Date.now() - started) / 1000).toFixed(0)} s`);

  const bad = runs.filter((r) => !r.ok);
  if (bad.length) {
    console.error(`OVERSELL OR DUPLICATE in: ${bad.map((r) => `${r.name} (orders ${r.orders}, sold ${r.sold})`).join(', ')}`);
    process.exit(1);
  }
  console.log('Zero oversell: orders ≤ stock and no shopper with two, in every configuration.');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
