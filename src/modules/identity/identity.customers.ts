// The customer directory the console's customer pages read: each account with what other modules
// know of it (orders and spend, tier and points, who or what brought them), filtered and sorted
// across all of it, and one customer's overview. Identity owns the accounts; the rest comes
// through the ports below, which orders, loyalty, referral, affiliate and sharing fill from their
// own services (identity imports none of them: they already depend on identity).
import { chinaDayStart } from '../../platform/clock.ts';
import { maskName } from '../../platform/mask.ts';
import { decodeCursor, encodeCursor } from '../../platform/schema.ts';
import * as repo from './identity.customers.repo.ts';
import { maskPhone } from './identity.rules.ts';
import type { AccountStatus, IdentityPlatform } from './identity.table.ts';

// ---- ports: what the directory needs from other modules ---------------------------------

export interface TierFacts { code: string; name: string; nameEn: string; minGrowth: number }

export interface DirectoryPorts {
  orders: { customers: {
    statsForCustomers(ids: readonly string[]): Promise<Map<string, { orders: number; paidOrders: number; spentAmount: number; lastOrderAt: Date | null }>>;
    recentOrdersOf(userId: string, limit: number): Promise<{ id: string; number: string; status: string; kind: string; totalAmount: number; paidAmount: number; refundedAmount: number; currency: string; placedAt: Date }[]>;
  } };
  loyalty: {
    listTiers(): Promise<TierFacts[]>;
    customers: { standingsOf(ids: readonly string[]): Promise<Map<string, { balance: number; growthValue: number; tierCode: string }>> };
    getAdminAccount(userId: string, page: { limit: number }): Promise<{
      balance: number;
      growthValue: number;
      expiring: { points: number; at: string } | null;
      ledger: { items: { id: string; delta: number; reason: string; note: string | null; balanceAfter: number; createdAt: string; expiresAt: string | null }[] };
    }>;
  };
  referral: { customers: {
    invitationsOf(ids: readonly string[]): Promise<Map<string, { inviterId: string; source: 'code' | 'share'; status: string; createdAt: Date }>>;
    inviteesOf(inviterId: string, limit: number): Promise<{ total: number; qualified: number; items: { inviteeId: string; source: 'code' | 'share'; status: string; createdAt: Date; qualifiedAt: Date | null }[] }>;
  } };
  affiliate: { customers: {
    bindingsOf(ids: readonly string[]): Promise<Map<string, { promoterId: string; source: string; boundAt: Date; expiresAt: Date | null }>>;
    promoterStandingOf(userId: string, now: Date): Promise<{ status: string; appliedAt: Date; balanceAmount: number; currency: string; boundCustomers: number; commissionAmount: number } | null>;
  } };
  sharing: { customers: {
    signupSharesOf(ids: readonly string[]): Promise<Map<string, { sharerId: string; shareId: string; channel: string; attributedAt: Date }>>;
    sharesMadeBy(userId: string): Promise<{ shares: number; clicks: number; signups: number; orders: number; paidOrders: number; byChannel: { channel: string; shares: number }[] }>;
  } };
}

// ---- the list ---------------------------------------------------------------------------

export const CUSTOMER_SOURCES = ['direct', 'invite', 'share'] as const;
export type CustomerSource = (typeof CUSTOMER_SOURCES)[number];
export const CUSTOMER_SORTS = ['registered', 'spend', 'orders'] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

export interface DirectoryQuery {
  q?: string;
  status?: AccountStatus;
  tier?: string;
  source?: CustomerSource;
  /** China calendar days, inclusive. */
  registeredFrom?: string;
  registeredTo?: string;
  hasOrders?: boolean;
  sort?: CustomerSort;
  order?: 'asc' | 'desc';
  limit: number;
  /** 1-based page; or the cursor of the previous page. */
  page?: number;
  cursor?: string;
}

interface Facts {
  orders: { orders: number; paidOrders: number; spentAmount: number; lastOrderAt: Date | null } | undefined;
  standing: { balance: number; growthValue: number; tierCode: string } | undefined;
  invitation: { inviterId: string; source: 'code' | 'share'; status: string; createdAt: Date } | undefined;
  signupShare: { sharerId: string; shareId: string; channel: string; attributedAt: Date } | undefined;
}

/** How a customer came: an invitation wins over a share click (an invite link is both), else direct. */
export const sourceOf = (f: Pick<Facts, 'invitation' | 'signupShare'>): CustomerSource => (f.invitation ? 'invite' : f.signupShare ? 'share' : 'direct');

/** The tier a member without an account (nothing earned yet) sits in: the lowest one open from zero growth. */
export const entryTier = <T extends { minGrowth: number }>(tiers: T[]) => [...tiers].sort((a, b) => a.minGrowth - b.minGrowth).find((t) => t.minGrowth <= 0) ?? null;

