// The demand calendar: China statutory days off from a maintained holiday package (date-holidays,
// country CN) and the shopping festivals, which no holiday package lists because they are retail
// dates, not public holidays. Days are China calendar days ('YYYY-MM-DD'). Pure and cached per year.
import Holidays from 'date-holidays';

const DAY_MS = 86_400_000;

/**
 * The days off everyone has. date-holidays CN also lists days that are only a half day for some
 * (妇女节, 青年节, 建军节) or only for children (六一): those do not move a whole store's demand.
 */
const STATUTORY = ['元旦', '春节', '清明', '劳动节', '端午', '中秋', '国庆'];

/** Shopping festivals, each a peak window of consecutive days; `key` names its estimated effect. */
export const FESTIVALS = ['618', 'double11', 'double12', 'nianhuo'] as const;
export type Festival = (typeof FESTIVALS)[number];

const holidayCache = new Map<number, Map<string, string>>();

function holidaysOf(year: number): Map<string, string> {
  let days = holidayCache.get(year);
  if (days) return days;
  days = new Map();
  for (const h of new Holidays('CN').getHolidays(year)) {
    if (h.type !== 'public' || !STATUTORY.some((name) => h.name.includes(name))) continue;
    // A holiday may span days (春节): every day from its start to its end.
    const span = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY_MS));
    for (let i = 0; i < span; i++) days.set(shiftDay(h.date.slice(0, 10), i), h.name);
  }
  holidayCache.set(year, days);
  return days;
}

/** The statutory holiday on this day (its Chinese name), or null. */
export function holidayOn(day: string): string | null {
  return holidaysOf(Number(day.slice(0, 4))).get(day) ?? null;
}

/** The first day of the Spring Festival (春节) in a year, from the holiday package. */
export function springFestival(year: number): string {
  const days = [...holidaysOf(year)].filter(([, name]) => name.includes('春节')).map(([d]) => d).sort();
  if (!days.length) throw new RangeError(`no Spring Festival known for ${year}`);
  return days[0];
}

export const shiftDay = (day: string, by: number) => new Date(Date.parse(`${day}T00:00:00Z`) + by * DAY_MS).toISOString().slice(0, 10);
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
/** 0 = Sunday … 6 = Saturday, of a China calendar day. */
export const weekdayOf = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

/** Consecutive days from `from` for `count` days. */
export function dayRange(from: string, count: number): string[] {
  return Array.from({ length: Math.max(0, count) }, (_, i) => shiftDay(from, i));
}

/**
 * The festival whose peak window holds this day. Our own domain rules: the 618 and 双11 peaks
 * are the last three days up to the 18th / 11th (pre-sales end, final-payment day), 双12 the
 * 11th and 12th, and 年货节 the three weeks before the Spring Festival holiday minus its last
 * week (couriers stop taking orders about a week before the holiday).
 */
export function festivalOn(day: string): Festival | null {
  const md = day.slice(5);
  if (md >= '06-16' && md <= '06-18') return '618';
  if (md >= '11-09' && md <= '11-11') return 'double11';
  if (md >= '12-11' && md <= '12-12') return 'double12';
  const year = Number(day.slice(0, 4));
  // The Spring Festival falls between 21 Jan and 20 Feb, so only days in Dec–Feb can be before it.
  for (const y of [year, year + 1]) {
    let sf: string;
    try {
      sf = springFestival(y);
    } catch {
      continue;
    }
    const before = daysBetween(day, sf);
    if (before >= 8 && before <= 21) return 'nianhuo';
  }
  return null;
}

/** The effect keys of a day: 'holiday' for a statutory day off, 'festival:<name>' for a festival. */
export function calendarKeys(day: string): string[] {
  const keys: string[] = [];
  if (holidayOn(day)) keys.push('holiday');
  const f = festivalOn(day);
  if (f) keys.push(`festival:${f}`);
  return keys;
}
