// What the click logs tell beyond the counts: the friends each share could still reach in its
// cascade (the denominator of the friend click probability) and the delays from a share to its
// clicks and from a click to the reshare it led to. Pure, like the calibration that uses them.
import type { ShareFact } from './simulator.types.ts';

/**
 * Per share, how many of its sharer's friends on the graph it could reach: those not reached in its
 * cascade by then (as sharer, or clicker of an earlier share), as the model expands a cascade's
 * shares in time order and reaches a friend once. Undefined for a sharer off the graph. A share's
 * count depends on its own cascade only, and every fit takes whole cascades (a mechanic's campaigns,
 * the backtest's leave-one-out), so the service works it out once per history load.
 */
export function reachableFriends(shares: ShareFact[], friendsOf: (userId: string) => readonly string[] | undefined): Map<string, number | undefined> {
  const cascades = new Map<string, ShareFact[]>();
  for (const s of shares) {
    const cascade = cascades.get(s.rootId);
    if (cascade) cascade.push(s);
    else cascades.set(s.rootId, [s]);
  }
  const out = new Map<string, number | undefined>();
  for (const cascade of cascades.values()) {
    const reached = new Set<string>();
    for (const s of cascade.sort((a, b) => a.at - b.at || a.depth - b.depth)) {
      reached.add(s.sharerId);
      const friends = friendsOf(s.sharerId);
      out.set(s.id, friends?.reduce((n, f) => n + (reached.has(f) ? 0 : 1), 0));
      for (const c of s.clickLog) if (c.clickerId !== null) reached.add(c.clickerId);
    }
  }
  return out;
}

/**
 * Hours from a share to each click on it, strangers' (new visitors) and friends' apart: they come
 * by different routes (a feed or a group against a friend's message) and only strangers become new
 * customers. And hours from the click that reached a sharer to their share: the sharer's latest
 * click on the parent before sharing, the click sharing takes the parent from.
 */
export function clickDelays(shares: ShareFact[], byId: Map<string, ShareFact>) {
  const stranger: number[] = [];
  const friend: number[] = [];
  const reshare: number[] = [];
  for (const s of shares) {
    for (const c of s.clickLog) (c.newVisitor ? stranger : friend).push(Math.max(0, (c.at - s.at) / 3_600_000));
    const parent = s.parentId ? byId.get(s.parentId) : undefined;
    let arrival: number | null = null;
    for (const c of parent?.clickLog ?? []) if (c.clickerId === s.sharerId && c.at <= s.at) arrival = c.at;
    if (arrival !== null) reshare.push((s.at - arrival) / 3_600_000);
  }
  return { stranger, friend, all: [...stranger, ...friend], reshare };
}
