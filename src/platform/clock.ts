// Time is injected: services ask a Clock, tests move a ManualClock instead of sleeping.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export class ManualClock implements Clock {
  private current: number;
  constructor(start: Date | string = '2026-06-01T08:00:00.000Z') {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }
  advance(ms: number): Date {
    this.current += ms;
    return this.now();
  }
  advanceMinutes(minutes: number): Date {
    return this.advance(minutes * 60_000);
  }
}

export const DAY_MS = 86_400_000;

export const addMs = (at: Date, ms: number) => new Date(at.getTime() + ms);
export const addMinutes = (at: Date, minutes: number) => addMs(at, minutes * 60_000);
export const addDays = (at: Date, days: number) => addMs(at, days * DAY_MS);

/** The calendar date in China (UTC+8, no daylight saving) as YYYY-MM-DD: daily caps and check-ins. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The instant a China calendar day starts. */
export function chinaDayStart(date: string): Date {
  return new Date(`${date}T00:00:00.000+08:00`);
}
