// npx tsx bench/profile.ts [--redis] [--processes N] [case…]: where a request's time goes. Seeds a
// fresh PostgreSQL database (DATABASE_URL; with --redis also REDIS_URL) as the benchmark does,
// starts the server with bench/probe.mjs preloaded, and for each chosen case (by name prefix:
// refusals, product list, product page, checkout, stampede; default the first four) runs it,
// then prints the rate, SQL statements per request and the functions with the most self time.
// Profiles stay in the printed directory for Chrome DevTools or speedscope.
import fs from 'node:fs';
import path from 'node:path';
import { cases, type Figure } from './load.ts';
import { freePort, seededPostgres, startServer, stop, waitHealthy } from './processes.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const args = process.argv.slice(2);
const withRedis = args.includes('--redis');
const processesAt = args.indexOf('--processes');
const processes = processesAt >= 0 ? args[processesAt + 1] : '1';
const wanted = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--processes');
const prefixes = wanted.length ? wanted : ['refusals', 'product list', 'product page', 'checkout (place + pay), 16'];

/** Where a frame's code lives: a package, a source file of ours, or the engine. */
function place(url: string): string {
  if (!url) return '(native)';
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return url;
  const src = url.match(/\/(src\/.+)$/);
  return src ? src[1] : url.replace(/^file:\/\//, '');
}

function summarise(profile: CpuProfile, top = 18) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0) || 1;
  const fns = new Map<string, number>();
  const places = new Map<string, number>();
  for (const [id, us] of self) {
    const f = byId.get(id)!.callFrame;
    const where = place(f.url);
    const key = `${f.functionName || '(anonymous)'}  ${where}${f.url ? `:${f.lineNumber + 1}` : ''}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
    places.set(where, (places.get(where) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
  const idle = [...fns].filter(([k]) => k.startsWith('(idle)')).reduce((a, [, v]) => a + v, 0);
  return [
    `  busy ${(100 - (100 * idle) / total).toFixed(0)}% of ${(total / 1e6).toFixed(1)} s sampled`,
    '  self time by function:',
    ...[...fns].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, us]) => `    ${pct(us)}  ${k}`),
    '  self time by package / file:',
    ...[...places].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, us]) => `    ${pct(us)}  ${k}`),
  ].join('\n');
}

async function waitFor(file: string) {
  while (!fs.existsSync(file)) await new Promise((r) => setTimeout(r, 100));
}

async function main() {
  const { dir, config, logFile, fixture, cleanup } = await seededPostgres('profile', 9, withRedis, 12);
  const probeDir = path.join(dir, 'probe');
  fs.mkdirSync(probeDir);
  try {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = startServer(config, port, logFile, { nodeArgs: ['--import', './bench/probe.mjs'], env: { PROBE_DIR: probeDir, FISSION_PROCESSES: processes } });
    try {
      await waitHealthy(base, server, logFile);
      let window = 0;
      const cut = async () => {
        fs.writeFileSync(path.join(probeDir, `${window}.cut`), '');
        await waitFor(path.join(probeDir, `${window}.done`));
        return window++;
      };
      await cut(); // start-up is not part of any case
      const options = { seconds: Number(process.env.BENCH_SECONDS ?? 5), connections: Number(process.env.BENCH_CONNECTIONS ?? 50), stampede: 2000 };
      for (const c of cases(fixture, options).filter((c) => prefixes.some((p) => c.name.startsWith(p)))) {
        // The case's set-up (a slot listing per shopper for purchase tokens...) is cut off and dropped.
        const figure: Figure = await c.run(base, cut);
        const n = await cut();
        const requests = Object.values(figure.codes).reduce((a, b) => a + b, 0) || 1;
        const statements = JSON.parse(fs.readFileSync(path.join(probeDir, `${n}.statements.json`), 'utf8')) as Record<string, number>;
        const sent = Object.values(statements).reduce((a, b) => a + b, 0);
        console.log(`\n${c.name} (${config.name}, ${processes} process${processes === '1' ? '' : 'es'}): ${figure.rate.toFixed(0)}/s, p50 ${figure.p50.toFixed(1)} ms, p99 ${figure.p99.toFixed(1)} ms, codes ${JSON.stringify(figure.codes)}`);
        console.log(`  SQL statements per request: ${(sent / requests).toFixed(2)} (${sent} for ${requests} requests)`);
        for (const [shape, k] of Object.entries(statements).slice(0, 8)) console.log(`    ${(k / requests).toFixed(2)}  ${shape}`);
        console.log(summarise(JSON.parse(fs.readFileSync(path.join(probeDir, `${n}.cpuprofile`), 'utf8')) as CpuProfile));
      }
    } finally {
      await stop(server);
    }
    console.log(`\nprofiles: ${probeDir}`);
  } finally {
    await cleanup();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
