// The identity graph and the two domain algorithms over it. Accounts are linked through the
// identifiers they share (graphology holds the graph; its maintained packages find connected
// components and Louvain communities); FRAUDAR-style greedy peeling finds the densest block of
// accounts × campaigns, and a CopyCatch-style pass finds accounts acting in lockstep. Pure: the
// job loads rows, calls these, and records what they found.
import { UndirectedGraph } from 'graphology';
import { connectedComponents } from 'graphology-components';
import louvainModule from 'graphology-communities-louvain';

// A CommonJS package whose types declare an ES default: at run time the import is the function.
const louvain = ((louvainModule as unknown as { default?: unknown }).default ?? louvainModule) as unknown as typeof louvainModule.default;

interface LinkAttributes {
  weight: number;
  kinds: Link['kind'][];
}
type IdentityGraph = UndirectedGraph<Record<string, never>, LinkAttributes>;

/** One identifier one account was seen with (a device, a /24, a card, an address hash, a phone). */
export interface Link {
  userId: string;
  kind: 'device' | 'network' | 'phone' | 'card' | 'address';
  value: string;
}

/** How much sharing one identifier says: a device or a card is near proof, a network a hint. */
export const LINK_WEIGHT: Record<Link['kind'], number> = { device: 1, card: 1, address: 0.8, phone: 0.8, network: 0.3 };
/** The kinds that alone make two accounts one person's (a ring is a component over these). */
export const STRONG_KINDS: readonly Link['kind'][] = ['device', 'card', 'address', 'phone'];

export interface GraphOptions {
  /** An identifier shared by more accounts than this (a campus NAT, a shared office) links none of them. */
  maxGroup: number;
  /** At most this many accounts enter the graph (the newest links are kept by the caller). */
  maxNodes: number;
}

export const DEFAULT_GRAPH_OPTIONS: GraphOptions = { maxGroup: 40, maxNodes: 20_000 };

/** Accounts as nodes, an edge per pair sharing an identifier, weighted by what they share. */
export function identityGraph(links: readonly Link[], options: GraphOptions = DEFAULT_GRAPH_OPTIONS): IdentityGraph {
  const graph: IdentityGraph = new UndirectedGraph();
  const groups = new Map<string, Set<string>>();
  for (const l of links) {
    if (!graph.hasNode(l.userId)) {
      if (graph.order >= options.maxNodes) continue;
      graph.addNode(l.userId);
    }
    const key = `${l.kind}\u0000${l.value}`;
    const g = groups.get(key) ?? new Set<string>();
    g.add(l.userId);
    groups.set(key, g);
  }
  for (const [key, members] of groups) {
    if (members.size < 2 || members.size > options.maxGroup) continue;
    const kind = key.slice(0, key.indexOf('\u0000')) as Link['kind'];
    const list = [...members];
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [a, b] = [list[i]!, list[j]!];
        if (graph.hasEdge(a, b)) {
          graph.updateEdgeAttributes(a, b, (attr) => ({ weight: attr.weight + LINK_WEIGHT[kind], kinds: [...new Set([...attr.kinds, kind])] }));
        } else {
          graph.addEdge(a, b, { weight: LINK_WEIGHT[kind], kinds: [kind] });
        }
      }
    }
  }
  return graph;
}

/** Groups of at least `minSize` accounts joined through strong identifiers only (connected components). */
export function rings(graph: IdentityGraph, minSize: number): string[][] {
  const strong = new UndirectedGraph();
  graph.forEachNode((n) => strong.addNode(n));
  graph.forEachEdge((_e, attr, a, b) => {
    if (attr.kinds.some((k) => STRONG_KINDS.includes(k))) strong.addEdge(a, b);
  });
  return connectedComponents(strong).filter((c) => c.length >= minSize).map((c) => c.sort());
}

/** A seeded generator so a recompute over the same graph finds the same communities. */
function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Louvain communities over the weighted graph (isolated accounts are left out), each sorted. */
export function communities(graph: IdentityGraph, minSize = 2): string[][] {
  if (graph.size === 0) return [];
  const assignment = louvain(graph, { getEdgeWeight: 'weight', rng: seeded(42) });
  const by = new Map<number, string[]>();
  for (const [node, c] of Object.entries(assignment)) if (graph.degree(node) > 0) by.set(c, [...(by.get(c) ?? []), node]);
  return [...by.values()].filter((c) => c.length >= minSize).map((c) => c.sort());
}

/** One account acting on one campaign (a claim, a help, a join); repeats add weight. */
export interface Action {
  userId: string;
  campaignId: string;
}

export interface DenseBlock {
  users: string[];
  campaigns: string[];
  /** Weighted edges inside the block over its size (FRAUDAR's g). */
  density: number;
}

/**
 * FRAUDAR's greedy peeling (Hooi et al., KDD 2016) over the bipartite account × campaign graph:
 * an edge into a popular campaign weighs 1 / log(degree + 5), so a crowd of organic shoppers on
 * one big campaign is not dense; repeatedly remove the node whose edges weigh least, and keep the
 * remaining set whose weight per node was highest. Quadratic in the nodes: the caller caps them.
 */
