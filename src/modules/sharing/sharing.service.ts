// Share links, clicks, cascade trees, attribution and posters. Attribution (event consumers) and
// the reports live in sharing.attribution.ts and sharing.reports.ts; this composes them.
import type { DayRange } from '../../platform/daily.ts';
import { isUniqueViolation, notFound, unprocessable } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events.ts';
import { newId, newToken } from '../../platform/ids.ts';
import { createSharingAttribution } from './sharing.attribution.ts';
import { presentShare } from './sharing.present.ts';
import { createSharingReports } from './sharing.reports.ts';
import * as repo from './sharing.repo.ts';
import { isChannel, isSameSitePath, landingUrl, newShareToken, TOKEN_RE, windowStart, type ShareChannel, type TargetResolver, type TargetType } from './sharing.rules.ts';
import { createPosterRenderer, type LoadedImage } from './sharing.poster.render.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import { sharingTables, type SharingDb, type SharingPlatform } from './sharing.table.ts';

/** What sharing needs from identity (kept structural so the module imports no other module). */
export interface SharingIdentity {
  devicesOf(userId: string): Promise<string[]>;
  findUsersByDevices(deviceIds: string[]): Promise<{ user_id: string; device_id: string }[]>;
  displayNames(executor: AnyExecutor, userIds: string[]): Promise<Map<string, string>>;
}

export type { LoadedImage } from './sharing.poster.render.ts';

export interface SharingDeps {
  identity: SharingIdentity;
  /** Bytes of a target image URL such as /media/{id}; null when unavailable. */
  loadImage?: (url: string) => Promise<LoadedImage | null>;
  /** The all-in price (到手价) of one unit, shipping included, as checkout will charge it (campaigns). */
  deliveredPrice?: (campaignId: string | null, unitAmount: number, currency: string) => Promise<{ freeShipping: boolean; shipping: { amount: number; currency: string }; deliveredPrice: { amount: number; currency: string } }>;
}

export interface CreateShareInput {
  target: { type: TargetType; id: string };
  channel: ShareChannel;
  campaignId?: string;
}

/** Runs before a share is made (compliance's channel policies): keeps, drops the campaign (a plain link) or throws. */
export type ShareGuard = (executor: AnyExecutor, share: { campaignId: string | null; channel: ShareChannel; targetType: TargetType; targetId: string }) => Promise<{ campaignId: string | null }>;

interface ClickInput {
  token: string;
  visitorId: string | null;
  userId: string | null;
  channel?: string;
  referer?: string;
  ip?: string;
  userAgent?: string;
}


// index.ts hands the presenters to other modules from here.
export { presentAttribution, presentShare } from './sharing.present.ts';