export function createCustomerDirectory(p: IdentityPlatform) {
  const { db, pii, clock } = p;

  async function factsFor(ports: DirectoryPorts, ids: string[]) {
    const [orders, standings, invitations, signupShares] = await Promise.all([
      ports.orders.customers.statsForCustomers(ids),
      ports.loyalty.customers.standingsOf(ids),
      ports.referral.customers.invitationsOf(ids),
      ports.sharing.customers.signupSharesOf(ids),
    ]);
    return (id: string): Facts => ({ orders: orders.get(id), standing: standings.get(id), invitation: invitations.get(id), signupShare: signupShares.get(id) });
  }

  async function names(ids: (string | undefined | null)[]) {
    const wanted = [...new Set(ids.filter((x): x is string => !!x))];
    const map = new Map<string, string>();
    if (wanted.length === 0) return map;
    for (const u of await repo.findUsersByIds(db, pii, wanted)) map.set(u.id, u.display_name);
    return map;
  }

  async function listCustomers(ports: DirectoryPorts, query: DirectoryQuery) {
    const candidates = await repo.findCandidates(db, pii, {
      q: query.q?.trim() || undefined,
      status: query.status,
      registeredFrom: query.registeredFrom ? chinaDayStart(query.registeredFrom) : undefined,
      registeredBefore: query.registeredTo ? new Date(chinaDayStart(query.registeredTo).getTime() + 86_400_000) : undefined,
    });
    const tiers = await ports.loyalty.listTiers();
    const entry = entryTier(tiers);
    const tierCodeOf = (f: Facts) => f.standing?.tierCode ?? entry?.code ?? null;
    const sort = query.sort ?? 'registered';
    const desc = (query.order ?? 'desc') === 'desc';
    // Filters and sorts on other modules' facts need them for every candidate; otherwise only the page's.
    const acrossModules = query.tier !== undefined || query.source !== undefined || query.hasOrders !== undefined || sort !== 'registered';
    let rows = candidates.map((c) => ({ id: c.id, createdAt: c.created_at }));
    let factsOf = acrossModules ? await factsFor(ports, rows.map((r) => r.id)) : null;
    if (factsOf) {
      const f = factsOf;
      rows = rows.filter((r) => {
        const facts = f(r.id);
        if (query.tier !== undefined && tierCodeOf(facts) !== query.tier) return false;
        if (query.source !== undefined && sourceOf(facts) !== query.source) return false;
        if (query.hasOrders !== undefined && (facts.orders?.orders ?? 0) > 0 !== query.hasOrders) return false;
        return true;
      });
      if (sort !== 'registered') {
        const key = (id: string) => (sort === 'spend' ? f(id).orders?.spentAmount ?? 0 : f(id).orders?.orders ?? 0);
        // Ties keep the newest registration first.
        rows = rows.map((r, i) => ({ r, i, k: key(r.id) })).sort((a, b) => (desc ? b.k - a.k : a.k - b.k) || a.i - b.i).map((x) => x.r);
      }
    }
    if (sort === 'registered' && !desc) rows.reverse();

    const total = rows.length;
    const offset = query.page ? (query.page - 1) * query.limit : Math.max(0, Number(decodeCursor<{ offset?: number }>(query.cursor)?.offset) || 0);
    const pageRows = rows.slice(offset, offset + query.limit);
    const ids = pageRows.map((r) => r.id);
    factsOf ??= await factsFor(ports, ids);
    const users = new Map((await repo.findUsersByIds(db, pii, ids)).map((u) => [u.id, u]));
    const f = factsOf;
    const inviterNames = await names(ids.flatMap((id) => [f(id).invitation?.inviterId, f(id).signupShare?.sharerId]));
    const tierByCode = new Map(tiers.map((t) => [t.code, t]));
    const items = pageRows.flatMap((r) => {
      const u = users.get(r.id);
      if (!u) return [];
      const facts = f(r.id);
      const tierCode = tierCodeOf(facts);
      const tier = tierCode ? tierByCode.get(tierCode) : undefined;
      const source = sourceOf(facts);
      const by = facts.invitation?.inviterId ?? facts.signupShare?.sharerId ?? null;
      return [{
        id: u.id,
        email: u.email,
        phone: u.phone ? maskPhone(u.phone) : null,
        displayName: u.display_name,
        roles: u.roles,
        status: u.status,
        createdAt: u.created_at.toISOString(),
        orders: facts.orders?.orders ?? 0,
        paidOrders: facts.orders?.paidOrders ?? 0,
        spent: { amount: facts.orders?.spentAmount ?? 0, currency: 'CNY' },
        lastOrderAt: facts.orders?.lastOrderAt?.toISOString() ?? null,
        tier: tier ? { code: tier.code, name: tier.name, nameEn: tier.nameEn } : null,
        points: facts.standing?.balance ?? 0,
        source: {
          kind: source,
          channel: source === 'share' ? facts.signupShare!.channel : null,
          by: by ? { id: by, name: inviterNames.get(by) ?? '' } : null,
        },
      }];
    });
    const next = offset + query.limit;
    return { items, total, nextCursor: next < total ? encodeCursor({ offset: next }) : null };
  }

  // ---- one customer -----------------------------------------------------------------------

  async function customerOverview(ports: DirectoryPorts, userId: string) {
    const now = clock.now();
    const [facts, recentOrders, points, invitees, binding, promoter, shares, addresses, tiers] = await Promise.all([
      factsFor(ports, [userId]).then((f) => f(userId)),
      ports.orders.customers.recentOrdersOf(userId, 20),
      ports.loyalty.getAdminAccount(userId, { limit: 30 }),
      ports.referral.customers.inviteesOf(userId, 50),
      ports.affiliate.customers.bindingsOf([userId]).then((m) => m.get(userId) ?? null),
      ports.affiliate.customers.promoterStandingOf(userId, now),
      ports.sharing.customers.sharesMadeBy(userId),
      repo.findAddressesOf(db, pii, userId),
      ports.loyalty.listTiers(),
    ]);
    const nameOf = await names([facts.invitation?.inviterId, facts.signupShare?.sharerId, binding?.promoterId, ...invitees.items.map((i) => i.inviteeId)]);
    const named = (id: string) => ({ id, name: nameOf.get(id) ?? '' });
    const tierCode = facts.standing?.tierCode ?? entryTier(tiers)?.code ?? null;
    const tier = tiers.find((t) => t.code === tierCode) ?? null;
    const nextTier = [...tiers].sort((a, b) => a.minGrowth - b.minGrowth).find((t) => t.minGrowth > points.growthValue) ?? null;
    return {
      id: userId,
      stats: {
        orders: facts.orders?.orders ?? 0,
        paidOrders: facts.orders?.paidOrders ?? 0,
        spent: { amount: facts.orders?.spentAmount ?? 0, currency: 'CNY' },
        lastOrderAt: facts.orders?.lastOrderAt?.toISOString() ?? null,
      },
      source: {
        kind: sourceOf(facts),
        channel: facts.signupShare?.channel ?? null,
        at: (facts.invitation?.createdAt ?? facts.signupShare?.attributedAt)?.toISOString() ?? null,
      },
      orders: recentOrders.map((o) => ({ id: o.id, number: o.number, status: o.status, kind: o.kind, total: { amount: o.totalAmount, currency: o.currency }, paid: { amount: o.paidAmount, currency: o.currency }, refunded: { amount: o.refundedAmount, currency: o.currency }, placedAt: o.placedAt.toISOString() })),
      addresses: addresses.map((a) => ({ id: a.id, recipient: maskName(a.recipient), phone: maskPhone(a.phone), province: a.province, city: a.city, district: a.district, line1: maskLine(a.line1), isDefault: a.is_default })),
      inviter: facts.invitation ? { ...named(facts.invitation.inviterId), source: facts.invitation.source, status: facts.invitation.status, at: facts.invitation.createdAt.toISOString() } : null,
      signupShare: facts.signupShare ? { sharer: named(facts.signupShare.sharerId), channel: facts.signupShare.channel, at: facts.signupShare.attributedAt.toISOString() } : null,
      invitees: { total: invitees.total, qualified: invitees.qualified, items: invitees.items.map((i) => ({ ...named(i.inviteeId), source: i.source, status: i.status, at: i.createdAt.toISOString(), qualifiedAt: i.qualifiedAt?.toISOString() ?? null })) },
      promoter: {
        binding: binding ? { promoter: named(binding.promoterId), source: binding.source, boundAt: binding.boundAt.toISOString(), expiresAt: binding.expiresAt?.toISOString() ?? null, active: !binding.expiresAt || binding.expiresAt > now } : null,
        own: promoter ? { status: promoter.status, appliedAt: promoter.appliedAt.toISOString(), balance: { amount: promoter.balanceAmount, currency: promoter.currency }, boundCustomers: promoter.boundCustomers, commission: { amount: promoter.commissionAmount, currency: promoter.currency } } : null,
      },
      shares,
      loyalty: {
        balance: points.balance,
        growthValue: points.growthValue,
        tier: tier ? { code: tier.code, name: tier.name, nameEn: tier.nameEn } : null,
        nextTier: nextTier ? { code: nextTier.code, name: nextTier.name, nameEn: nextTier.nameEn, growthNeeded: nextTier.minGrowth - points.growthValue } : null,
        expiring: points.expiring,
        history: points.ledger.items.map((e) => ({ id: e.id, delta: e.delta, reason: e.reason, note: e.note, balanceAfter: e.balanceAfter, createdAt: e.createdAt, expiresAt: e.expiresAt })),
      },
    };
  }

  return { listCustomers, customerOverview };
}

/** A street line masked for the console: the first few characters, the rest starred (the full line needs a reveal). */
export function maskLine(line: string): string {
  const chars = [...line];
  return chars.length <= 4 ? chars[0] + '***' : chars.slice(0, 4).join('') + '****';
}

export type CustomerDirectory = ReturnType<typeof createCustomerDirectory>;
