// Active users, growth and the money ratios of a campaign report, pure. Each money ratio comes
// with the formula it was computed by, shown next to the figure.

/** People active per day (day numbers ascending, no gaps needed) → DAU, WAU, MAU and stickiness per day. */
export function activeUsers(days: number[], peopleOn: (day: number) => readonly string[]) {
  // Trailing windows by counting: a person is in the window while their count is above zero.
  const windows = [7, 30].map(() => new Map<string, number>());
  const add = (w: Map<string, number>, people: readonly string[], delta: number) => {
    for (const p of people) {
      const n = (w.get(p) ?? 0) + delta;
      if (n === 0) w.delete(p);
      else w.set(p, n);
    }
  };
  const first = days[0];
  const rows: { day: number; dau: number; wau: number; mau: number; stickiness: number | null }[] = [];
  if (first === undefined) return rows;
  const last = days[days.length - 1];
  // Warm the windows with the 29 days before the first reported day.
  for (let d = first - 29; d <= last; d++) {
    const today = peopleOn(d);
    add(windows[0], today, 1);
    add(windows[1], today, 1);
    if (d - 7 >= first - 29) add(windows[0], peopleOn(d - 7), -1);
    if (d - 30 >= first - 29) add(windows[1], peopleOn(d - 30), -1);
    if (d < first) continue;
    const dau = new Set(today).size;
    const mau = windows[1].size;
    rows.push({ day: d, dau, wau: windows[0].size, mau, stickiness: mau ? dau / mau : null });
  }
  return rows;
}

/**
 * The same rows as activeUsers from spans (the report's query gives them): per day, how many
 * people were active (`kind` 0: each enters every window that day), and how many spans of the
 * 7- and 30-day windows end there (they leave it). Each count is the running sum of its changes.
 */
export function activeUsersFromSpans(days: number[], spans: { kind: 0 | 7 | 30; day: number; n: number }[]) {
  const active = new Map<number, number>();
  const changes = new Map<number, { wau: number; mau: number }>();
  const at = (day: number) => changes.get(day) ?? changes.set(day, { wau: 0, mau: 0 }).get(day)!;
  for (const s of spans) {
    if (s.kind === 0) {
      active.set(s.day, s.n);
      at(s.day).wau += s.n;
      at(s.day).mau += s.n;
    } else if (s.kind === 7) at(s.day).wau -= s.n;
    else at(s.day).mau -= s.n;
  }
  const rows: { day: number; dau: number; wau: number; mau: number; stickiness: number | null }[] = [];
  const order = [...changes.keys()].sort((a, b) => a - b);
  let wau = 0;
  let mau = 0;
  let c = 0;
  for (const day of days) {
    for (; c < order.length && order[c] <= day; c++) {
      wau += changes.get(order[c])!.wau;
      mau += changes.get(order[c])!.mau;
    }
    const dau = active.get(day) ?? 0;
    rows.push({ day, dau, wau, mau, stickiness: mau ? dau / mau : null });
  }
  return rows;
}

export interface Figure {
  value: number | null;
  formula: string;
}

const divide = (a: number, b: number) => (b === 0 ? null : a / b);

/** Growth rate of new customers against the period of the same length just before. */
export const growthRate = (current: number, previous: number): Figure => ({
  value: previous === 0 ? null : (current - previous) / previous,
  formula: `(new customers ${current} − previous period ${previous}) ÷ previous period ${previous}`,
});

export const cac = (costAmount: number, newCustomers: number): Figure => ({
  value: divide(costAmount, newCustomers),
  formula: `cost ${costAmount} fen ÷ new customers ${newCustomers}`,
});

/**
 * The catalog keeps no cost price, so the attributed gross margin is taken as the attributed GMV
 * (paid, less refunds): an upper bound on the margin, so an optimistic ROI, stated in the formula.
 */
export const roi = (grossMarginAmount: number, costAmount: number): Figure => ({
  value: costAmount === 0 ? null : (grossMarginAmount - costAmount) / costAmount,
  formula: `(attributed gross margin ${grossMarginAmount} fen [= attributed GMV, no cost prices kept] − cost ${costAmount} fen) ÷ cost ${costAmount} fen`,
});

export const rate = (numerator: number, denominator: number, what: string): Figure => ({
  value: divide(numerator, denominator),
  formula: `${what}: ${numerator} ÷ ${denominator}`,
});
