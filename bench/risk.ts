// npx tsx bench/risk.ts [--quick]: what the fraud checks cost on the two requests they sit in the
// path of. A referral sign-up (POST /api/v1/auth/register with an invite code) and a coupon claim
// (POST /api/v1/coupons/templates/{id}/claim) are each measured with risk on (the default level,
// moderate) and with risk off (level `off` for the referral and coupon mechanics: no signals, no
// decision), alternating on and off over rounds (on, off, off, on, ...; BENCH_RISK_ROUNDS, default 4,
// --quick 2) after an uncounted warm-up round of each, in the same run against the same server, and
// printed as throughput on ÷ off (goal ≥ 0.8) with p50/p99 and status codes of each.
// The server is `fission start` in a child process (bench/processes.ts), this process is the load
// generator; every shopper comes from its own device id and its own address (X-Forwarded-For,
// believed from loopback), as organic shoppers do, so risk takes its usual allow path.
// PostgreSQL when DATABASE_URL is set (a fresh database, dropped at the end), else PGlite in a
// temporary directory. env: BENCH_RISK_ACCOUNTS (sign-ups per mode per round, default 120; --quick
// 40), BENCH_RISK_WARMUP (sign-ups and claims per mode in the uncounted warm-up round, default 40;
// --quick 10; 0 for none), BENCH_CONNECTIONS (concurrent requests, default 4), BENCH_RISK_PROBE=1 (preload
// bench/probe.mjs into the server: SQL statements per request of each phase, on PostgreSQL, and a
// CPU profile per phase kept in a printed directory), BENCH_RISK_SETTLE=0 (start each phase without
// waiting for the server to go idle, see settle). The server's CPU time per request (from /proc,
// Linux) is printed beside the rates: on a shared machine it is far steadier than they are.
// bench/run.ts runs it as a child process through riskOverheadLines (below).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuTicks, probeWindows, TICK_US, windowStatements, type ProbeWindow } from './probe-read.ts';
import { TSX, childEnv, freePort, log, pendingCleanups, pgliteConfiguration, postgresConfiguration, runToEnd, startServer, stop, tail, waitHealthy, type Configuration } from './processes.ts';

const QUICK = process.argv.includes('--quick');
const ACCOUNTS = Number(process.env.BENCH_RISK_ACCOUNTS ?? (QUICK ? 40 : 120));
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
const ROUNDS = Number(process.env.BENCH_RISK_ROUNDS ?? (QUICK ? 2 : 4));
const WARMUP = Number(process.env.BENCH_RISK_WARMUP ?? (QUICK ? 10 : 40));
const OPERATOR = { email: 'bench-risk-operator@example.com', password: 'Bench-Risk-Operator-2026' };
const BIN = 'bin/fission.mjs';

type Mode = 'on' | 'off';
interface Sample { ms: number; status: number }
interface Phase { samples: Sample[]; seconds: number; cpuMs: number; statements: Record<string, number> }

let base = '';
let ipSeq = 0;
/** A public address per shopper, spread over many /24s (no network burst), never private. */
const nextIp = () => {
  const n = ipSeq++;
  return `${[58, 61, 101, 113, 117, 123, 180, 183][n % 8]}.${(n >> 3) % 250 + 1}.${(n * 7) % 250 + 1}.${(n * 13) % 250 + 1}`;
};

async function http(method: string, url: string, o: { token?: string; body?: unknown; device?: string; ip?: string } = {}) {
  const headers: Record<string, string> = { 'user-agent': 'Mozilla/5.0 (iPhone) MicroMessenger/8.0 bench' };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  if (o.device) headers['x-device-id'] = o.device;
  if (o.ip) headers['x-forwarded-for'] = o.ip;
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${url}`, { method, headers, body: o.body === undefined ? undefined : JSON.stringify(o.body) });
  const text = await res.text();
  return { status: res.status, data: text ? JSON.parse(text) : undefined };
}

async function must(what: string, p: ReturnType<typeof http>) {
  const res = await p;
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.data)}`);
  return res.data;
}

/** The server process's CPU time so far in ms (user + system), or NaN off Linux. */
let serverPid: number | undefined;
function serverCpuMs(): number {
  try {
    return (cpuTicks(serverPid!) * TICK_US) / 1000;
  } catch {
    return NaN;
  }
}

