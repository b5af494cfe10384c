// The demo store: an operator, a catalog, shoppers with friendships, and months of orders.
// `fission start` runs it on first start (FISSION_DEMO, default on); `fission seed --demo` on demand.
//
// Re-running after an interruption (before demo.seededAt is written) converges instead of failing:
// - the operator: ensureOperator() creates the account or keeps the existing one;
// - the catalog: its result is checkpointed in the settings row demo.catalog as soon as the stage
//   returns, and a re-run reuses it instead of seeding a second catalog. An interruption inside the
//   stage itself re-runs it, so seedDemoCatalog must tolerate its own partial output;
// - shoppers: generated from a fixed seed, ids included, and the identity import skips rows that
//   already exist, so a re-run stores whatever is missing and returns the same shopper ids;
// - orders: an interruption inside it re-runs it on top of the partial orders
//   (more history, never a duplicate key, as orders get fresh ids);
// - fission (coupons, the referral campaign, past cascades): the last stage; a re-run after an
//   interruption inside it adds a second set of campaigns rather than failing.
import cliProgress from 'cli-progress';
import type { Platform } from '../platform/context.ts';
import type { Services } from '../services.ts';
import { seedDemoCatalog } from './catalog.ts';
import { seedDemoOrders } from './orders.ts';
import { DEMO_PASSWORD, seedDemoPeople } from './people.ts';
import { seedDemoFission } from './fission.ts';
import { seedDemoGroupbuy } from './groupbuy.ts';
import { seedDemoBargain } from './bargain.ts';
import { seedDemoFlashsale } from './flashsale.ts';
import { seedDemoLottery } from './lottery.ts';
import { seedDemoAffiliate } from './affiliate.ts';
import { ACTION_KINDS, mechanicOf } from '../modules/risk/index.ts';
import { seedDemoRecommend } from './recommend.ts';
import { seedDemoAudience } from './audience.ts';
import { seedDemoCommunity } from './community.ts';

export const DEMO_OPERATOR_EMAIL = 'demo-operator@fission.local';
const SEEDED_AT = 'demo.seededAt';
const CATALOG_CHECKPOINT = 'demo.catalog';

export interface SeedDemoOptions {
  scale: number;
  progress: 'bar' | 'log' | 'none';
}

type OnProgress = (done: number, total: number) => void;

// The demo markers are platform bookkeeping, not operator settings, so they live in the settings
// table without a schema entry in SETTINGS (like platform.secret).
async function readMarker<T>(platform: Platform, key: string): Promise<T | undefined> {
  const row = await platform.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (row.value as T) : undefined;
}

async function writeMarker(platform: Platform, key: string, value: unknown): Promise<void> {
  const json = JSON.stringify(value);
  const now = platform.clock.now();
  await platform.db
    .insertInto('settings')
    .values({ key, value: json, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: now }))
    .execute();
}

