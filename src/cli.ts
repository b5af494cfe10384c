// fission <command>: the operator's command line.
import { randomBytes } from 'node:crypto';
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig, type Config } from './config.ts';
import type { Clock } from './platform/clock.ts';
import { registerRecommendCommands } from './modules/recommend/index.ts';
import { registerSupplyCommands } from './modules/supply/index.ts';
import { registerSimulateCommand } from './modules/simulator/index.ts';

const program = new Command();
program
  .name('fission')
  .description('Fission: self-hostable social commerce with fission marketing.\nConfiguration comes from the environment: PORT, HOST, DATABASE_URL, FISSION_DATA_DIR, REDIS_URL, FISSION_DEMO, FISSION_SECRET, FISSION_PII_KEY, FISSION_PROCESSES.')
  .showHelpAfterError();

const intUpTo = (max: number) => (value: string) => {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) throw new InvalidArgumentError(`must be an integer from 1 to ${max.toLocaleString('en')}`);
  return Number(value);
};
const positiveInt = intUpTo(100);

program
  .command('start')
  .description('migrate, seed demo data on first run, and serve the storefront, the operator console, the API and its docs')
  .action(async () => {
    const { start } = await import('./main.ts');
    await start(loadConfig());
  });

program
  .command('migrate')
  .description('apply database migrations and exit')
  .action(async () => {
    const { createRuntime } = await import('./runtime.ts');
    const runtime = await createRuntime({ config: { ...loadConfig(), logLevel: 'warn' } });
    console.log(`migrated ${runtime.platform.database.describe}`);
    await runtime.close();
  });

program
  .command('seed')
  .description('load demo data (a store with products, shoppers, friendships and 90 days of orders)')
  .option('--demo', 'seed the demo store', false)
  .option('--scale <n>', 'multiply the demo data size', positiveInt, 1)
  .option('--analytics <n>', 'add N behavioural events of history over the last 90 days (on the store\'s shoppers and campaigns)', intUpTo(10_000_000))
  .action(async (opts: { demo: boolean; scale: number; analytics?: number }) => {
    if (!opts.demo && !opts.analytics) {
      console.error('Nothing to seed: pass --demo and/or --analytics N');
      process.exitCode = 2;
      return;
    }
    const { createRuntime } = await import('./runtime.ts');
    const runtime = await createRuntime({ config: { ...loadConfig(), logLevel: 'warn' } });
    const progress = process.stdout.isTTY ? 'bar' : 'log';
    try {
      if (opts.demo) {
        const { seedDemo, isDemoSeeded } = await import('./demo/seed.ts');
        if (await isDemoSeeded(runtime.platform)) console.log('Demo data is already present; nothing to do.');
        else await seedDemo(runtime.platform, runtime.services, { scale: opts.scale, progress });
      }
      if (opts.analytics) {
        const { seedAnalytics } = await import('./demo/analytics.ts');
        const done = await seedAnalytics(runtime.platform, runtime.services, { events: opts.analytics, progress });
        console.log(`added ${done.inserted} behavioural events in ${done.seconds.toFixed(1)} s`);
      }
    } finally {
      await runtime.close();
    }
  });

program
  .command('create-operator')
  .description('create an operator account (or grant the role to an existing account)')
  .argument('<email>', 'login email of the operator')
  .option('--password <password>', 'password (a random one is generated and printed when omitted)')
  .option('--admin', 'also grant the admin role', false)
  .action(async (email: string, opts: { password?: string; admin: boolean }) => {
    const { createRuntime } = await import('./runtime.ts');
    // crossProcess: a running server's cached sessions of this account learn of the new role.
    const runtime = await createRuntime({ config: { ...loadConfig(), logLevel: 'warn' }, crossProcess: true });
    try {
      const password = opts.password ?? randomBytes(9).toString('base64url') + '7';
      const result = await runtime.services.identity.ensureOperator(email, password, opts.admin);
      console.log(result.created ? `Created operator ${email}` : `Granted operator role to existing account ${email}`);
      if (result.created && !opts.password) console.log(`Password: ${password}`);
    } finally {
      await runtime.close();
    }
  });

