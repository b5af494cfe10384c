// `fission simulate`: forecast a plan (--plan <id>), replay past campaigns (--backtest), or show
// the calibration, on the configured database or (--demo) a fresh in-memory demo store. The
// composition root (src/cli.ts) opens the store and turns a plan into a forecast input.
import type { Command } from 'commander';
import type { SimulatorService } from './simulator.service.ts';
import type { Band, BacktestReport, Calibration, Forecast, ForecastInput } from './simulator.types.ts';

export type OpenSimulator = (opts: { demo?: boolean }) => Promise<{ simulator: SimulatorService; forecastInputOfPlan(planId: string): Promise<ForecastInput>; close(): Promise<void> }>;

const int = (x: number) => Math.round(x).toLocaleString('en-US');
const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
const band = (b: Band, f: (x: number) => string = int) => `${f(b.p50)} (${f(b.p10)}–${f(b.p90)})`;
const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
/** The median and 90% range of hours given as quantiles at 0, 5, …, 100% (one value: always that). */
const hours = (q: number[]) => (q.length > 19 ? `${q[10].toFixed(1)} h (p5 ${q[1].toFixed(1)}, p95 ${q[19].toFixed(1)})` : `${q[0]?.toFixed(1) ?? '–'} h`);

export function formatCalibration(c: Calibration): string {
  const lines = [
    `Calibration: ${c.source === 'store' ? 'the store’s cascades' : 'synthetic defaults (too little history)'} — ${c.sample.shares} shares, ${c.sample.clicks} clicks, ${c.sample.sharers} sharers, ${c.sample.newCustomers} new customers, ${c.sample.orders} orders`,
    `Graph: ${c.graph.source}, ${c.graph.nodes} shoppers, ${c.graph.edges} friendships, mean degree ${c.graph.meanDegree}`,
    `Share propensity ${pct(c.shareProbability)} (friends by generation ${c.shareProbabilityByDepth.map(pct).join(' / ')}, strangers ${c.strangerShareProbabilityByDepth.map(pct).join(' / ')}), seeds ${pct(c.seedShareProbability)}; friend click probability ${pct(c.friendClickProbability)}; new visitors ${pct(c.newVisitorShare)} of clicks`,
    `Offspring per share: mean ${c.offspring.mean}, variance ${c.offspring.variance}; cycle time median ${c.cycleHours[10]?.toFixed(1) ?? '–'} h (p5 ${c.cycleHours[1]?.toFixed(1) ?? '–'} h, p95 ${c.cycleHours[19]?.toFixed(1) ?? '–'} h)`,
    `Share→click delay median ${hours(c.clickDelayHours.stranger)} for strangers, ${hours(c.clickDelayHours.friend)} for friends; click→reshare median ${hours(c.reshareHours)}`,
    'channel        mix   shares  clicks/share  factor  dispersion  new/click  order/click',
    ...Object.entries(c.channels).map(([name, k]) => `${name.padEnd(12)} ${pct(c.channelMix[name] ?? 0).padStart(6)} ${String(k.shares).padStart(7)} ${k.clicksPerShare.toFixed(2).padStart(13)} ${k.clickFactor.toFixed(2).padStart(7)} ${k.clicksDispersion.toFixed(2).padStart(11)} ${pct(k.newCustomerPerClick).padStart(10)} ${pct(k.orderPerClick).padStart(12)}`),
  ];
  return lines.join('\n');
}

