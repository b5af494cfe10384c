// What the customer directory (identity's admin customers pages) asks of referral: who invited
// each of many customers, and whom one customer invited. Read-only, over referral's own tables.
import { sql } from 'kysely';
import type { ReferralPlatform, ReferralStatus } from './referral.table.ts';

/** Ids per statement: well under Postgres' bind-parameter limit. */
const CHUNK = 5_000;

export interface Invitation {
  inviterId: string;
  inviteeId: string;
  /** How the invitee arrived: typed the inviter's code, or opened their invite link. */
  source: 'code' | 'share';
  status: ReferralStatus;
  createdAt: Date;
  qualifiedAt: Date | null;
}

type Row = { inviter_id: string; invitee_id: string; source: 'code' | 'share'; status: ReferralStatus; created_at: Date; qualified_at: Date | null };
const present = (r: Row): Invitation => ({ inviterId: r.inviter_id, inviteeId: r.invitee_id, source: r.source, status: r.status, createdAt: r.created_at, qualifiedAt: r.qualified_at });

export function createReferralCustomerLinks(p: Pick<ReferralPlatform, 'db'>) {
  const { db } = p;

  /** Each given customer's first invitation (one per invitee: the earliest, across campaigns). */
  async function invitationsOf(inviteeIds: readonly string[]) {
    const out = new Map<string, Invitation>();
    const ids = [...new Set(inviteeIds)];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await db.selectFrom('referrals')
        .select(['inviter_id', 'invitee_id', 'source', 'status', 'created_at', 'qualified_at'])
        .where('invitee_id', 'in', ids.slice(i, i + CHUNK))
        .orderBy('created_at', 'asc')
        .execute();
      for (const r of rows) if (!out.has(r.invitee_id)) out.set(r.invitee_id, present(r));
    }
    return out;
  }

  /** Whom a customer invited, newest first, with how many in all and how many qualified. */
  async function inviteesOf(inviterId: string, limit: number) {
    const [rows, totals] = await Promise.all([
      db.selectFrom('referrals')
        .select(['inviter_id', 'invitee_id', 'source', 'status', 'created_at', 'qualified_at'])
        .where('inviter_id', '=', inviterId)
        .orderBy('created_at', 'desc').orderBy('id', 'desc')
        .limit(limit)
        .execute(),
      db.selectFrom('referrals')
        .select([sql<number>`count(*)::int`.as('total'), sql<number>`(count(*) filter (where status = 'qualified'))::int`.as('qualified')])
        .where('inviter_id', '=', inviterId)
        .executeTakeFirstOrThrow(),
    ]);
    return { total: totals.total, qualified: totals.qualified, items: rows.map(present) };
  }

  return { invitationsOf, inviteesOf };
}

export type ReferralCustomerLinks = ReturnType<typeof createReferralCustomerLinks>;
