// API shapes of templates, coupons and packs: rows in, JSON-ready objects out. Amounts go out as
// money objects in the template's currency.
import { money } from '../../platform/money.ts';
import { decodeCursor, encodeCursor } from '../../platform/schema.ts';
import type { CouponRow, CouponWithTemplate, PackRow, TemplateRow } from './coupons.repo.ts';
import { effectiveStatus } from './coupons.rules.ts';
import type { CouponStatus } from './coupons.table.ts';

export const iso = (d: Date | null) => d?.toISOString() ?? null;
const moneyOrNull = (amount: number | null, currency: string) => (amount === null ? null : money(amount, currency));

export type TemplateStats = Map<CouponStatus, { n: number; discount: number }>;
/** The template's budget and spend, kept by the campaign kernel. */
export interface TemplateBudget {
  budgetAmount: number | null;
  spentAmount: number;
}

/** A template as shoppers see it: its terms and quota, never the campaign's budget. */
export function presentTemplateTerms(t: TemplateRow) {
  return {
    id: t.id,
    name: t.name,
    nameEn: t.name_en,
    description: t.description,
    descriptionEn: t.description_en,
    kind: t.kind,
    amount: moneyOrNull(t.amount, t.currency),
    percentBp: t.percent_bp,
    maxDiscount: moneyOrNull(t.max_discount_amount, t.currency),
    minSpend: money(t.min_spend_amount, t.currency),
    scope: t.scope,
    scopeIds: t.scope_ids,
    validFrom: iso(t.valid_from),
    validUntil: iso(t.valid_until),
    validDaysAfterClaim: t.valid_days_after_claim,
    perUserLimit: t.per_user_limit,
    totalQuota: t.total_quota,
    claimedCount: t.claimed_count,
    remainingQuota: t.total_quota === null ? null : Math.max(0, t.total_quota - t.claimed_count),
    status: t.status,
    claimable: t.claimable,
    createdAt: t.created_at.toISOString(),
    updatedAt: t.updated_at.toISOString(),
  };
}

/** A template as the operator sees it: with its budget and spend (from the campaign kernel) and its coupons' numbers. */
export function presentTemplate(t: TemplateRow, budget: TemplateBudget, stats?: TemplateStats) {
  return {
    ...presentTemplateTerms(t),
    budget: moneyOrNull(budget.budgetAmount, t.currency),
    budgetUsed: money(budget.spentAmount, t.currency),
    ...(stats
      ? {
          stats: {
            claimed: t.claimed_count,
            available: stats.get('available')?.n ?? 0,
            locked: stats.get('locked')?.n ?? 0,
            used: stats.get('used')?.n ?? 0,
            expired: stats.get('expired')?.n ?? 0,
            revoked: stats.get('revoked')?.n ?? 0,
            usedDiscount: money(stats.get('used')?.discount ?? 0, t.currency),
          },
        }
      : {}),
  };
}

export function presentCoupon(c: CouponWithTemplate, now: Date) {
  return {
    id: c.id,
    templateId: c.template_id,
    name: c.name,
    nameEn: c.name_en,
    description: c.description,
    descriptionEn: c.description_en,
    kind: c.kind,
    amount: moneyOrNull(c.amount, c.currency),
    percentBp: c.percent_bp,
    maxDiscount: moneyOrNull(c.max_discount_amount, c.currency),
    minSpend: money(c.min_spend_amount, c.currency),
    scope: c.scope,
    scopeIds: c.scope_ids,
    status: effectiveStatus({ status: c.status, validUntil: c.valid_until }, now),
    validFrom: c.valid_from.toISOString(),
    validUntil: c.valid_until.toISOString(),
    orderId: c.order_id,
    discount: money(c.discount_amount, c.currency),
    source: c.source,
    claimedAt: c.created_at.toISOString(),
  };
}

/** A coupon as operators see it, with its holder's name and masked phone (an erased account has neither). */
export function presentAdminCoupon(c: CouponRow, now: Date, holder?: { displayName: string; phone: string | null }) {
  return {
    id: c.id,
    userId: c.user_id,
    holder: { id: c.user_id, displayName: holder?.displayName ?? '', phone: holder?.phone ?? null },
    status: effectiveStatus({ status: c.status, validUntil: c.valid_until }, now),
    validFrom: c.valid_from.toISOString(),
    validUntil: c.valid_until.toISOString(),
    orderId: c.order_id,
    discountAmount: c.discount_amount,
    source: c.source,
    sourceRef: c.source_ref,
    createdAt: c.created_at.toISOString(),
    usedAt: iso(c.used_at),
  };
}

export function presentPack(p: PackRow) {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    friendTemplateId: p.friend_template_id,
    sharerTemplateId: p.sharer_template_id,
    friendsNeeded: p.friends_needed,
    status: p.status,
    validFrom: p.valid_from.toISOString(),
    validUntil: p.valid_until.toISOString(),
    createdAt: p.created_at.toISOString(),
  };
}

// Keyset pages over (created_at, id): the repo fetches limit + 1 rows, the extra one says there is more.
type Keyset = { at: string; id: string };

export function readPageCursor(cursor: string | undefined) {
  const after = decodeCursor<Keyset>(cursor);
  return after ? { at: new Date(after.at), id: after.id } : undefined;
}

export function pageOf<R extends { created_at: Date; id: string }>(rows: R[], limit: number) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ at: last.created_at.toISOString(), id: last.id } satisfies Keyset) : null };
}
