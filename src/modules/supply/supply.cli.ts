// `fission supply backtest`: refit the demand forecast with its rolling-origin backtest and print
// WAPE against seasonal naive, on the configured database or (--demo) on a fresh in-memory demo
// store, which src/cli.ts opens for it (see OpenSupply).
import type { Command } from 'commander';
import type { BacktestReport, EffectEstimate, WapePair } from './supply.forecast.ts';
import type { SupplyService } from './supply.service.ts';

const pct = (x: number | null) => (x === null ? '   –   ' : `${(x * 100).toFixed(1).padStart(5)}%`);
const signedPct = (x: number | null) => (x === null ? '–' : `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}%`);
const row = (label: string, p: WapePair) =>
  `${label.padEnd(34)}   ${pct(p.wapeModel).padStart(10)}   ${pct(p.wapeNaive).padStart(19)}   ${p.improvement === null ? '–' : `${p.improvement >= 0 ? '−' : '+'}${Math.abs(p.improvement * 100).toFixed(1)}%`.padStart(14)}`;

/** The WAPE table, by days ahead and overall, and the event effects the model learnt. */
export function formatBacktest(r: BacktestReport, extra: { skus: number; historyFrom: string; historyTo: string; tookMs: number; effects?: EffectEstimate[] }): string {
  const lines = [
    `History ${extra.historyFrom} … ${extra.historyTo}, ${extra.skus} SKUs, ${r.actualUnits} units in the test windows; ${r.origins} rolling origins × ${r.horizon} days ahead (fit + backtest ${extra.tookMs} ms)`,
    '',
    'per SKU per day, by days ahead',
    'days ahead   model WAPE   seasonal naive WAPE',
    ...r.byHorizon.map((h) => `${String(h.day).padStart(10)}   ${pct(h.wapeModel).padStart(10)}   ${pct(h.wapeNaive).padStart(19)}`),
    `${'all'.padStart(10)}   ${pct(r.wapeModel).padStart(10)}   ${pct(r.wapeNaive).padStart(19)}`,
    '',
    'level                                model WAPE   seasonal naive WAPE   model vs naive',
    row('per SKU per day', r),
    row(`per SKU, ${r.horizon}-day total`, r.horizonTotal),
    row('whole store per day', r.storeDaily),
    '',
    `bias Σ(forecast − actual) ÷ Σ actual: model ${signedPct(r.bias)}, seasonal naive ${signedPct(r.biasNaive)}`,
    'Goal: 20% lower WAPE than seasonal naive (model vs naive ≤ −20%).',
  ];
  if (extra.effects?.length) {
    lines.push('', 'Event effects (actual ÷ expected, shrunk towards 1):');
    for (const e of extra.effects) lines.push(`  ${e.key.padEnd(22)} ×${e.factor.toFixed(2)}  (${e.days} days, ${e.actual} sold vs ${e.expected} expected)`);
  }
  return lines.join('\n');
}

/**
 * Opens the store the command works on: the configured database, or (demo) a fresh in-memory demo
 * store. The composition root (src/cli.ts) supplies it: a module does not import the runtime.
 */
export type OpenSupply = (opts: { demo: boolean }) => Promise<{ supply: SupplyService; close(): Promise<void> }>;

export function registerSupplyCommands(program: Command, open: OpenSupply): void {
  const supply = program.command('supply').description('demand forecast and supply alerts');
  supply
    .command('backtest')
    .description('refit the forecast, reorder points and alerts, and print the backtest: WAPE against seasonal naive (same weekday last week)')
    .option('--demo', 'on a fresh in-memory demo store (90 days of orders) instead of the configured database', false)
    .action(async (opts: { demo: boolean }) => {
      if (opts.demo) console.log('Seeding a demo store in memory…');
      const store = await open({ demo: opts.demo });
      try {
        const result = await store.supply.recompute('cli', { withBacktest: true });
        if (!result.backtest) throw new Error('the backtest did not run');
        const report = await store.supply.report();
        console.log(formatBacktest(result.backtest, { ...result, effects: report.effects }));
        console.log(`\n${result.alerts} of ${result.skus} SKUs have a supply alert.`);
      } finally {
        await store.close();
      }
    });
}