export function createSharingService(p: SharingPlatform, deps: SharingDeps) {
  const { db, clock } = p;
  const targets = new Map<string, TargetResolver>();
  const guards: ShareGuard[] = [];
  const registerShareGuard = (guard: ShareGuard) => void guards.push(guard);

  function registerTarget(type: TargetType, resolver: TargetResolver): void {
    if (targets.has(type)) throw new Error(`share target ${type} registered twice`);
    targets.set(type, resolver);
  }

  async function resolveTarget(executor: AnyExecutor, type: string, id: string) {
    const resolver = targets.get(type);
    if (!resolver) throw unprocessable('SHARING_TARGET_UNSUPPORTED', `Sharing a ${type} is not available yet`, { type });
    const resolved = await resolver.resolve(executor, id);
    if (!resolved) throw notFound('SHARING_TARGET_NOT_FOUND', `There is no ${type} ${id} to share`, { type, id });
    if (!isSameSitePath(resolved.url)) throw new Error(`share target ${type} resolved to ${resolved.url}, which is not a same-site path`);
    return resolved;
  }

  /** A target's title and image for operator lists; null when it is gone or its type has no resolver. */
  async function describeTarget(executor: AnyExecutor, type: string, id: string) {
    const resolver = targets.get(type);
    const resolved = resolver ? await resolver.resolve(executor, id).catch(() => null) : null;
    return resolved ? { title: resolved.title, image: resolved.image ?? null } : null;
  }

  /** Every visitor or device id known to belong to a user: identity's devices and our own links. */
  async function identitiesOf(executor: SharingDb, userId: string): Promise<string[]> {
    const [devices, linked] = await Promise.all([deps.identity.devicesOf(userId), repo.findVisitorsOfUser(executor, userId)]);
    return [...new Set([...devices, ...linked])];
  }

  async function createShare(sharerId: string, input: CreateShareInput) {
    const resolved = await resolveTarget(db, input.target.type, input.target.id);
    let campaignId = input.campaignId ?? resolved.campaignId ?? null;
    for (const guard of guards) campaignId = (await guard(db, { campaignId, channel: input.channel, targetType: input.target.type, targetId: input.target.id })).campaignId;
    const visitorIds = await identitiesOf(db, sharerId);
    for (let attempt = 0; ; attempt++) {
      try {
        return await db.transaction().execute(async (trx) => {
          const now = clock.now();
          const days = await p.settings.get('sharing.attributionWindowDays', trx);
          // The parent is the share through which the sharer arrived: their last click within the window on the same target.
          const parent = await repo.findLatestArrival(trx, { userId: sharerId, visitorIds }, { type: input.target.type, id: input.target.id, campaignId }, windowStart(now, days), now);
          const id = newId();
          const share = await repo.insertShare(trx, {
            id,
            token: newShareToken(),
            sharer_id: sharerId,
            target_type: input.target.type,
            target_id: input.target.id,
            campaign_id: campaignId,
            channel: input.channel,
            parent_share_id: parent?.id ?? null,
            root_share_id: parent?.root_share_id ?? id,
            depth: parent ? parent.depth + 1 : 0,
            target_url: resolved.url,
            created_at: now,
          });
          await publishEvent(trx, now, 'share.created', id, {
            shareId: id,
            rootShareId: share.root_share_id,
            parentShareId: share.parent_share_id,
            sharerId,
            campaignId,
            targetType: share.target_type,
            targetId: share.target_id,
            channel: share.channel,
            depth: share.depth,
          });
          return presentShare(share);
        });
      } catch (err) {
        if (attempt < 3 && isUniqueViolation(err, 'shares_token')) continue;
        throw err;
      }
    }
  }

  async function findLink(token: string) {
    const share = TOKEN_RE.test(token) ? await repo.findShareByToken(db, token) : undefined;
    if (!share) throw notFound('SHARING_LINK_NOT_FOUND', 'This share link does not exist', { token: token.slice(0, 40) });
    return share;
  }

  /** Records a click on /s/{token}; returns where to send the browser and the visitor id to keep. */
  async function recordClick(input: ClickInput) {
    const share = await findLink(input.token);
    const mintedVisitor = !input.visitorId;
    const visitorId = input.visitorId ?? newToken(16);
    const channel: ShareChannel = isChannel(input.channel) ? input.channel : share.channel;
    const deviceOwners = mintedVisitor ? [] : await deps.identity.findUsersByDevices([visitorId]);
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      const linkedUsers = mintedVisitor ? [] : await repo.findUsersOfVisitors(trx, [visitorId]);
      const owners = new Set([...deviceOwners.map((d) => d.user_id), ...linkedUsers]);
      const selfClick = input.userId === share.sharer_id || owners.has(share.sharer_id);
      const firstSeen = await repo.insertVisitorIfNew(trx, visitorId, now);
      // New reach only: an id never seen before, from nobody signed in and no known account's device.
      const isNewVisitor = firstSeen && !input.userId && owners.size === 0;
      if (input.userId) await repo.insertVisitorLinks(trx, input.userId, [visitorId], now);
      await repo.insertClick(trx, {
        id: newId(),
        share_id: share.id,
        root_share_id: share.root_share_id,
        sharer_id: share.sharer_id,
        campaign_id: share.campaign_id,
        target_type: share.target_type,
        target_id: share.target_id,
        channel,
        visitor_id: visitorId,
        user_id: input.userId,
        referer: input.referer?.slice(0, 500) ?? null,
        ip: input.ip?.slice(0, 64) ?? null,
        user_agent: input.userAgent?.slice(0, 300) ?? null,
        is_new_visitor: isNewVisitor,
        self_click: selfClick,
        clicked_at: now,
      });
      await publishEvent(trx, now, 'share.clicked', share.id, {
        shareId: share.id,
        rootShareId: share.root_share_id,
        sharerId: share.sharer_id,
        campaignId: share.campaign_id,
        targetType: share.target_type,
        targetId: share.target_id,
        channel,
        visitorId,
        userId: input.userId,
        isNewVisitor,
        selfClick,
      });
    });
    return { location: landingUrl(share.target_url, share.token), visitorId, mintedVisitor };
  }

  // ---- what other modules ask ------------------------------------------------------------------

  async function resolveShare(executor: AnyExecutor, token: string) {
    if (!TOKEN_RE.test(token)) return null;
    const s = await repo.findShareByToken(sharingTables.of(executor), token);
    if (!s) return null;
    return {
      id: s.id,
      token: s.token,
      sharerId: s.sharer_id,
      targetType: s.target_type,
      targetId: s.target_id,
      campaignId: s.campaign_id,
      rootShareId: s.root_share_id,
      parentShareId: s.parent_share_id,
      depth: s.depth,
      channel: s.channel,
    };
  }

  // ---- posters (sharing.poster.render.ts) ------------------------------------------------------

  const posters = createPosterRenderer(p, { displayNames: deps.identity.displayNames, loadImage: deps.loadImage, deliveredPrice: deps.deliveredPrice }, { findLink, resolveTarget });

  /**
   * Bulk-load past cascades (demo data, imports from another platform): shares with their parents
   * and the clicks they got, written as they happened, with no events (that was long ago). Parents
   * must come before their children in `shares`.
   */
  async function importHistoricalCascade(input: {
    shares: { id: string; sharerId: string; target: { type: string; id: string }; campaignId: string | null; channel: ShareChannel; parentId: string | null; createdAt: Date }[];
    /** `signedUp`: the visitor opened an account after this click (a newcomer the share brought). */
    clicks: { shareId: string; visitorId: string; userId: string | null; isNewVisitor: boolean; clickedAt: Date; signedUp?: { userId: string; at: Date } }[];
  }) {
    const byId = new Map<string, { root: string; depth: number; row: (typeof input.shares)[number] }>();
    // Resolvers may read through their own module's handle, so targets are resolved before the transaction.
    const urls = new Map<string, string>();
    for (const sh of input.shares) {
      const key = `${sh.target.type}:${sh.target.id}`;
      if (!urls.has(key)) urls.set(key, (await resolveTarget(db, sh.target.type, sh.target.id)).url);
    }
    // In input order, so a parent's node exists when its children are reached.
    const shares = input.shares.map((sh) => {
      const parent = sh.parentId ? byId.get(sh.parentId) : undefined;
      const node = { root: parent?.root ?? sh.id, depth: parent ? parent.depth + 1 : 0, row: sh };
      byId.set(sh.id, node);
      return { id: sh.id, token: newShareToken(), sharer_id: sh.sharerId, target_type: sh.target.type, target_id: sh.target.id, campaign_id: sh.campaignId, channel: sh.channel, parent_share_id: parent ? sh.parentId : null, root_share_id: node.root, depth: node.depth, target_url: urls.get(`${sh.target.type}:${sh.target.id}`)!, created_at: sh.createdAt };
    });
    const clicks = input.clicks.map((c) => {
      const share = byId.get(c.shareId)!;
      return { id: newId(), share_id: c.shareId, root_share_id: share.root, sharer_id: share.row.sharerId, campaign_id: share.row.campaignId, target_type: share.row.target.type, target_id: share.row.target.id, channel: share.row.channel, visitor_id: c.visitorId, user_id: c.userId, referer: null, ip: null, user_agent: null, is_new_visitor: c.isNewVisitor, self_click: false, clicked_at: c.clickedAt };
    });
    // A newcomer's only click is both its first and its last touch.
    const attributions = input.clicks.flatMap((c, i) => {
      if (!c.signedUp) return [];
      const click = clicks[i];
      return (['first_touch', 'last_touch'] as const).map((model) => ({
        id: newId(), subject_type: 'customer' as const, subject_id: c.signedUp!.userId, model, user_id: c.signedUp!.userId, share_id: click.share_id, root_share_id: click.root_share_id, sharer_id: click.sharer_id,
        campaign_id: click.campaign_id, target_type: click.target_type, target_id: click.target_id, click_id: click.id, channel: click.channel, order_amount: null, currency: null, attributed_at: c.signedUp!.at, updated_at: c.signedUp!.at,
      }));
    });
    const firstSeen = new Map<string, Date>();
    for (const c of input.clicks) if (!firstSeen.has(c.visitorId) || firstSeen.get(c.visitorId)! > c.clickedAt) firstSeen.set(c.visitorId, c.clickedAt);
    const visitors = [...firstSeen].map(([visitor_id, first_seen_at]) => ({ visitor_id, first_seen_at }));
    const links = input.clicks.flatMap((c) => (c.userId ? [{ visitor_id: c.visitorId, user_id: c.userId, linked_at: c.clickedAt }] : c.signedUp ? [{ visitor_id: c.visitorId, user_id: c.signedUp.userId, linked_at: c.signedUp.at }] : []));
    await db.transaction().execute((trx) => repo.insertCascadeHistory(trx, { shares, clicks, visitors, links, attributions }));
    return { shares: input.shares.length, clicks: input.clicks.length };
  }

  return {
    ...createSharingAttribution(p),
    ...createSharingReports(p, deps),
    dailyActivity: (range: DayRange) => repo.dailySharingActivity(db, range),
    importHistoricalCascade,
    registerTarget,
    describeTarget,
    registerShareGuard,
    createShare,
    recordClick,
    resolveShare,
    ...posters,
  };
}

export type SharingService = ReturnType<typeof createSharingService>;
