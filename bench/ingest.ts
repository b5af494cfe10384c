// npx tsx bench/ingest.ts [--quick]: the behavioural event log measured against its database.
//   1. Ingestion: events/s through POST /api/v1/events (batches of 100, over loopback HTTP, with
//      validation, bot check, dedupe and rollup scheduling) ÷ rows/s of a raw multi-row insert of
//      the same rows into the same table, same concurrency, same run. Goal ≥ 0.7. On PostgreSQL the
//      server is `fission start` in a child process (see apiFor); on PGlite it shares this one.
//   2. Reports: each report's time over N events (default 1,000,000; --quick 100,000) ÷ the time of
//      one sequential scan of the events table in the same run. Goal ≤ 3. Reports read the daily
//      rollups where they have one (as the console does), so they are timed with the rollups current,
//      and the rollup job's own time over the same N events (every day rolled once) is printed too.
//   --reports skips the ingestion phase.
//   --probe (PostgreSQL): the server child runs with bench/probe.mjs preloaded; after the ingestion
//   phase this prints its SQL statements per batch and where its CPU went (the profile stays in a
//   printed directory). On PostgreSQL the server's CPU per event (from /proc) is printed either way:
//   unlike the rates, it barely moves with the neighbours' load.
// PostgreSQL when DATABASE_URL is set (a fresh database fission_ingest_{pid}, dropped at the end),
// else PGlite in a temporary directory. env: BENCH_SECONDS (per phase, default 5; --quick 2),
// BENCH_CONNECTIONS (default 8), BENCH_EVENTS (report phase size).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { createRuntime } from '../src/runtime.ts';
import { chinaDate } from '../src/platform/clock.ts';
import { seededRandom } from '../src/platform/random.ts';
import { historyBatches } from '../src/demo/analytics.ts';
import type { EventRow } from '../src/modules/analytics/index.ts';
import { cpuTicks, probeWindows, summarise, TICK_US, windowProfile, windowStatements } from './probe-read.ts';
import { freePort, startServer, stop, waitHealthy } from './processes.ts';

const QUICK = process.argv.includes('--quick');
const REPORTS_ONLY = process.argv.includes('--reports');
const PROBE = process.argv.includes('--probe');
const SECONDS = Number(process.env.BENCH_SECONDS ?? (QUICK ? 2 : 5));
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const EVENTS = Number(process.env.BENCH_EVENTS ?? (QUICK ? 100_000 : 1_000_000));
const BATCH = 100;
const NAMES = ['page_view', 'product_view', 'search', 'add_to_cart', 'checkout_started', 'share_sheet_opened'];

