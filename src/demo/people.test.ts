import { describe, expect, it } from 'vitest';
import { buildFriendGraph, seededRandom } from './people.ts';

function degrees(n: number, edges: Array<[number, number]>): number[] {
  const deg = new Array<number>(n).fill(0);
  for (const [a, b] of edges) {
    deg[a]++;
    deg[b]++;
  }
  return deg;
}

describe('demo friendship graph', () => {
  it('has an average degree near 8, KOL hubs with 100+ friends and nobody left alone at 1,000 shoppers', () => {
    const n = 1000;
    const graph = buildFriendGraph(n, seededRandom(7));
    const deg = degrees(n, graph.edges);
    const average = (2 * graph.edges.length) / n;
    expect(average).toBeGreaterThan(7);
    expect(average).toBeLessThan(9);
    expect(graph.kols.length).toBeGreaterThanOrEqual(3);
    expect(deg.filter((d) => d >= 100).length).toBeGreaterThanOrEqual(3);
    expect(Math.min(...deg)).toBeGreaterThan(0);
    // Heavy tail: the median shopper has far fewer friends than the hubs.
    const median = [...deg].sort((a, b) => a - b)[n >> 1];
    expect(median).toBeLessThan(average);
  });

  it('never links a node to itself or the same pair twice, and each edge is made by the later joiner', () => {
    const n = 500;
    const graph = buildFriendGraph(n, seededRandom(11));
    const keys = new Set<string>();
    for (const [joiner, earlier] of graph.edges) {
      expect(joiner).toBeGreaterThan(earlier);
      keys.add(`${joiner}-${earlier}`);
    }
    expect(keys.size).toBe(graph.edges.length);
  });

  it('is the same graph for the same seed', () => {
    expect(buildFriendGraph(300, seededRandom(3))).toEqual(buildFriendGraph(300, seededRandom(3)));
  });

  it('copes with tiny populations', () => {
    expect(buildFriendGraph(0, seededRandom(1)).edges).toEqual([]);
    expect(buildFriendGraph(1, seededRandom(1)).edges).toEqual([]);
    expect(buildFriendGraph(2, seededRandom(1)).edges).toEqual([[1, 0]]);
  });
});
