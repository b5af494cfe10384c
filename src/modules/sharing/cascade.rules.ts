// Cascade trees of shares: size, depth, breadth and structural virality, from parent pointers.
// Pure: nodes in, numbers out.

export interface CascadeNode {
  id: string;
  parentId: string | null;
}

export interface CascadeStats {
  size: number;
  /** Longest root-to-leaf path in edges (a lone root has depth 0). */
  depth: number;
  /** Most nodes at any one depth. */
  maxBreadth: number;
  /**
   * Structural virality (Goel, Anderson, Hofman, Watts 2016): the mean shortest-path distance
   * over all pairs of nodes. 0 for a single node; 2(n−1)/n for a broadcast star; (n+1)/3 for a chain.
   */
  structuralVirality: number;
}

/**
 * Statistics of the tree rooted at the one node whose parent is null or outside the set.
 * O(n): depths by a breadth-first walk from the root, subtree sizes by walking that order
 * backwards; the Wiener index of a tree is Σ over edges of s·(n−s), with s the size of the
 * subtree below the edge.
 */
export function cascadeStats(nodes: CascadeNode[]): CascadeStats {
  const n = nodes.length;
  if (n === 0) return { size: 0, depth: 0, maxBreadth: 0, structuralVirality: 0 };
  const ids = new Set(nodes.map((x) => x.id));
  const roots = nodes.filter((node) => node.parentId === null || !ids.has(node.parentId));
  if (roots.length !== 1) throw new RangeError(`a cascade has exactly one root (found ${roots.length})`);
  const stats = cascadeStatsBelow(roots[0].id, nodes);
  if (stats.size !== n) throw new RangeError('a cascade must be a tree (a node is unreachable from the root or listed twice)');
  return stats;
}

/**
 * Statistics of the tree below `rootId` among `nodes`, leaving out nodes it does not reach (a
 * report over a date range may hold a share whose parent fell outside the range).
 */
export function cascadeStatsBelow(rootId: string, nodes: CascadeNode[]): CascadeStats {
  const children = new Map<string, string[]>();
  for (const node of nodes) {
    if (node.parentId === null || node.id === rootId) continue;
    const list = children.get(node.parentId);
    if (list) list.push(node.id);
    else children.set(node.parentId, [node.id]);
  }

  const order: string[] = [rootId];
  const depthOf = new Map<string, number>([[rootId, 0]]);
  const parentOf = new Map<string, string>();
  for (let i = 0; i < order.length; i++) {
    const id = order[i];
    for (const child of children.get(id) ?? []) {
      if (depthOf.has(child)) continue; // listed twice: counted once
      depthOf.set(child, depthOf.get(id)! + 1);
      parentOf.set(child, id);
      order.push(child);
    }
  }
  const n = order.length;

  const breadth = new Map<number, number>();
  let depth = 0;
  for (const d of depthOf.values()) {
    breadth.set(d, (breadth.get(d) ?? 0) + 1);
    if (d > depth) depth = d;
  }

  const size = new Map<string, number>();
  let wiener = 0;
  for (let i = order.length - 1; i >= 0; i--) {
    const id = order[i];
    const s = (size.get(id) ?? 0) + 1;
    size.set(id, s);
    const parent = parentOf.get(id);
    if (parent !== undefined) {
      size.set(parent, (size.get(parent) ?? 0) + s);
      wiener += s * (n - s);
    }
  }

  return {
    size: n,
    depth,
    maxBreadth: Math.max(...breadth.values()),
    structuralVirality: n === 1 ? 0 : wiener / ((n * (n - 1)) / 2),
  };
}
