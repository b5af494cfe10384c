import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dayNumber, dayOf, mondayOf, retentionCohorts, type RetentionPerson } from './analytics.retention.rules.ts';

const person = fc.record({ start: fc.integer({ min: 20_600, max: 20_660 }), later: fc.array(fc.integer({ min: 0, max: 70 }), { maxLength: 12 }) }).map(
  ({ start, later }): RetentionPerson => ({ start, active: new Set([start, ...later.map((d) => start + d)]) }),
);

describe('retention cohorts', () => {
  it('fills every cell as counting people one by one does', () => {
    fc.assert(
      fc.property(fc.array(person, { maxLength: 40 }), fc.integer({ min: 20_600, max: 20_760 }), fc.integer({ min: 1, max: 12 }), (people, lastDay, maxWeeks) => {
        const cohorts = retentionCohorts(people, lastDay, maxWeeks);
        const weeks = [...new Set(people.map((p) => p.start - ((p.start + 3) % 7)))].sort((a, b) => a - b);
        expect(cohorts.map((c) => c.week)).toEqual(weeks.map(dayOf));
        for (const c of cohorts) {
          const monday = dayNumber(c.week);
          const members = people.filter((p) => p.start >= monday && p.start < monday + 7);
          expect(c.size).toBe(members.length);
          for (const [n, got] of [[1, c.day1], [7, c.day7], [30, c.day30]] as const) {
            const eligible = members.filter((m) => m.start + n <= lastDay);
            const retained = eligible.filter((m) => m.active.has(m.start + n)).length;
            expect(got).toEqual(eligible.length ? { eligible: eligible.length, retained, rate: retained / eligible.length } : null);
          }
          const expectedWeeks = Math.max(0, Math.min(maxWeeks, Math.floor((lastDay - monday) / 7) + 1));
          expect(c.weeks.length).toBe(expectedWeeks);
          c.weeks.forEach((cell, k) => {
            // A person is retained in week k when one of their active days (from their start on) falls in it.
            const retained = members.filter((m) => [...m.active].some((a) => a >= m.start && Math.floor((a - monday) / 7) === k)).length;
            expect(cell).toEqual({ eligible: members.length, retained, rate: retained / members.length });
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('groups by the Monday of the China calendar week and leaves future cells empty', () => {
    expect(dayOf(mondayOf(dayNumber('2026-06-07')))).toBe('2026-06-01'); // a Sunday
    expect(dayOf(mondayOf(dayNumber('2026-06-01')))).toBe('2026-06-01');
    const start = dayNumber('2026-06-03');
    const [c] = retentionCohorts([{ start, active: new Set([start, start + 1]) }, { start, active: new Set([start]) }], start + 3, 4);
    expect(c).toMatchObject({ week: '2026-06-01', size: 2, day1: { eligible: 2, retained: 1, rate: 0.5 }, day7: null, day30: null });
    expect(c.weeks).toEqual([{ eligible: 2, retained: 2, rate: 1 }]);
  });
});
