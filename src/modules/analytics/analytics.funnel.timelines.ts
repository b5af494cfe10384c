// The funnel report's hot path, pure: a report decodes hundreds of thousands of step occurrences
// from the daily steps rollup, groups them by person, puts each person's in log order and walks the
// funnel over them. Done with one object per occurrence and a comparator sort per person, that was
// most of the report's time; here the occurrences are columns of typed arrays, people are grouped
// by a counting sort, and each person's few occurrences are put in order by an insertion sort (the
// rollup hands them over nearly sorted: day by day, each name's list already in log order). The
// results are funnel()'s over the same timelines (analytics.funnel.rules.ts), which the tests hold
// this to.
import { stepResults, type FunnelStepResult } from './analytics.funnel.rules.ts';

/** Every occurrence read, grouped by person, each person's in log order (time, then tie). */
export interface StepTimelines {
  /** People read: person p's occurrences are `order[start[p]]` … `order[start[p + 1] - 1]`. */
  people: number;
  start: Int32Array;
  order: Int32Array;
  /** Per occurrence: the step name's index (into the names the rollup groups were keyed by), instant (ms since the epoch) and tie. */
  name: Int32Array;
  at: Float64Array;
  tie: Int32Array;
}

/** A segment of a person's occurrences longer than this is sorted by the engine's sort instead. */
const INSERTION_SORT_MAX = 48;

/**
 * Reads days of the steps rollup as funnelStepDays gives them: one line per raw identity,
 * `k ms,tie,ms,tie…;k ms,tie…` (k: index into the names; ms since the day's start; the groups'
 * lists each in log order), a tab, and the person as a JSON string; lines joined by '\n'.
 */
export function createTimelineReader() {
  const persons = new Map<string, number>();
  let n = 0;
  let person = new Int32Array(4096);
  let name = new Int32Array(4096);
  let at = new Float64Array(4096);
  let tie = new Int32Array(4096);

  function grow() {
    const size = person.length * 2;
    const widen = <A extends Int32Array | Float64Array>(from: A, to: A) => {
      to.set(from);
      return to;
    };
    person = widen(person, new Int32Array(size));
    name = widen(name, new Int32Array(size));
    at = widen(at, new Float64Array(size));
    tie = widen(tie, new Int32Array(size));
  }

  /** One day's lines; `dayStart` is the instant its China day starts (ms). Returns the occurrences read so far. */
  function readDay(text: string, dayStart: number): number {
    const length = text.length;
    let i = 0;
    while (i < length) {
      const first = n;
      let c = 0;
      // Groups up to the tab: `k ` then `ms,tie` pairs, ',' between pairs and ';' between groups.
      do {
        let k = 0;
        for (c = text.charCodeAt(i++); c !== 32 && i <= length; c = text.charCodeAt(i++)) k = k * 10 + (c - 48);
        do {
          // Digits are read in place; anything else in a number (a fraction of a millisecond) goes through Number.
          let start = i;
          let ms = 0;
          let digits = true;
          for (c = text.charCodeAt(i); c !== 44 && i < length; c = text.charCodeAt(++i)) {
            if (c >= 48 && c <= 57) ms = ms * 10 + (c - 48);
            else digits = false;
          }
          if (!digits) ms = Number(text.slice(start, i));
          start = ++i;
          let t = 0;
          digits = true;
          for (c = text.charCodeAt(i); c !== 44 && c !== 59 && c !== 9 && i < length; c = text.charCodeAt(++i)) {
            if (c >= 48 && c <= 57) t = t * 10 + (c - 48);
            else digits = false;
          }
          if (!digits) t = Number(text.slice(start, i));
          if (n === person.length) grow();
          name[n] = k;
          at[n] = dayStart + ms;
          tie[n] = t;
          n++;
          i++;
        } while (c === 44);
      } while (c === 59);
      // The person: a JSON string to the end of the line (JSON escapes any newline inside it).
      let end = text.indexOf('\n', i);
      if (end < 0) end = length;
      const quoted = text.slice(i, end);
      const key = quoted.includes('\\') ? (JSON.parse(quoted) as string) : quoted.slice(1, -1);
      let p = persons.get(key);
      if (p === undefined) persons.set(key, (p = persons.size));
      person.fill(p, first, n);
      i = end + 1;
    }
    return n;
  }

  /** The occurrences grouped by person (a counting sort), each person's in log order. */
  function finish(): StepTimelines {
    const people = persons.size;
    const start = new Int32Array(people + 1);
    for (let e = 0; e < n; e++) start[person[e] + 1]++;
    for (let p = 0; p < people; p++) start[p + 1] += start[p];
    const next = start.slice(0, people);
    const order = new Int32Array(n);
    for (let e = 0; e < n; e++) order[next[person[e]]++] = e;
    const before = (a: number, b: number) => at[a] < at[b] || (at[a] === at[b] && tie[a] < tie[b]);
    for (let p = 0; p < people; p++) {
      const from = start[p];
      const to = start[p + 1];
      if (to - from > INSERTION_SORT_MAX) {
        const sorted = Array.from(order.subarray(from, to)).sort((a, b) => at[a] - at[b] || tie[a] - tie[b]);
        order.set(sorted, from);
        continue;
      }
      for (let i = from + 1; i < to; i++) {
        const e = order[i];
        let j = i - 1;
        while (j >= from && before(e, order[j])) {
          order[j + 1] = order[j];
          j--;
        }
        order[j + 1] = e;
      }
    }
    return { people, start, order, name: name.subarray(0, n), at: at.subarray(0, n), tie: tie.subarray(0, n) };
  }

  return { readDay, finish };
}

/**
 * funnel() over the timelines: `stepNames[k]` is step k's name index in them, `steps` the step
 * names for the results. Per person the furthest path is personProgress's (each entry walked
 * greedily, the first entry to reach furthest wins).
 */
export function funnelOverTimelines(t: StepTimelines, stepNames: number[], steps: string[], windowMs: number, entry: { from?: number; to?: number } = {}): FunnelStepResult[] {
  const entryFrom = entry.from ?? -Infinity;
  const entryTo = entry.to ?? Infinity;
  const size = stepNames.length;
  const counts = new Array<number>(size).fill(0);
  const gaps: number[][] = steps.map(() => []);
  const path = new Float64Array(size);
  const best = new Float64Array(size);
  const { start, order, name, at } = t;
  for (let p = 0; p < t.people; p++) {
    const last = start[p + 1];
    let bestLength = 0;
    for (let i = start[p]; i < last && bestLength < size; i++) {
      const e = order[i];
      const entryAt = at[e];
      if (name[e] !== stepNames[0] || entryAt < entryFrom || entryAt >= entryTo) continue;
      path[0] = entryAt;
      let length = 1;
      for (let j = i + 1; j < last && length < size; j++) {
        const f = order[j];
        if (at[f] - entryAt > windowMs) break;
        if (name[f] === stepNames[length]) path[length++] = at[f];
      }
      if (length > bestLength) {
        best.set(path.subarray(0, length));
        bestLength = length;
      }
    }
    for (let k = 0; k < bestLength; k++) {
      counts[k]++;
      if (k > 0) gaps[k].push((best[k] - best[k - 1]) / 1000);
    }
  }
  return stepResults(steps, counts, gaps);
}
