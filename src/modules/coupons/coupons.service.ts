// Coupons: operator templates, customer coupons, the checkout pricing step and share packs.
// Quota, budget and pack progress move only by conditional UPDATE ... RETURNING (repo), so
// concurrent claims and checkouts can never overrun them. Expiry is lazy (coupons.rules.ts).
import type { Platform } from '../../platform/context.ts';
import { conflict, DomainError, invalid, notFound, unprocessable } from '../../platform/errors.ts';
import { publishEvent, type Executor } from '../../platform/events.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { decodeCursor, encodeCursor } from '../../platform/schema.ts';
import type { PricingContributor } from '../checkout/checkout.service.ts';
import { PRICING_STAGES, type PricingStep } from '../checkout/pricing.rules.ts';
import * as repo from './coupons.repo.ts';
import {
  applyCoupons,
  categoryPath,
  claimRefusal,
  couponUses,
  effectiveStatus,
  LIMITS,
  packRemaining,
  packUnlocked,
  resolveValidity,
  skusInScope,
  stackingProblem,
  templateProblem,
  useRefusal,
  type CouponToApply,
  type TemplateInput,
} from './coupons.rules.ts';
import type { CouponKind, CouponScope, CouponSource, CouponStatus, PackStatus, TemplateStatus } from './coupons.table.ts';

/** What coupons needs from the catalog: the category tree, read with the caller's executor. */
export interface CategorySource {
  listCategories(executor?: Executor): Promise<{ id: string; parentId: string | null }[]>;
}

/** What coupons needs from identity: display names for a sharer's list of friends. */
export interface NameSource {
  displayNames(executor: Executor, userIds: string[]): Promise<Map<string, string>>;
}

/** What coupons needs from sharing: a share token resolved to who shared what. */
export interface ShareSource {
  resolveShare(executor: Executor, token: string): Promise<{ id: string; sharerId: string; targetType: string; targetId: string } | null>;
}

export type GrantSource = 'reward' | 'share_pack' | 'issue';

const templateNotFound = (id: string) => notFound('COUPONS_TEMPLATE_NOT_FOUND', 'No such coupon', { templateId: id });
const couponNotFound = (id: string) => notFound('COUPONS_NOT_FOUND', 'No such coupon', { couponId: id });
const packNotFound = (id: string) => notFound('COUPONS_PACK_NOT_FOUND', 'No such coupon pack', { packId: id });
const iso = (d: Date | null) => d?.toISOString() ?? null;

export function presentTemplate(t: repo.TemplateRow, stats?: Map<CouponStatus, { n: number; discount: number }>) {
  const m = (amount: number | null) => (amount === null ? null : { amount, currency: t.currency });
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    kind: t.kind,
    amount: m(t.amount),
    percentBp: t.percent_bp,
    maxDiscount: m(t.max_discount_amount),
    minSpend: m(t.min_spend_amount)!,
    scope: t.scope,
    scopeIds: t.scope_ids,
    validFrom: iso(t.valid_from),
    validUntil: iso(t.valid_until),
    validDaysAfterClaim: t.valid_days_after_claim,
    perUserLimit: t.per_user_limit,
    totalQuota: t.total_quota,
    claimedCount: t.claimed_count,
    remainingQuota: t.total_quota === null ? null : Math.max(0, t.total_quota - t.claimed_count),
    budget: m(t.budget_amount),
    budgetUsed: m(t.budget_used_amount)!,
    status: t.status,
    claimable: t.claimable,
    createdAt: t.created_at.toISOString(),
    updatedAt: t.updated_at.toISOString(),
    ...(stats
      ? {
          stats: {
            claimed: t.claimed_count,
            available: stats.get('available')?.n ?? 0,
            locked: stats.get('locked')?.n ?? 0,
            used: stats.get('used')?.n ?? 0,
            expired: stats.get('expired')?.n ?? 0,
            revoked: stats.get('revoked')?.n ?? 0,
            usedDiscount: { amount: stats.get('used')?.discount ?? 0, currency: t.currency },
          },
        }
      : {}),
  };
}

export function presentCoupon(c: repo.CouponWithTemplate, now: Date) {
  const m = (amount: number | null) => (amount === null ? null : { amount, currency: c.currency });
  return {
    id: c.id,
    templateId: c.template_id,
    name: c.name,
    description: c.description,
    kind: c.kind,
    amount: m(c.amount),
    percentBp: c.percent_bp,
    maxDiscount: m(c.max_discount_amount),
    minSpend: m(c.min_spend_amount)!,
    scope: c.scope,
    scopeIds: c.scope_ids,
    status: effectiveStatus({ status: c.status, validUntil: c.valid_until }, now),
    validFrom: c.valid_from.toISOString(),
    validUntil: c.valid_until.toISOString(),
    orderId: c.order_id,
    discount: m(c.discount_amount)!,
    source: c.source,
    claimedAt: c.created_at.toISOString(),
  };
}

