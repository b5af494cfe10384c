// Ordered funnels, PostHog's semantics: per person, step k counts if it happens after step k−1
// (later in the person's own event order) and within the conversion window from step 1. Pure.

export interface PersonEvent {
  /** Position in the person's timeline (events sorted by time, then id). */
  name: string;
  /** Milliseconds since the epoch. */
  at: number;
}

export interface FunnelStepResult {
  name: string;
  /** People who reached this step. */
  count: number;
  /** count ÷ people who did step 1. */
  conversionFromStart: number | null;
  /** count ÷ count of the previous step. */
  conversionFromPrevious: number | null;
  /** People who reached the previous step but not this one. */
  dropOff: number;
  /** Median seconds from the previous step to this one, over people who reached it. */
  medianSecondsFromPrevious: number | null;
}

/**
 * The furthest a person gets through the steps, with the times of the steps on that path. Entry is
 * an occurrence of step 1 at or after `entryFrom` and before `entryTo`. For one entry the earliest
 * next occurrence is always the best choice (a later one can only leave fewer events after it),
 * so each entry is walked greedily; the first entry that reaches the furthest step wins.
 */
export function personProgress(events: PersonEvent[], steps: string[], windowMs: number, entryFrom = -Infinity, entryTo = Infinity): number[] {
  let best: number[] = [];
  for (let i = 0; i < events.length && best.length < steps.length; i++) {
    const entry = events[i];
    if (entry.name !== steps[0] || entry.at < entryFrom || entry.at >= entryTo) continue;
    const path = [entry.at];
    for (let j = i + 1; j < events.length && path.length < steps.length; j++) {
      const e = events[j];
      if (e.at - entry.at > windowMs) break;
      if (e.name === steps[path.length]) path.push(e.at);
    }
    if (path.length > best.length) best = path;
  }
  return best;
}

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

/** The funnel over people's timelines (each sorted by time, then id). */
export function funnel(people: Iterable<PersonEvent[]>, steps: string[], windowMs: number, entry: { from?: number; to?: number } = {}): FunnelStepResult[] {
  const counts = new Array<number>(steps.length).fill(0);
  const gaps: number[][] = steps.map(() => []);
  for (const events of people) {
    const path = personProgress(events, steps, windowMs, entry.from, entry.to);
    for (let k = 0; k < path.length; k++) {
      counts[k]++;
      if (k > 0) gaps[k].push((path[k] - path[k - 1]) / 1000);
    }
  }
  return stepResults(steps, counts, gaps);
}

/** The report's rows from how many people reached each step and, per step after the first, their seconds from the previous one. */
export function stepResults(steps: string[], counts: number[], gaps: number[][]): FunnelStepResult[] {
  return steps.map((name, k) => ({
    name,
    count: counts[k],
    conversionFromStart: ratio(counts[k], counts[0]),
    conversionFromPrevious: k === 0 ? null : ratio(counts[k], counts[k - 1]),
    dropOff: k === 0 ? 0 : counts[k - 1] - counts[k],
    medianSecondsFromPrevious: k === 0 ? null : median(gaps[k]),
  }));
}
