// Retention cohorts, pure: people grouped by the week (Monday to Sunday, China calendar) of the
// day they started (first visit, sign-up or first order), then how many came back exactly N days
// later (D1, D7, D30) and in each following week. A cell the calendar has not reached yet is null.

/** Whole days since 1970-01-01 for a YYYY-MM-DD calendar day. */
export const dayNumber = (day: string): number => Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10)) / 86_400_000;
export const dayOf = (n: number): string => new Date(n * 86_400_000).toISOString().slice(0, 10);
/** The Monday of a day's week (1970-01-01 was a Thursday). */
export const mondayOf = (n: number): number => n - ((n + 3) % 7);

export interface RetentionPerson {
  /** Day number of the cohort event. */
  start: number;
  /** Day numbers on which the person was active (any event). */
  active: ReadonlySet<number>;
}

export interface RetentionCell {
  /** Cohort members for whom the day (or week) has happened. */
  eligible: number;
  retained: number;
  rate: number | null;
}

export interface Cohort {
  /** The cohort week's Monday, YYYY-MM-DD. */
  week: string;
  size: number;
  day1: RetentionCell | null;
  day7: RetentionCell | null;
  day30: RetentionCell | null;
  /** weeks[w]: active in the w-th week after the cohort's week (weeks[0] is the cohort week). */
  weeks: (RetentionCell | null)[];
}

const cell = (eligible: number, retained: number): RetentionCell | null => (eligible === 0 ? null : { eligible, retained, rate: retained / eligible });

/** `lastDay`: the last day observed (the report's end, or today if earlier). */
export function retentionCohorts(people: Iterable<RetentionPerson>, lastDay: number, maxWeeks: number): Cohort[] {
  const byWeek = new Map<number, RetentionPerson[]>();
  for (const p of people) {
    const w = mondayOf(p.start);
    const list = byWeek.get(w);
    if (list) list.push(p);
    else byWeek.set(w, [p]);
  }
  const cohorts: Cohort[] = [];
  for (const w of [...byWeek.keys()].sort((a, b) => a - b)) {
    const members = byWeek.get(w)!;
    const nDay = (n: number) => {
      let eligible = 0;
      let retained = 0;
      for (const m of members) {
        if (m.start + n > lastDay) continue;
        eligible++;
        if (m.active.has(m.start + n)) retained++;
      }
      return cell(eligible, retained);
    };
    const weeks: (RetentionCell | null)[] = [];
    for (let k = 0; k < maxWeeks && w + 7 * k <= lastDay; k++) {
      let retained = 0;
      for (const m of members) {
        for (let d = w + 7 * k; d < w + 7 * k + 7; d++) {
          if (d >= m.start && m.active.has(d)) {
            retained++;
            break;
          }
        }
      }
      weeks.push(cell(members.length, retained));
    }
    cohorts.push({ week: dayOf(w), size: members.length, day1: nDay(1), day7: nDay(7), day30: nDay(30), weeks });
  }
  return cohorts;
}