/** With BENCH_RISK_PROBE: closes the probe's current window (bench/probe.mjs) and returns its statement counts. */
let probeDir: string | null = null;
let cutWindow: (() => Promise<ProbeWindow>) | null = null;
async function cutProbe(): Promise<{ window: number; statements: Record<string, number> }> {
  if (!cutWindow) return { window: -1, statements: {} };
  const probed = await cutWindow();
  return { window: probed.n, statements: windowStatements(probed) };
}

/**
 * Waits (at most 60 s) until the server is idle: under 5% of a core over half a second (30% with
 * BENCH_RISK_PROBE, whose profiler alone keeps an idle server near 20%). A phase's
 * events are consumed after its requests have been answered (the outbox), so without this wait the
 * consumers of the sign-ups (risk's own referral checks among them, heavier with risk on) would
 * run during the claims and be counted against them.
 */
async function settle() {
  if (process.env.BENCH_RISK_SETTLE === '0') return;
  const deadline = performance.now() + 60_000;
  for (let before = serverCpuMs(); Number.isFinite(before) && performance.now() < deadline; ) {
    await new Promise((r) => setTimeout(r, 500));
    const now = serverCpuMs();
    if (now - before < (probeDir ? 150 : 25)) return;
    before = now;
  }
  if (Number.isFinite(serverCpuMs())) log('  the server was still busy after 60 s: going on');
}