export async function isDemoSeeded(platform: Platform): Promise<boolean> {
  return (await readMarker<string>(platform, SEEDED_AT)) !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Progress: a bar per stage on a terminal, one line per stage in CI and logs, or nothing.

interface Progress {
  stage(name: string): { onProgress: OnProgress; done(summary: string): void };
  finish(summary: string): void;
  /** Stops drawing (and restores the cursor) whether or not the seed finished. */
  close(): void;
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
const count = (n: number) => n.toLocaleString('en-US');

function createProgress(kind: SeedDemoOptions['progress']): Progress {
  const out = process.stdout;
  if (kind === 'none') return { stage: () => ({ onProgress: () => {}, done: () => {} }), finish: () => {}, close: () => {} };
  if (kind === 'log') {
    return {
      stage(name) {
        const started = performance.now();
        return { onProgress: () => {}, done: (summary) => out.write(`demo: ${name.padEnd(9)} ${summary} (${seconds(started)} s)\n`) };
      },
      finish: (summary) => out.write(`demo: ${summary}\n`),
      close: () => {},
    };
  }
  const bars = new cliProgress.MultiBar(
    { stream: out, format: ' {stage} |{bar}| {value}/{total} {summary}', hideCursor: true, clearOnComplete: false, barsize: 30, fps: 10 },
    cliProgress.Presets.shades_classic,
  );
  let stopped = false;
  return {
    stage(name) {
      const started = performance.now();
      const bar = bars.create(1, 0, { stage: name.padEnd(9), summary: '' });
      return {
        onProgress(done, total) {
          if (total !== bar.getTotal()) bar.setTotal(Math.max(total, 1));
          bar.update(done);
        },
        done(summary) {
          bar.update(bar.getTotal(), { summary: `${summary} (${seconds(started)} s)` });
        },
      };
    },
    finish(summary) {
      bars.stop();
      stopped = true;
      out.write(` ${summary}\n`);
    },
    close: () => {
      if (!stopped) bars.stop();
    },
  };
}

// ---------------------------------------------------------------------------------------------

export async function seedDemo(platform: Platform, services: Services, opts: SeedDemoOptions): Promise<void> {
  const progress = createProgress(opts.progress);
  const started = performance.now();
  if (opts.progress !== 'none') process.stdout.write(`Seeding the demo store (scale ${opts.scale}) into ${platform.database.describe}\n`);

  try {
    const operator = progress.stage('Operator');
    const op = await services.identity.ensureOperator(DEMO_OPERATOR_EMAIL, DEMO_PASSWORD, true);
    operator.onProgress(1, 1);
    operator.done(op.created ? DEMO_OPERATOR_EMAIL : `${DEMO_OPERATOR_EMAIL} (already there)`);

    const catalogStage = progress.stage('Catalog');
    const checkpoint = await readMarker<{ productIds: string[]; skuIds: string[] }>(platform, CATALOG_CHECKPOINT);
    const resumed = checkpoint !== undefined;
    const catalog: { productIds: string[]; skuIds: string[] } = checkpoint ?? (await seedDemoCatalog(platform, services, { scale: opts.scale, onProgress: catalogStage.onProgress }));
    if (!resumed) await writeMarker(platform, CATALOG_CHECKPOINT, { productIds: catalog.productIds, skuIds: catalog.skuIds });
    catalogStage.done(`${count(catalog.productIds.length)} products, ${count(catalog.skuIds.length)} SKUs${resumed ? ' (from an earlier run)' : ''}`);

    const peopleStage = progress.stage('Shoppers');
    const people = await seedDemoPeople(platform, services, { scale: opts.scale, onProgress: peopleStage.onProgress });
    peopleStage.done(`${count(people.shopperIds.length)} shoppers, ${count(people.friendships)} friendships`);

    const ordersStage = progress.stage('Orders');
    const orders = await seedDemoOrders(platform, services, { scale: opts.scale, shopperIds: people.shopperIds, skuIds: catalog.skuIds, onProgress: ordersStage.onProgress });
    ordersStage.done(`${count(orders.orders)} orders`);

    // The demo's crowd is a script: its helps, joins and draws land within a second of each other,
    // which the risk module rightly reads as lockstep and holds. It is seeded with risk off, and the
    // levels are put back as they were for everything after (live traffic, the demo's paid orders).
    const riskLevels = await services.risk.listLevels();
    const mechanics = [...new Set(ACTION_KINDS.map(mechanicOf))];
    for (const m of mechanics) await services.risk.setLevel(op.userId, 'mechanic', m, 'off');
    try {
      const fissionStage = progress.stage('Fission');
      const fission = await seedDemoFission(platform, services, { operatorId: op.userId, shopperIds: people.shopperIds, productIds: catalog.productIds, onProgress: fissionStage.onProgress });
      fissionStage.done(`${fission.coupons} coupon campaigns, "${fission.campaign}" running, ${count(fission.shares)} shares and ${count(fission.clicks)} clicks in past cascades`);

      const engines = progress.stage('Campaigns');
      const base = { operatorId: op.userId, shopperIds: people.shopperIds, productIds: catalog.productIds, skuIds: catalog.skuIds };
      const groupbuy = await seedDemoGroupbuy(platform, services, base);
      engines.onProgress(1, 5);
      const bargain = await seedDemoBargain(platform, services, base);
      engines.onProgress(2, 5);
      const flashsale = await seedDemoFlashsale(platform, services, base);
      engines.onProgress(3, 5);
      const lottery = await seedDemoLottery(platform, services, base);
      engines.onProgress(4, 5);
      const affiliate = await seedDemoAffiliate(platform, services, base);
      engines.onProgress(5, 5);
      engines.done(`${groupbuy.campaignIds.length} group buys (${groupbuy.teamIds.length} teams), ${bargain.campaignIds.length} price-cuts (${bargain.cutIds.length} in progress), ${flashsale.slotIds.length} flash-sale slots, ${lottery.drawId ? 1 : 0} lucky draw, ${affiliate.promoterIds.length} promoters`);
    } finally {
      for (const m of mechanics) await services.risk.setLevel(op.userId, 'mechanic', m, riskLevels.find((l) => l.scope === 'mechanic' && l.key === m)?.level ?? null);
    }

    await seedDemoRecommend(platform, services, progress, { shopperIds: people.shopperIds });
    await seedDemoAudience(platform, services, progress);
    await seedDemoCommunity(services, progress, { shopperIds: people.shopperIds });
    // The first forecast and reorder alerts, computed by a job once the server runs (then nightly).
    await services.supply.recomputeSoon();
    await writeMarker(platform, SEEDED_AT, platform.clock.now().toISOString());
    progress.finish(`Demo store ready in ${seconds(started)} s. Operator ${DEMO_OPERATOR_EMAIL}, shoppers share the password ${DEMO_PASSWORD}.`);
  } finally {
    progress.close();
  }
}