async function openTarget(): Promise<{ name: string; env: Record<string, string>; cleanup: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const database = `fission_ingest_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database "${database}"`);
    const target = new URL(url);
    target.pathname = `/${database}`;
    return { name: 'PostgreSQL', env: { DATABASE_URL: target.toString() }, cleanup: async () => { await admin.query(`drop database if exists "${database}" with (force)`); await admin.end(); } };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fission-ingest-'));
  return { name: 'PGlite', env: { FISSION_DATA_DIR: dir }, cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The body the storefront sends, and the rows the same events become (as the server makes them). */
function batchOf(worker: number, seq: number, now: Date) {
  const events = Array.from({ length: BATCH }, (_, i) => ({ id: `b${worker}-${seq}-${i}-${randomUUID().slice(0, 8)}`, name: NAMES[i % NAMES.length], at: new Date(now.getTime() - (BATCH - i) * 1000).toISOString(), page: '/product/bench', channel: 'wechat' }));
  const visitor = `bench-visitor-${worker}`;
  const rows: EventRow[] = events.map((e) => {
    const at = new Date(e.at);
    return { dedupe_key: `c/${visitor}/${e.id}`, name: e.name, occurred_at: at, received_at: now, day: chinaDate(at), visitor_id: visitor, user_id: null, session_id: `bench-session-${worker}`, page: e.page, referrer: null, channel: e.channel, share_token: null, share_id: null, campaign_id: null, product_id: null, order_id: null, amount: null, props: '{}', source: 'client' };
  });
  return { body: { sessionId: `bench-session-${worker}`, events }, rows, visitor };
}

/** Each worker works until the time is up or its pool runs out (work answers null). */
async function forDuration(work: (worker: number, seq: number) => Promise<number | null>) {
  const until = performance.now() + SECONDS * 1000;
  const started = performance.now();
  const counts = await Promise.all(Array.from({ length: CONNECTIONS }, async (_, worker) => {
    let done = 0;
    for (let seq = 0; performance.now() < until; seq++) {
      const n = await work(worker, seq);
      if (n === null) break;
      done += n;
    }
    return done;
  }));
  return counts.reduce((a, b) => a + b, 0) / ((performance.now() - started) / 1000);
}

/**
 * Where POST /api/v1/events is served. On PostgreSQL: `fission start` in a child process, as
 * `npm run bench` runs the server for every other route, so this process (the load generator and
 * the raw inserts, each through its own connections) never shares the server's event loop. PGlite
 * is an embedded database inside its server's process and cannot be opened by a second process, so
 * there the server listens in this process and shares it with the client and the raw inserts.
 */
async function apiFor(target: Awaited<ReturnType<typeof openTarget>>, runtime: Awaited<ReturnType<typeof createRuntime>>) {
  if (target.name !== 'PostgreSQL') {
    const address = await runtime.app.listen({ port: 0, host: '127.0.0.1' });
    return { address, where: 'server, client and raw inserts in this process (PGlite is embedded)', close: async () => {}, cpuTicks: null, cut: null };
  }
  const port = await freePort();
  const logFile = path.join(os.tmpdir(), `fission-ingest-server-${process.pid}.log`);
  const config = { name: target.name, env: target.env, cleanup: async () => {} };
  const probeDir = PROBE ? fs.mkdtempSync(path.join(os.tmpdir(), 'fission-ingest-probe-')) : null;
  const server = startServer(config, port, logFile, {
    nodeArgs: probeDir ? ['--import', './bench/probe.mjs'] : [],
    env: { FISSION_RATE_LIMIT_EVENTS_PER_IP: '1000000', FISSION_WORKERS: 'false', ...(probeDir ? { PROBE_DIR: probeDir } : {}) },
  });
  const address = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(address, server, logFile);
  } catch (err) {
    await stop(server);
    throw err;
  }
  // Probe windows: the one that ends at each cut is written to probeDir (see bench/probe.mjs).
  const cut = probeDir ? probeWindows(probeDir) : null;
  return { address, where: 'server: fission start in a child process; this process is the load generator and runs the raw inserts', close: () => stop(server), cpuTicks: () => cpuTicks(server.pid!), cut };
}

const ms = async (f: () => Promise<unknown>) => {
  const started = performance.now();
  await f();
  return performance.now() - started;
};

