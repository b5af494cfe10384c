// What operators see of promoters: the directory (search by name, phone or email; sort by GMV,
// orders, commission or joining date; attributed orders, GMV and commission totals per promoter),
// and the application and withdrawal queues with each person's name and masked phone instead of
// an account id. Names come from identity's directory, never from its tables.
import { invalid } from '../../platform/errors.ts';
import { money } from '../../platform/money.ts';
import { decodeCursor, encodeCursor } from '../../platform/schema.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import { commissionTotals, NO_COMMISSION, NO_WITHDRAWALS, refereeCounts, withdrawalTotals } from './affiliate.centre.ts';
import type { DirectoryDeps } from './affiliate.core.ts';
import * as dir from './affiliate.directory.repo.ts';
import { presentPromoter, presentTotals, presentWithdrawal } from './affiliate.present.ts';
import type { PromoterRow } from './affiliate.repo.ts';
import type { AffiliatePlatform, PromoterStatus, WithdrawalStatus } from './affiliate.table.ts';

export type { PromoterSort } from './affiliate.directory.repo.ts';

/** A person as operator lists show them. */
export interface Person {
  id: string;
  name: string;
  /** Masked (138****8000); null without a phone. */
  phone: string | null;
}


type ApplicationPage = (filter: { status?: PromoterStatus; cursor?: string; limit: number }) => Promise<{ items: PromoterRow[]; nextCursor: string | null }>;
type WithdrawalPage = (filter: { promoterId?: string; status?: WithdrawalStatus; cursor?: string; limit: number }) => Promise<{ items: ReturnType<typeof presentWithdrawal>[]; nextCursor: string | null }>;

/** The greatest offset a page may start at: deeper than this, narrow the search instead. */
export const MAX_OFFSET = 100_000;

export function directoryUseCases(p: AffiliatePlatform, deps: DirectoryDeps, lists: { listApplications: ApplicationPage; listWithdrawals: WithdrawalPage }) {
  const { db, clock } = p;

  async function people(userIds: string[]): Promise<(id: string) => Person> {
    const found = await deps.identity.peopleOf(db, userIds);
    // An erased or unknown account still gets a row: its name is empty and the console says so.
    return (id) => {
      const c = found.get(id);
      return { id, name: c?.displayName ?? '', phone: c?.phone ?? null };
    };
  }

  /** An offset cursor from this list, or the offset given; anything else is a coded 400. */
  function startOf(query: { cursor?: string; offset?: number }) {
    if (query.cursor === undefined) return query.offset ?? 0;
    const c = decodeCursor<{ offset: unknown }>(query.cursor);
    if (!c || typeof c.offset !== 'number' || !Number.isInteger(c.offset) || c.offset < 0 || c.offset > MAX_OFFSET) {
      throw invalid('AFFILIATE_CURSOR_INVALID', 'That cursor does not belong to this list; start again without it', { field: 'cursor' });
    }
    return c.offset;
  }

  /** Approved promoters, searched, sorted and paged, with what they brought in and earned. */
  async function searchPromoters(query: { q?: string; sort?: dir.PromoterSort; order?: 'asc' | 'desc'; offset?: number; cursor?: string; limit: number }) {
    const offset = startOf(query);
    const q = query.q?.trim();
    let userIds: string[] | undefined;
    if (q) {
      userIds = [...(await deps.identity.matchingPeople(db, await dir.findApprovedPromoterUserIds(db), q))];
      if (!userIds.length) return { items: [], total: 0, nextCursor: null };
    }
    const sort = query.sort ?? 'joined';
    const order = query.order ?? 'desc';
    const [rows, total] = await Promise.all([dir.findPromoterStatsPage(db, { userIds, sort, order, offset, limit: query.limit }), dir.countApprovedPromoters(db, userIds)]);
    const ids = rows.map((r) => r.user_id);
    const [c, w, r, person] = await Promise.all([commissionTotals(db, ids), withdrawalTotals(db, ids), refereeCounts(db, ids, clock.now()), people(ids)]);
    return {
      items: rows.map((row) => ({
        ...presentPromoter(row),
        person: person(row.user_id),
        name: person(row.user_id).name,
        attributedOrders: row.orders,
        gmv: money(row.gmv, row.currency),
        commission: money(row.commission, row.currency),
        referees: r.get(row.user_id) ?? { level1: 0, level2: 0 },
        totals: presentTotals(c.get(row.user_id) ?? NO_COMMISSION, w.get(row.user_id) ?? NO_WITHDRAWALS, row.balance_amount),
      })),
      total,
      nextCursor: offset + rows.length < total ? encodeCursor({ offset: offset + rows.length }) : null,
    };
  }

  /** The application queue with each applicant's name and masked phone. */
  async function listApplicationsForOperators(filter: { status?: PromoterStatus; cursor?: string; limit: number }) {
    const page = await lists.listApplications(filter);
    const person = await people(page.items.map((r) => r.user_id));
    return { items: page.items.map((r) => ({ ...presentPromoter(r), applicant: person(r.user_id) })), nextCursor: page.nextCursor };
  }

  /** Withdrawals with the promoter's name and masked phone (and the payout account, masked). */
  async function listWithdrawalsForOperators(filter: { promoterId?: string; status?: WithdrawalStatus; cursor?: string; limit: number }) {
    const page = await lists.listWithdrawals(filter);
    const person = await people(page.items.map((w) => w.promoterId));
    return { items: page.items.map((w) => ({ ...w, promoter: person(w.promoterId) })), nextCursor: page.nextCursor };
  }

  return { searchPromoters, listApplicationsForOperators, listWithdrawalsForOperators };
}
