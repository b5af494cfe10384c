// The promoter centre (my status, totals, commission, referees, statement) and the operators' list
// of promoters with the same totals.
import { invalid } from '../../platform/errors.ts';
import { maskName } from '../../platform/mask.ts';
import { money } from '../../platform/money.ts';
import type { AffiliateDeps } from './affiliate.core.ts';
import { afterCursor, keysetPage, presentCommission, presentPromoter, presentTotals, type CommissionTotals, type WithdrawalTotals } from './affiliate.present.ts';
import * as repo from './affiliate.repo.ts';
import { buildStatement } from './affiliate.rules.ts';
import type { CommissionStatus, PromoterStatus, AffiliateDb, AffiliatePlatform } from './affiliate.table.ts';

export const NO_COMMISSION: CommissionTotals = { frozen: 0, settled: 0, reversed: 0 };
export const NO_WITHDRAWALS: WithdrawalTotals = { paid: 0, pending: 0, fees: 0 };

export async function commissionTotals(executor: AffiliateDb, promoterIds: string[]) {
  const out = new Map<string, CommissionTotals>();
  if (!promoterIds.length) return out;
  for (const r of await repo.countCommissionTotals(executor, promoterIds)) {
    const t = out.get(r.promoter_id) ?? { ...NO_COMMISSION };
    if (r.status === 'frozen') t.frozen += Number(r.net);
    if (r.status === 'settled') t.settled += Number(r.net);
    t.reversed += Number(r.reversed);
    out.set(r.promoter_id, t);
  }
  return out;
}

export async function withdrawalTotals(executor: AffiliateDb, promoterIds: string[]) {
  const out = new Map<string, WithdrawalTotals>();
  if (!promoterIds.length) return out;
  for (const r of await repo.countWithdrawalTotals(executor, promoterIds)) {
    const t = out.get(r.promoter_id) ?? { ...NO_WITHDRAWALS };
    if (r.status === 'paid') (t.paid += Number(r.amount)), (t.fees += Number(r.fees));
    else t.pending += Number(r.amount);
    out.set(r.promoter_id, t);
  }
  return out;
}

export async function refereeCounts(executor: AffiliateDb, promoterIds: string[], now: Date) {
  const out = new Map<string, { level1: number; level2: number }>();
  if (!promoterIds.length) return out;
  const l1 = await repo.countLevel1Referees(executor, promoterIds, now);
  const l2 = await repo.countLevel2Referees(executor, promoterIds, now);
  for (const id of promoterIds) out.set(id, { level1: l1.find((r) => r.promoter_id === id)?.n ?? 0, level2: l2.find((r) => r.promoter_id === id)?.n ?? 0 });
  return out;
}

type ApplicationPage = (filter: { status?: PromoterStatus; cursor?: string; limit: number }) => Promise<{ items: repo.PromoterRow[]; nextCursor: string | null }>;

export function centreUseCases(p: AffiliatePlatform, deps: AffiliateDeps, listApplications: ApplicationPage) {
  const { db, clock } = p;
  const { identity } = deps;

  async function me(userId: string) {
    const row = await repo.findPromoter(db, userId);
    const [c, w, r] = await Promise.all([commissionTotals(db, [userId]), withdrawalTotals(db, [userId]), refereeCounts(db, [userId], clock.now())]);
    const binding = await repo.findActiveBinding(db, userId, clock.now());
    return {
      status: (row?.status ?? 'none') as PromoterStatus | 'none',
      applicationId: row?.id ?? null,
      // When the operator (or open mode) approved the application: the centre says so (申请已通过).
      approvedAt: row?.status === 'approved' ? (row.decided_at?.toISOString() ?? null) : null,
      link: row?.status === 'approved'
        ? { hint: 'Share any product or your invite page (POST /api/v1/shares); customers who arrive through your links are bound to you', inviteTarget: { type: 'invite', id: userId } }
        : null,
      upline: binding ? { boundAt: binding.bound_at.toISOString(), expiresAt: binding.expires_at?.toISOString() ?? null } : null,
      referees: r.get(userId) ?? { level1: 0, level2: 0 },
      totals: presentTotals(c.get(userId) ?? NO_COMMISSION, w.get(userId) ?? NO_WITHDRAWALS, row?.balance_amount ?? 0),
    };
  }

  async function myCommissions(userId: string, filter: { status?: CommissionStatus; cursor?: string; limit: number }) {
    const rows = await repo.findCommissionPage(db, userId, { status: filter.status, after: afterCursor(filter.cursor), limit: filter.limit });
    const page = keysetPage(rows, filter.limit, (r) => r.created_at);
    return { items: page.items.map(presentCommission), nextCursor: page.nextCursor };
  }

  /** My customers (level 1) and theirs (level 2), names masked. */
  async function myReferees(userId: string, filter: { level?: 1 | 2; limit: number }) {
    const now = clock.now();
    const level1 = filter.level === 2 ? [] : await repo.findLevel1Referees(db, userId, now, filter.limit);
    const level2 = filter.level === 1 ? [] : await repo.findLevel2Referees(db, userId, now, filter.limit);
    const names = await identity.displayNames(db, [...level1, ...level2].map((r) => r.customer_id));
    const present = (level: 1 | 2) => (r: { customer_id: string; bound_at: Date }) => ({ level, name: maskName(names.get(r.customer_id) ?? '?'), boundAt: r.bound_at.toISOString() });
    return { items: [...level1.map(present(1)), ...level2.map(present(2))] };
  }

  async function statement(userId: string, from: Date, to: Date) {
    if (!(from < to)) throw invalid('AFFILIATE_STATEMENT_RANGE', 'The statement must end after it starts');
    const opening = await repo.countLedgerBefore(db, userId, from);
    const s = buildStatement(Number(opening.n), await repo.findLedgerEntries(db, userId, from, to));
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      openingBalance: money(s.openingBalance),
      commissionsSettled: money(s.commissionsSettled),
      reversals: money(s.reversals),
      withdrawals: money(s.withdrawals),
      fees: money(s.fees),
      withdrawalsReturned: money(s.withdrawalsReturned),
      closingBalance: money(s.closingBalance),
    };
  }

  /** Operator list of approved promoters with their totals. */
  async function listPromoters(filter: { cursor?: string; limit: number }) {
    const page = await listApplications({ status: 'approved', cursor: filter.cursor, limit: filter.limit });
    const ids = page.items.map((r) => r.user_id);
    const [c, w, r, names] = await Promise.all([commissionTotals(db, ids), withdrawalTotals(db, ids), refereeCounts(db, ids, clock.now()), identity.displayNames(db, ids)]);
    return {
      items: page.items.map((row) => ({
        ...presentPromoter(row),
        name: names.get(row.user_id) ?? '',
        referees: r.get(row.user_id) ?? { level1: 0, level2: 0 },
        totals: presentTotals(c.get(row.user_id) ?? NO_COMMISSION, w.get(row.user_id) ?? NO_WITHDRAWALS, row.balance_amount),
      })),
      nextCursor: page.nextCursor,
    };
  }

  return { me, myCommissions, myReferees, statement, listPromoters };
}
