// Coupons into shoppers' wallets: claiming from the coupon centre, grants for a reason (rewards,
// share packs), operator issues and revocation, and the shopper's own reads. The quota moves only
// by conditional UPDATE ... RETURNING (repo), so concurrent claims never overrun it.
import { recordAudit } from '../../platform/audit.ts';
import { conflict, DomainError, invalid, unprocessable } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { couponNotFound, templateNotFound } from './coupons.errors.ts';
import type { CouponExpiry } from './coupons.expiry.ts';
import { pageOf, presentCoupon, presentTemplateTerms, readPageCursor } from './coupons.present.ts';
import * as repo from './coupons.repo.ts';
import { claimRefusal, LIMITS, resolveValidity } from './coupons.rules.ts';
import { couponsTables, type CouponSource, type CouponStatus, type CouponsDb, type CouponsPlatform } from './coupons.table.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import type { CampaignsService } from '../campaigns/index.ts';

/**
 * What coupons needs from identity: display names for a sharer's list of friends, and the name
 * with a masked phone of each holder for the operator's list.
 */
export interface NameSource {
  displayNames(executor: CouponsDb, userIds: string[]): Promise<Map<string, string>>;
  peopleOf(executor: CouponsDb, userIds: readonly string[]): Promise<Map<string, { displayName: string; phone: string | null }>>;
}

export type GrantSource = 'reward' | 'share_pack' | 'issue';

type GrantResult = { ok: true; couponId: string; created: boolean } | { ok: false; error: DomainError };

/** A template's status and validity as the rules read them. */
const windowOf = (t: repo.TemplateRow) => ({ status: t.status, validFrom: t.valid_from, validUntil: t.valid_until, validDaysAfterClaim: t.valid_days_after_claim });

/** A new, available coupon of template `t` for one user; its validity is fixed at hand-out. */
function couponRow(t: repo.TemplateRow, userId: string, source: CouponSource, sourceRef: string | null, now: Date) {
  const validity = resolveValidity(windowOf(t), now);
  return {
    id: newId(),
    template_id: t.id,
    user_id: userId,
    status: 'available' as const,
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
  };
}