export function densestBlock(actions: readonly Action[]): DenseBlock {
  const degree = new Map<string, number>();
  for (const a of actions) degree.set(a.campaignId, (degree.get(a.campaignId) ?? 0) + 1);
  const weightOf = (campaignId: string) => 1 / Math.log(degree.get(campaignId)! + 5);
  // Node keys: u:<user>, c:<campaign>; adjacency with weights (parallel edges add up).
  const adj = new Map<string, Map<string, number>>();
  const add = (a: string, b: string, w: number) => {
    const m = adj.get(a) ?? new Map<string, number>();
    m.set(b, (m.get(b) ?? 0) + w);
    adj.set(a, m);
  };
  let total = 0;
  for (const a of actions) {
    const w = weightOf(a.campaignId);
    add(`u:${a.userId}`, `c:${a.campaignId}`, w);
    add(`c:${a.campaignId}`, `u:${a.userId}`, w);
    total += w;
  }
  const alive = new Set(adj.keys());
  const marginal = new Map<string, number>();
  for (const [n, m] of adj) marginal.set(n, [...m.values()].reduce((s, w) => s + w, 0));
  let best = alive.size ? total / alive.size : 0;
  const removed: string[] = [];
  let bestRemoved = 0;
  while (alive.size > 1) {
    let pick = '';
    let least = Infinity;
    for (const n of alive) {
      const w = marginal.get(n)!;
      if (w < least || (w === least && n < pick)) [pick, least] = [n, w];
    }
    alive.delete(pick);
    removed.push(pick);
    total -= least;
    for (const [other, w] of adj.get(pick)!) if (alive.has(other)) marginal.set(other, marginal.get(other)! - w);
    const g = total / alive.size;
    if (g > best + 1e-12) [best, bestRemoved] = [g, removed.length];
  }
  const gone = new Set(removed.slice(0, bestRemoved));
  const block = [...adj.keys()].filter((n) => !gone.has(n));
  return {
    users: block.filter((n) => n.startsWith('u:')).map((n) => n.slice(2)).sort(),
    campaigns: block.filter((n) => n.startsWith('c:')).map((n) => n.slice(2)).sort(),
    density: best,
  };
}

/** One timed action: what (campaign and kind, as one key) and when. */
export interface TimedAction {
  userId: string;
  key: string;
  at: number;
}

export interface LockstepOptions {
  /** Actions on one key within this many milliseconds of a burst's first are one burst. */
  windowMs: number;
  /** A burst needs this many distinct accounts; so does a lockstep group. */
  minUsers: number;
  /** Two accounts are in lockstep when they share at least this many bursts. */
  minBursts: number;
}

export const DEFAULT_LOCKSTEP: LockstepOptions = { windowMs: 30_000, minUsers: 4, minBursts: 2 };

/**
 * CopyCatch-style lockstep (Beutel et al., WWW 2013), simplified to fixed windows: on each key,
 * actions within `windowMs` of a burst's first form a burst; accounts that turn up together in at
 * least `minBursts` bursts are linked, and groups of at least `minUsers` so linked are returned.
 * Organic shoppers may share one busy minute; a scripted ring shares many.
 */
export function lockstepGroups(actions: readonly TimedAction[], options: LockstepOptions = DEFAULT_LOCKSTEP): string[][] {
  const byKey = new Map<string, TimedAction[]>();
  for (const a of actions) byKey.set(a.key, [...(byKey.get(a.key) ?? []), a]);
  const shared = new UndirectedGraph<Record<string, never>, { bursts: number }>();
  for (const list of byKey.values()) {
    list.sort((a, b) => a.at - b.at);
    let start = 0;
    while (start < list.length) {
      let end = start;
      while (end + 1 < list.length && list[end + 1]!.at - list[start]!.at <= options.windowMs) end++;
      const users = [...new Set(list.slice(start, end + 1).map((a) => a.userId))].sort();
      if (users.length >= options.minUsers) {
        for (let i = 0; i < users.length; i++) {
          for (let j = i + 1; j < users.length; j++) {
            const [a, b] = [users[i]!, users[j]!];
            shared.mergeNode(a);
            shared.mergeNode(b);
            if (shared.hasEdge(a, b)) shared.updateEdgeAttribute(a, b, 'bursts', (n) => (n ?? 0) + 1);
            else shared.addEdge(a, b, { bursts: 1 });
          }
        }
      }
      start = end + 1;
    }
  }
  const strong = new UndirectedGraph();
  shared.forEachEdge((_e, attr, a, b) => {
    if (attr.bursts >= options.minBursts) {
      strong.mergeNode(a);
      strong.mergeNode(b);
      strong.addEdge(a, b);
    }
  });
  return connectedComponents(strong).filter((c) => c.length >= options.minUsers).map((c) => c.sort());
}
