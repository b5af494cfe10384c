import { describe, expect, it } from 'vitest';
import { purchaseSummary, quintileScores, rfmScores, ruleTags } from './audience.rules.ts';

const at = (day: number) => new Date(Date.UTC(2026, 0, 1) + day * 86_400_000);

describe('RFM quintile scores', () => {
  it('puts ten distinct values two to a quintile, best highest', () => {
    expect(quintileScores([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 'higher')).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    // Recency: fewer days is better.
    expect(quintileScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'lower')).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
  });

  it('gives tied values the same score, counted by the values strictly worse', () => {
    // Six customers with one order and four with more: the one-order customers are the bottom band.
    expect(quintileScores([1, 1, 1, 1, 1, 1, 2, 3, 3, 7], 'higher')).toEqual([1, 1, 1, 1, 1, 1, 4, 4, 4, 5]);
    expect(quintileScores([5, 5, 5], 'higher')).toEqual([1, 1, 1]);
    expect(quintileScores([], 'higher')).toEqual([]);
  });

  it('scores within 1..5 for any input and keeps the order of values', () => {
    const values = Array.from({ length: 37 }, (_, i) => (i * 7919) % 101);
    const scores = quintileScores(values, 'higher');
    for (let i = 0; i < values.length; i++) {
      expect(scores[i]).toBeGreaterThanOrEqual(1);
      expect(scores[i]).toBeLessThanOrEqual(5);
      for (let j = 0; j < values.length; j++) if (values[i] > values[j]) expect(scores[i]).toBeGreaterThanOrEqual(scores[j]);
    }
  });

  it('combines R, F and M per buyer', () => {
    const scores = rfmScores([
      { recencyDays: 2, frequency: 9, monetary: 90_000 },
      { recencyDays: 80, frequency: 1, monetary: 1_000 },
    ]);
    expect(scores).toEqual([{ r: 3, f: 3, m: 3 }, { r: 1, f: 1, m: 1 }]);
  });
});

describe('purchase summary for BG/NBD', () => {
  it('counts repeat purchase days, t_x and T in weeks from the first purchase', () => {
    const s = purchaseSummary([{ at: at(0), amount: 100 }, { at: at(14), amount: 100 }, { at: at(28), amount: 100 }], at(70));
    expect(s).toEqual({ x: 2, tx: 4, T: 10 });
  });

  it('counts two orders on the same day as one occasion and ignores what comes after the cutoff', () => {
    const s = purchaseSummary([{ at: at(7), amount: 1 }, { at: new Date(at(7).getTime() + 3_600_000), amount: 1 }, { at: at(40), amount: 1 }], at(21));
    expect(s).toEqual({ x: 0, tx: 0, T: 2 });
    expect(purchaseSummary([], at(5))).toBeNull();
  });
});

describe('rule tags', () => {
  const base = { frequency: 3, recencyDays: 5, daysSinceSignup: 200, rScore: 5, fScore: 5, mScore: 5, churnRisk: 0.1, shares: 4, shareSignups: 3 };
  it('tags a loyal big spender who shares', () => {
    expect(ruleTags(base)).toEqual(['loyal', 'big_spender', 'sharer', 'super_sharer']);
  });
  it('tags a customer who never bought, and one at risk of churning', () => {
    expect(ruleTags({ ...base, frequency: 0, recencyDays: null, rScore: 0, fScore: 0, mScore: 0, churnRisk: null, shares: 0, shareSignups: 0 })).toEqual(['never_bought']);
    expect(ruleTags({ ...base, recencyDays: 75, rScore: 1, churnRisk: 0.8, mScore: 3, shares: 0, shareSignups: 0 })).toEqual(['at_risk', 'dormant']);
  });
});
