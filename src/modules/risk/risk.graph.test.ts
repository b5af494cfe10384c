import { describe, expect, it } from 'vitest';
import { communities, densestBlock, identityGraph, lockstepGroups, rings, type Link } from './risk.graph.ts';

const dev = (userId: string, value: string): Link => ({ userId, kind: 'device', value });
const net = (userId: string, value: string): Link => ({ userId, kind: 'network', value });

describe('the identity graph', () => {
  it('links accounts sharing an identifier, weighting by what they share', () => {
    const g = identityGraph([dev('a', 'd1'), dev('b', 'd1'), net('a', 'n1'), net('b', 'n1'), net('c', 'n1')]);
    expect(g.order).toBe(3);
    expect(g.getEdgeAttribute('a', 'b', 'weight')).toBeCloseTo(1.3);
    expect(g.getEdgeAttribute('a', 'b', 'kinds').sort()).toEqual(['device', 'network']);
    expect(g.getEdgeAttribute('a', 'c', 'kinds')).toEqual(['network']);
  });

  it('does not link the crowd behind one identifier larger than maxGroup, and caps the nodes', () => {
    const crowd = Array.from({ length: 6 }, (_, i) => net(`u${i}`, 'campus'));
    expect(identityGraph(crowd, { maxGroup: 5, maxNodes: 100 }).size).toBe(0);
    expect(identityGraph(crowd, { maxGroup: 10, maxNodes: 100 }).size).toBe(15);
    expect(identityGraph(crowd, { maxGroup: 10, maxNodes: 3 }).order).toBe(3);
  });

  it('finds rings as connected components over strong links only', () => {
    // a-b share a device, b-c a card: one ring of three. d-e share only a network: not a ring.
    const g = identityGraph([dev('a', 'd1'), dev('b', 'd1'), { userId: 'b', kind: 'card', value: 'k' }, { userId: 'c', kind: 'card', value: 'k' }, net('d', 'n'), net('e', 'n'), net('c', 'n2'), net('d', 'n2')]);
    expect(rings(g, 3)).toEqual([['a', 'b', 'c']]);
    expect(rings(g, 4)).toEqual([]);
  });

  it('splits two dense groups joined by one weak link into two Louvain communities', () => {
    const links: Link[] = [];
    for (const u of ['a1', 'a2', 'a3', 'a4']) links.push(dev(u, 'da'));
    for (const u of ['b1', 'b2', 'b3', 'b4']) links.push(dev(u, 'db'));
    links.push(net('a1', 'bridge'), net('b1', 'bridge'));
    const found = communities(identityGraph(links)).sort((x, y) => x[0]!.localeCompare(y[0]!));
    expect(found).toEqual([['a1', 'a2', 'a3', 'a4'], ['b1', 'b2', 'b3', 'b4']]);
  });
});

describe('FRAUDAR dense block', () => {
  it('peels organic shoppers off a popular campaign and keeps the ring hitting the same small campaigns', () => {
    const actions = [];
    // 30 organic shoppers each act once on the big campaign.
    for (let i = 0; i < 30; i++) actions.push({ userId: `o${i}`, campaignId: 'big' });
    // 5 ring accounts each act on the same three small campaigns.
    for (let i = 0; i < 5; i++) for (const c of ['s1', 's2', 's3']) actions.push({ userId: `r${i}`, campaignId: c });
    const block = densestBlock(actions);
    expect(block.users).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
    expect(block.campaigns).toEqual(['s1', 's2', 's3']);
    // 15 edges of weight 1/log(10) over 8 nodes.
    expect(block.density).toBeCloseTo(15 / Math.log(10) / 8);
  });

  it('on an empty input returns an empty block', () => {
    expect(densestBlock([])).toEqual({ users: [], campaigns: [], density: 0 });
  });
});

describe('lockstep', () => {
  const burst = (users: string[], key: string, at: number) => users.map((userId, i) => ({ userId, key, at: at + i * 1000 }));

  it('groups accounts that act together in two bursts and ignores a one-off busy minute', () => {
    const ring = ['r1', 'r2', 'r3', 'r4'];
    const actions = [
      ...burst(ring, 'c1:coupon.claim', 0),
      ...burst(ring, 'c2:bargain.help', 3_600_000),
      // Organic: four shoppers happen to share one minute on c1, never again.
      ...burst(['o1', 'o2', 'o3', 'o4'], 'c1:coupon.claim', 7_200_000),
    ];
    expect(lockstepGroups(actions)).toEqual([ring]);
  });

  it('needs the bursts to be within the window', () => {
    const spread = ['r1', 'r2', 'r3', 'r4'].map((userId, i) => ({ userId, key: 'k', at: i * 60_000 }));
    const again = ['r1', 'r2', 'r3', 'r4'].map((userId, i) => ({ userId, key: 'k2', at: i * 60_000 }));
    expect(lockstepGroups([...spread, ...again])).toEqual([]);
  });
});
