import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignVariant, definitionProblem, hashUnit, subjectOutcome, transition, type OutcomeEvent, type VariantDef } from './experiments.rules.ts';

const v = (key: string, weight: number, isControl = false): VariantDef => ({ key, name: key, weight, isControl, config: {} });
const DAY = 86_400_000;

describe('assignment', { timeout: 60_000 }, () => {
  const variants = [v('control', 50, true), v('bigger_reward', 50)];

  it('is stable: the same experiment and subject always give the same variant', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.string({ minLength: 1, maxLength: 40 }), (experimentId, subjectId) => {
        const first = assignVariant(experimentId, subjectId, variants);
        expect(assignVariant(experimentId, subjectId, variants)).toBe(first);
        expect(hashUnit(experimentId, subjectId)).toBeGreaterThanOrEqual(0);
        expect(hashUnit(experimentId, subjectId)).toBeLessThan(1);
      }),
    );
  });

  it('splits 100k subjects within ±1% of the configured weights', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.constantFrom([50, 50], [20, 30, 50], [10, 10, 80], [25, 25, 25, 25]), (experimentId, weights) => {
        const vs = weights.map((w, i) => v(`v${i}`, w, i === 0));
        const counts = new Map<string, number>();
        const n = 100_000;
        for (let i = 0; i < n; i++) {
          const key = assignVariant(experimentId, `user-${i}`, vs);
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
        vs.forEach((variant) => expect(Math.abs((counts.get(variant.key) ?? 0) / n - variant.weight / 100)).toBeLessThan(0.01));
      }),
      { numRuns: 4 },
    );
  }, 60_000);

  it('is independent across experiments: one assignment says nothing about the other', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uuid(), (e1, e2) => {
        fc.pre(e1 !== e2);
        // A 2×2 table of 100k subjects: each cell holds a quarter (±1%), and χ² for independence stays small.
        const cells = [0, 0, 0, 0];
        const n = 100_000;
        for (let i = 0; i < n; i++) {
          const a = assignVariant(e1, `user-${i}`, variants) === 'control' ? 0 : 1;
          const b = assignVariant(e2, `user-${i}`, variants) === 'control' ? 0 : 1;
          cells[a * 2 + b]++;
        }
        cells.forEach((c) => expect(Math.abs(c / n - 0.25)).toBeLessThan(0.01));
        const rows = [cells[0] + cells[1], cells[2] + cells[3]];
        const cols = [cells[0] + cells[2], cells[1] + cells[3]];
        let chi = 0;
        for (let a = 0; a < 2; a++) for (let b = 0; b < 2; b++) chi += (cells[a * 2 + b] - (rows[a] * cols[b]) / n) ** 2 / ((rows[a] * cols[b]) / n);
        // 1 df: 0.1% tail is 10.83.
        expect(chi).toBeLessThan(10.83);
      }),
      { numRuns: 3 },
    );
  }, 60_000);

  it('respects zero-width ranges at the edges: every point lands in exactly one variant', () => {
    const vs = [v('a', 1, true), v('b', 98), v('c', 1)];
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) seen.add(assignVariant('exp', `s${i}`, vs));
    expect([...seen].sort()).toEqual(['a', 'b', 'c']);
  });
});

describe('definition', { timeout: 60_000 }, () => {
  const ok = { variants: [v('control', 50, true), v('treat', 50)], goalMetric: 'conversion' as const, secondaryMetrics: ['revenue' as const] };
  it('accepts two variants, one control, weights adding to 100', () => expect(definitionProblem(ok)).toBeNull());
  it('refuses weights that do not add to 100 (never normalised)', () =>
    expect(definitionProblem({ ...ok, variants: [v('control', 60, true), v('treat', 60)] })?.reason).toBe('WEIGHTS_INVALID'));
  it('refuses no control or two controls', () => {
    expect(definitionProblem({ ...ok, variants: [v('a', 50), v('b', 50)] })?.reason).toBe('CONTROL_INVALID');
    expect(definitionProblem({ ...ok, variants: [v('a', 50, true), v('b', 50, true)] })?.reason).toBe('CONTROL_INVALID');
  });
  it('refuses a repeated key, one variant, or the goal repeated as a secondary metric', () => {
    expect(definitionProblem({ ...ok, variants: [v('a', 50, true), v('a', 50)] })?.reason).toBe('VARIANTS_INVALID');
    expect(definitionProblem({ ...ok, variants: [v('a', 100, true)] })?.reason).toBe('VARIANTS_INVALID');
    expect(definitionProblem({ ...ok, secondaryMetrics: ['conversion'] })?.reason).toBe('METRICS_INVALID');
  });
});

describe('lifecycle', { timeout: 60_000 }, () => {
  it('goes draft → running → stopped and never back', () => {
    expect(transition('draft', 'start')).toEqual({ ok: true, to: 'running' });
    expect(transition('running', 'stop')).toEqual({ ok: true, to: 'stopped' });
    expect(transition('stopped', 'start').ok).toBe(false);
    expect(transition('draft', 'stop').ok).toBe(false);
    expect(transition('running', 'start').ok).toBe(false);
  });
});

describe('subject outcomes', { timeout: 60_000 }, () => {
  const exposed = new Date('2026-06-10T00:00:00Z');
  const until = new Date('2026-06-20T00:00:00Z');
  const at = (days: number) => new Date(exposed.getTime() + days * DAY);
  const events: OutcomeEvent[] = [
    { name: 'order.paid', at: at(-40), amount: 999 }, // before the covariate window
    { name: 'order.paid', at: at(-3), amount: 1000 },
    { name: 'share.created', at: at(-1), amount: 0 },
    { name: 'order.paid', at: at(2), amount: 2500 },
    { name: 'order.paid', at: at(5), amount: 500 },
    { name: 'share.created', at: at(1), amount: 0 },
    { name: 'order.paid', at: at(11), amount: 7000 }, // after the experiment stopped
  ];
  it('measures after exposure and takes the covariate from the 28 days before', () => {
    expect(subjectOutcome('revenue', events, exposed, until)).toEqual({ y: 3000, x: 1000 });
    expect(subjectOutcome('orders', events, exposed, until)).toEqual({ y: 2, x: 1 });
    expect(subjectOutcome('conversion', events, exposed, until)).toEqual({ y: 1, x: 1 });
    expect(subjectOutcome('shares', events, exposed, until)).toEqual({ y: 1, x: 1 });
  });
  it('counts a new customer only when the first paid order ever follows exposure', () => {
    expect(subjectOutcome('new_customer', events, exposed, until)).toEqual({ y: 0, x: 0 });
    expect(subjectOutcome('new_customer', events.filter((e) => e.at >= exposed), exposed, until)).toEqual({ y: 1, x: 0 });
  });
});

describe('metric list', { timeout: 60_000 }, () => {
  it('the HTTP schema offers exactly the metrics the rules define', async () => {
    const { Metric } = await import('./experiments.routes.ts');
    const { METRIC_KEYS } = await import('./experiments.rules.ts');
    expect(Metric.anyOf.map((s: { const: string }) => s.const).sort()).toEqual([...METRIC_KEYS].sort());
  });
});
