// npx tsx scripts/simulator-speed.ts [runs]: seeds a demo store in memory (PGlite), fits the
// simulator's calibration on its cascades and friendship graph, and times forecasts: Monte Carlo
// runs per second for a 14-day campaign reaching every demo shopper at launch, and for one
// reaching 100 shoppers. Then runs the backtest and prints its median absolute percentage error.
import { loadConfig } from '../src/config.ts';
import { createRuntime } from '../src/runtime.ts';
import { openPGlite } from '../src/platform/db.ts';
import { createLogger } from '../src/platform/context.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { formatBacktestReport, formatCalibration } from '../src/modules/simulator/simulator.cli.ts';

const runs = Number(process.argv[2] ?? 1000);
const runtime = await createRuntime({ config: { ...loadConfig(), logLevel: 'warn' }, database: await openPGlite({}), log: createLogger('silent') });
try {
  await seedDemo(runtime.platform, runtime.services, { scale: 1, progress: 'none' });
  const { simulator } = runtime.services;
  const calibration = await simulator.calibrate();
  console.log(formatCalibration(calibration));
  const base = { mechanic: 'referral' as const, startAt: runtime.platform.clock.now(), days: 14, budget: { amount: 500_000, currency: 'CNY' as const }, rewardPerNewCustomer: 1500, rewardPerOrder: 300, seed: 1 };
  for (const seedAudience of [calibration.graph.nodes, 100]) {
    await simulator.forecast({ ...base, seedAudience, runs: 20 }); // warm-up (JIT)
    const started = performance.now();
    const f = await simulator.forecast({ ...base, seedAudience, runs });
    const seconds = (performance.now() - started) / 1000;
    console.log(`\n${seedAudience} seed shoppers, ${runs} runs × 14 days: ${seconds.toFixed(2)} s = ${Math.round(runs / seconds)} runs/s; final reach ${f.final.reach.p50} (${f.final.reach.p10}–${f.final.reach.p90}), cost ¥${f.final.rewardCost.p50 / 100}, budget out in ${(f.budgetExhaustedShare * 100).toFixed(0)}% of runs`);
  }
  for (const calibrationDays of [1, 2]) {
    const started = performance.now();
    console.log(`\n${formatBacktestReport(await simulator.backtest({ calibrationDays, runs: 500 }))}  (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
} finally {
  await runtime.close();
}
