// The live room's fan-out benchmark. Three kinds of process: Fission (`fission start`, its live
// session seeded before it starts), a bare broadcaster (mode `baseline`: node:http writing each
// posted frame to every open SSE response, no framework, no database), and this process, the
// load generator, holding every viewer's connection and timing deliveries with one clock.
//   1. Latency: chat lines posted one at a time through the real route (rate limit, moderation,
//      the database, the hub) to 1 viewer, then to VIEWERS viewers; p99 of post → arrival over
//      every delivery. Figure: p99 with VIEWERS ÷ p99 with one viewer.
//   2. Throughput: a burst of chat lines to VIEWERS viewers, deliveries per second until every
//      viewer has every line; the same lines published to the bare broadcaster with the same number of
//      viewers, before and after Fission (the faster run counts). Figure: Fission's deliveries/s ÷
//      the broadcaster's, from the same run. The generator only counts frames in this phase
//      (no parsing), so its cost per delivery is small; on a 2-core machine it still shares the
//      cores with the server it measures.
// PGlite by default; PostgreSQL with DATABASE_URL, + Redis pub/sub with REDIS_URL (database 12).
// `npm run bench:live [-- --quick]`; BENCH_LIVE_VIEWERS (default 2000).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { childEnv, freePort, log, pendingCleanups, pgliteConfiguration, postgresConfiguration, runToEnd, startServer, stop, tail, TSX, waitHealthy, spawnLogged, type Configuration } from './processes.ts';

const QUICK = process.argv.includes('--quick');
const VIEWERS = Number(process.env.BENCH_LIVE_VIEWERS ?? 2000);
const LATENCY_MESSAGES = QUICK ? 20 : 60;
const BURST = QUICK ? 40 : 100;
const SENDERS = 40;

interface Seed {
  sessionId: string;
  senders: string[];
}

// ---- mode `seed`: the session and the chat senders, written before the server starts ----
async function seed(file: string) {
  const { createRuntime } = await import('../src/runtime.ts');
  const { loadConfig } = await import('../src/config.ts');
  const runtime = await createRuntime({ config: loadConfig(process.env, { logLevel: 'warn', demo: false, workers: false }) });
  const { services, platform } = runtime;
  try {
    const tag = randomUUID().slice(0, 8);
    const category = await services.catalog.createCategory(null, { name: `直播压测 ${tag}`, nameEn: `Live bench ${tag}`, slug: `live-bench-${tag}` });
    const [product] = await services.catalog.importProducts(null, [{ title: '直播压测商品', categoryId: category.id, status: 'active', skus: [{ code: `LB-${tag}`, price: { amount: 9900 }, initialStock: 1000 }] }]);
    const session = await services.live.schedule(null, { title: '直播压测', scheduledAt: platform.clock.now().toISOString(), productIds: [product.productId] });
    await services.live.act(null, session.id, 'start');
    const passwordHash = await services.identity.hashPassword(`bench-${randomUUID()}`);
    const users = Array.from({ length: SENDERS }, (_, i) => ({ id: randomUUID(), email: `live-bench-${tag}-${i}@example.com`, phone: null, passwordHash, displayName: `观众 ${i}`, roles: ['shopper' as const], createdAt: platform.clock.now() }));
    await services.identity.importUsers(users);
    const senders = await Promise.all(users.map((u) => services.identity.openSession(u.id, 'bearer').then((s) => s.token)));
    fs.writeFileSync(file, JSON.stringify({ sessionId: session.id, senders } satisfies Seed));
  } finally {
    await runtime.close();
  }
}