export function formatForecast(f: Forecast): string {
  const lines = [
    `Forecast: ${f.input.mechanic}, ${f.input.days} days from ${f.input.startAt}, ${int(f.input.seedAudience)} shoppers at launch, budget ${f.input.budget ? yuan(f.input.budget.amount) : 'none'}; ${f.runs} runs, seed ${f.input.seed}`,
    'median (80% interval), cumulative at the end of the day',
    'day  date         reach                     new customers        orders               reward cost',
    ...f.days.map((d) => `${String(d.day).padStart(3)}  ${d.date}   ${band(d.reach).padEnd(25)} ${band(d.newCustomers).padEnd(20)} ${band(d.orders).padEnd(20)} ${band(d.rewardCost, yuan)}`),
    '',
    f.budgetExhaustedDay
      ? `Budget runs out in ${pct(f.budgetExhaustedShare)} of runs, on day ${band(f.budgetExhaustedDay)}`
      : f.input.budget
        ? `Budget runs out in ${pct(f.budgetExhaustedShare)} of runs (under 10%: no day given)`
        : 'No budget: reward cost is not capped',
  ];
  return lines.join('\n');
}

export function formatBacktestReport(r: BacktestReport): string {
  const lines = [
    `Backtest: each campaign replayed from its first ${r.calibrationDays} day(s), ${r.runs} runs each; forecast median (seen by the cut-off + simulated after it) vs actual`,
    'campaign                      days  reach seen  actual  forecast (80%)            APE   cost seen  actual  forecast (80%)              APE',
    ...r.campaigns.map((c) => `${c.name.slice(0, 28).padEnd(28)} ${String(c.days).padStart(5)} ${int(c.atCutoff.reach).padStart(11)} ${int(c.actual.reach).padStart(7)}  ${band(c.forecast.reach).padEnd(24)} ${pct(c.ape.reach).padStart(6)} ${yuan(c.atCutoff.rewardCost).padStart(10)} ${yuan(c.actual.rewardCost).padStart(7)}  ${band(c.forecast.rewardCost, yuan).padEnd(26)} ${pct(c.ape.rewardCost).padStart(6)}`),
    ...r.skipped.map((s) => `skipped ${s.campaignId}: ${s.reason}`),
    '',
    `Median absolute percentage error: reach ${pct(r.medianApe.reach)}, reward cost ${pct(r.medianApe.rewardCost)} (goal ≤ ${pct(r.goal)}: ${r.meetsGoal ? 'met' : 'not met'})`,
  ];
  return lines.join('\n');
}

const positiveInt = (max: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new Error(`expected a whole number from 0 to ${max}, got "${value}"`);
  return n;
};

export function registerSimulateCommand(program: Command, open: OpenSimulator): void {
  program
    .command('simulate')
    .description('fission simulator: forecast a campaign plan (--plan), replay past campaigns (--backtest), or show the calibration')
    .option('--plan <id>', 'forecast this campaign plan')
    .option('--backtest', 'replay past campaigns from their first days and report the forecast error', false)
    .option('--demo', 'on a fresh in-memory demo store instead of the configured database', false)
    .option('--runs <n>', 'Monte Carlo runs', positiveInt(5_000))
    .option('--seed <n>', 'random seed', positiveInt(2 ** 31))
    .action(async (opts: { plan?: string; backtest: boolean; demo: boolean; runs?: number; seed?: number }) => {
      if (opts.demo) console.log('Seeding a demo store in memory…');
      const store = await open({ demo: opts.demo });
      try {
        const started = performance.now();
        if (opts.backtest) {
          console.log(formatBacktestReport(await store.simulator.backtest({ runs: opts.runs, seed: opts.seed })));
        } else if (opts.plan) {
          const input = await store.forecastInputOfPlan(opts.plan);
          const forecast = await store.simulator.forecast({ ...input, ...(opts.runs ? { runs: opts.runs } : {}), ...(opts.seed !== undefined ? { seed: opts.seed } : {}) });
          console.log(formatForecast(forecast));
          console.log(`\n${formatCalibration(forecast.calibration)}`);
        } else {
          console.log(formatCalibration(await store.simulator.calibrate()));
          console.log('\nGive --plan <id> to forecast a plan, or --backtest to replay past campaigns.');
        }
        console.log(`\n(${((performance.now() - started) / 1000).toFixed(1)} s)`);
      } finally {
        await store.close();
      }
    });
}
