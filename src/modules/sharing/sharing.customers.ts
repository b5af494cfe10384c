// What the customer directory (identity's admin customers pages) asks of sharing: which share
// brought each of many customers (their first-touch sign-up attribution), and what one customer's
// own shares brought. Read-only, over sharing's own tables.
import { sql } from 'kysely';
import type { ShareChannel } from './sharing.rules.ts';
import type { SharingPlatform } from './sharing.table.ts';

/** Ids per statement: well under Postgres' bind-parameter limit. */
const CHUNK = 5_000;

export interface SignupShare {
  sharerId: string;
  shareId: string;
  channel: ShareChannel;
  attributedAt: Date;
}

export interface SharesMade {
  shares: number;
  /** Clicks by others (the sharer's own are not counted). */
  clicks: number;
  /** Sign-ups whose last click before signing up was one of these shares. */
  signups: number;
  orders: number;
  paidOrders: number;
  byChannel: { channel: ShareChannel; shares: number }[];
}

const int = (expr: ReturnType<typeof sql>) => sql<number>`(${expr})::int`;

export function createSharingCustomerFacts(p: Pick<SharingPlatform, 'db'>) {
  const { db } = p;

  /** Each given customer's sign-up share (first touch), when a share brought them. */
  async function signupSharesOf(userIds: readonly string[]) {
    const out = new Map<string, SignupShare>();
    const ids = [...new Set(userIds)];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await db.selectFrom('attributions').select(['subject_id', 'sharer_id', 'share_id', 'channel', 'attributed_at'])
        .where('subject_type', '=', 'customer').where('model', '=', 'first_touch')
        .where('subject_id', 'in', ids.slice(i, i + CHUNK))
        .execute();
      for (const r of rows) out.set(r.subject_id, { sharerId: r.sharer_id, shareId: r.share_id, channel: r.channel, attributedAt: r.attributed_at });
    }
    return out;
  }

  /** What a customer's shares did: how many, clicks by others, sign-ups and orders attributed (last touch). */
  async function sharesMadeBy(userId: string): Promise<SharesMade> {
    const [channels, clicks, outcomes] = await Promise.all([
      db.selectFrom('shares').select(['channel', int(sql`count(*)`).as('shares')]).where('sharer_id', '=', userId).groupBy('channel').orderBy('shares', 'desc').execute(),
      db.selectFrom('share_clicks').select(int(sql`count(*)`).as('n')).where('sharer_id', '=', userId).where('self_click', '=', false).executeTakeFirstOrThrow(),
      db.selectFrom('attributions')
        .select([
          int(sql`count(*) filter (where subject_type = 'customer')`).as('signups'),
          int(sql`count(*) filter (where subject_type = 'order')`).as('orders'),
          int(sql`count(*) filter (where subject_type = 'order' and paid)`).as('paid_orders'),
        ])
        .where('sharer_id', '=', userId).where('model', '=', 'last_touch')
        .executeTakeFirstOrThrow(),
    ]);
    return {
      shares: channels.reduce((s, c) => s + c.shares, 0),
      clicks: clicks.n,
      signups: outcomes.signups,
      orders: outcomes.orders,
      paidOrders: outcomes.paid_orders,
      byChannel: channels.map((c) => ({ channel: c.channel, shares: c.shares })),
    };
  }

  return { signupSharesOf, sharesMadeBy };
}

export type SharingCustomerFacts = ReturnType<typeof createSharingCustomerFacts>;
