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

export const addMs = (at: Date, ms: number) => new Date(at.getTime() + ms);
export const addMinutes = (at: Date, minutes: number) => addMs(at, minutes * 60_000);
export const addDays = (at: Date, days: number) => addMs(at, days * 86_400_000);
