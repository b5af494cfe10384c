// Share links, clicks, cascade trees, attribution and posters.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import QRCode from 'qrcode';
import type { Transaction } from 'kysely';
import type { Database } from '../../database.ts';
import type { Platform } from '../../platform/context.ts';
import { invalid, isUniqueViolation, notFound, unprocessable } from '../../platform/errors.ts';
import { publishEvent, type Consumer, type Executor, type OutboxEvent } from '../../platform/events.ts';
import { newId, newToken, sha256 } from '../../platform/ids.ts';
import { DEFAULT_CURRENCY, money } from '../../platform/money.ts';
import { decodeCursor, encodeCursor } from '../../platform/schema.ts';
import { isUuid } from '../../platform/ids.ts';
import type { DayRange } from '../../platform/daily.ts';
import { cascadeStats } from './cascade.rules.ts';
import * as repo from './sharing.repo.ts';
import {
  isChannel,
  isSameSitePath,
  landingUrl,
  newShareToken,
  pickTouches,
  TOKEN_RE,
  windowStart,
  type AttributionModel,
  type AttributionSubject,
  type ShareChannel,
  type TargetResolver,
  type TargetType,
} from './sharing.rules.ts';
import { POSTER_FONT_FAMILY, posterSvg } from './sharing.poster.ts';

/** What sharing needs from identity (kept structural so the module imports no other module). */
export interface SharingIdentity {
  devicesOf(userId: string): Promise<string[]>;
  findUsersByDevices(deviceIds: string[]): Promise<{ user_id: string; device_id: string }[]>;
  displayNames(executor: Executor, userIds: string[]): Promise<Map<string, string>>;
}

export type LoadedImage = { contentType: string; bytes: Uint8Array };

export interface SharingDeps {
  identity: SharingIdentity;
  /** Bytes of a target image URL such as /media/{id}; null when unavailable. */
  loadImage?: (url: string) => Promise<LoadedImage | null>;
}

export interface CreateShareInput {
  target: { type: TargetType; id: string };
  channel: ShareChannel;
  campaignId?: string;
}

export interface ClickInput {
  token: string;
  visitorId: string | null;
  userId: string | null;
  channel?: string;
  referer?: string;
  ip?: string;
  userAgent?: string;
}

export function presentShare(s: repo.ShareRow) {
  return {
    id: s.id,
    token: s.token,
    url: `/s/${s.token}`,
    posterUrl: `/api/v1/shares/${s.token}/poster.png`,
    parentShareId: s.parent_share_id,
    rootShareId: s.root_share_id,
    depth: s.depth,
    target: { type: s.target_type, id: s.target_id },
    channel: s.channel,
    campaignId: s.campaign_id,
    createdAt: s.created_at.toISOString(),
  };
}

export function presentAttribution(a: repo.AttributionRow) {
  return {
    subjectType: a.subject_type,
    subjectId: a.subject_id,
    model: a.model,
    userId: a.user_id,
    shareId: a.share_id,
    rootShareId: a.root_share_id,
    sharerId: a.sharer_id,
    campaignId: a.campaign_id,
    targetType: a.target_type,
    targetId: a.target_id,
    clickId: a.click_id,
    channel: a.channel,
    orderAmount: a.order_amount,
    paid: a.paid,
    paidAmount: a.paid_amount,
    attributedAt: a.attributed_at.toISOString(),
  };
}

function posterFonts(): string[] {
  const require = createRequire(import.meta.url);
  const dir = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
  const files = ['NotoSansHans-Regular.otf', 'NotoSansHans-Bold.otf'].map((f) => path.join(dir, f)).filter((f) => fs.existsSync(f));
  if (!files.length) throw new Error(`no poster font found in ${dir}`);
  return files;
}

const POSTER_CACHE_SIZE = 200;