// ---- mode `baseline`: a bare SSE broadcaster ----
function baseline() {
  const open = new Set<http.ServerResponse>();
  let seq = 0;
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/health') return void res.end('ok');
    if (req.method === 'GET' && req.url === '/stream') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      res.flushHeaders(); // headers now, as Fission's stream sends them, not with the first message
      open.add(res);
      req.on('close', () => open.delete(res));
      return;
    }
    if (req.method === 'POST' && req.url === '/publish') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const text = `id: ${++seq}\nevent: chat\ndata: ${body}\n\n`;
        for (const r of open) r.write(text);
        res.writeHead(201).end();
      });
      return;
    }
    res.writeHead(404).end();
  });
  server.listen(Number(process.env.PORT), '127.0.0.1');
  process.on('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}

// ---- the load generator ----
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

interface Viewer {
  close(): void;
}

const CHAT_MARK = 'event: chat\n';

/**
 * Open `n` SSE connections. With `onChat`, every chat frame is parsed and its text handed over (the
 * latency phase needs to know which line arrived); with `onCount` the frames are only counted, by
 * scanning for the event line, so the generator's cost per delivery stays small in the throughput
 * phase and the servers, not the generator, set the pace.
 */
async function openViewers(url: string, n: number, on: { onChat?: (text: string) => void; onCount?: () => void }): Promise<Viewer[]> {
  const viewers: Viewer[] = [];
  const batch = 100;
  for (let i = 0; i < n; i += batch) {
    const opened = await Promise.all(Array.from({ length: Math.min(batch, n - i) }, () => new Promise<Viewer>((resolve, reject) => {
      const req = http.get(url, { agent, headers: { accept: 'text/event-stream' } }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk: string) => {
          if (on.onCount) {
            // The carried tail is shorter than the mark, so no frame is counted twice.
            const text = buffer + chunk;
            for (let at = text.indexOf(CHAT_MARK); at >= 0; at = text.indexOf(CHAT_MARK, at + CHAT_MARK.length)) on.onCount();
            buffer = text.slice(-(CHAT_MARK.length - 1));
            return;
          }
          buffer += chunk;
          let cut;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            if (!block.includes(CHAT_MARK)) continue;
            const data = block.slice(block.indexOf('data: ') + 6);
            on.onChat?.((JSON.parse(data) as { text: string }).text);
          }
        });
        resolve({ close: () => req.destroy() });
      });
      req.on('error', reject);
    })));
    viewers.push(...opened);
  }
  return viewers;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

interface Target {
  name: string;
  streamUrl: string;
  post(text: string, i: number): Promise<void>;
}

