import { describe, expect, it } from 'vitest';
import { allows, currentConsents, exportReadme, retentionCutoff } from './privacy.rules.ts';

const at = (m: number) => new Date(Date.UTC(2026, 5, 1, 8, m));

describe('consent rules', () => {
  it('defaults to no marketing, personalised results and no accepted policy', () => {
    const c = currentConsents([]);
    expect(c.marketing).toEqual({ granted: false, policyVersion: null, at: null });
    expect(c.personalisation.granted).toBe(true);
    expect(c.privacy_policy.granted).toBe(false);
    expect(allows([], 'marketing')).toBe(false);
    expect(allows([], 'personalisation')).toBe(true);
  });

  it('takes the newest record per purpose, whatever order the records come in', () => {
    const records = [
      { purpose: 'personalisation' as const, granted: false, policyVersion: 'v2', at: at(5) },
      { purpose: 'personalisation' as const, granted: true, policyVersion: 'v1', at: at(1) },
      { purpose: 'marketing' as const, granted: true, policyVersion: 'v1', at: at(1) },
      { purpose: 'marketing' as const, granted: false, policyVersion: 'v1', at: at(2) },
      { purpose: 'marketing' as const, granted: true, policyVersion: 'v2', at: at(3) },
    ];
    expect(allows(records, 'personalisation')).toBe(false);
    expect(allows(records, 'marketing')).toBe(true);
    expect(currentConsents(records).personalisation).toEqual({ granted: false, policyVersion: 'v2', at: at(5) });
  });

  it('cuts retention at whole days before now', () => {
    expect(retentionCutoff(new Date('2026-06-10T00:00:00Z'), 9)).toEqual(new Date('2026-06-01T00:00:00Z'));
  });

  it('lists every file in the export readme, in both languages', () => {
    const text = exportReadme({ userId: 'u-1', generatedAt: new Date('2026-06-01T08:00:00Z'), policyVersion: '2026-06', files: [{ path: 'identity/users.json', rows: 1 }, { path: 'orders/orders.json', rows: 3 }] });
    expect(text).toContain('identity/users.json  (1 rows)');
    expect(text).toContain('orders/orders.json  (3 rows)');
    expect(text).toContain('2026-06-01T08:00:00.000Z');
    expect(text).toMatch(/个人信息/);
  });
});
