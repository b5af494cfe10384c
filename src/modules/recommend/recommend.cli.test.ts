import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerRecommendCommands } from './recommend.cli.ts';
import { runRecommendEvaluation } from './recommend.evaluate.ts';

describe('fission recommend', () => {
  it('evaluate --synthetic prints recall@10 and NDCG@10 per model with the ratio to popularity and the goal', async () => {
    const lines: string[] = [];
    const program = new Command().exitOverride();
    // --no-store: the store is never opened.
    registerRecommendCommands(program, () => Promise.reject(new Error('the store must not be opened')), (line) => lines.push(line));
    await program.parseAsync(['recommend', 'evaluate', '--no-store', '--synthetic', '20000', '--items', '200'], { from: 'user' });
    const text = lines.join('\n');
    expect(text).toContain('Synthetic 20,000 interactions');
    for (const model of ['popularity', 'item_item', 'ease']) expect(text).toMatch(new RegExp(`${model}\\s+\\d+\\.\\d\\d%\\s+\\d+\\.\\d\\d%\\s+\\d+\\.\\d\\d×`));
    expect(text).toContain('goal recall@10 ≥ 1.5× popularity: met');
  });

  it('refuses a synthetic size that is not a positive integer', async () => {
    const program = new Command().exitOverride().configureOutput({ writeErr: () => {} });
    registerRecommendCommands(program, () => Promise.reject(new Error('the store must not be opened')), () => {});
    await expect(program.parseAsync(['recommend', 'evaluate', '--synthetic', '-5'], { from: 'user' })).rejects.toThrow();
  });

  it('reports the same figures it prints, and nothing for the store when it is skipped', async () => {
    const run = await runRecommendEvaluation({ synthetic: 5_000, items: 100, seed: 3 });
    expect(run.store).toBeNull();
    expect(run.synthetic?.events).toBe(5_000);
    expect(run.synthetic?.models.find((m) => m.model === 'popularity')?.recallVsPopularity).toBe(1);
  });
});
