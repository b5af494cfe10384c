import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { median } from './analytics.funnel.rules.ts';
import { cascadeDistribution, viralCoefficients, viralCycleTime, type ShareNode } from './analytics.viral.rules.ts';
import { cascadeStatsBelow } from '../sharing/index.ts';

/** Mean distance over all pairs, by a breadth-first search from every node of the root's tree. */
function bruteVirality(rootId: string, nodes: ShareNode[]) {
  const reach = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const n of nodes) if (n.id !== rootId && n.parentId && reach.has(n.parentId) && !reach.has(n.id)) { reach.add(n.id); grew = true; }
  }
  const adj = new Map<string, string[]>([...reach].map((id) => [id, []]));
  for (const n of nodes) if (n.id !== rootId && reach.has(n.id)) { adj.get(n.id)!.push(n.parentId!); adj.get(n.parentId!)!.push(n.id); }
  let total = 0;
  for (const source of reach) {
    const dist = new Map([[source, 0]]);
    const queue = [source];
    while (queue.length) {
      const at = queue.shift()!;
      for (const next of adj.get(at)!) if (!dist.has(next)) { dist.set(next, dist.get(at)! + 1); queue.push(next); }
    }
    for (const d of dist.values()) total += d;
  }
  const n = reach.size;
  return { size: n, virality: n < 2 ? 0 : total / 2 / ((n * (n - 1)) / 2) };
}

const tree = fc.array(fc.nat(), { maxLength: 40 }).chain((parents) =>
  fc.array(fc.nat(), { maxLength: 4 }).map((orphans) => {
    const nodes: ShareNode[] = [{ id: 's0', parentId: null }];
    parents.forEach((p, i) => nodes.push({ id: `s${i + 1}`, parentId: `s${p % (i + 1)}` }));
    // Shares whose parent is not in this set (made before the range): not part of the cascade.
    orphans.forEach((p, i) => nodes.push({ id: `o${i}`, parentId: `missing${p}` }));
    return nodes;
  }),
);

// The cascade's shape is sharing's (cascadeStatsBelow); checked here on what a report feeds it: a
// range that left some parents out.
describe('cascade shape', () => {
  it('gives the structural virality of an all-pairs shortest-path search', () => {
    fc.assert(
      fc.property(tree, (nodes) => {
        const shape = cascadeStatsBelow('s0', [...nodes].reverse());
        const brute = bruteVirality('s0', nodes);
        expect(shape.size).toBe(brute.size);
        expect(shape.structuralVirality).toBeCloseTo(brute.virality, 9);
      }),
      { numRuns: 300 },
    );
  });

  it('knows the star, the chain and the lone share', () => {
    const star = [{ id: 'r', parentId: null }, ...Array.from({ length: 9 }, (_, i) => ({ id: `c${i}`, parentId: 'r' }))];
    expect(cascadeStatsBelow('r', star)).toEqual({ size: 10, depth: 1, maxBreadth: 9, structuralVirality: (2 * 9) / 10 });
    const chain = Array.from({ length: 8 }, (_, i) => ({ id: `n${i}`, parentId: i ? `n${i - 1}` : null }));
    expect(cascadeStatsBelow('n0', chain).structuralVirality).toBeCloseTo(9 / 3, 12);
    expect(cascadeStatsBelow('n0', chain).depth).toBe(7);
    expect(cascadeStatsBelow('x', [{ id: 'x', parentId: null }])).toEqual({ size: 1, depth: 0, maxBreadth: 1, structuralVirality: 0 });
  });

  it('buckets cascades by size, depth and virality', () => {
    const d = cascadeDistribution([{ size: 1, depth: 0, structuralVirality: 0 }, { size: 1, depth: 0, structuralVirality: 0 }, { size: 4, depth: 3, structuralVirality: 5 / 3 }, { size: 60, depth: 12, structuralVirality: 7 }]);
    expect(d).toMatchObject({ cascades: 4, singleShareShare: 0.5, largest: 60, medianSize: 2.5, maxDepth: 12 });
    expect(d.sizes.map((b) => b.cascades)).toEqual([2, 0, 1, 0, 0, 1]);
    expect(d.structuralVirality.map((b) => b.cascades)).toEqual([2, 0, 1, 0, 0, 1]);
    expect(d.depths[0].cascades).toBe(2);
    expect(d.depths[3].cascades).toBe(1);
    expect(d.depths[10]).toEqual({ bucket: '10+', cascades: 1 });
  });
});

const click = fc.record({ sharerId: fc.constantFrom('u1', 'u2', 'u3', 'u4'), visitorId: fc.constantFrom('v1', 'v2', 'v3', 'v4', 'v5', 'v6'), isNewVisitor: fc.boolean(), selfClick: fc.boolean(), at: fc.integer({ min: 0, max: 1000 }) });

describe('K-factor and cycle time', () => {
  it('computes K as invitations per sharer × their conversion, as counting by hand does', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5'), { maxLength: 5 }),
        fc.array(click, { maxLength: 30 }),
        fc.dictionary(fc.constantFrom('v1', 'v2', 'v3', 'v4', 'v5', 'v6'), fc.integer({ min: 0, max: 1000 })),
        fc.nat({ max: 10 }),
        (sharers, invitations, signups, attributed) => {
          const k = viralCoefficients({ sharers: new Set(sharers), invitations, signedUpAt: new Map(Object.entries(signups)), attributedNewCustomers: attributed });
          const invited = [...new Set(invitations.filter((c) => !c.selfClick && c.isNewVisitor).map((c) => c.visitorId))];
          const converted = invited.filter((v) => v in signups && invitations.some((c) => c.visitorId === v && !c.selfClick && c.isNewVisitor && c.at <= signups[v])).length;
          expect(k.invitations).toBe(invited.length);
          expect(k.convertedInvitations).toBe(converted);
          if (sharers.length === 0) expect(k.kFactor).toBeNull();
          else expect(k.kFactor).toBeCloseTo((invited.length / sharers.length) * (invited.length ? converted / invited.length : 0), 12);
          expect(k.observedK).toBe(sharers.length ? attributed / sharers.length : null);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('takes the median time from a customer’s arrival to the first arrival they caused', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('u1', 'u2', 'u3', 'u4'), fc.integer({ min: 0, max: 1000 })), fc.array(click, { maxLength: 30 }), (arrivals, clicks) => {
        const got = viralCycleTime(new Map(Object.entries(arrivals)), clicks);
        const gaps: number[] = [];
        for (const [user, arrived] of Object.entries(arrivals)) {
          const after = clicks.filter((c) => c.sharerId === user && c.at >= arrived).map((c) => c.at);
          if (after.length) gaps.push((Math.min(...after) - arrived) / 1000);
        }
        expect(got.samples).toBe(gaps.length);
        expect(got.medianSeconds).toBe(median(gaps));
      }),
      { numRuns: 300 },
    );
  });
});
