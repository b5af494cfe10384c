// `fission recommend evaluate [--synthetic N]` and `fission recommend train`, added to the command
// line by src/cli.ts with registerRecommendCommands(program).
import { InvalidArgumentError, type Command } from 'commander';
import { runRecommendEvaluation } from './recommend.evaluate.ts';
import type { RecommendService } from './recommend.service.ts';

const intUpTo = (max: number) => (value: string) => {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) throw new InvalidArgumentError(`must be an integer from 1 to ${max.toLocaleString('en')}`);
  return Number(value);
};

/**
 * Opens the store a command works on, with its recommend service; the composition root
 * (src/cli.ts) supplies it: a module does not import the runtime.
 */
export type OpenRecommend = () => Promise<{ recommend: RecommendService; close(): Promise<void> }>;

async function withStore<T>(open: OpenRecommend, work: (recommend: RecommendService) => Promise<T>): Promise<T> {
  const store = await open();
  try {
    return await work(store.recommend);
  } finally {
    await store.close();
  }
}

export function registerRecommendCommands(program: Command, open: OpenRecommend, print: (line: string) => void = (line) => console.log(line)) {
  const recommend = program.command('recommend').description('猜你喜欢: personalised recommendations');

  recommend
    .command('evaluate')
    .description('leave-last-out recall@10 and NDCG@10 of popularity, item-to-item and EASE^R on the store, and on a synthetic history with --synthetic')
    .option('--synthetic <n>', 'also evaluate a seeded synthetic history of n interactions (1,000,000 takes about 15 s)', intUpTo(5_000_000))
    .option('--items <n>', 'products in the synthetic catalogue', intUpTo(3_000), 1_000)
    .option('--seed <n>', 'synthetic random seed', intUpTo(1_000_000_000), 20261207)
    .option('--no-store', 'skip the store’s own history')
    .action(async (opts: { synthetic?: number; items: number; seed: number; store: boolean }) => {
      const synthetic = { synthetic: opts.synthetic, items: opts.items, seed: opts.seed, log: print };
      if (!opts.store) await runRecommendEvaluation(synthetic);
      else await withStore(open, (recommend) => runRecommendEvaluation({ ...synthetic, store: () => recommend.evaluateStore() }));
    });

  recommend
    .command('train')
    .description('train now and replace the served lists (the server also trains daily at 03:30 China time)')
    .action(async () => {
      await withStore(open, async (recommend) => {
        const run = await recommend.train('cli');
        print(`trained ${run.model} on ${run.interactions.toLocaleString('en-US')} shopper-product pairs (${run.users} shoppers, ${run.items} products) in ${(run.trainMs / 1000).toFixed(1)} s`);
        for (const m of run.metrics?.models ?? []) print(`  ${m.model.padEnd(12)} recall@10 ${(m.recallAt10 * 100).toFixed(2)}%  NDCG@10 ${(m.ndcgAt10 * 100).toFixed(2)}%`);
      });
    });
  return recommend;
}