function fissionTarget(base: string, s: Seed): Target {
  return {
    name: 'Fission',
    streamUrl: `${base}/api/v1/live/sessions/${s.sessionId}/stream`,
    async post(text, i) {
      const res = await fetch(`${base}/api/v1/live/sessions/${s.sessionId}/chat`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${s.senders[i % s.senders.length]}` }, body: JSON.stringify({ text }) });
      if (res.status !== 201) throw new Error(`chat answered ${res.status}: ${await res.text()}`);
    },
  };
}

function baselineTarget(base: string): Target {
  return {
    name: 'bare broadcast',
    streamUrl: `${base}/stream`,
    async post(text) {
      // The same payload shape as Fission's chat event.
      const res = await fetch(`${base}/publish`, { method: 'POST', body: JSON.stringify({ id: randomUUID(), author: '观众 0', text, at: new Date().toISOString() }) });
      if (res.status !== 201) throw new Error(`publish answered ${res.status}`);
    },
  };
}

/** Post lines one at a time and time each delivery to each of `n` viewers. */
async function latency(target: Target, n: number, run: string) {
  const sent = new Map<string, number>();
  const samples: number[] = [];
  const viewers = await openViewers(target.streamUrl, n, {
    onChat: (text) => {
      const at = sent.get(text);
      if (at !== undefined) samples.push(performance.now() - at);
    },
  });
  await new Promise((r) => setTimeout(r, 1500)); // joins settle (viewer-count notices)
  // Warm-up lines, not timed: the first chat line loads moderation's word list and segmenter.
  for (let i = 0; i < 3; i++) await target.post(`${run} 预热 ${i}`, LATENCY_MESSAGES + i);
  await new Promise((r) => setTimeout(r, 500));
  for (let i = 0; i < LATENCY_MESSAGES; i++) {
    const text = `${run} 延迟 ${i}`;
    const expected = samples.length + n;
    sent.set(text, performance.now());
    await target.post(text, i);
    const deadline = performance.now() + 10_000;
    while (samples.length < expected && performance.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    await new Promise((r) => setTimeout(r, 30));
  }
  for (const v of viewers) v.close();
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), deliveries: samples.length, expected: LATENCY_MESSAGES * n };
}

/** A burst of lines to `n` viewers: deliveries per second until every viewer has every line. */
async function throughput(target: Target, n: number, run: string) {
  let delivered = 0;
  let done: () => void = () => {};
  const all = new Promise<void>((r) => (done = r));
  const expected = BURST * n;
  // Fresh connections that get no replay: every chat frame they receive is one of this burst's.
  const viewers = await openViewers(target.streamUrl, n, {
    onCount: () => {
      if (++delivered === expected) done();
    },
  });
  await new Promise((r) => setTimeout(r, 1500));
  const started = performance.now();
  await Promise.all(Array.from({ length: BURST }, (_, i) => target.post(`${run} 吞吐 ${i}`, i)));
  await Promise.race([all, new Promise((r) => setTimeout(r, 60_000))]);
  const seconds = (performance.now() - started) / 1000;
  for (const v of viewers) v.close();
  return { perSecond: delivered / seconds, delivered, expected, seconds };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fission-live-bench-'));
  const config: Configuration = process.env.DATABASE_URL
    ? await postgresConfiguration(process.env.REDIS_URL ? 'PostgreSQL + Redis' : 'PostgreSQL', process.env.DATABASE_URL, 90, process.env.REDIS_URL, Number(process.env.BENCH_REDIS_DB ?? 12))
    : pgliteConfiguration(dir);
  pendingCleanups.add(config.cleanup);
  const serverLog = path.join(dir, 'server.log');
  const seedFile = path.join(dir, 'seed.json');
  let server: ReturnType<typeof startServer> | null = null;
  let bare: ReturnType<typeof spawnLogged> | null = null;
  try {
    log(`live fan-out (${config.name}, ${VIEWERS} viewers): seeding`);
    if ((await runToEnd([...TSX, 'bench/live-fanout.ts', 'seed', seedFile], childEnv(config.env), serverLog)) !== 0) throw new Error(`seeding failed:\n${tail(serverLog)}`);
    const s = JSON.parse(fs.readFileSync(seedFile, 'utf8')) as Seed;
    const port = await freePort();
    server = startServer(config, port, serverLog);
    const base = `http://127.0.0.1:${port}`;
    await waitHealthy(base, server, serverLog, 600); // a first start builds web/dist
    const barePort = await freePort();
    const bareLog = path.join(dir, 'baseline.log');
    bare = spawnLogged([...TSX, 'bench/live-fanout.ts', 'baseline'], childEnv({ PORT: String(barePort) }), bareLog);
    await waitHealthy(`http://127.0.0.1:${barePort}`, bare, bareLog);
    const fission = fissionTarget(base, s);
    const noop = baselineTarget(`http://127.0.0.1:${barePort}`);

    log('latency: 1 viewer');
    const one = await latency(fission, 1, 'a');
    log(`latency: ${VIEWERS} viewers`);
    const many = await latency(fission, VIEWERS, 'b');
    // The broadcaster before and after Fission, and the faster of the two as the denominator: on a
    // shared machine the load moves between phases, and this errs against Fission.
    log('throughput: bare broadcast');
    const bareBefore = await throughput(noop, VIEWERS, 'c');
    log('throughput: Fission');
    const rate = await throughput(fission, VIEWERS, 'd');
    log('throughput: bare broadcast again');
    const bareAfter = await throughput(noop, VIEWERS, 'e');
    const bareRate = bareBefore.perSecond >= bareAfter.perSecond ? bareBefore : bareAfter;

    const row = (name: string, value: string) => `| ${config.name} | ${name} | ${value} |`;
    console.log(`\n| configuration | figure | value |\n|---|---|---:|`);
    console.log(row(`chat delivery p50 / p99, 1 viewer (ms)`, `${one.p50.toFixed(1)} / ${one.p99.toFixed(1)}`));
    console.log(row(`chat delivery p50 / p99, ${VIEWERS} viewers (ms)`, `${many.p50.toFixed(1)} / ${many.p99.toFixed(1)} (${many.deliveries}/${many.expected} delivered)`));
    console.log(row(`p99 ${VIEWERS} viewers ÷ p99 1 viewer`, (many.p99 / one.p99).toFixed(1)));
    console.log(row(`deliveries/s, burst of ${BURST} lines to ${VIEWERS} viewers: Fission`, `${Math.round(rate.perSecond).toLocaleString('en')} (${rate.delivered}/${rate.expected} in ${rate.seconds.toFixed(2)} s)`));
    console.log(row(`deliveries/s, same lines: bare broadcast (before / after; the faster is the baseline)`, `${Math.round(bareBefore.perSecond).toLocaleString('en')} / ${Math.round(bareAfter.perSecond).toLocaleString('en')}`));
    console.log(row(`Fission ÷ bare broadcast`, (rate.perSecond / bareRate.perSecond).toFixed(3)));
    if (many.deliveries < many.expected || rate.delivered < rate.expected) {
      log('some deliveries were missing');
      process.exitCode = 1;
    }
  } finally {
    if (server) await stop(server);
    if (bare) await stop(bare);
    agent.destroy();
    pendingCleanups.delete(config.cleanup);
    await config.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const [mode, arg] = process.argv.slice(2);
if (mode === 'seed') await seed(arg!);
else if (mode === 'baseline') baseline();
else await main();