export function createCouponWallet(p: CouponsPlatform, deps: { identity: NameSource; campaigns: Pick<CampaignsService, 'rulesFor'> }, expiry: Pick<CouponExpiry, 'scheduleSweep'>) {
  const { db, clock } = p;

  /** Why a template gives nothing right now, as the coded error; reads after a failed takeQuota. */
  async function refusalFor(trx: CouponsDb, templateId: string): Promise<DomainError> {
    const t = await repo.findTemplate(trx, templateId);
    if (!t) return templateNotFound(templateId);
    const refusal = claimRefusal(windowOf(t), clock.now());
    if (refusal) return unprocessable('COUPONS_NOT_CLAIMABLE', 'This coupon cannot be claimed now', { templateId, reason: refusal });
    return conflict('COUPONS_SOLD_OUT', 'All of these coupons have been claimed', { templateId });
  }

  /**
   * A shopper claims a coupon from the coupon centre. `within` runs first in the claim's own
   * transaction (risk records its allow there: one commit for both, and nothing when the claim fails).
   */
  async function claim(userId: string, templateId: string, opts: { within?: (trx: AnyExecutor) => Promise<void> } = {}) {
    if (!isUuid(templateId)) throw templateNotFound(templateId);
    const now = clock.now();
    // The claimer's A/B variant may set the face value of an amount-off coupon; the coupon keeps it.
    const template = await repo.findTemplate(db, templateId);
    const amountOff = template && template.amount !== null && (template.kind === 'fixed' || template.kind === 'threshold') ? template.amount : null;
    const variant = amountOff === null ? null : await deps.campaigns.rulesFor(templateId, userId, { couponAmount: amountOff });
    const faceAmount = variant?.variantKey ? variant.rules.couponAmount : null;
    const couponId = await db.transaction().execute(async (trx) => {
      // Before the quota: the template row's lock is then held for the claim's own work only.
      await opts.within?.(trx);
      // The conditional increment takes the quota and locks the template row, which also
      // serialises this user's per-user count below.
      const t = await repo.takeQuota(trx, templateId);
      if (!t) throw await refusalFor(trx, templateId);
      const refusal = claimRefusal(windowOf(t), now);
      if (refusal || !t.claimable) throw unprocessable('COUPONS_NOT_CLAIMABLE', 'This coupon cannot be claimed now', { templateId, reason: refusal ?? 'issue_only' });
      const held = (await repo.countUserCoupons(trx, [templateId], userId)).get(templateId) ?? 0;
      if (held >= t.per_user_limit) throw conflict('COUPONS_CLAIM_LIMIT', `You can hold at most ${t.per_user_limit} of this coupon`, { templateId, limit: t.per_user_limit });
      const coupon = (await repo.insertCoupon(trx, { ...couponRow(t, userId, 'claim', null, now), face_amount: faceAmount }))!;
      await expiry.scheduleSweep(trx, coupon.valid_until, now);
      await publishEvent(trx, now, 'coupon.claimed', coupon.id, { couponId: coupon.id, templateId, userId, source: 'claim' });
      return coupon.id;
    });
    return getOwnCoupon(userId, couponId);
  }

  /** Grant without throwing, so a caller can carry on when a reward's quota is gone. Writes nothing on failure. */
  async function tryGrant(trx: CouponsDb, g: { userId: string; templateId: string; source: GrantSource; sourceRef: string; reserved?: boolean }): Promise<GrantResult> {
    const existing = await repo.findCouponBySource(trx, g);
    if (existing) return { ok: true, couponId: existing.id, created: false };
    const now = clock.now();
    const current = await repo.findTemplate(trx, g.templateId);
    if (!current) return { ok: false, error: templateNotFound(g.templateId) };
    // A reserved grant pays a unit of the quota taken earlier (reserveQuota): the window is not
    // asked again, so a claim held for review is honoured after its campaign has ended.
    const refusal = g.reserved ? null : claimRefusal(windowOf(current), now);
    if (refusal) return { ok: false, error: unprocessable('COUPONS_NOT_CLAIMABLE', 'This coupon cannot be granted now', { templateId: g.templateId, reason: refusal }) };
    const t = g.reserved ? current : await repo.takeQuota(trx, g.templateId);
    if (!t) return { ok: false, error: await refusalFor(trx, g.templateId) };
    const coupon = await repo.insertCoupon(trx, couponRow(t, g.userId, g.source, g.sourceRef, now));
    if (!coupon) {
      // A concurrent grant with the same sourceRef won: give back the quota we took, return theirs.
      if (!g.reserved) await repo.releaseQuota(trx, g.templateId);
      const winner = await repo.findCouponBySource(trx, g);
      return { ok: true, couponId: winner!.id, created: false };
    }
    await expiry.scheduleSweep(trx, coupon.valid_until, now);
    await publishEvent(trx, now, 'coupon.granted', coupon.id, { couponId: coupon.id, templateId: g.templateId, userId: g.userId, source: g.source, sourceRef: g.sourceRef });
    return { ok: true, couponId: coupon.id, created: true };
  }

  /**
   * Give a user a coupon for a reason (invite reward, share pack, operator issue), in the caller's
   * transaction. Idempotent on (template, user, source, sourceRef); counts against the quota but
   * not against perUserLimit (earned rewards may repeat). Throws COUPONS_SOLD_OUT /
   * COUPONS_NOT_CLAIMABLE / COUPONS_TEMPLATE_NOT_FOUND.
   */
  async function grantCoupon(handle: AnyExecutor, g: { userId: string; templateId: string; source: GrantSource; sourceRef: string; reserved?: boolean }): Promise<{ couponId: string; created: boolean }> {
    const trx = couponsTables.of(handle);
    const r = await tryGrant(trx, g);
    if (!r.ok) throw r.error;
    return { couponId: r.couponId, created: r.created };
  }

  /**
   * Set one unit of a template's quota aside for a claim held for review, in the hold's transaction,
   * so that its release can always pay it (grantCoupon with `reserved`) and other shoppers cannot
   * claim the unit meanwhile; refuses as a claim would (sold out, not claimable now).
   */
  async function reserveQuota(handle: AnyExecutor, templateId: string): Promise<void> {
    const trx = couponsTables.of(handle);
    const t = await repo.takeQuota(trx, templateId);
    if (!t) throw await refusalFor(trx, templateId);
    const refusal = claimRefusal(windowOf(t), clock.now());
    if (refusal || !t.claimable) throw unprocessable('COUPONS_NOT_CLAIMABLE', 'This coupon cannot be claimed now', { templateId, reason: refusal ?? 'issue_only' });
  }

  /** Give a reserved unit back to the quota (the held claim was cancelled). */
  async function returnQuota(handle: AnyExecutor, templateId: string): Promise<void> {
    await repo.releaseQuota(couponsTables.of(handle), templateId);
  }

  /** Take back an unused granted coupon (e.g. a reward found to be fraud); used ones stay used. */
  async function revokeCoupon(handle: AnyExecutor, q: { source: GrantSource | CouponSource; sourceRef: string; userId: string }): Promise<{ revoked: number }> {
    const trx = couponsTables.of(handle);
    const now = clock.now();
    const rows = await repo.revokeBySource(trx, { ...q, now });
    for (const r of rows) await publishEvent(trx, now, 'coupon.revoked', r.id, { couponId: r.id, templateId: r.template_id, userId: q.userId, source: q.source, sourceRef: q.sourceRef });
    return { revoked: rows.length };
  }

  /** Take back a shopper's unused claimed coupons of a template (risk found the claim to be fraud later); used ones stay used. */
  async function revokeClaimed(handle: AnyExecutor, q: { templateId: string; userId: string }): Promise<{ revoked: number }> {
    const trx = couponsTables.of(handle);
    const now = clock.now();
    const rows = await repo.revokeClaimed(trx, { ...q, now });
    for (const r of rows) await publishEvent(trx, now, 'coupon.revoked', r.id, { couponId: r.id, templateId: r.template_id, userId: q.userId, source: 'claim', sourceRef: r.id });
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
      const refusal = claimRefusal(windowOf(t), now);
      if (refusal) throw unprocessable('COUPONS_NOT_CLAIMABLE', 'Activate the coupon before issuing it', { templateId, reason: refusal });
      const held = await repo.countHeldByUsers(trx, templateId, known);
      const eligible = known.filter((u) => (held.get(u) ?? 0) < t.per_user_limit);
      const room = t.total_quota === null ? eligible.length : Math.max(0, t.total_quota - t.claimed_count);
      const chosen = eligible.slice(0, room);
      if (chosen.length > 0) {
        const taken = await repo.takeQuotaMany(trx, templateId, chosen.length);
        if (!taken) throw conflict('COUPONS_SOLD_OUT', 'All of these coupons have been claimed', { templateId });
        const rows = chosen.map((u) => couponRow(taken, u, 'issue', null, now));
        await repo.insertCoupons(trx, rows);
        // All issued in one go share one validity (same template, same instant).
        await expiry.scheduleSweep(trx, rows[0].valid_until, now);
      }
      const result = { issued: chosen.length, skipped: unique.length - chosen.length, unknownUsers: unique.length - known.length, overLimit: known.length - eligible.length, overQuota: eligible.length - chosen.length };
      await recordAudit(trx, now, { actorId, action: 'coupon_template.issued', subjectType: 'coupon_template', subjectId: templateId, details: result });
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
    const rows = await repo.listUserCoupons(db, userId, { status: q.status, now, limit: q.limit, after: readPageCursor(q.cursor) });
    const page = pageOf(rows, q.limit);
    return { items: page.items.map((c) => presentCoupon(c, now)), nextCursor: page.nextCursor };
  }

  /** The coupon centre: active, claimable templates still in their window, and whether I can claim. */
  async function couponCentre(userId: string | null) {
    const now = clock.now();
    const rows = (await repo.findClaimableTemplates(db)).filter((t) => !claimRefusal(windowOf(t), now));
    const held = userId ? await repo.countUserCoupons(db, rows.map((t) => t.id), userId) : new Map<string, number>();
    return {
      items: rows.map((t) => {
        const remaining = t.total_quota === null ? null : Math.max(0, t.total_quota - t.claimed_count);
        const mine = held.get(t.id) ?? 0;
        return { ...presentTemplateTerms(t), held: mine, canClaim: remaining !== 0 && mine < t.per_user_limit };
      }),
    };
  }

  return { claim, tryGrant, grantCoupon, reserveQuota, returnQuota, revokeCoupon, revokeClaimed, issue, getOwnCoupon, listMyCoupons, couponCentre };
}

export type CouponWallet = ReturnType<typeof createCouponWallet>;
