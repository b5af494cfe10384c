import { describe, expect, it } from 'vitest';
import { cascadeStats, type CascadeNode } from './cascade.rules.ts';

const star = (n: number): CascadeNode[] => [{ id: 'r', parentId: null }, ...Array.from({ length: n - 1 }, (_, i) => ({ id: `c${i}`, parentId: 'r' }))];
const path = (n: number): CascadeNode[] => Array.from({ length: n }, (_, i) => ({ id: `n${i}`, parentId: i === 0 ? null : `n${i - 1}` }));

/** Mean pairwise distance by brute force (BFS from every node), to check the O(n) formula. */
function bruteVirality(nodes: CascadeNode[]): number {
  const adj = new Map<string, string[]>(nodes.map((x) => [x.id, []]));
  for (const x of nodes) if (x.parentId) {
    adj.get(x.id)!.push(x.parentId);
    adj.get(x.parentId)!.push(x.id);
  }
  let total = 0;
  for (const start of adj.keys()) {
    const dist = new Map([[start, 0]]);
    const queue = [start];
    for (let i = 0; i < queue.length; i++) for (const next of adj.get(queue[i])!) if (!dist.has(next)) {
      dist.set(next, dist.get(queue[i])! + 1);
      queue.push(next);
    }
    for (const d of dist.values()) total += d;
  }
  const n = nodes.length;
  return total / 2 / ((n * (n - 1)) / 2);
}

describe('cascade statistics', () => {
  it('a lone share has size 1, depth 0 and virality 0', () => {
    expect(cascadeStats([{ id: 'a', parentId: null }])).toEqual({ size: 1, depth: 0, maxBreadth: 1, structuralVirality: 0 });
  });

  it.each([2, 3, 5, 10, 100])('a star of %i has virality 2(n−1)/n, depth 1 and breadth n−1', (n) => {
    const stats = cascadeStats(star(n));
    expect(stats.structuralVirality).toBeCloseTo((2 * (n - 1)) / n, 12);
    expect(stats).toMatchObject({ size: n, depth: 1, maxBreadth: Math.max(1, n - 1) });
  });

  it.each([2, 3, 4, 10, 250])('a chain of %i has virality (n+1)/3 and depth n−1', (n) => {
    const stats = cascadeStats(path(n));
    expect(stats.structuralVirality).toBeCloseTo((n + 1) / 3, 12);
    expect(stats).toMatchObject({ size: n, depth: n - 1, maxBreadth: 1 });
  });

  it('matches brute-force mean pairwise distance on random trees, whatever order the nodes come in', () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 30; trial++) {
      const n = 2 + Math.floor(rand() * 60);
      const nodes: CascadeNode[] = [{ id: 'x0', parentId: null }];
      for (let i = 1; i < n; i++) nodes.push({ id: `x${i}`, parentId: `x${Math.floor(rand() * i)}` });
      const shuffled = [...nodes].sort(() => rand() - 0.5);
      expect(cascadeStats(shuffled).structuralVirality).toBeCloseTo(bruteVirality(nodes), 10);
    }
  });

  it('treats a parent outside the set as the root (a subtree of a larger cascade)', () => {
    expect(cascadeStats([{ id: 'b', parentId: 'a' }, { id: 'c', parentId: 'b' }])).toMatchObject({ size: 2, depth: 1 });
  });

  it('refuses a forest or a cycle', () => {
    expect(() => cascadeStats([{ id: 'a', parentId: null }, { id: 'b', parentId: null }])).toThrow(RangeError);
    expect(() => cascadeStats([{ id: 'r', parentId: null }, { id: 'a', parentId: 'b' }, { id: 'b', parentId: 'a' }])).toThrow(RangeError);
  });
});
