import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { funnel, median, personProgress, type PersonEvent } from './analytics.funnel.rules.ts';

/** Every ordered path through the steps, by brute force: the longest, and of those the first by index. */
function bruteProgress(events: PersonEvent[], steps: string[], windowMs: number, from: number, to: number): number[] {
  let best: number[] = [];
  const walk = (path: number[]) => {
    if (path.length > best.length || (path.length === best.length && path.some((v, i) => v !== best[i]) && lexLess(path, best))) best = [...path];
    if (path.length === steps.length) return;
    const entry = events[path[0]];
    for (let j = path[path.length - 1] + 1; j < events.length; j++) {
      if (events[j].name === steps[path.length] && events[j].at - entry.at <= windowMs) walk([...path, j]);
    }
  };
  const lexLess = (a: number[], b: number[]) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
    return false;
  };
  events.forEach((e, i) => {
    if (e.name === steps[0] && e.at >= from && e.at < to) walk([i]);
  });
  return best.map((i) => events[i].at);
}

const timeline = fc
  .array(fc.record({ name: fc.constantFrom('a', 'b', 'c'), at: fc.integer({ min: 0, max: 100 }) }), { maxLength: 10 })
  .map((events) => [...events].sort((x, y) => x.at - y.at));

describe('ordered funnels', () => {
  it('counts each step as a brute-force search over every ordered path within the window does', () => {
    fc.assert(
      fc.property(
        fc.array(timeline, { maxLength: 15 }),
        fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 2, maxLength: 4 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 1, max: 100 }),
        (people, steps, window, from, span) => {
          const paths = people.map((events) => bruteProgress(events, steps, window, from, from + span));
          const result = funnel(people, steps, window, { from, to: from + span });
          steps.forEach((_, k) => {
            const reached = paths.filter((p) => p.length > k);
            expect(result[k].count).toBe(reached.length);
            if (k > 0) {
              expect(result[k].dropOff).toBe(paths.filter((p) => p.length === k).length);
              expect(result[k].medianSecondsFromPrevious).toBe(median(reached.map((p) => (p[k] - p[k - 1]) / 1000)));
            }
          });
          people.forEach((events, i) => expect(personProgress(events, steps, window, from, from + span)).toEqual(paths[i]));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('needs the steps in order and within the window from step 1', () => {
    const day = 86_400_000;
    const steps = ['page_view', 'add_to_cart', 'order.paid'];
    const inOrder = [{ name: 'page_view', at: 0 }, { name: 'add_to_cart', at: day }, { name: 'order.paid', at: 2 * day }];
    const reversed = [{ name: 'add_to_cart', at: 0 }, { name: 'page_view', at: day }, { name: 'order.paid', at: 2 * day }];
    const tooLate = [{ name: 'page_view', at: 0 }, { name: 'add_to_cart', at: day }, { name: 'order.paid', at: 8 * day }];
    const result = funnel([inOrder, reversed, tooLate], steps, 7 * day);
    expect(result.map((s) => s.count)).toEqual([3, 2, 1]);
    expect(result[1]).toMatchObject({ conversionFromStart: 2 / 3, conversionFromPrevious: 2 / 3, dropOff: 1, medianSecondsFromPrevious: 86_400 });
    expect(result[2]).toMatchObject({ conversionFromStart: 1 / 3, conversionFromPrevious: 1 / 2, dropOff: 1 });
  });

  it('has no conversion when nobody entered', () => {
    expect(funnel([], ['a', 'b'], 1)).toEqual([
      { name: 'a', count: 0, conversionFromStart: null, conversionFromPrevious: null, dropOff: 0, medianSecondsFromPrevious: null },
      { name: 'b', count: 0, conversionFromStart: null, conversionFromPrevious: null, dropOff: 0, medianSecondsFromPrevious: null },
    ]);
  });
});
