// SQL for the operators' share lists that the reports do not already have: clicks per cascade.
import { sql } from 'kysely';
import type { SharingDb } from './sharing.table.ts';

/** Clicks (other than the sharers' own) on any share of each cascade. */
export async function countCascadeClicks(db: SharingDb, rootIds: string[]) {
  if (!rootIds.length) return new Map<string, number>();
  const rows = await db
    .selectFrom('share_clicks')
    .select(['root_share_id', sql<number>`count(*)::int`.as('clicks')])
    .where('root_share_id', 'in', rootIds)
    .where('self_click', '=', false)
    .groupBy('root_share_id')
    .execute();
  return new Map(rows.map((r) => [r.root_share_id, Number(r.clicks)]));
}