export function createSharingService(p: Platform, deps: SharingDeps) {
  const { db, clock } = p;
  const targets = new Map<string, TargetResolver>();
  let fonts: string[] | undefined;
  const posterCache = new Map<string, Buffer>();

  function registerTarget(type: TargetType, resolver: TargetResolver): void {
    if (targets.has(type)) throw new Error(`share target ${type} registered twice`);
    targets.set(type, resolver);
  }

  async function resolveTarget(executor: Executor, type: string, id: string) {
    const resolver = targets.get(type);
    if (!resolver) throw unprocessable('SHARING_TARGET_UNSUPPORTED', `Sharing a ${type} is not available yet`, { type });
    const resolved = await resolver.resolve(executor, id);
    if (!resolved) throw notFound('SHARING_TARGET_NOT_FOUND', `There is no ${type} ${id} to share`, { type, id });
    if (!isSameSitePath(resolved.url)) throw new Error(`share target ${type} resolved to ${resolved.url}, which is not a same-site path`);
    return resolved;
  }

  /** Every visitor or device id known to belong to a user: identity's devices and our own links. */
  async function identitiesOf(executor: Executor, userId: string): Promise<string[]> {
    const [devices, linked] = await Promise.all([deps.identity.devicesOf(userId), repo.findVisitorsOfUser(executor, userId)]);
    return [...new Set([...devices, ...linked])];
  }

  async function createShare(sharerId: string, input: CreateShareInput) {
    const resolved = await resolveTarget(db, input.target.type, input.target.id);
    const campaignId = input.campaignId ?? resolved.campaignId ?? null;
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

  // ---- attribution (event consumers) ----------------------------------------------------------

  async function linkVisitors(trx: Executor, payload: { userId: string; visitorId?: string | null; deviceId?: string | null }, at: Date) {
    const ids = [...new Set([payload.visitorId, payload.deviceId].filter((v): v is string => !!v))];
    await repo.insertVisitorsSeen(trx, ids, at);
    await repo.insertVisitorLinks(trx, payload.userId, ids, at);
  }

  async function attribute(trx: Executor, subject: { type: AttributionSubject; id: string; userId: string; orderAmount?: number; currency?: string }, clicks: repo.ClickRow[], at: Date) {
    const touches = pickTouches(clicks.map((c) => ({ ...c, clickedAt: c.clicked_at })));
    if (!touches) return null;
    let lastTouch: repo.AttributionRow | undefined;
    for (const [model, click] of [['last_touch', touches.last], ['first_touch', touches.first]] as const) {
      const row = await repo.insertAttribution(trx, {
        id: newId(),
        subject_type: subject.type,
        subject_id: subject.id,
        model,
        user_id: subject.userId,
        share_id: click.share_id,
        root_share_id: click.root_share_id,
        sharer_id: click.sharer_id,
        campaign_id: click.campaign_id,
        target_type: click.target_type,
        target_id: click.target_id,
        click_id: click.id,
        channel: click.channel,
        order_amount: subject.orderAmount ?? null,
        currency: subject.currency ?? null,
        attributed_at: at,
        updated_at: at,
      });
      if (model === 'last_touch') lastTouch = row;
    }
    return lastTouch ?? null;
  }

  /** customer.registered: the sign-up's visitor and device ids, last and first touch in the window before it. */
  async function attributeSignup(trx: Executor, payload: { userId: string; visitorId?: string | null; deviceId?: string | null }, at: Date) {
    const visitorIds = [...new Set([payload.visitorId, payload.deviceId].filter((v): v is string => !!v))];
    if (!visitorIds.length) return;
    const days = await p.settings.get('sharing.attributionWindowDays', trx);
    const clicks = await repo.findAttributableClicks(trx, { userId: null, visitorIds }, windowStart(at, days), at);
    const row = await attribute(trx, { type: 'customer', id: payload.userId, userId: payload.userId }, clicks.filter((c) => c.sharer_id !== payload.userId), at);
    if (row) {
      await publishEvent(trx, at, 'customer.attributed', payload.userId, {
        userId: payload.userId,
        shareId: row.share_id,
        rootShareId: row.root_share_id,
        sharerId: row.sharer_id,
        campaignId: row.campaign_id,
        targetType: row.target_type,
        targetId: row.target_id,
        channel: row.channel,
        model: 'last_touch',
      });
    }
  }

  /** order.placed: the buyer's clicks (signed in, or from any visitor linked to them) in the window before the order. */
  async function attributeOrder(trx: Executor, payload: { orderId: string; userId: string; totalAmount: number; currency?: string }, at: Date) {
    const days = await p.settings.get('sharing.attributionWindowDays', trx);
    const visitorIds = await repo.findVisitorsOfUser(trx, payload.userId);
    const clicks = await repo.findAttributableClicks(trx, { userId: payload.userId, visitorIds }, windowStart(at, days), at);
    const row = await attribute(trx, { type: 'order', id: payload.orderId, userId: payload.userId, orderAmount: payload.totalAmount, currency: payload.currency ?? DEFAULT_CURRENCY }, clicks, at);
    if (row) {
      await publishEvent(trx, at, 'order.attributed', payload.orderId, {
        orderId: payload.orderId,
        userId: payload.userId,
        shareId: row.share_id,
        rootShareId: row.root_share_id,
        sharerId: row.sharer_id,
        campaignId: row.campaign_id,
        totalAmount: payload.totalAmount,
        model: 'last_touch',
      });
    }
  }

  async function recordOrderPaid(trx: Executor, payload: { orderId: string; userId: string; totalAmount: number; currency?: string }, at: Date) {
    // order.placed is normally consumed first; if its delivery failed and is being retried, attribute now.
    if (!(await repo.findAttribution(trx, 'order', payload.orderId, 'last_touch'))) await attributeOrder(trx, payload, at);
    await repo.markOrderPaid(trx, payload.orderId, payload.totalAmount, at);
  }

  async function recordOrderRefund(trx: Executor, payload: { orderId: string; amount: number; full: boolean }, at: Date) {
    if (payload.full) await repo.clearOrderPaid(trx, payload.orderId, at);
    else await repo.reduceOrderPaid(trx, payload.orderId, payload.amount, at);
  }

  /** The event consumers sharing needs; the composition root subscribes them. */
  function consumers(): Consumer[] {
    const on = (name: string, types: string[], handle: (trx: Transaction<Database>, e: OutboxEvent) => Promise<void>): Consumer => ({ name, types, handle });
    return [
      on('sharing.link-visitors', ['customer.registered', 'customer.signed_in'], (trx, e) => linkVisitors(trx, e.payload as any, e.occurredAt)),
      on('sharing.attribute-signup', ['customer.registered'], (trx, e) => attributeSignup(trx, e.payload as any, e.occurredAt)),
      on('sharing.attribute-order', ['order.placed'], (trx, e) => attributeOrder(trx, e.payload as any, e.occurredAt)),
      on('sharing.order-paid', ['order.paid'], (trx, e) => recordOrderPaid(trx, e.payload as any, e.occurredAt)),
      on('sharing.order-refunded', ['order.refunded'], (trx, e) => recordOrderRefund(trx, e.payload as any, e.occurredAt)),
      on('sharing.order-cancelled', ['order.cancelled'], (trx, e) => repo.clearOrderPaid(trx, e.payload.orderId, e.occurredAt).then(() => undefined)),
    ];
  }

  // ---- what other modules ask ------------------------------------------------------------------

  async function resolveShare(executor: Executor, token: string) {
    if (!TOKEN_RE.test(token)) return null;
    const s = await repo.findShareByToken(executor, token);
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

  async function getAttribution(executor: Executor, subjectType: AttributionSubject, subjectId: string, model: AttributionModel = 'last_touch') {
    const row = await repo.findAttribution(executor, subjectType, subjectId, model);
    return row ? presentAttribution(row) : null;
  }

  // ---- reports -------------------------------------------------------------------------------

  async function stats(filter: repo.StatsFilter) {
    const [shares, clicks, total, attributed] = await Promise.all([
      repo.shareCountsByChannel(db, filter),
      repo.clickCountsByChannel(db, filter),
      repo.clickCountsTotal(db, filter),
      repo.attributionCountsByChannel(db, filter),
    ]);
    const channels = [...new Set([...shares, ...clicks, ...attributed].map((r) => r.channel))].sort();
    const byChannel = channels.map((channel) => {
      const s = shares.find((r) => r.channel === channel);
      const c = clicks.find((r) => r.channel === channel);
      const a = attributed.find((r) => r.channel === channel);
      return {
        channel,
        shares: s?.shares ?? 0,
        clicks: c?.clicks ?? 0,
        uniqueVisitors: c?.unique_visitors ?? 0,
        newVisitors: c?.new_visitors ?? 0,
        attributedSignups: a?.signups ?? 0,
        attributedOrders: a?.orders ?? 0,
        attributedPaidOrders: a?.paid_orders ?? 0,
        gmv: money(Number(a?.gmv ?? 0)),
      };
    });
    const sumOf = (k: 'shares' | 'attributedSignups' | 'attributedOrders' | 'attributedPaidOrders') => byChannel.reduce((acc, r) => acc + r[k], 0);
    return {
      shares: sumOf('shares'),
      clicks: total.clicks,
      uniqueVisitors: total.unique_visitors,
      newVisitors: total.new_visitors,
      attributedSignups: sumOf('attributedSignups'),
      attributedOrders: sumOf('attributedOrders'),
      attributedPaidOrders: sumOf('attributedPaidOrders'),
      gmv: money(byChannel.reduce((acc, r) => acc + r.gmv.amount, 0)),
      byChannel,
    };
  }

  async function displayNames(userIds: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(userIds)];
    return unique.length ? deps.identity.displayNames(db, unique) : new Map();
  }

  async function getCascade(shareId: string) {
    const share = isUuid(shareId) ? await repo.findShareById(db, shareId) : undefined;
    if (!share) throw notFound('SHARING_SHARE_NOT_FOUND', 'No such share', { id: shareId });
    const root = share.root_share_id === share.id ? share : (await repo.findShareById(db, share.root_share_id))!;
    const [rows, counts] = await Promise.all([repo.findCascadeShares(db, root.id), repo.countsPerShare(db, { rootId: root.id })]);
    const names = await displayNames(rows.map((r) => r.sharer_id));
    const nodes = rows.map((r) => {
      const c = counts.get(r.id);
      return {
        id: r.id,
        parentId: r.parent_share_id,
        depth: r.depth,
        sharerId: r.sharer_id,
        sharerName: names.get(r.sharer_id) ?? null,
        channel: r.channel,
        createdAt: r.created_at.toISOString(),
        clicks: c?.clicks ?? 0,
        visitors: c?.visitors ?? 0,
        signups: c?.signups ?? 0,
        orders: c?.orders ?? 0,
        paidOrders: c?.paidOrders ?? 0,
      };
    });
    return { root: presentShare(root), nodes, stats: cascadeStats(nodes.map((x) => ({ id: x.id, parentId: x.parentId }))) };
  }

  function readCursor(cursor: string | undefined) {
    if (!cursor) return undefined;
    const c = decodeCursor<{ at: string; id: string }>(cursor);
    if (!c || typeof c.at !== 'string' || Number.isNaN(Date.parse(c.at)) || typeof c.id !== 'string' || !isUuid(c.id)) {
      throw invalid('SHARING_CURSOR_INVALID', 'That cursor does not belong to this list; start again without it', { field: 'cursor' });
    }
    return { at: new Date(c.at), id: c.id };
  }

  function page<T extends { created_at: Date; id: string }>(rows: T[], limit: number) {
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? encodeCursor({ at: last.created_at.toISOString(), id: last.id }) : null };
  }

  async function listMyShares(userId: string, query: { cursor?: string; limit: number }) {
    const { items, nextCursor } = page(await repo.findSharesOfSharer(db, userId, query.limit + 1, readCursor(query.cursor)), query.limit);
    const counts = await repo.countsPerShare(db, { shareIds: items.map((s) => s.id) });
    return {
      items: items.map((s) => {
        const c = counts.get(s.id);
        return { ...presentShare(s), clicks: c?.clicks ?? 0, visitors: c?.visitors ?? 0, signups: c?.signups ?? 0, orders: c?.orders ?? 0, paidOrders: c?.paidOrders ?? 0 };
      }),
      nextCursor,
    };
  }

  async function listRoots(query: { campaignId?: string; cursor?: string; limit: number }) {
    const { items, nextCursor } = page(await repo.findRootShares(db, { campaignId: query.campaignId }, query.limit + 1, readCursor(query.cursor)), query.limit);
    const ids = items.map((s) => s.id);
    const [sizes, outcomes, names] = await Promise.all([repo.cascadeSizes(db, ids), repo.cascadeOutcomes(db, ids), displayNames(items.map((s) => s.sharer_id))]);
    return {
      items: items.map((s) => {
        const o = outcomes.get(s.id);
        return {
          ...presentShare(s),
          sharerId: s.sharer_id,
          sharerName: names.get(s.sharer_id) ?? null,
          size: sizes.get(s.id)?.size ?? 1,
          depth: sizes.get(s.id)?.depth ?? 0,
          signups: o?.signups ?? 0,
          orders: o?.orders ?? 0,
          paidOrders: o?.paidOrders ?? 0,
          gmv: money(o?.gmv ?? 0),
        };
      }),
      nextCursor,
    };
  }

  // ---- posters -------------------------------------------------------------------------------

  function rasterise(svg: string, fitWidth?: number): Buffer {
    fonts ??= posterFonts();
    const resvg = new Resvg(svg, {
      fitTo: fitWidth ? { mode: 'width', value: fitWidth } : { mode: 'original' },
      font: { fontFiles: fonts, loadSystemFonts: false, defaultFontFamily: POSTER_FONT_FAMILY },
    });
    return resvg.render().asPng();
  }

  async function loadPosterImage(url: string | null): Promise<LoadedImage | null> {
    if (!url || !deps.loadImage) return null;
    const image = await deps.loadImage(url).catch(() => null);
    if (!image) return null;
    // resvg renders a nested SVG without our fonts, so SVG pictures become PNG first, with them;
    // emoji (no colour-emoji font here) are dropped rather than drawn as empty boxes.
    if (image.contentType === 'image/svg+xml') {
      try {
        const text = Buffer.from(image.bytes).toString('utf8').replace(/\p{Extended_Pictographic}\uFE0F?/gu, '');
        return { contentType: 'image/png', bytes: rasterise(text, 670) };
      } catch {
        return null;
      }
    }
    return image;
  }

  /** The share's poster as PNG; `baseUrl` makes the QR code's link absolute. */
  async function renderPoster(token: string, baseUrl: string): Promise<Buffer> {
    const share = await findLink(token);
    const target = await resolveTarget(db, share.target_type, share.target_id);
    const sharerName = (await displayNames([share.sharer_id])).get(share.sharer_id) ?? '好友';
    const shareUrl = `${baseUrl.replace(/\/+$/, '')}/s/${share.token}`;
    const key = sha256(JSON.stringify([shareUrl, target.title, target.price, target.image, sharerName]));
    const cached = posterCache.get(key);
    if (cached) return cached;
    const [image, qrSvg] = await Promise.all([loadPosterImage(target.image), QRCode.toString(shareUrl, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' })]);
    const png = rasterise(posterSvg({ title: target.title, price: target.price, sharerName, image, qrSvg, priceLabel: share.target_type === 'invite' ? '注册有礼' : undefined }));
    if (posterCache.size >= POSTER_CACHE_SIZE) posterCache.delete(posterCache.keys().next().value!);
    posterCache.set(key, png);
    return png;
  }

  /**
   * Bulk-load past cascades (demo data, imports from another platform): shares with their parents
   * and the clicks they got, written as they happened, with no events (that was long ago). Parents
   * must come before their children in `shares`.
   */
  async function importHistoricalCascade(input: {
    shares: { id: string; sharerId: string; target: { type: string; id: string }; campaignId: string | null; channel: ShareChannel; parentId: string | null; createdAt: Date }[];
    clicks: { shareId: string; visitorId: string; userId: string | null; isNewVisitor: boolean; clickedAt: Date }[];
  }) {
    const byId = new Map<string, { root: string; depth: number; row: (typeof input.shares)[number] }>();
    // Resolvers may read through their own module's handle, so targets are resolved before the transaction.
    const urls = new Map<string, string>();
    for (const sh of input.shares) {
      const key = `${sh.target.type}:${sh.target.id}`;
      if (!urls.has(key)) urls.set(key, (await resolveTarget(db, sh.target.type, sh.target.id)).url);
    }
    await db.transaction().execute(async (trx) => {
      const rows = [];
      for (const sh of input.shares) {
        const key = `${sh.target.type}:${sh.target.id}`;
        const parent = sh.parentId ? byId.get(sh.parentId) : undefined;
        const node = { root: parent?.root ?? sh.id, depth: parent ? parent.depth + 1 : 0, row: sh };
        byId.set(sh.id, node);
        rows.push({ id: sh.id, token: newShareToken(), sharer_id: sh.sharerId, target_type: sh.target.type, target_id: sh.target.id, campaign_id: sh.campaignId, channel: sh.channel, parent_share_id: parent ? sh.parentId : null, root_share_id: node.root, depth: node.depth, target_url: urls.get(key)!, created_at: sh.createdAt });
      }
      for (let i = 0; i < rows.length; i += 500) await trx.insertInto('shares').values(rows.slice(i, i + 500)).execute();
      const clicks = input.clicks.map((c) => {
        const share = byId.get(c.shareId)!;
        return { id: newId(), share_id: c.shareId, root_share_id: share.root, sharer_id: share.row.sharerId, campaign_id: share.row.campaignId, target_type: share.row.target.type, target_id: share.row.target.id, channel: share.row.channel, visitor_id: c.visitorId, user_id: c.userId, referer: null, ip: null, user_agent: null, is_new_visitor: c.isNewVisitor, self_click: false, clicked_at: c.clickedAt };
      });
      for (let i = 0; i < clicks.length; i += 500) await trx.insertInto('share_clicks').values(clicks.slice(i, i + 500)).execute();
      const firstSeen = new Map<string, Date>();
      for (const c of input.clicks) if (!firstSeen.has(c.visitorId) || firstSeen.get(c.visitorId)! > c.clickedAt) firstSeen.set(c.visitorId, c.clickedAt);
      const visitors = [...firstSeen].map(([visitor_id, first_seen_at]) => ({ visitor_id, first_seen_at }));
      for (let i = 0; i < visitors.length; i += 500) await trx.insertInto('share_visitors').values(visitors.slice(i, i + 500)).onConflict((oc) => oc.column('visitor_id').doNothing()).execute();
      const links = input.clicks.filter((c) => c.userId).map((c) => ({ visitor_id: c.visitorId, user_id: c.userId!, linked_at: c.clickedAt }));
      for (let i = 0; i < links.length; i += 500) await trx.insertInto('visitor_links').values(links.slice(i, i + 500)).onConflict((oc) => oc.doNothing()).execute();
    });
    return { shares: input.shares.length, clicks: input.clicks.length };
  }

  return {
    dailyActivity: (range: DayRange) => repo.dailySharingActivity(db, range),
    importHistoricalCascade,
    registerTarget,
    createShare,
    recordClick,
    resolveShare,
    getAttribution,
    consumers,
    stats,
    getCascade,
    listMyShares,
    listRoots,
    renderPoster,
  };
}

export type SharingService = ReturnType<typeof createSharingService>;
