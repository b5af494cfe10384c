import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { funnel, type PersonEvent } from './analytics.funnel.rules.ts';
import { createTimelineReader, funnelOverTimelines, type StepTimelines } from './analytics.funnel.timelines.ts';

const NAMES = ['page_view', 'add_to_cart', 'order.paid'];

interface Occurrence {
  k: number;
  ms: number;
  tie: number;
}
/** A raw identity's line of one day as funnelStepDays writes it: each name's list in log order. */
const line = (occurrences: Occurrence[], person: string) => {
  const groups = NAMES.map((_, k) => occurrences.filter((o) => o.k === k).sort((a, b) => a.ms - b.ms || a.tie - b.tie)).flatMap((list, k) => (list.length ? [`${k} ${list.map((o) => `${o.ms},${o.tie}`).join(',')}`] : []));
  return `${groups.join(';')}\t${JSON.stringify(person)}`;
};

/** Each person's occurrences as objects, ordered as the report's timelines are (time, then tie). */
const timelinesOf = (t: StepTimelines) =>
  Array.from({ length: t.people }, (_, p) => Array.from(t.order.subarray(t.start[p], t.start[p + 1]), (e) => ({ name: NAMES[t.name[e]], at: t.at[e], tie: t.tie[e] })));

// Identities whose occurrences never share an instant and tie, as in the log (a tie is unique per instant).
const occurrence = fc.record({ k: fc.integer({ min: 0, max: 2 }), ms: fc.oneof(fc.integer({ min: 0, max: 86_399_999 }), fc.integer({ min: 0, max: 86_399_999 }).map((v) => v + 0.5)), tie: fc.integer({ min: 0, max: 20 }) });
const people = fc.constantFrom('7d3f-user', 'v:visitor-1', 'v:tab\there', 'v:new\nline', 'quote"and\\back', '顾客');
const day = fc.array(fc.record({ person: people, occurrences: fc.uniqueArray(occurrence, { minLength: 1, maxLength: 6, selector: (o) => `${o.ms}/${o.tie}` }) }), { minLength: 1, maxLength: 5 });

describe('the steps rollup read as timelines', () => {
  it('gives each person every occurrence of their lines, from every day, in log order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2e12 }), fc.array(day, { minLength: 1, maxLength: 3 }), (from, days) => {
        const reader = createTimelineReader();
        let read = 0;
        days.forEach((lines, d) => (read = reader.readDay(lines.map((l) => line(l.occurrences, l.person)).join('\n'), from + d * 86_400_000)));
        const want = new Map<string, { name: string; at: number; tie: number }[]>();
        days.forEach((lines, d) => {
          for (const l of lines) for (const o of l.occurrences) want.set(l.person, [...(want.get(l.person) ?? []), { name: NAMES[o.k], at: from + d * 86_400_000 + o.ms, tie: o.tie }]);
        });
        // In the log no two events share an instant and a tie, so neither do a person's occurrences.
        for (const list of want.values()) fc.pre(new Set(list.map((o) => `${o.at}/${o.tie}`)).size === list.length);
        const t = reader.finish();
        expect(read).toBe([...want.values()].reduce((a, l) => a + l.length, 0));
        expect(timelinesOf(t)).toEqual([...want.values()].map((list) => list.sort((a, b) => a.at - b.at || a.tie - b.tie)));
      }),
      { numRuns: 300 },
    );
  });

  it('sorts a long timeline (past the insertion sort) as a short one', () => {
    const occurrences = Array.from({ length: 500 }, (_, i) => ({ k: i % 3, ms: (i * 7_919) % 86_400_000, tie: i % 2 }));
    const reader = createTimelineReader();
    reader.readDay(line(occurrences, 'heavy'), 0);
    const [list] = timelinesOf(reader.finish());
    expect(list).toHaveLength(500);
    expect(list).toEqual([...list].sort((a, b) => a.at - b.at || a.tie - b.tie));
  });

  it('reads nothing from no days', () => {
    const t = createTimelineReader().finish();
    expect(t.people).toBe(0);
    expect(funnelOverTimelines(t, [0, 1], ['page_view', 'add_to_cart'], 1)).toEqual(funnel([], ['page_view', 'add_to_cart'], 1));
  });
});

describe('the funnel over timelines', () => {
  const timeline = fc.array(fc.record({ name: fc.constantFrom(...NAMES), at: fc.integer({ min: 0, max: 100 }) }), { maxLength: 10 });
  it('is the funnel over the same people, step names repeated or not', () => {
    fc.assert(
      fc.property(
        fc.array(timeline, { maxLength: 15 }),
        fc.array(fc.constantFrom(...NAMES), { minLength: 2, maxLength: 4 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 1, max: 100 }),
        (persons, steps, window, from, span) => {
          // Each person's events become one line (ties break equal instants in list order), on day 0.
          const reader = createTimelineReader();
          const sorted: PersonEvent[][] = [];
          persons.forEach((events, p) => {
            if (!events.length) return;
            const occurrences = events.map((e, i) => ({ k: NAMES.indexOf(e.name), ms: e.at, tie: i }));
            reader.readDay(line(occurrences, `person-${p}`), 0);
            sorted.push(occurrences.sort((a, b) => a.ms - b.ms || a.tie - b.tie).map((o) => ({ name: NAMES[o.k], at: o.ms })));
          });
          expect(funnelOverTimelines(reader.finish(), steps.map((s) => NAMES.indexOf(s)), steps, window, { from, to: from + span })).toEqual(funnel(sorted, steps, window, { from, to: from + span }));
        },
      ),
      { numRuns: 300 },
    );
  });
});
