// npx tsx scripts/supply-noise-floor.ts [skus]: how much better than seasonal naive ANY daily
// per-SKU forecast can be on the demo store's demand, by simulating the demo's order generator
// (src/demo/orders.ts: 40 orders a day with its trend and weekend lift, 8% cancelled, 1–3 lines of
// 1–2 units, power-law popularity) where the true daily rate of every SKU is known, and scoring that
// true rate (an oracle no forecaster can beat on average) against the same-weekday-last-week forecast
// with WAPE over the last 28 days, as the supply backtest does. Averaged over 20 seeded histories.
import { seededRandom } from '../src/platform/random.ts';

const skus = Number(process.argv[2] ?? 326);
const DAYS = 90;
const PER_DAY = 40;
const TARGET_DAYS = 28;
// Expected units per order line (80% one unit, 20% two) and lines per order (70% one, else 2 or 3).
const UNITS_PER_LINE = 0.8 + 0.2 * 2;
const LINES_PER_ORDER = 0.7 + 0.3 * (0.8 * 2 + 0.2 * 3);
// P(the line is SKU i) under the generator's floor(n · u^2.2).
const share = Array.from({ length: skus }, (_, i) => ((i + 1) / skus) ** (1 / 2.2) - (i / skus) ** (1 / 2.2));

let oracleErr = 0;
let naiveErr = 0;
let zeroErr = 0;
let actual = 0;
for (let seed = 1; seed <= 20; seed++) {
  const random = seededRandom(seed);
  const units = Array.from({ length: skus }, () => new Float64Array(DAYS));
  const rate = Array.from({ length: skus }, () => new Float64Array(DAYS));
  for (let d = 0; d < DAYS; d++) {
    const weekend = d % 7 === 5 || d % 7 === 6 ? 1.35 : 1;
    const expected = PER_DAY * (0.7 + 0.6 * (d / DAYS)) * weekend;
    for (let i = 0; i < skus; i++) rate[i][d] = expected * 0.92 * LINES_PER_ORDER * UNITS_PER_LINE * share[i];
    const orders = Math.round(expected * (0.85 + random() * 0.3));
    for (let o = 0; o < orders; o++) {
      if (random() < 0.08) continue;
      const lines = random() < 0.7 ? 1 : random() < 0.8 ? 2 : 3;
      for (let l = 0; l < lines; l++) units[Math.min(skus - 1, Math.floor(skus * random() ** 2.2))][d] += random() < 0.8 ? 1 : 2;
    }
  }
  for (let i = 0; i < skus; i++) {
    for (let d = DAYS - TARGET_DAYS; d < DAYS; d++) {
      actual += units[i][d];
      oracleErr += Math.abs(units[i][d] - rate[i][d]);
      naiveErr += Math.abs(units[i][d] - units[i][d - 7]);
      zeroErr += units[i][d];
    }
  }
}
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const oracle = oracleErr / actual;
const naive = naiveErr / actual;
console.log(`${skus} SKUs, ${(actual / 20 / TARGET_DAYS / skus).toFixed(2)} units per SKU per day on average`);
console.log(`WAPE per SKU per day: true daily rate ${pct(oracle)}, seasonal naive ${pct(naive)}: ${((oracle / naive - 1) * 100).toFixed(1)}% (the best a mean forecast can do)`);
console.log(`(forecasting 0 every day: WAPE ${pct(zeroErr / actual)}, an absolute-error optimum for rare sellers that would never reorder)`);
