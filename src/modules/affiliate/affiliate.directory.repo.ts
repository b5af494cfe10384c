// The SQL behind the operators' promoter directory: approved promoters with what they brought in
// (orders and GMV on which they earned level-1 commission) and what they earned, sorted and paged
// by offset, because an operator sorts by GMV and jumps to page 3, which a keyset cannot do for a
// computed column.
import { sql } from 'kysely';
import type { AffiliateDb } from './affiliate.table.ts';

export type PromoterSort = 'gmv' | 'orders' | 'commission' | 'joined';

export interface PromoterStatsFilter {
  /** Only these promoters (user ids), after a name / phone / email search; undefined means all. */
  userIds?: string[];
  sort: PromoterSort;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/**
 * Per promoter: orders on which they earned level-1 commission (every such order, refunded or not),
 * the GMV of those lines net of refunds (each line's base scaled by the share of its commission
 * not reversed), and the commission earned net of reversals, on both levels.
 */
function salesByPromoter(ex: AffiliateDb) {
  return ex
    .selectFrom('affiliate_commissions')
    .select([
      'promoter_id',
      sql<number>`count(distinct order_id) filter (where level = 1)::int`.as('orders'),
      sql<number>`coalesce(round(sum(case when amount > 0 then base_amount::numeric * (amount - reversed_amount) / amount else base_amount end) filter (where level = 1)), 0)::bigint`.as('gmv'),
      sql<number>`coalesce(sum(amount - reversed_amount), 0)::bigint`.as('commission'),
    ])
    .groupBy('promoter_id')
    .as('s');
}

const SORT_COLUMN = {
  gmv: sql`coalesce(s.gmv, 0)`,
  orders: sql`coalesce(s.orders, 0)`,
  commission: sql`coalesce(s.commission, 0)`,
  joined: sql`coalesce(p.decided_at, p.applied_at)`,
} as const;

export async function findPromoterStatsPage(ex: AffiliateDb, f: PromoterStatsFilter) {
  let qb = ex
    .selectFrom('affiliate_promoters as p')
    .leftJoin(salesByPromoter(ex), 's.promoter_id', 'p.user_id')
    .selectAll('p')
    .select([sql<number>`coalesce(s.orders, 0)::int`.as('orders'), sql<number>`coalesce(s.gmv, 0)::bigint`.as('gmv'), sql<number>`coalesce(s.commission, 0)::bigint`.as('commission')])
    .where('p.status', '=', 'approved');
  if (f.userIds) qb = qb.where('p.user_id', 'in', f.userIds);
  const direction = f.order === 'asc' ? sql`asc` : sql`desc`;
  const rows = await qb.orderBy(sql`${SORT_COLUMN[f.sort]} ${direction}`).orderBy('p.id', f.order).offset(f.offset).limit(f.limit).execute();
  return rows.map((r) => ({ ...r, orders: Number(r.orders), gmv: Number(r.gmv), commission: Number(r.commission) }));
}

export async function countApprovedPromoters(ex: AffiliateDb, userIds?: string[]) {
  let qb = ex.selectFrom('affiliate_promoters').select(sql<number>`count(*)::int`.as('n')).where('status', '=', 'approved');
  if (userIds) qb = qb.where('user_id', 'in', userIds);
  return Number((await qb.executeTakeFirstOrThrow()).n);
}

/** Every approved promoter's user id (the set a name search is run over). */
export const findApprovedPromoterUserIds = async (ex: AffiliateDb) =>
  (await ex.selectFrom('affiliate_promoters').select('user_id').where('status', '=', 'approved').execute()).map((r) => r.user_id);
