// `fission recommend evaluate`: leave-last-out on (a) the store's own history and (b) a seeded
// synthetic history with latent taste clusters, recall@10 and NDCG@10 for popularity, item-to-item
// and EASE^R, each model's ratio to popularity (goal: recall@10 ≥ 1.5× popularity) and the time
// each takes to train.
import { evaluateHistories, formatReport, syntheticHistory, type EvaluationReport } from './recommend.offline.ts';

export const RECALL_GOAL = 1.5;

export interface EvaluationRun {
  store: EvaluationReport | null;
  synthetic: (EvaluationReport & { events: number; generateMs: number }) | null;
}

export async function runRecommendEvaluation(opts: {
  /** The store's evaluation (RecommendService.evaluateStore), or none to skip it. */
  store?: () => Promise<EvaluationReport>;
  /** Interaction events in the synthetic history, or none to skip it. */
  synthetic?: number;
  /** Products in the synthetic catalogue (EASE^R inverts an items × items matrix). */
  items?: number;
  seed?: number;
  log?: (line: string) => void;
}): Promise<EvaluationRun> {
  const log = opts.log ?? (() => {});
  const out: EvaluationRun = { store: null, synthetic: null };
  if (opts.store) {
    out.store = await opts.store();
    log(formatReport('Store (leave-last-out)', out.store));
    log(goalLine(out.store));
  }
  if (opts.synthetic) {
    const started = performance.now();
    const generated = syntheticHistory({ interactions: opts.synthetic, items: opts.items ?? 1_000, seed: opts.seed });
    const generateMs = performance.now() - started;
    const report = evaluateHistories(generated.histories, generated.items);
    out.synthetic = { ...report, events: generated.events, generateMs };
    log(formatReport(`Synthetic ${generated.events.toLocaleString('en-US')} interactions (leave-last-out)`, report));
    log(goalLine(report));
  }
  return out;
}

function goalLine(r: EvaluationReport): string {
  if (r.testUsers === 0) return '  goal: nothing to hold out (no shopper has two or more products)';
  const best = r.models.filter((m) => m.model !== 'popularity').sort((a, b) => b.recallAt10 - a.recallAt10)[0];
  if (!best || best.recallVsPopularity === null) return '  goal: popularity found nothing, no ratio';
  const met = best.recallVsPopularity >= RECALL_GOAL;
  return `  goal recall@10 ≥ ${RECALL_GOAL}× popularity: ${met ? 'met' : 'NOT met'} (${best.model} ${best.recallVsPopularity.toFixed(2)}×)`;
}