export function presentAdminCoupon(c: repo.CouponRow, now: Date) {
  return {
    id: c.id,
    userId: c.user_id,
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

export function presentPack(p: repo.PackRow) {
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

export interface TemplateCreate {
  name: string;
  description?: string;
  kind: CouponKind;
  discountAmount?: number | null;
  percentBp?: number | null;
  maxDiscountAmount?: number | null;
  minSpendAmount?: number;
  scope: CouponScope;
  scopeIds?: string[];
  validFrom?: string | null;
  validUntil?: string | null;
  validDaysAfterClaim?: number | null;
  perUserLimit?: number;
  totalQuota?: number | null;
  budgetAmount?: number | null;
  claimable?: boolean;
  currency?: string;
}
export type TemplatePatch = Partial<TemplateCreate>;

/** Fields that are the published terms: they may change only while the template is a draft. */
const TERMS_FIELDS: (keyof TemplateCreate)[] = ['kind', 'discountAmount', 'percentBp', 'maxDiscountAmount', 'minSpendAmount', 'scope', 'scopeIds', 'validFrom', 'validUntil', 'validDaysAfterClaim', 'currency'];

export interface PackInput {
  name: string;
  description?: string;
  friendTemplateId: string;
  sharerTemplateId: string;
  friendsNeeded: number;
  validFrom: string;
  validUntil: string;
  status?: PackStatus;
}

/** The template's columns from validated input: one mapping for create and update. */
function templateColumns(input: TemplateInput) {
  return {
    name: input.name,
    description: input.description,
    kind: input.kind,
    amount: input.amount,
    percent_bp: input.percentBp,
    max_discount_amount: input.maxDiscountAmount,
    min_spend_amount: input.minSpendAmount,
    scope: input.scope,
    scope_ids: JSON.stringify(input.scopeIds),
    valid_from: input.validFrom,
    valid_until: input.validUntil,
    valid_days_after_claim: input.validDaysAfterClaim,
    per_user_limit: input.perUserLimit,
    total_quota: input.totalQuota,
    budget_amount: input.budgetAmount,
    claimable: input.claimable,
  };
}

export function createCouponsService(p: Platform, deps: { catalog: CategorySource; identity: NameSource; sharing?: ShareSource }) {
  const { db, clock } = p;

  // ---- templates (operator) --------------------------------------------------------------------

  function toInput(c: TemplateCreate): TemplateInput {
    const date = (s: string | null | undefined) => (s ? new Date(s) : null);
    return {
      name: c.name.trim(),
      description: (c.description ?? '').trim(),
      kind: c.kind,
      amount: c.discountAmount ?? null,
      percentBp: c.percentBp ?? null,
      maxDiscountAmount: c.maxDiscountAmount ?? null,
      minSpendAmount: c.minSpendAmount ?? 0,
      scope: c.scope,
      scopeIds: [...new Set(c.scopeIds ?? [])],
      validFrom: date(c.validFrom),
      validUntil: date(c.validUntil),
      validDaysAfterClaim: c.validDaysAfterClaim ?? null,
      perUserLimit: c.perUserLimit ?? 1,
      totalQuota: c.totalQuota ?? null,
      budgetAmount: c.budgetAmount ?? null,
      claimable: c.claimable ?? true,
    };
  }

  function fromRow(t: repo.TemplateRow): TemplateCreate {
    return {
      name: t.name,
      description: t.description,
      kind: t.kind,
      discountAmount: t.amount,
      percentBp: t.percent_bp,
      maxDiscountAmount: t.max_discount_amount,
      minSpendAmount: t.min_spend_amount,
      scope: t.scope,
      scopeIds: t.scope_ids,
      validFrom: iso(t.valid_from),
      validUntil: iso(t.valid_until),
      validDaysAfterClaim: t.valid_days_after_claim,
      perUserLimit: t.per_user_limit,
      totalQuota: t.total_quota,
      budgetAmount: t.budget_amount,
      claimable: t.claimable,
      currency: t.currency,
    };
  }

  function check(input: TemplateInput) {
    const problem = templateProblem(input);
    if (problem) throw invalid(problem.code, problem.message, { field: problem.field });
  }

  const audit = (trx: Executor, actorId: string | null, action: string, subjectType: string, subjectId: string, details: Record<string, unknown>) =>
    repo.insertAudit(trx, { actor_id: actorId, action, subject_type: subjectType, subject_id: subjectId, details, at: clock.now() });

  async function createTemplate(actorId: string | null, c: TemplateCreate) {
    const input = toInput(c);
    check(input);
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      const row = await repo.insertTemplate(trx, {
        id: newId(),
        ...templateColumns(input),
        currency: c.currency ?? 'CNY',
        status: 'draft',
        created_by: actorId,
        created_at: now,
        updated_at: now,
      });
      await audit(trx, actorId, 'coupon_template.created', 'coupon_template', row.id, { name: row.name, kind: row.kind });
      return presentTemplate(row, new Map());
    });
  }

  async function statsFor(ids: string[]) {
    const rows = await repo.countByStatus(db, ids);
    const out = new Map<string, Map<CouponStatus, { n: number; discount: number }>>();
    for (const r of rows) {
      const m = out.get(r.template_id) ?? new Map();
      m.set(r.status, { n: Number(r.n), discount: Number(r.discount) });
      out.set(r.template_id, m);
    }
    return out;
  }

  async function getTemplate(id: string) {
    if (!isUuid(id)) throw templateNotFound(id);
    const t = await repo.findTemplate(db, id);
    if (!t) throw templateNotFound(id);
    return presentTemplate(t, (await statsFor([id])).get(id) ?? new Map());
  }

  async function listTemplates(q: { status?: TemplateStatus; cursor?: string; limit: number }) {
    const after = decodeCursor<{ at: string; id: string }>(q.cursor);
    const rows = await repo.listTemplates(db, { status: q.status, limit: q.limit, after: after ? { at: new Date(after.at), id: after.id } : undefined });
    const page = rows.slice(0, q.limit);
    const stats = await statsFor(page.map((t) => t.id));
    const last = page.at(-1);
    return {
      items: page.map((t) => presentTemplate(t, stats.get(t.id) ?? new Map())),
      nextCursor: rows.length > q.limit && last ? encodeCursor({ at: last.created_at.toISOString(), id: last.id }) : null,
    };
  }

  async function updateTemplate(actorId: string, id: string, patch: TemplatePatch) {
    if (!isUuid(id)) throw templateNotFound(id);
    return db.transaction().execute(async (trx) => {
      const current = await repo.lockTemplate(trx, id);
      if (!current) throw templateNotFound(id);
      if (current.status === 'ended') throw conflict('COUPONS_TEMPLATE_ENDED', 'An ended coupon cannot change');
      const touched = (Object.keys(patch) as (keyof TemplateCreate)[]).filter((k) => patch[k] !== undefined);
      const terms = touched.filter((k) => TERMS_FIELDS.includes(k));
      if (current.status !== 'draft' && terms.length) {
        throw conflict('COUPONS_TEMPLATE_LOCKED', 'Published coupon terms cannot change; end it and create a new one', { fields: terms });
      }
      const input = toInput({ ...fromRow(current), ...Object.fromEntries(touched.map((k) => [k, patch[k]])) });
      check(input);
      if (input.totalQuota !== null && input.totalQuota < current.claimed_count) {
        throw conflict('COUPONS_QUOTA_BELOW_CLAIMED', `${current.claimed_count} are already claimed`, { claimed: current.claimed_count });
      }
      if (input.budgetAmount !== null && input.budgetAmount < current.budget_used_amount) {
        throw conflict('COUPONS_BUDGET_BELOW_USED', 'The budget cannot go below what orders already hold', { used: current.budget_used_amount });
      }
      const row = await repo.updateTemplate(trx, id, {
        ...templateColumns(input),
        updated_at: clock.now(),
      });
      await audit(trx, actorId, 'coupon_template.updated', 'coupon_template', id, { changes: touched });
      return presentTemplate(row!, new Map());
    });
  }

  const STATUS_MOVES: Record<'activate' | 'pause' | 'end', { from: TemplateStatus[]; to: TemplateStatus }> = {
    activate: { from: ['draft', 'paused'], to: 'active' },
    pause: { from: ['active'], to: 'paused' },
    end: { from: ['draft', 'active', 'paused'], to: 'ended' },
  };

  async function setTemplateStatus(actorId: string, id: string, action: keyof typeof STATUS_MOVES) {
    if (!isUuid(id)) throw templateNotFound(id);
    const move = STATUS_MOVES[action];
    return db.transaction().execute(async (trx) => {
      const now = clock.now();
      const row = await repo.updateTemplateStatus(trx, id, move.from, move.to, now);
      if (!row) {
        const current = await repo.findTemplate(trx, id);
        if (!current) throw templateNotFound(id);
        throw conflict('COUPONS_TEMPLATE_STATUS', `A ${current.status} coupon cannot ${action}`, { status: current.status, action });
      }
      await audit(trx, actorId, `coupon_template.${action}`, 'coupon_template', id, { to: move.to });
      await publishEvent(trx, now, `coupon_template.${move.to === 'active' ? 'activated' : move.to}`, id, { templateId: id, status: move.to });
      return presentTemplate(row, new Map());
    });
  }

  async function listTemplateCoupons(id: string, q: { status?: CouponStatus; cursor?: string; limit: number }) {
    if (!isUuid(id) || !(await repo.findTemplate(db, id))) throw templateNotFound(id);
    const after = decodeCursor<{ at: string; id: string }>(q.cursor);
    const rows = await repo.listTemplateCoupons(db, id, { status: q.status, limit: q.limit, after: after ? { at: new Date(after.at), id: after.id } : undefined });
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    const now = clock.now();
    return { items: page.map((c) => presentAdminCoupon(c, now)), nextCursor: rows.length > q.limit && last ? encodeCursor({ at: last.created_at.toISOString(), id: last.id }) : null };
  }

  // ---- handing out coupons ---------------------------------------------------------------------

  /** Why a template gives nothing right now, as the coded error; reads after a failed takeQuota. */
  async function refusalFor(trx: Executor, templateId: string): Promise<DomainError> {
    const t = await repo.findTemplate(trx, templateId);
    if (!t) return templateNotFound(templateId);
    const refusal = claimRefusal({ status: t.status, validFrom: t.valid_from, validUntil: t.valid_until, validDaysAfterClaim: t.valid_days_after_claim }, clock.now());
    if (refusal) return unprocessable('COUPONS_NOT_CLAIMABLE', 'This coupon cannot be claimed now', { templateId, reason: refusal });
    return conflict('COUPONS_SOLD_OUT', 'All of these coupons have been claimed', { templateId });
  }

  async function insertCouponFor(trx: Executor, t: repo.TemplateRow, userId: string, source: CouponSource, sourceRef: string | null, now: Date) {
    const validity = resolveValidity({ validFrom: t.valid_from, validUntil: t.valid_until, validDaysAfterClaim: t.valid_days_after_claim }, now);
    return repo.insertCoupon(trx, {
      id: newId(),
      template_id: t.id,
      user_id: userId,
      status: 'available',
      valid_from: validity.validFrom,
      valid_until: validity.validUntil,
      order_id: null,
      source,
      source_ref: sourceRef,
      created_at: now,
      locked_at: null,
      used_at: null,
      revoked_at: null,
      updated_at: now,
    });
  }

  /** A shopper claims a coupon from the coupon centre. */
  async function claim(userId: string, templateId: string) {
    if (!isUuid(templateId)) throw templateNotFound(templateId);
    const now = clock.now();
    const couponId = await db.transaction().execute(async (trx) => {
      // The conditional increment takes the quota and locks the template row, which also
      // serialises this user's per-user count below.
      const t = await repo.takeQuota(trx, templateId);
      if (!t) throw await refusalFor(trx, templateId);
      const refusal = claimRefusal({ status: t.status, validFrom: t.valid_from, validUntil: t.valid_until, validDaysAfterClaim: t.valid_days_after_claim }, now);
      if (refusal || !t.claimable) throw unprocessable('COUPONS_NOT_CLAIMABLE', 'This coupon cannot be claimed now', { templateId, reason: refusal ?? 'issue_only' });
      const held = (await repo.countUserCoupons(trx, [templateId], userId)).get(templateId) ?? 0;
      if (held >= t.per_user_limit) throw conflict('COUPONS_CLAIM_LIMIT', `You can hold at most ${t.per_user_limit} of this coupon`, { templateId, limit: t.per_user_limit });
      const coupon = (await insertCouponFor(trx, t, userId, 'claim', null, now))!;
      await publishEvent(trx, now, 'coupon.claimed', coupon.id, { couponId: coupon.id, templateId, userId, source: 'claim' });
      return coupon.id;
    });
    return getOwnCoupon(userId, couponId);
  }

  type GrantResult = { ok: true; couponId: string; created: boolean } | { ok: false; error: DomainError };

  /** Grant without throwing, so a caller can carry on when a reward's quota is gone. Writes nothing on failure. */
  async function tryGrant(trx: Executor, g: { userId: string; templateId: string; source: GrantSource; sourceRef: string }): Promise<GrantResult> {
    const existing = await repo.findCouponBySource(trx, g);
    if (existing) return { ok: true, couponId: existing.id, created: false };
    const now = clock.now();
    const current = await repo.findTemplate(trx, g.templateId);
    if (!current) return { ok: false, error: templateNotFound(g.templateId) };
    const refusal = claimRefusal({ status: current.status, validFrom: current.valid_from, validUntil: current.valid_until, validDaysAfterClaim: current.valid_days_after_claim }, now);
    if (refusal) return { ok: false, error: unprocessable('COUPONS_NOT_CLAIMABLE', 'This coupon cannot be granted now', { templateId: g.templateId, reason: refusal }) };
    const t = await repo.takeQuota(trx, g.templateId);
    if (!t) return { ok: false, error: await refusalFor(trx, g.templateId) };
    const coupon = await insertCouponFor(trx, t, g.userId, g.source, g.sourceRef, now);
    if (!coupon) {
      // A concurrent grant with the same sourceRef won: give back the quota we took, return theirs.
      await trx.updateTable('coupon_templates').set((eb) => ({ claimed_count: eb('claimed_count', '-', 1) })).where('id', '=', g.templateId).execute();
      const winner = await repo.findCouponBySource(trx, g);
      return { ok: true, couponId: winner!.id, created: false };
    }
    await publishEvent(trx, now, 'coupon.granted', coupon.id, { couponId: coupon.id, templateId: g.templateId, userId: g.userId, source: g.source, sourceRef: g.sourceRef });
    return { ok: true, couponId: coupon.id, created: true };
  }

  /**
   * Give a user a coupon for a reason (invite reward, share pack, operator issue), in the caller's
   * transaction. Idempotent on (template, user, source, sourceRef); counts against the quota but
   * not against perUserLimit (earned rewards may repeat). Throws COUPONS_SOLD_OUT /
   * COUPONS_NOT_CLAIMABLE / COUPONS_TEMPLATE_NOT_FOUND.
   */
  async function grantCoupon(trx: Executor, g: { userId: string; templateId: string; source: GrantSource; sourceRef: string }): Promise<{ couponId: string; created: boolean }> {
    const r = await tryGrant(trx, g);
    if (!r.ok) throw r.error;
    return { couponId: r.couponId, created: r.created };
  }

  /** Take back an unused granted coupon (e.g. a reward found to be fraud); used ones stay used. */
  async function revokeCoupon(trx: Executor, q: { source: GrantSource | CouponSource; sourceRef: string; userId: string }): Promise<{ revoked: number }> {
    const now = clock.now();
    const rows = await repo.revokeBySource(trx, { ...q, now });
    for (const r of rows) await publishEvent(trx, now, 'coupon.revoked', r.id, { couponId: r.id, templateId: r.template_id, userId: q.userId, source: q.source, sourceRef: q.sourceRef });
    return { revoked: rows.length };
  }

  /** Operator: issue a template to a list of users, up to the remaining quota. */
  async function issue(actorId: string, templateId: string, userIds: string[]) {
    if (!isUuid(templateId)) throw templateNotFound(templateId);
    const unique = [...new Set(userIds)];
    if (unique.length > LIMITS.issueUsersMax) throw invalid('COUPONS_ISSUE_TOO_MANY', `Issue to at most ${LIMITS.issueUsersMax} users at a time`);
    const names = await deps.identity.displayNames(db, unique);
    const known = unique.filter((id) => names.has(id));
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      const t = await repo.lockTemplate(trx, templateId);
      if (!t) throw templateNotFound(templateId);
      const refusal = claimRefusal({ status: t.status, validFrom: t.valid_from, validUntil: t.valid_until, validDaysAfterClaim: t.valid_days_after_claim }, now);
      if (refusal) throw unprocessable('COUPONS_NOT_CLAIMABLE', 'Activate the coupon before issuing it', { templateId, reason: refusal });
      const held = await repo.countHeldByUsers(trx, templateId, known);
      const eligible = known.filter((u) => (held.get(u) ?? 0) < t.per_user_limit);
      const room = t.total_quota === null ? eligible.length : Math.max(0, t.total_quota - t.claimed_count);
      const chosen = eligible.slice(0, room);
      if (chosen.length > 0) {
        const taken = await repo.takeQuotaMany(trx, templateId, chosen.length);
        if (!taken) throw conflict('COUPONS_SOLD_OUT', 'All of these coupons have been claimed', { templateId });
        const validity = resolveValidity({ validFrom: taken.valid_from, validUntil: taken.valid_until, validDaysAfterClaim: taken.valid_days_after_claim }, now);
        await repo.insertCoupons(
          trx,
          chosen.map((u) => ({ id: newId(), template_id: templateId, user_id: u, status: 'available' as const, valid_from: validity.validFrom, valid_until: validity.validUntil, order_id: null, source: 'issue' as const, source_ref: null, created_at: now, locked_at: null, used_at: null, revoked_at: null, updated_at: now })),
        );
      }
      const result = { issued: chosen.length, skipped: unique.length - chosen.length, unknownUsers: unique.length - known.length, overLimit: known.length - eligible.length, overQuota: eligible.length - chosen.length };
      await audit(trx, actorId, 'coupon_template.issued', 'coupon_template', templateId, result);
      if (chosen.length) await publishEvent(trx, now, 'coupon.issued', templateId, { templateId, userIds: chosen, actorId });
      return result;
    });
  }

  // ---- shopper reads ---------------------------------------------------------------------------

  async function getOwnCoupon(userId: string, couponId: string) {
    const [row] = isUuid(couponId) ? await repo.findCouponsWithTemplates(db, [couponId]) : [];
    if (!row || row.user_id !== userId) throw couponNotFound(couponId);
    return presentCoupon(row, clock.now());
  }

  async function listMyCoupons(userId: string, q: { status?: CouponStatus; cursor?: string; limit: number }) {
    const now = clock.now();
    const after = decodeCursor<{ at: string; id: string }>(q.cursor);
    const rows = await repo.listUserCoupons(db, userId, { status: q.status, now, limit: q.limit, after: after ? { at: new Date(after.at), id: after.id } : undefined });
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return { items: page.map((c) => presentCoupon(c, now)), nextCursor: rows.length > q.limit && last ? encodeCursor({ at: last.created_at.toISOString(), id: last.id }) : null };
  }

  /** The coupon centre: active, claimable templates still in their window, and whether I can claim. */
  async function couponCentre(userId: string | null) {
    const now = clock.now();
    const rows = (await repo.findClaimableTemplates(db)).filter((t) => !claimRefusal({ status: t.status, validFrom: t.valid_from, validUntil: t.valid_until, validDaysAfterClaim: t.valid_days_after_claim }, now));
    const held = userId ? await repo.countUserCoupons(db, rows.map((t) => t.id), userId) : new Map<string, number>();
    return {
      items: rows.map((t) => {
        const remaining = t.total_quota === null ? null : Math.max(0, t.total_quota - t.claimed_count);
        const mine = held.get(t.id) ?? 0;
        return { ...presentTemplate(t), held: mine, canClaim: remaining !== 0 && mine < t.per_user_limit };
      }),
    };
  }

  // ---- pricing ---------------------------------------------------------------------------------

  const pricing: PricingContributor = {
    code: 'coupons',
    stage: PRICING_STAGES.coupons,
    async prepare(executor, request): Promise<PricingStep[]> {
      const ids = request.options.couponIds ?? [];
      if (ids.length === 0) return [];
      const rows = request.userId && ids.every(isUuid) ? await repo.findCouponsWithTemplates(executor, ids) : [];
      const byId = new Map(rows.map((r) => [r.id, r]));
      const chosen = ids.map((id) => {
        const row = byId.get(id);
        // Someone else's coupon is indistinguishable from one that does not exist.
        if (!row || row.user_id !== request.userId) throw couponNotFound(id);
        const refusal = useRefusal({ status: row.status, validFrom: row.valid_from, validUntil: row.valid_until }, row.template_status, request.now);
        if (refusal?.code === 'COUPONS_EXPIRED') throw unprocessable('COUPONS_EXPIRED', refusal.reason === 'expired' ? `${row.name} has expired` : `${row.name} is not valid yet`, { couponId: id, reason: refusal.reason });
        if (refusal) throw unprocessable('COUPONS_NOT_USABLE', `${row.name} cannot be used (${refusal.reason.replaceAll('_', ' ')})`, { couponId: id, reason: refusal.reason });
        return row;
      });
      const limits = { maxStoreCoupons: await p.settings.get('coupons.maxStoreCoupons', executor), maxProductCoupons: await p.settings.get('coupons.maxProductCoupons', executor) };
      const stacking = stackingProblem(chosen, limits);
      if (stacking) {
        const what = { store: 'store-wide', scoped: 'product or category', shipping: 'free-shipping' }[stacking.class];
        throw unprocessable('COUPONS_STACKING_NOT_ALLOWED', `At most ${stacking.max} ${what} coupon${stacking.max === 1 ? '' : 's'} per order`, { ...stacking });
      }
      const parentOf = new Map<string, string | null>();
      if (chosen.some((c) => c.scope === 'categories')) for (const c of await deps.catalog.listCategories(executor)) parentOf.set(c.id, c.parentId);
      const lines = request.items.flatMap((i) => {
        const sku = request.skus.get(i.skuId);
        return sku ? [{ skuId: sku.skuId, productId: sku.productId, categoryPath: categoryPath(sku.categoryId, parentOf), currency: sku.currency }] : [];
      });
      const toApply: CouponToApply[] = chosen.map((c) => {
        const skus = lines.some((l) => l.currency !== c.currency) ? new Set<string>() : skusInScope({ scope: c.scope, scopeIds: c.scope_ids }, lines);
        if (skus.size === 0) throw unprocessable('COUPONS_NOT_USABLE', `Nothing in this order is covered by ${c.name}`, { couponId: c.id, reason: 'nothing_in_scope' });
        return {
          couponId: c.id,
          name: c.name,
          skus,
          terms: { kind: c.kind, amount: c.amount, percentBp: c.percent_bp, maxDiscountAmount: c.max_discount_amount, minSpendAmount: c.min_spend_amount, scope: c.scope, scopeIds: c.scope_ids },
        };
      });
      const names = new Map(chosen.map((c) => [c.id, c.name]));
      return [
        {
          code: 'coupons',
          apply(draft) {
            const r = applyCoupons(draft, toApply);
            if (r.ok) return r.draft;
            const name = names.get(r.couponId);
            const message = {
              min_spend_not_reached: `Spend ¥${(((r.details.minSpend as number) ?? 0) / 100).toFixed(2)} on covered items to use ${name}`,
              nothing_in_scope: `Nothing in this order is covered by ${name}`,
              nothing_to_discount: `${name} has nothing left to take off`,
            }[r.reason];
            throw unprocessable('COUPONS_NOT_USABLE', message, { couponId: r.couponId, reason: r.reason, ...r.details });
          },
        },
      ];
    },

    /** Inside order placement: lock each used coupon to the order and spend its campaign budget. */
    async commit(trx, placed) {
      const now = clock.now();
      for (const use of couponUses(placed.quote.adjustments)) {
        const locked = await repo.lockCouponToOrder(trx, { couponId: use.couponId, userId: placed.userId, orderId: placed.orderId, discountAmount: use.discountAmount, now });
        if (!locked) throw unprocessable('COUPONS_NOT_USABLE', 'This coupon was just used on another order', { couponId: use.couponId, reason: 'locked' });
        const budget = await repo.takeBudget(trx, locked.template_id, use.discountAmount);
        if (!budget) throw conflict('COUPONS_BUDGET_EXHAUSTED', 'This coupon campaign has run out of budget', { couponId: use.couponId, templateId: locked.template_id });
        await publishEvent(trx, now, 'coupon.locked', use.couponId, { couponId: use.couponId, templateId: locked.template_id, userId: placed.userId, orderId: placed.orderId, discountAmount: use.discountAmount });
      }
    },
  };

  // ---- order lifecycle (event consumers) -------------------------------------------------------

  /** order.cancelled: coupons held by the unpaid order go back to the shopper and free their budget. */
  async function releaseForOrder(trx: Executor, orderId: string) {
    const held = await repo.findLockedForOrder(trx, orderId);
    if (held.length === 0) return;
    const now = clock.now();
    await repo.releaseOrderCoupons(trx, orderId, now);
    for (const c of held) {
      await repo.releaseBudget(trx, c.template_id, c.discount_amount);
      await publishEvent(trx, now, 'coupon.released', c.id, { couponId: c.id, templateId: c.template_id, orderId, discountAmount: c.discount_amount });
    }
  }

  /** order.paid: the coupons the order held are used for good. */
  async function markUsedForOrder(trx: Executor, orderId: string) {
    const now = clock.now();
    const used = await repo.markOrderCouponsUsed(trx, orderId, now);
    for (const c of used) await publishEvent(trx, now, 'coupon.used', c.id, { couponId: c.id, templateId: c.template_id, userId: c.user_id, orderId, discountAmount: c.discount_amount });
  }

  // ---- share packs -----------------------------------------------------------------------------

  async function checkPackTemplates(trx: Executor, friendTemplateId: string, sharerTemplateId: string) {
    const found = await repo.findTemplates(trx, [friendTemplateId, sharerTemplateId].filter(isUuid));
    for (const id of [friendTemplateId, sharerTemplateId]) if (!found.some((t) => t.id === id)) throw templateNotFound(id);
  }

  function packWindow(from: string, until: string) {
    const validFrom = new Date(from);
    const validUntil = new Date(until);
    if (!(validFrom < validUntil)) throw invalid('COUPONS_PACK_INVALID', 'validUntil must be after validFrom', { field: 'validUntil' });
    return { validFrom, validUntil };
  }

  async function createPack(actorId: string, input: PackInput) {
    const { validFrom, validUntil } = packWindow(input.validFrom, input.validUntil);
    if (!input.name.trim()) throw invalid('COUPONS_PACK_INVALID', 'Give the pack a name', { field: 'name' });
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      await checkPackTemplates(trx, input.friendTemplateId, input.sharerTemplateId);
      const row = await repo.insertPack(trx, {
        id: newId(),
        name: input.name.trim(),
        description: (input.description ?? '').trim(),
        friend_template_id: input.friendTemplateId,
        sharer_template_id: input.sharerTemplateId,
        friends_needed: input.friendsNeeded,
        status: input.status ?? 'draft',
        valid_from: validFrom,
        valid_until: validUntil,
        created_by: actorId,
        created_at: now,
        updated_at: now,
      });
      await audit(trx, actorId, 'coupon_pack.created', 'coupon_pack', row.id, { name: row.name, friendsNeeded: row.friends_needed });
      return presentPack(row);
    });
  }

  async function updatePack(actorId: string, id: string, patch: Partial<PackInput>) {
    if (!isUuid(id)) throw packNotFound(id);
    return db.transaction().execute(async (trx) => {
      const current = await repo.findPack(trx, id);
      if (!current) throw packNotFound(id);
      const rulesChanged = (['friendTemplateId', 'sharerTemplateId', 'friendsNeeded'] as const).filter((k) => patch[k] !== undefined);
      if (current.status !== 'draft' && rulesChanged.length) throw conflict('COUPONS_PACK_LOCKED', 'A published pack keeps its rules; end it and create a new one', { fields: rulesChanged });
      const window = packWindow(patch.validFrom ?? current.valid_from.toISOString(), patch.validUntil ?? current.valid_until.toISOString());
      if (patch.friendTemplateId || patch.sharerTemplateId) await checkPackTemplates(trx, patch.friendTemplateId ?? current.friend_template_id, patch.sharerTemplateId ?? current.sharer_template_id);
      if (patch.name !== undefined && !patch.name.trim()) throw invalid('COUPONS_PACK_INVALID', 'Give the pack a name', { field: 'name' });
      const row = await repo.updatePack(trx, id, {
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.description !== undefined ? { description: patch.description.trim() } : {}),
        ...(patch.friendTemplateId ? { friend_template_id: patch.friendTemplateId } : {}),
        ...(patch.sharerTemplateId ? { sharer_template_id: patch.sharerTemplateId } : {}),
        ...(patch.friendsNeeded !== undefined ? { friends_needed: patch.friendsNeeded } : {}),
        ...(patch.status ? { status: patch.status } : {}),
        valid_from: window.validFrom,
        valid_until: window.validUntil,
        updated_at: clock.now(),
      });
      await audit(trx, actorId, 'coupon_pack.updated', 'coupon_pack', id, { changes: Object.keys(patch) });
      return presentPack(row!);
    });
  }

  async function getPack(id: string) {
    const pack = isUuid(id) ? await repo.findPack(db, id) : undefined;
    if (!pack) throw packNotFound(id);
    return presentPack(pack);
  }

  async function listPacks() {
    return { items: (await repo.listPacks(db, 200)).map(presentPack) };
  }

  /** Public pack page: what a friend gets and what the sharer unlocks. Drafts are invisible. */
  async function getPublicPack(id: string) {
    const pack = isUuid(id) ? await repo.findPack(db, id) : undefined;
    if (!pack || pack.status === 'draft') throw packNotFound(id);
    const templates = await repo.findTemplates(db, [pack.friend_template_id, pack.sharer_template_id]);
    const t = (tid: string) => presentTemplate(templates.find((x) => x.id === tid)!);
    const now = clock.now();
    return { ...presentPack(pack), open: pack.status === 'active' && now >= pack.valid_from && now < pack.valid_until, friendCoupon: t(pack.friend_template_id), sharerCoupon: t(pack.sharer_template_id) };
  }

  /** Sharing's target resolver for `coupon_pack` shares. */
  async function resolvePackTarget(executor: Executor, id: string) {
    const pack = isUuid(id) ? await repo.findPack(executor, id) : undefined;
    if (!pack || pack.status !== 'active') return null;
    return { url: `/coupon-packs/${pack.id}`, title: pack.name, image: null, price: null };
  }

  /** A friend claims from a sharer's pack link; the N-th friend unlocks the sharer's coupon, once. */
  async function claimPack(friendId: string, packId: string, shareToken: string) {
    if (!deps.sharing) throw new DomainError('unavailable', 'COUPONS_SHARING_UNAVAILABLE', 'Sharing is not available');
    const sharing = deps.sharing;
    if (!isUuid(packId)) throw packNotFound(packId);
    const now = clock.now();
    const result = await db.transaction().execute(async (trx) => {
      const pack = await repo.findPack(trx, packId);
      if (!pack) throw packNotFound(packId);
      const share = await sharing.resolveShare(trx, shareToken);
      if (!share || share.targetType !== 'coupon_pack' || share.targetId !== packId) throw notFound('COUPONS_PACK_SHARE_NOT_FOUND', 'This share link is not for this coupon pack', { packId });
      if (pack.status !== 'active' || now < pack.valid_from || now >= pack.valid_until) throw unprocessable('COUPONS_PACK_NOT_ACTIVE', 'This coupon pack is not open', { packId, status: pack.status });
      if (share.sharerId === friendId) throw unprocessable('COUPONS_PACK_OWN_SHARE', 'You cannot claim from your own share; send it to friends', { packId });
      if (await repo.findPackClaim(trx, share.id, friendId)) throw conflict('COUPONS_PACK_ALREADY_CLAIMED', 'You already claimed from this share', { packId });
      await repo.ensureProgress(trx, { share_id: share.id, pack_id: packId, sharer_id: share.sharerId, created_at: now, updated_at: now });
      // Conditional increment: locks this share's progress and stops at N.
      const progress = await repo.incrementProgress(trx, share.id, pack.friends_needed, now);
      if (!progress) throw conflict('COUPONS_PACK_FULL', 'Enough friends have already claimed from this share', { packId, friendsNeeded: pack.friends_needed });
      // Checked again under the progress row lock: two taps by one friend give one claim.
      const friendCoupon = await grantCoupon(trx, { userId: friendId, templateId: pack.friend_template_id, source: 'share_pack', sourceRef: `pack:${share.id}:friend:${friendId}` });
      const inserted = await repo.insertPackClaim(trx, { share_id: share.id, friend_id: friendId, pack_id: packId, coupon_id: friendCoupon.couponId, claimed_at: now });
      if (!inserted) throw conflict('COUPONS_PACK_ALREADY_CLAIMED', 'You already claimed from this share', { packId });
      await publishEvent(trx, now, 'coupon_pack.claimed', share.id, { packId, shareId: share.id, sharerId: share.sharerId, friendId, couponId: friendCoupon.couponId, claimed: progress.claimed_count });
      let unlocked = false;
      if (packUnlocked(progress.claimed_count, pack.friends_needed) && (await repo.markUnlocked(trx, share.id, now))) {
        unlocked = true;
        // A sharer reward whose quota or window is gone is recorded as unlocked without a coupon
        // rather than taking the friend's coupon back; the event says so.
        const reward = await tryGrant(trx, { userId: share.sharerId, templateId: pack.sharer_template_id, source: 'share_pack', sourceRef: `pack:${share.id}:sharer` });
        if (reward.ok) await repo.setSharerCoupon(trx, share.id, reward.couponId);
        await publishEvent(trx, now, 'coupon_pack.unlocked', share.id, { packId, shareId: share.id, sharerId: share.sharerId, couponId: reward.ok ? reward.couponId : null, rewardRefused: reward.ok ? null : reward.error.code });
      }
      return { couponId: friendCoupon.couponId, claimed: progress.claimed_count, needed: pack.friends_needed, unlocked };
    });
    return { coupon: await getOwnCoupon(friendId, result.couponId), progress: { claimed: result.claimed, needed: result.needed, unlocked: result.unlocked } };
  }

  /** The sharer's pack shares: claimed / needed, unlocked, friends' display names. */
  async function myPackShares(sharerId: string) {
    const rows = await repo.findSharerProgress(db, sharerId);
    const claims = await repo.findClaimsOfShares(db, rows.map((r) => r.share_id));
    const names = await deps.identity.displayNames(db, [...new Set(claims.map((c) => c.friend_id))]);
    return {
      items: rows.map((r) => ({
        shareId: r.share_id,
        packId: r.pack_id,
        packName: r.name,
        claimed: r.claimed_count,
        needed: r.friends_needed,
        remaining: packRemaining(r.claimed_count, r.friends_needed),
        unlocked: r.unlocked_at !== null,
        unlockedAt: iso(r.unlocked_at),
        sharerCouponId: r.sharer_coupon_id,
        friends: claims.filter((c) => c.share_id === r.share_id).map((c) => ({ displayName: names.get(c.friend_id) ?? '', claimedAt: c.claimed_at.toISOString() })),
      })),
    };
  }

  return {
    createTemplate,
    getTemplate,
    listTemplates,
    updateTemplate,
    setTemplateStatus,
    listTemplateCoupons,
    claim,
    grantCoupon,
    revokeCoupon,
    issue,
    getOwnCoupon,
    listMyCoupons,
    couponCentre,
    pricing,
    releaseForOrder,
    markUsedForOrder,
    createPack,
    updatePack,
    getPack,
    listPacks,
    getPublicPack,
    resolvePackTarget,
    claimPack,
    myPackShares,
  };
}

export type CouponsService = ReturnType<typeof createCouponsService>;
