// The blacklist as an in-process snapshot. Every decision checks it, it changes by hand, and it is
// small, so a decision matches against memory instead of carrying the check in its evidence read.
// That also frees the evidence read from waiting for identity's facts (the phone it matches), so the
// two reads run side by side: one round trip fewer on every guarded request. An entry added or
// removed reaches this process at once and the others through the invalidation bus; the TTL is
// the safety net. A blacklist too large to hold (over SNAPSHOT_MAX) is not cached: decisions then
// match it in SQL, as before.
import { ReadCache } from '../../platform/read-cache.ts';
import * as repo from './risk.repo.ts';
import { ipInRanges, type BlacklistKind } from './risk.rules.ts';
import type { RiskDb, RiskPlatform } from './risk.table.ts';

export const BLACKLIST_CHANGED = 'risk.blacklist';
const SNAPSHOT_MAX = 10_000;

export interface BlacklistSnapshot {
  /** The kinds of the entries matching these identifiers (IP by range). */
  matches(q: { devices: readonly string[]; phone: string | null; card: string | null; address: string | null; ip: string | null }): BlacklistKind[];
}

function snapshotOf(rows: { kind: BlacklistKind; value: string }[]): BlacklistSnapshot {
  const exact = new Map<BlacklistKind, Set<string>>();
  const ranges: string[] = [];
  for (const r of rows) {
    if (r.kind === 'ip') ranges.push(r.value);
    else exact.set(r.kind, (exact.get(r.kind) ?? new Set<string>()).add(r.value));
  }
  const has = (kind: BlacklistKind, value: string | null) => value !== null && !!exact.get(kind)?.has(value);
  return {
    matches: (q) => [
      ...(q.devices.some((d) => has('device', d)) ? ['device' as const] : []),
      ...(has('phone', q.phone) ? ['phone' as const] : []),
      ...(has('card', q.card) ? ['card' as const] : []),
      ...(has('address', q.address) ? ['address' as const] : []),
      ...(ranges.length && ipInRanges(q.ip, ranges) ? ['ip' as const] : []),
    ],
  };
}

export function createBlacklistCache(p: RiskPlatform) {
  const cache = new ReadCache<BlacklistSnapshot | null>({ ttlMs: p.config.caches.maxAgeMs, max: 1 });
  cache.follow(p.invalidation, BLACKLIST_CHANGED, (_key, c) => c.clear());
  return {
    /** The snapshot, or null when caching is off or the blacklist is too large to hold. */
    current: (reader: RiskDb) =>
      cache.getOrLoad('all', async () => {
        const rows = await repo.findBlacklistValues(reader, SNAPSHOT_MAX + 1);
        return rows.length > SNAPSHOT_MAX ? null : snapshotOf(rows);
      }),
    /** After a change has committed: every process drops its snapshot. */
    changed: () => p.invalidation.publish(BLACKLIST_CHANGED, '*'),
  };
}

export type BlacklistCache = ReturnType<typeof createBlacklistCache>;
