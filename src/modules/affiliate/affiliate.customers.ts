// What the customer directory (identity's admin customers pages) asks of affiliate: which promoter
// each of many customers is bound to, and one customer's own standing as a promoter. Read-only,
// over affiliate's own tables.
import { sql } from 'kysely';
import type { AffiliatePlatform, PromoterStatus } from './affiliate.table.ts';

/** Ids per statement: well under Postgres' bind-parameter limit. */
const CHUNK = 5_000;

export interface PromoterBinding {
  promoterId: string;
  source: 'share' | 'order' | 'operator';
  boundAt: Date;
  /** null: bound for good; a past date: the binding has lapsed. */
  expiresAt: Date | null;
}

export interface PromoterStanding {
  status: PromoterStatus;
  appliedAt: Date;
  balanceAmount: number;
  currency: string;
  /** Customers bound to them now. */
  boundCustomers: number;
  /** Commission earned and not reversed, frozen or settled (fen). */
  commissionAmount: number;
}

export function createAffiliateCustomerFacts(p: Pick<AffiliatePlatform, 'db'>) {
  const { db } = p;

  /** Each given customer's promoter binding, lapsed ones included (the caller compares expiresAt). */
  async function bindingsOf(customerIds: readonly string[]) {
    const out = new Map<string, PromoterBinding>();
    const ids = [...new Set(customerIds)];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await db.selectFrom('promoter_bindings').select(['customer_id', 'promoter_id', 'source', 'bound_at', 'expires_at']).where('customer_id', 'in', ids.slice(i, i + CHUNK)).execute();
      for (const r of rows) out.set(r.customer_id, { promoterId: r.promoter_id, source: r.source, boundAt: r.bound_at, expiresAt: r.expires_at });
    }
    return out;
  }

  /** The customer's own promoter record, or null when they never applied. */
  async function promoterStandingOf(userId: string, now: Date): Promise<PromoterStanding | null> {
    const promoter = await db.selectFrom('affiliate_promoters').select(['status', 'applied_at', 'balance_amount', 'currency']).where('user_id', '=', userId).executeTakeFirst();
    if (!promoter) return null;
    const [bound, earned] = await Promise.all([
      db.selectFrom('promoter_bindings').select(sql<number>`count(*)::int`.as('n'))
        .where('promoter_id', '=', userId)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
        .executeTakeFirstOrThrow(),
      db.selectFrom('affiliate_commissions').select(sql<string>`coalesce(sum(amount - reversed_amount), 0)::bigint`.as('amount'))
        .where('promoter_id', '=', userId)
        .where('status', '!=', 'reversed')
        .executeTakeFirstOrThrow(),
    ]);
    return { status: promoter.status, appliedAt: promoter.applied_at, balanceAmount: Number(promoter.balance_amount), currency: promoter.currency, boundCustomers: bound.n, commissionAmount: Number(earned.amount) };
  }

  return { bindingsOf, promoterStandingOf };
}

export type AffiliateCustomerFacts = ReturnType<typeof createAffiliateCustomerFacts>;
