// What the customer directory (identity's admin customers pages) asks of loyalty: balances, growth
// and tiers of many members at once. Read-only, over loyalty's own tables.
import type { LoyaltyPlatform } from './loyalty.table.ts';

/** Ids per statement: well under Postgres' bind-parameter limit. */
const CHUNK = 5_000;

export interface MemberStanding {
  balance: number;
  growthValue: number;
  tierCode: string;
}

export function createLoyaltyCustomerFacts(p: Pick<LoyaltyPlatform, 'db'>) {
  const { db } = p;

  /** Each given customer's points and tier; a customer who never earned anything has no account and is absent. */
  async function standingsOf(userIds: readonly string[]) {
    const out = new Map<string, MemberStanding>();
    const ids = [...new Set(userIds)];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await db.selectFrom('loyalty_accounts').select(['user_id', 'balance', 'growth_value', 'tier_code']).where('user_id', 'in', ids.slice(i, i + CHUNK)).execute();
      for (const r of rows) out.set(r.user_id, { balance: Number(r.balance), growthValue: Number(r.growth_value), tierCode: r.tier_code });
    }
    return out;
  }

  return { standingsOf };
}

export type LoyaltyCustomerFacts = ReturnType<typeof createLoyaltyCustomerFacts>;
