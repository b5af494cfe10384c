import { describe, expect, it } from 'vitest';
import { fitCalibration } from './simulator.calibration.ts';
import type { ClickFact, ShareFact } from './simulator.types.ts';

const HOUR = 3_600_000;
const click = (at: number, newVisitor: boolean, clickerId: string | null, visitor: string): ClickFact => ({ at, newVisitor, visitor, clickerId, signedUpAt: null, orderedAt: [] });

/**
 * Ten root shares, each clicked by 2 strangers (new visitors); the odd ones also by 8 of their
 * sharer's 10 reachable friends, the even ones by none (q = 40 ÷ 100 = 0.4 on average). Each odd
 * root is shared on by 4 of its friends; roots 0–4 by the stranger whose account its first new
 * visitor's click opened. Every child share (off the graph) is clicked by one stranger and shared
 * by no one. Roots are shared on weibo, the rest on wechat. 35 shares, 85 clicks: 40 by friends, 45 by strangers; 20 friends' and 5 strangers' shares.
 */
function fixture(): { shares: ShareFact[]; reachable: Map<string, number | undefined> } {
  const shares: ShareFact[] = [];
  const reachable = new Map<string, number | undefined>();
  const share = (id: string, parent: ShareFact | null, sharerId: string, at: number, clickLog: ClickFact[]): ShareFact => {
    const s: ShareFact = { id, parentId: parent?.id ?? null, rootId: parent?.rootId ?? id, depth: parent ? parent.depth + 1 : 0, channel: parent ? 'wechat' : 'weibo', sharerId, campaignId: null, at, clicks: clickLog.length, visitors: clickLog.length, signups: 0, orders: 0, clickLog };
    shares.push(s);
    return s;
  };
  for (let r = 0; r < 10; r++) {
    const t = r * 100 * HOUR;
    const log = [click(t + HOUR, true, r < 5 ? `new-${r}` : null, `v-${r}-a`), click(t + 2 * HOUR, true, null, `v-${r}-b`)];
    if (r % 2) for (let f = 0; f < 8; f++) log.push(click(t + 3 * HOUR, false, `friend-${r}-${f}`, `u-${r}-${f}`));
    const root = share(`root-${r}`, null, `kol-${r}`, t, log);
    reachable.set(root.id, 10);
    const child = (id: string, sharerId: string) => reachable.set(share(id, root, sharerId, t + 5 * HOUR, [click(t + 6 * HOUR, true, null, `v-${id}`)]).id, undefined);
    if (r % 2) for (let f = 0; f < 4; f++) child(`c-${r}-${f}`, `friend-${r}-${f}`);
    if (r < 5) child(`s-${r}`, `new-${r}`);
  }
  return { shares, reachable };
}

const graph = { source: 'store' as const, nodes: 100, edges: 100, meanDegree: 2, maxDegree: 10 };

describe('simulator calibration', () => {
  it('fits share propensity for friends and strangers apart, each generation shrunk toward its kind', () => {
    const { shares, reachable } = fixture();
    const c = fitCalibration(shares, { newVisitorShare: null, reachable, graph, computedAt: new Date(0) });
    const store = 25 / 85; // child shares per click, both kinds
    const friends = (20 + 50 * store) / (40 + 50);
    const strangers = (5 + 50 * store) / (45 + 50);
    expect(c.shareProbability).toBeCloseTo(store, 4);
    expect(c.shareProbabilityByDepth[0]).toBeCloseTo((20 + 50 * friends) / (40 + 50), 4);
    // No friend clicked a child share: that generation is the friends' pooled rate.
    expect(c.shareProbabilityByDepth[1]).toBeCloseTo(friends, 4);
    expect(c.strangerShareProbabilityByDepth[0]).toBeCloseTo((5 + 50 * strangers) / (20 + 50), 4);
    expect(c.strangerShareProbabilityByDepth[1]).toBeCloseTo((0 + 50 * strangers) / (25 + 50), 4);
    expect(c.seedShareProbability).toBe(c.shareProbabilityByDepth[0]);
  });

  it('counts a share’s strangers from its click log, not as its clicks less the friends expected floored at 0', () => {
    const { shares, reachable } = fixture();
    const c = fitCalibration(shares, { newVisitorShare: null, reachable, graph, computedAt: new Date(0) });
    expect(c.friendClickProbability).toBeCloseTo(0.4, 4);
    // 45 of the 85 clicks were by strangers. Clicks less 0.4 × 10 floored at 0 would give the even
    // roots 0 (not 2) and the odd ones 6 (not 2): 55 of 85.
    expect(c.newVisitorShare).toBeCloseTo(45 / 85, 4);
    const pooled = 45 / 35;
    expect(c.strangerClicksByDepth[0]).toBeCloseTo((20 + 20 * pooled) / (10 + 20), 4);
    expect(c.strangerClicksByDepth[1]).toBeCloseTo((25 + 20 * pooled) / (25 + 20), 4);
  });

  it('credits a channel with the clicks beyond what its shares’ generation and reachable friends explain, not with its clicks per share', () => {
    const { shares, reachable } = fixture();
    const c = fitCalibration(shares, { newVisitorShare: null, reachable, graph, computedAt: new Date(0) });
    // Weibo carried the roots (6 clicks each), wechat the reshares (1 each): 6 times the clicks per
    // share, but about what each generation's shares draw anywhere.
    expect(c.channels.weibo.clicksPerShare / c.channels.wechat.clicksPerShare).toBeGreaterThan(2);
    const [s0, s1] = c.strangerClicksByDepth;
    const due = { weibo: 10 * (s0 + 0.4 * 10), wechat: 25 * s1 };
    const prior = 20 * ((due.weibo + due.wechat) / 35);
    expect(c.channels.weibo.clickFactor).toBeCloseTo((60 + prior) / (due.weibo + prior), 3);
    expect(c.channels.wechat.clickFactor).toBeCloseTo((25 + prior) / (due.wechat + prior), 3);
    expect(Math.abs(c.channels.weibo.clickFactor - 1)).toBeLessThan(0.1);
    expect(Math.abs(c.channels.wechat.clickFactor - 1)).toBeLessThan(0.1);
  });
});
