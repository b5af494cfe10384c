// Demo stage for audience: two example segments, and the first profile recompute (with the BG/NBD
// fit over the demo's months of orders) booked as a job, so it runs once the server's workers
// start instead of holding up the first start by the half-minute it takes on PGlite.
import type { Platform } from '../platform/context.ts';
import type { Services } from '../services.ts';

interface Stage {
  stage(name: string): { onProgress(done: number, total: number): void; done(summary: string): void };
}

export async function seedDemoAudience(_platform: Platform, services: Services, progress: Stage) {
  const stage = progress.stage('Audience');
  const existing = new Set((await services.audience.listSegments()).items.map((s) => s.name));
  const examples = [
    { name: '高价值客户', description: 'M 分 5 且 90 天内下过单', rule: { op: 'and' as const, rules: [{ field: 'm_score' as const, cmp: 'eq' as const, value: 5 }, { field: 'recency_days' as const, cmp: 'lte' as const, value: 90 }] } },
    { name: '流失风险高的复购客户', description: '复购过、流失风险 ≥ 0.5', rule: { op: 'and' as const, rules: [{ field: 'frequency' as const, cmp: 'gte' as const, value: 2 }, { field: 'churn_risk' as const, cmp: 'gte' as const, value: 0.5 }] } },
  ];
  for (const s of examples) if (!existing.has(s.name)) await services.audience.createSegment(null, s);
  await services.audience.recomputeSoon();
  await services.audience.scheduleNightly();
  stage.onProgress(1, 1);
  stage.done(`${examples.length} example segments; profiles and the model fit are computed by a job at start, then nightly`);
}
