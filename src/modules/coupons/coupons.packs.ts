// Share coupon packs: a sharer sends a pack link; each friend who claims through it gets the
// friend coupon, and the N-th friend unlocks the sharer's coupon, once. Progress moves only by a
// conditional increment that stops at N (repo), so concurrent friends never overshoot.
import { recordAudit } from '../../platform/audit.ts';
import { conflict, DomainError, invalid, notFound, unprocessable } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { packNotFound, templateNotFound } from './coupons.errors.ts';
import { iso, presentPack, presentTemplateTerms } from './coupons.present.ts';
import * as repo from './coupons.repo.ts';
import { packRemaining, packUnlocked } from './coupons.rules.ts';
import type { PackStatus, CouponsDb, CouponsPlatform } from './coupons.table.ts';
import type { CampaignsService } from '../campaigns/index.ts';

/** A pack's requested status as campaign-kernel actions from where it is now (none when it is there already). */
function packActions(from: PackStatus, to: PackStatus): ('start' | 'pause' | 'resume' | 'end')[] {
  if (from === to) return [];
  if (to === 'ended') return ['end'];
  if (to === 'active') return from === 'paused' ? ['resume'] : ['start'];
  if (to === 'paused') return from === 'draft' ? ['start', 'pause'] : ['pause'];
  return []; // back to draft: refused by the caller before it gets here
}
import type { CouponWallet, NameSource } from './coupons.wallet.ts';

/** What coupons needs from sharing: a share token resolved to who shared what. */
export interface ShareSource {
  resolveShare(executor: CouponsDb, token: string): Promise<{ id: string; sharerId: string; targetType: string; targetId: string } | null>;
}

interface PackInput {
  name: string;
  description?: string;
  friendTemplateId: string;
  sharerTemplateId: string;
  friendsNeeded: number;
  validFrom: string;
  validUntil: string;
  status?: PackStatus;
}

function packWindow(from: string, until: string) {
  const validFrom = new Date(from);
  const validUntil = new Date(until);
  if (!(validFrom < validUntil)) throw invalid('COUPONS_PACK_INVALID', 'validUntil must be after validFrom', { field: 'validUntil' });
  return { validFrom, validUntil };
}