/** `work(i)` for i in [0, n) over CONNECTIONS concurrent workers; each call timed, and the server's CPU time over all of them and their events. */
async function timed(n: number, work: (i: number) => Promise<number>, label: string): Promise<Phase> {
  await settle();
  await cutProbe(); // the set-up before is no part of the phase
  const samples: Sample[] = [];
  let next = 0;
  const cpu0 = serverCpuMs();
  const started = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    for (let i = next++; i < n; i = next++) {
      const t0 = performance.now();
      const status = await work(i);
      samples.push({ ms: performance.now() - t0, status });
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  // The CPU time and statements include the phase's events consumed after its last answer.
  await settle();
  const cpuMs = serverCpuMs() - cpu0;
  const probe = await cutProbe();
  if (probeDir) fs.renameSync(path.join(probeDir, `${probe.window}.cpuprofile`), path.join(probeDir, `${label}.cpuprofile`));
  return { samples, seconds, cpuMs, statements: probe.statements };
}

interface Shopper { email: string; device: string; ip: string; code: string; token?: string }

/** Set-up, not measured: a sign-up code for each of n new shoppers (read back from the outbox as an admin). */
async function prepare(op: string, n: number, tag: string): Promise<Shopper[]> {
  const out: Shopper[] = [];
  for (let i = 0; i < n; i++) {
    const s = { email: `bench-${tag}-${i}@example.com`, device: `bench-device-${tag}-${i}`, ip: nextIp(), code: '' };
    await must('register/start', http('POST', '/api/v1/auth/register/start', { body: { email: s.email }, ip: s.ip }));
    const page = await must('messages', http('GET', `/api/v1/admin/messages?to=${encodeURIComponent(s.email)}&limit=1`, { token: op }));
    s.code = String(page.items[0].data.code);
    out.push(s);
  }
  return out;
}

async function setRisk(op: string, mode: Mode) {
  for (const key of ['referral', 'coupon']) await must('level', http('PUT', '/api/v1/admin/risk/levels', { token: op, body: { scope: 'mechanic', key, level: mode === 'off' ? 'off' : null } }));
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
function summary(phases: Phase[]) {
  const samples = phases.flatMap((p) => p.samples);
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const codes: Record<string, number> = {};
  for (const s of samples) codes[s.status] = (codes[s.status] ?? 0) + 1;
  const rate = samples.length / phases.reduce((s, p) => s + p.seconds, 0);
  const cpuMs = phases.reduce((s, p) => s + p.cpuMs, 0) / samples.length;
  const statements: Record<string, number> = {};
  for (const p of phases) for (const [shape, k] of Object.entries(p.statements)) statements[shape] = (statements[shape] ?? 0) + k / samples.length;
  return { rate, p50: pct(sorted, 50), p99: pct(sorted, 99), cpuMs, statements, codes: Object.entries(codes).sort().map(([k, v]) => `${k}×${v}`).join(' ') };
}

/** SQL statements per request, risk on beside risk off, the shapes that differ first. */
function statementLines(on: Record<string, number>, off: Record<string, number>): string[] {
  const total = (x: Record<string, number>) => Object.values(x).reduce((a, b) => a + b, 0);
  const shapes = [...new Set([...Object.keys(on), ...Object.keys(off)])].sort((a, b) => Math.abs((on[b] ?? 0) - (off[b] ?? 0)) - Math.abs((on[a] ?? 0) - (off[a] ?? 0)) || (on[b] ?? 0) - (on[a] ?? 0));
  return [
    `  SQL statements per request: risk on ${total(on).toFixed(2)}, risk off ${total(off).toFixed(2)}`,
    ...shapes.filter((k) => (on[k] ?? 0) >= 0.05 || (off[k] ?? 0) >= 0.05).slice(0, 14).map((k) => `    on ${(on[k] ?? 0).toFixed(2)} off ${(off[k] ?? 0).toFixed(2)}  ${k}`),
  ];
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fission-bench-risk-'));
  const removeDir = async () => fs.rmSync(dir, { recursive: true, force: true });
  pendingCleanups.add(removeDir);
  const config: Configuration = process.env.DATABASE_URL ? await postgresConfiguration('PostgreSQL', process.env.DATABASE_URL, 7, undefined, 0) : pgliteConfiguration(dir);
  pendingCleanups.add(config.cleanup);
  const logFile = path.join(dir, 'server.log');
  let server: ReturnType<typeof startServer> | null = null;
  try {
    // Set-up in child processes before the server holds the database (PGlite is one process's).
    for (const args of [[BIN, 'migrate'], [BIN, 'create-operator', OPERATOR.email, '--password', OPERATOR.password, '--admin']]) {
      if ((await runToEnd(args, childEnv(config.env), logFile)) !== 0) throw new Error(`${args.join(' ')} failed:\n${tail(logFile)}`);
    }
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    if (process.env.BENCH_RISK_PROBE) {
      probeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fission-bench-risk-probe-'));
      cutWindow = probeWindows(probeDir);
    }
    server = startServer(config, port, logFile, {
      env: { FISSION_RATE_LIMIT_AUTH_PER_IP: '1000000', ...(probeDir ? { PROBE_DIR: probeDir } : {}) },
      nodeArgs: probeDir ? ['--import', './bench/probe.mjs'] : [],
    });
    serverPid = server.pid;
    await waitHealthy(base, server, logFile);
    const op = (await must('operator login', http('POST', '/api/v1/auth/login', { body: { login: OPERATOR.email, password: OPERATOR.password, session: 'bearer' } }))).token as string;
    const ref = await must('referral campaign', http('POST', '/api/v1/admin/referral/campaigns', { token: op, body: { name: '邀请有礼', qualifyOn: 'signup', holdHours: 24, inviterReward: { kind: 'points', points: 200 }, inviteeReward: { kind: 'points', points: 100 }, milestones: [] } }));
    await must('start referral', http('POST', `/api/v1/admin/referral/campaigns/${ref.id}/start`, { token: op }));
    const [inviter] = await prepare(op, 1, 'inviter');
    const invited = await must('inviter', http('POST', '/api/v1/auth/register', { device: inviter!.device, ip: inviter!.ip, body: { email: inviter!.email, code: inviter!.code, password: 'fission2026', displayName: 'Inviter', session: 'bearer' } }));
    const inviteCode = (await must('invite code', http('GET', '/api/v1/me/invite', { token: invited.token }))).code as string;

    log(`risk overhead on ${config.name}: ${ACCOUNTS} sign-ups and claims per mode per round, ${ROUNDS} rounds, ${CONNECTIONS} concurrent, after a warm-up of ${WARMUP} per mode`);
    const phases: Record<Mode, { signup: Phase[]; claim: Phase[] }> = { on: { signup: [], claim: [] }, off: { signup: [], claim: [] } };
    // Round 0 is a warm-up in both modes, not counted: the first requests of a fresh server compile
    // its code paths, prepare its statements and fill its caches, and would otherwise all land on
    // whichever mode went first. The counted rounds then alternate on, off, off, on.
    const orders: Mode[][] = [['on', 'off'], ...Array.from({ length: ROUNDS }, (_, k): Mode[] => (k % 2 === 0 ? ['on', 'off'] : ['off', 'on']))];
    for (const [round, order] of orders.entries()) {
      const warmUp = round === 0;
      if (warmUp && WARMUP === 0) continue;
      for (const mode of order) {
        await setRisk(op, mode);
        const shoppers = await prepare(op, warmUp ? WARMUP : ACCOUNTS, `${mode}${round}`);
        const tpl = await must('template', http('POST', '/api/v1/admin/coupons/templates', { token: op, body: { name: `Bench ${mode}${round}`, kind: 'fixed', discountAmount: 1000, scope: 'store', validDaysAfterClaim: 7, totalQuota: 100_000 } }));
        await must('activate', http('POST', `/api/v1/admin/coupons/templates/${tpl.id}/activate`, { token: op }));
        const counted = warmUp ? { signup: [] as Phase[], claim: [] as Phase[] } : phases[mode];
        counted.signup.push(await timed(shoppers.length, async (i) => {
          const s = shoppers[i]!;
          const res = await http('POST', '/api/v1/auth/register', { device: s.device, ip: s.ip, body: { email: s.email, code: s.code, password: 'fission2026', displayName: `B${i}`, session: 'bearer', inviteCode } });
          s.token = res.data?.token;
          return res.status;
        }, `signup-${mode}-${round}`));
        counted.claim.push(await timed(shoppers.length, async (i) => {
          const s = shoppers[i]!;
          return (await http('POST', `/api/v1/coupons/templates/${tpl.id}/claim`, { token: s.token, device: s.device, ip: s.ip })).status;
        }, `claim-${mode}-${round}`));
        log(`  ${warmUp ? 'warm-up' : `round ${round}`}, risk ${mode}: done`);
      }
    }
    await setRisk(op, 'on');
    const held = await must('cases', http('GET', '/api/v1/admin/risk/cases?status=held&limit=200', { token: op }));

    const cpus = os.cpus();
    console.log(`Risk overhead on ${config.name} (server: fission start in a child process; this process is the load generator): ${ACCOUNTS} per mode per round × ${ROUNDS} rounds after an uncounted warm-up round of ${WARMUP} per mode, ${CONNECTIONS} concurrent`);
    console.log(`Machine: ${cpus.length} × ${cpus[0]?.model.trim()}, Node ${process.version}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (shared machine: figures are noisy)`);
    for (const [name, key] of [['referral sign-up (POST /auth/register with invite code)', 'signup'], ['coupon claim (POST /coupons/templates/{id}/claim)', 'claim']] as const) {
      const on = summary(phases.on[key]);
      const off = summary(phases.off[key]);
      console.log(`${name}: risk on ${on.rate.toFixed(1)}/s p50 ${on.p50.toFixed(1)} ms p99 ${on.p99.toFixed(1)} ms [${on.codes}]; risk off ${off.rate.toFixed(1)}/s p50 ${off.p50.toFixed(1)} ms p99 ${off.p99.toFixed(1)} ms [${off.codes}]; on ÷ off ${(on.rate / off.rate).toFixed(2)} (goal ≥ 0.8), p50 off ÷ on ${(off.p50 / on.p50).toFixed(2)}`);
      if (Number.isFinite(on.cpuMs)) console.log(`  server CPU per request: risk on ${on.cpuMs.toFixed(2)} ms, risk off ${off.cpuMs.toFixed(2)} ms; off ÷ on ${(off.cpuMs / on.cpuMs).toFixed(2)}`);
      if (probeDir) for (const line of statementLines(on.statements, off.statements)) console.log(line);
    }
    if (probeDir) console.log(`CPU profiles per phase: ${probeDir} (kept)`);
    console.log(`Held cases after the run: ${held.items.length} (organic-looking traffic: expected 0)`);
  } finally {
    if (server) await stop(server);
    pendingCleanups.delete(config.cleanup);
    await config.cleanup();
    pendingCleanups.delete(removeDir);
    await removeDir();
  }
}

/**
 * For bench/run.ts: this script as a child process (on PostgreSQL when a URL is given, else PGlite),
 * its report lines, or its log's tail on failure.
 */
export async function riskOverheadLines(databaseUrl: string | undefined, quick = false): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fission-bench-risk-run-'));
  try {
    const logFile = path.join(dir, 'risk.log');
    const code = await runToEnd([...TSX, 'bench/risk.ts', ...(quick ? ['--quick'] : [])], childEnv(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), logFile);
    const lines = fs.readFileSync(logFile, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('{') && !l.startsWith('  round') && !l.startsWith('  warm-up') && !l.startsWith('risk overhead on'));
    return code === 0 ? lines : [`bench/risk.ts failed (exit ${code}):`, ...lines.slice(-20)];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
