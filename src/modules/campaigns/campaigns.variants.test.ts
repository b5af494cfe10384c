// The variant rules as pure functions: which configs a campaign's variant space refuses, and the
// effective rules a subject plays by (a config that no longer fits changes nothing).
import { describe, expect, it } from 'vitest';
import { applyVariant, effectiveRules, variantProblem, type VariantSpace } from './campaigns.variants.ts';

const space: VariantSpace = {
  keys: [
    { key: 'helpersNeeded', unit: 'people', min: 1, max: 100, base: 5, en: '', zh: '' },
    { key: 'floorAmount', unit: 'fen', min: 1, max: 9899, base: 990, en: '', zh: '' },
  ],
  problem: (r) => (9900 - r.floorAmount < r.helpersNeeded ? 'each helper must cut at least 1 fen' : null),
};

describe('variant configs', () => {
  it('accepts allowed whole numbers within bounds, and null as the campaign’s own rule', () => {
    expect(variantProblem(space, {})).toBeNull();
    expect(variantProblem(space, { helpersNeeded: 3, floorAmount: 1990 })).toBeNull();
    expect(variantProblem(space, { helpersNeeded: null })).toBeNull();
  });

  it('refuses an unknown key, a non-integer, a value out of bounds and values that do not work together', () => {
    expect(variantProblem(space, { discountAmount: 1000 })).toEqual({ reason: 'KEY_NOT_ALLOWED', key: 'discountAmount', allowed: ['helpersNeeded', 'floorAmount'] });
    expect(variantProblem(space, { helpersNeeded: 2.5 })).toEqual({ reason: 'VALUE_INVALID', key: 'helpersNeeded', value: 2.5 });
    expect(variantProblem(space, { helpersNeeded: '3' })).toEqual({ reason: 'VALUE_INVALID', key: 'helpersNeeded', value: '3' });
    expect(variantProblem(space, { helpersNeeded: 101 })).toEqual({ reason: 'OUT_OF_BOUNDS', key: 'helpersNeeded', value: 101, min: 1, max: 100 });
    expect(variantProblem(space, { helpersNeeded: 100, floorAmount: 9850 })).toEqual({ reason: 'RULES_INVALID', message: 'each helper must cut at least 1 fen' });
    expect(variantProblem({ keys: [] }, { teamSize: 3 })).toMatchObject({ reason: 'KEY_NOT_ALLOWED', allowed: [] });
  });

  it('lays a valid variant over the base rules, and ignores one that no longer fits', () => {
    expect(effectiveRules(space, { floorAmount: 1990 })).toEqual({ helpersNeeded: 5, floorAmount: 1990 });
    const base = { helpersNeeded: 5, floorAmount: 990 };
    expect(applyVariant(base, space, null)).toEqual({ variantKey: null, rules: base });
    expect(applyVariant(base, space, { key: 'easy', config: { helpersNeeded: 3 } })).toEqual({ variantKey: 'easy', rules: { helpersNeeded: 3, floorAmount: 990 } });
    expect(applyVariant(base, space, { key: 'stale', config: { helpersNeeded: 500 } })).toEqual({ variantKey: 'stale', rules: base });
  });
});