export function createCouponPacks(p: CouponsPlatform, deps: { campaigns: CampaignsService; identity: NameSource; sharing?: ShareSource }, wallet: Pick<CouponWallet, 'grantCoupon' | 'tryGrant' | 'getOwnCoupon'>) {
  const { db, clock } = p;

  async function checkPackTemplates(trx: CouponsDb, friendTemplateId: string, sharerTemplateId: string) {
    const found = await repo.findTemplates(trx, [friendTemplateId, sharerTemplateId].filter(isUuid));
    for (const id of [friendTemplateId, sharerTemplateId]) if (!found.some((t) => t.id === id)) throw templateNotFound(id);
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
        status: 'draft',
        valid_from: validFrom,
        valid_until: validUntil,
        created_by: actorId,
        created_at: now,
        updated_at: now,
      });
      await recordAudit(trx, now, { actorId, action: 'coupon_pack.created', subjectType: 'coupon_pack', subjectId: row.id, details: { name: row.name, friendsNeeded: row.friends_needed } });
      await deps.campaigns.enrol(trx, { id: row.id, mechanic: 'coupon_pack', name: row.name, startsAt: null, endsAt: null, actorId });
      for (const action of packActions('draft', input.status ?? 'draft')) await deps.campaigns.actIn(trx, actorId, row.id, action);
      return presentPack((await repo.findPack(trx, row.id))!);
    });
  }

  async function updatePack(actorId: string, id: string, patch: Partial<PackInput>) {
    if (!isUuid(id)) throw packNotFound(id);
    return db.transaction().execute(async (trx) => {
      const current = await repo.findPack(trx, id);
      if (!current) throw packNotFound(id);
      const rulesChanged = (['friendTemplateId', 'sharerTemplateId', 'friendsNeeded'] as const).filter((k) => patch[k] !== undefined);
      if (rulesChanged.length) await deps.campaigns.assertRulesEditable(trx, id, rulesChanged);
      if (patch.status === 'draft' && current.status !== 'draft') throw conflict('CAMPAIGN_STATUS', 'A published pack cannot go back to draft', { id, status: current.status });
      const window = packWindow(patch.validFrom ?? current.valid_from.toISOString(), patch.validUntil ?? current.valid_until.toISOString());
      if (patch.friendTemplateId || patch.sharerTemplateId) await checkPackTemplates(trx, patch.friendTemplateId ?? current.friend_template_id, patch.sharerTemplateId ?? current.sharer_template_id);
      if (patch.name !== undefined && !patch.name.trim()) throw invalid('COUPONS_PACK_INVALID', 'Give the pack a name', { field: 'name' });
      const now = clock.now();
      const row = await repo.updatePack(trx, id, {
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.description !== undefined ? { description: patch.description.trim() } : {}),
        ...(patch.friendTemplateId ? { friend_template_id: patch.friendTemplateId } : {}),
        ...(patch.sharerTemplateId ? { sharer_template_id: patch.sharerTemplateId } : {}),
        ...(patch.friendsNeeded !== undefined ? { friends_needed: patch.friendsNeeded } : {}),
        valid_from: window.validFrom,
        valid_until: window.validUntil,
        updated_at: now,
      });
      if (patch.name !== undefined) await deps.campaigns.revise(trx, id, { name: patch.name.trim() });
      await recordAudit(trx, now, { actorId, action: 'coupon_pack.updated', subjectType: 'coupon_pack', subjectId: id, details: { changes: Object.keys(patch) } });
      // A status in the patch moves through the campaign kernel (coupons.mechanics.ts mirrors it).
      if (patch.status) {
        for (const action of packActions(current.status, patch.status)) await deps.campaigns.actIn(trx, actorId, id, action);
        return presentPack((await repo.findPack(trx, id))!);
      }
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
    const t = (tid: string) => presentTemplateTerms(templates.find((x) => x.id === tid)!);
    const now = clock.now();
    return { ...presentPack(pack), open: pack.status === 'active' && now >= pack.valid_from && now < pack.valid_until, friendCoupon: t(pack.friend_template_id), sharerCoupon: t(pack.sharer_template_id) };
  }

  /** Sharing's target resolver for `coupon_pack` shares. */
  async function resolvePackTarget(executor: CouponsDb, id: string) {
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
      const friendCoupon = await wallet.grantCoupon(trx, { userId: friendId, templateId: pack.friend_template_id, source: 'share_pack', sourceRef: `pack:${share.id}:friend:${friendId}` });
      const inserted = await repo.insertPackClaim(trx, { share_id: share.id, friend_id: friendId, pack_id: packId, coupon_id: friendCoupon.couponId, claimed_at: now });
      if (!inserted) throw conflict('COUPONS_PACK_ALREADY_CLAIMED', 'You already claimed from this share', { packId });
      await publishEvent(trx, now, 'coupon_pack.claimed', share.id, { packId, shareId: share.id, sharerId: share.sharerId, friendId, couponId: friendCoupon.couponId, claimed: progress.claimed_count });
      let unlocked = false;
      if (packUnlocked(progress.claimed_count, pack.friends_needed) && (await repo.markUnlocked(trx, share.id, now))) {
        unlocked = true;
        // A sharer reward whose quota or window is gone is recorded as unlocked without a coupon
        // rather than taking the friend's coupon back; the event says so.
        const reward = await wallet.tryGrant(trx, { userId: share.sharerId, templateId: pack.sharer_template_id, source: 'share_pack', sourceRef: `pack:${share.id}:sharer` });
        if (reward.ok) await repo.setSharerCoupon(trx, share.id, reward.couponId);
        await publishEvent(trx, now, 'coupon_pack.unlocked', share.id, { packId, shareId: share.id, sharerId: share.sharerId, couponId: reward.ok ? reward.couponId : null, rewardRefused: reward.ok ? null : reward.error.code });
      }
      return { couponId: friendCoupon.couponId, claimed: progress.claimed_count, needed: pack.friends_needed, unlocked };
    });
    return { coupon: await wallet.getOwnCoupon(friendId, result.couponId), progress: { claimed: result.claimed, needed: result.needed, unlocked: result.unlocked } };
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

  return { createPack, updatePack, getPack, listPacks, getPublicPack, resolvePackTarget, claimPack, myPackShares };
}