async function main() {
  const target = await openTarget();
  // The per-IP limit stays in the path, raised: every batch here comes from one address.
  const config = loadConfig({ ...process.env, ...target.env, NODE_ENV: 'production', FISSION_RATE_LIMIT_EVENTS_PER_IP: '1000000' }, { logLevel: 'warn', demo: false, workers: false });
  const runtime = await createRuntime({ config });
  try {
    const db = runtime.platform.db;
    const api = await apiFor(target, runtime);
    const address = api.address;
    console.log(`Event log benchmark on ${target.name}: ${CONNECTIONS} connections, ${SECONDS} s per phase; ${api.where}`);

    if (!REPORTS_ONLY) {
      // Bodies and rows are made before the clock starts, so only the client's fetch() is in the
      // measured path, as only the insert is in the raw one.
      const POOL = Math.ceil((SECONDS * 60_000) / BATCH / CONNECTIONS);
      const now = new Date();
      const pools = (offset: number) => Array.from({ length: CONNECTIONS }, (_, w) => Array.from({ length: POOL }, (_, i) => batchOf(w + offset, i, now)));
      const rawPools = [pools(0), pools(100)];
      const httpPools = [pools(200), pools(300)].map((p) => p.map((list) => list.map((b) => ({ json: JSON.stringify(b.body), visitor: b.visitor }))));
      // This process's CPU per row in each phase: on PGlite that is all of it (database included).
      const cpu = { raw: 0, http: 0, rawRows: 0 };
      const raw = (round: number) => forDuration(async (worker, seq) => {
        if (seq >= POOL) return null;
        const rows = rawPools[round][worker][seq].rows;
        await db.insertInto('analytics_events').values(rows).onConflict((oc) => oc.column('dedupe_key').doNothing()).execute();
        cpu.rawRows += rows.length;
        return rows.length;
      });
      const http = (round: number) => forDuration(async (worker, seq) => {
        if (seq >= POOL) return null;
        const { json, visitor } = httpPools[round][worker][seq];
        const res = await fetch(`${address}/api/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-device-id': visitor, 'user-agent': 'Mozilla/5.0 (iPhone) MicroMessenger/8.0' }, body: json });
        if (res.status !== 202) throw new Error(`POST /api/v1/events answered ${res.status}: ${await res.text()}`);
        posted++;
        return ((await res.json()) as { accepted: number }).accepted;
      });
      // Alternate the phases so neither gets the emptier table; the best of two each. The server's
      // CPU and probe window cover the HTTP phases only (it idles through the raw ones).
      let serverTicks = 0;
      let posted = 0;
      const measured = async (round: number) => {
        const before = api.cpuTicks?.() ?? 0;
        const started = process.cpuUsage();
        const rate = await http(round);
        const used = process.cpuUsage(started);
        cpu.http += used.user + used.system;
        serverTicks += (api.cpuTicks?.() ?? 0) - before;
        return rate;
      };
      const rawMeasured = async (round: number) => {
        const started = process.cpuUsage();
        const rate = await raw(round);
        const used = process.cpuUsage(started);
        cpu.raw += used.user + used.system;
        return rate;
      };
      await api.cut?.();
      const rawRates = [await rawMeasured(0)];
      const httpRates = [await measured(0)];
      rawRates.push(await rawMeasured(1));
      httpRates.push(await measured(1));
      const probed = await api.cut?.();
      const rawRate = Math.max(...rawRates);
      const httpRate = Math.max(...httpRates);
      console.log(`ingest  raw insert ${Math.round(rawRate)} rows/s, POST /api/v1/events ${Math.round(httpRate)} events/s, ratio ${(httpRate / rawRate).toFixed(2)} (goal ≥ 0.7)`);
      if (!api.cpuTicks) console.log(`ingest  CPU of this process per row: raw insert ${(cpu.raw / cpu.rawRows).toFixed(1)} µs, POST /api/v1/events ${(cpu.http / (posted * BATCH)).toFixed(1)} µs, ratio ${(cpu.raw / cpu.rawRows / (cpu.http / (posted * BATCH))).toFixed(2)} (load average ${os.loadavg()[0].toFixed(1)})`);
      if (api.cpuTicks) console.log(`ingest  server CPU ${((serverTicks * TICK_US) / (posted * BATCH)).toFixed(1)} µs per event (${posted} batches of ${BATCH}; load average ${os.loadavg()[0].toFixed(1)})`);
      if (probed) {
        const statements = windowStatements(probed);
        const sent = Object.values(statements).reduce((a, b) => a + b, 0);
        console.log(`ingest  SQL statements per batch: ${(sent / posted).toFixed(3)} (${sent} for ${posted} batches)`);
        for (const [shape, k] of Object.entries(statements).slice(0, 6)) console.log(`    ${(k / posted).toFixed(3)}  ${shape}`);
        console.log(`ingest  server self time by function (profile ${probed.stem}.cpuprofile):`);
        for (const line of summarise(windowProfile(probed), 15, 'busy')) console.log(line);
      }
    }
    await api.close();

    // Reports over N events of synthetic history (not measured: set-up).
    await sql`truncate analytics_events, analytics_daily_counts, analytics_daily_people, analytics_daily_steps, analytics_daily_touches`.execute(db);
    const today = runtime.platform.clock.now();
    const campaigns = Array.from({ length: 20 }, (_, i) => ({ id: randomUUID(), mechanic: i % 2 ? 'coupon' : 'groupbuy' }));
    for (const c of campaigns) await runtime.services.campaigns.enrol(db, { id: c.id, mechanic: c.mechanic as 'coupon', name: `Bench ${c.id.slice(0, 4)}`, startsAt: null, endsAt: null, actorId: null });
    const cast = { shoppers: Array.from({ length: 5_000 }, () => randomUUID()), products: Array.from({ length: 200 }, () => randomUUID()), campaigns };
    const loading = performance.now();
    for (const rows of historyBatches(cast, { total: EVENTS, days: 90, now: today, random: seededRandom(1), run: 'bench', batch: 1_000 })) await runtime.services.analytics.importRows(rows);
    console.log(`reports ${EVENTS.toLocaleString('en-US')} events loaded in ${((performance.now() - loading) / 1000).toFixed(1)} s (not measured)`);
    // The rollup job's work for these events: each of the 91 days rolled once (in production each
    // day is re-rolled a bucket after it gets events, late ones included).
    const rolling = performance.now();
    await runtime.services.analytics.rollupRange(new Date(today.getTime() - 91 * 86_400_000), today);
    const rollupSeconds = (performance.now() - rolling) / 1000;
    console.log(`reports rollup job over them: ${rollupSeconds.toFixed(1)} s (${((rollupSeconds * 1_000_000) / EVENTS).toFixed(1)} s per 1M events), not in the report times below`);
    await sql`analyze analytics_events, analytics_visitors, analytics_daily_people, analytics_daily_steps, analytics_daily_touches`.execute(db);

    const scans: number[] = [];
    for (let i = 0; i < 3; i++) scans.push(await ms(() => sql`select count(*), sum(coalesce(amount, 0)), sum(length(name)) from analytics_events`.execute(db)));
    const scan = Math.min(...scans);
    const to = chinaDate(today);
    const from = chinaDate(new Date(today.getTime() - 29 * 86_400_000));
    const a = runtime.services.analytics;
    const reports: [string, () => Promise<unknown>][] = [
      ['funnel (4 steps, 30 days)', () => a.funnelReport({ from, to, steps: ['page_view', 'product_view', 'add_to_cart', 'checkout_started'] })],
      ['retention (first visit, 30 days)', () => a.retentionReport({ from, to })],
      ['active users (30 days)', () => a.activityReport({ from, to })],
      ['campaigns (20)', () => a.campaignReport({ from, to })],
      ['channels (30 days)', () => a.channelReport({ from, to })],
      ['viral (30 days)', () => a.viralReport({ from, to })],
      ['trends (3 names, 90 days)', () => a.trendReport({ from: chinaDate(new Date(today.getTime() - 89 * 86_400_000)), to, names: ['page_view', 'add_to_cart', 'order.paid'] })],
    ];
    // The machine's 1-minute load average beside the figures: on a shared machine it moves them.
    console.log(`reports sequential scan of analytics_events: ${scan.toFixed(0)} ms (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`);
    for (const [name, run] of reports) {
      const time = Math.min(await ms(run), await ms(run));
      console.log(`reports ${name.padEnd(34)} ${time.toFixed(0).padStart(6)} ms  ratio ${(time / scan).toFixed(2)} (goal ≤ 3)`);
    }
  } finally {
    await runtime.close();
    await target.cleanup();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
