// npx tsx bench/profile.ts [--redis] [--processes N] [case…]: where a request's time goes. Seeds a
// fresh PostgreSQL database (DATABASE_URL; with --redis also REDIS_URL) as the benchmark does,
// starts the server with bench/probe.mjs preloaded, and for each chosen case (by name prefix:
// refusals, product list, product page, checkout, stampede; default the first four) runs it,
// then prints the rate, SQL statements per request and the functions with the most self time.
// Profiles stay in the printed directory for Chrome DevTools or speedscope.
import fs from 'node:fs';
import path from 'node:path';
import { cases, type Figure } from './load.ts';
import { probeWindows, summarise, windowProfile, windowStatements } from './probe-read.ts';
import { freePort, seededPostgres, startServer, stop, waitHealthy } from './processes.ts';

const args = process.argv.slice(2);
const withRedis = args.includes('--redis');
const processesAt = args.indexOf('--processes');
const processes = processesAt >= 0 ? args[processesAt + 1] : '1';
const wanted = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--processes');
const prefixes = wanted.length ? wanted : ['refusals', 'product list', 'product page', 'checkout (place + pay), 16'];

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
      const cut = probeWindows(probeDir);
      await cut(); // start-up is not part of any case
      const options = { seconds: Number(process.env.BENCH_SECONDS ?? 5), connections: Number(process.env.BENCH_CONNECTIONS ?? 50), stampede: 2000 };
      for (const c of cases(fixture, options).filter((c) => prefixes.some((p) => c.name.startsWith(p)))) {
        // The case's set-up (a slot listing per shopper for purchase tokens...) is cut off and dropped.
        const figure: Figure = await c.run(base, cut);
        const window = await cut();
        const requests = Object.values(figure.codes).reduce((a, b) => a + b, 0) || 1;
        const statements = windowStatements(window);
        const sent = Object.values(statements).reduce((a, b) => a + b, 0);
        console.log(`\n${c.name} (${config.name}, ${processes} process${processes === '1' ? '' : 'es'}): ${figure.rate.toFixed(0)}/s, p50 ${figure.p50.toFixed(1)} ms, p99 ${figure.p99.toFixed(1)} ms, codes ${JSON.stringify(figure.codes)}`);
        console.log(`  SQL statements per request: ${(sent / requests).toFixed(2)} (${sent} for ${requests} requests)`);
        for (const [shape, k] of Object.entries(statements).slice(0, 8)) console.log(`    ${(k / requests).toFixed(2)}  ${shape}`);
        console.log(summarise(windowProfile(window)).join('\n'));
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