program
  .command('pii')
  .description('personal data sealed at rest (phones, recipients, address lines)')
  .command('rotate-key')
  .description('seal every stored phone, recipient and address line under a new key: FISSION_PII_KEY\'s (or FISSION_PII_KEY_FILE\'s) first key when set, else a newly generated one kept in settings; restart the API processes afterwards')
  .action(async () => {
    const { createRuntime } = await import('./runtime.ts');
    const runtime = await createRuntime({ config: { ...loadConfig(), logLevel: 'warn' } });
    try {
      const result = await runtime.services.privacy.rotatePiiKey();
      console.log(`Sealed under key ${result.kid}: ${Object.entries(result.resealed).map(([m, n]) => `${m} ${n} rows`).join(', ')}; ${result.forgotten} old key(s) dropped from settings`);
    } finally {
      await runtime.close();
    }
  });

program
  .command('risk')
  .description('fraud defence')
  .command('simulate')
  .description('organic shoppers and labelled attacks through the HTTP API of an in-memory store: precision, recall, false holds, money saved')
  .option('--organic <n>', 'organic shoppers', intUpTo(5_000), 120)
  .option('--seed <n>', 'random seed', intUpTo(1_000_000), 7)
  .option('--burst <n>', 'risk tuning: accounts from one network on one campaign within the hour that make a burst', intUpTo(10_000))
  .option('--farm <n>', 'risk tuning: accounts on one device that make a farm', intUpTo(100))
  .action(async (opts: { organic: number; seed: number; burst?: number; farm?: number }) => {
    const [{ createRuntime }, { openPGlite }, { createLogger }, { simulateRisk, formatRiskReport }] = await Promise.all([import('./runtime.ts'), import('./platform/db.ts'), import('./platform/context.ts'), import('./modules/risk/index.ts')]);
    const boot = async (config: Config, clock: Clock) => createRuntime({ config, clock, database: await openPGlite({}), log: createLogger('silent') });
    const tuning = { ...(opts.burst ? { networkBurstAccounts: opts.burst } : {}), ...(opts.farm ? { deviceFarmAccounts: opts.farm } : {}) };
    console.log(formatRiskReport(await simulateRisk({ organic: opts.organic, seed: opts.seed, boot, tuning, log: (line) => console.log(line) })));
  });

// Module commands get the store from here, the composition root (a module does not import the runtime).
async function openStore(opts: { demo?: boolean } = {}) {
  const [{ createRuntime }, { openPGlite }, { createLogger }] = await Promise.all([import('./runtime.ts'), import('./platform/db.ts'), import('./platform/context.ts')]);
  const config = { ...loadConfig(), logLevel: 'warn' as const };
  const runtime = opts.demo ? await createRuntime({ config, database: await openPGlite({}), log: createLogger('silent') }) : await createRuntime({ config });
  if (opts.demo) await (await import('./demo/seed.ts')).seedDemo(runtime.platform, runtime.services, { scale: 1, progress: 'none' });
  return { services: runtime.services, close: () => runtime.close() };
}
registerRecommendCommands(program, async () => {
  const store = await openStore();
  return { recommend: store.services.recommend, close: store.close };
});
registerSupplyCommands(program, async ({ demo }) => {
  const store = await openStore({ demo });
  return { supply: store.services.supply, close: store.close };
});

registerSimulateCommand(program, async ({ demo }) => {
  const store = await openStore({ demo });
  return { simulator: store.services.simulator, forecastInputOfPlan: (planId: string) => store.services.planner.forecastInputOf(planId), close: store.close };
});

program.parseAsync(process.argv).catch((err) => {
  if (err instanceof ConfigError) {
    console.error(`Configuration error: ${err.message}`);
    process.exit(2);
  }
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
