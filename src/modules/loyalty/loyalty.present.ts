// Loyalty's answers: a tier and a ledger entry.
import type { EntryRow } from './loyalty.repo.ts';
import type { Tier } from './loyalty.rules.ts';

export const presentTier = (t: Tier) => ({ code: t.code, name: t.name, nameEn: t.nameEn, minGrowth: t.minGrowth, discountBp: t.discountBp, freeShipping: t.freeShipping, sort: t.sort });

export const presentEntry = (e: EntryRow) => ({
  id: String(e.id),
  delta: e.delta,
  growthDelta: e.growth_delta,
  reason: e.reason,
  ref: e.ref,
  note: e.note,
  shortfall: e.shortfall,
  balanceAfter: e.balance_after,
  createdAt: e.created_at.toISOString(),
  expiresAt: e.expires_at ? e.expires_at.toISOString() : null,
});
