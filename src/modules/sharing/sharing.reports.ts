// Sharing reports for operators and sharers: totals by channel, one cascade as a tree, a sharer's
// links and the cascades' roots with their outcomes, paged by (created_at, id) cursors.
import { invalid, notFound } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { money } from '../../platform/money.ts';
import { decodeCursor, encodeCursor } from '../../platform/schema.ts';
import { cascadeStats } from './cascade.rules.ts';
import { presentShare } from './sharing.present.ts';
import * as repo from './sharing.repo.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import type { SharingPlatform } from './sharing.table.ts';

export function createSharingReports(p: SharingPlatform, deps: { identity: { displayNames(executor: AnyExecutor, userIds: string[]): Promise<Map<string, string>> } }) {
  const { db } = p;

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
    const [rows, counts] = await Promise.all([repo.findCascadeShares(db, [root.id]), repo.countsPerShare(db, { rootIds: [root.id] })]);
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

  /** Orders and GMV (paid, net of refunds) attributed, last touch, to shares of these targets: a note's or a KOL's sales. */
  async function attributedSalesOf(targetType: string, targetIds: string[]) {
    const unique = [...new Set(targetIds)];
    const byTarget = new Map<string, { orders: number; paidOrders: number; gmv: number }>();
    for (let i = 0; i < unique.length; i += 1000) for (const [k, v] of await repo.outcomesByTarget(db, targetType, unique.slice(i, i + 1000))) byTarget.set(k, v);
    return byTarget;
  }

  type CascadeClick = { shareId: string; clickedAt: Date; isNewVisitor: boolean; visitor: string | null; clickerId: string | null; signedUpAt: Date | null; orderedAt: Date[] };

  /** The clicks of a batch of cascades with what each brought (cascadeClicks). */
  async function clicksOfBatch(batch: string[]): Promise<CascadeClick[]> {
    const [clicks, outcomes] = await Promise.all([repo.findCascadeClicks(db, batch), repo.findCascadeClickOutcomes(db, batch)]);
    const byClick = new Map<string, { signedUp: { at: Date; userId: string } | null; orders: Date[] }>();
    for (const o of outcomes) {
      let v = byClick.get(o.click_id);
      if (!v) byClick.set(o.click_id, (v = { signedUp: null, orders: [] }));
      if (o.subject_type === 'order') v.orders.push(o.attributed_at);
      else v.signedUp ??= { at: o.attributed_at, userId: o.user_id };
    }
    return clicks.map((c) => {
      const o = byClick.get(c.id);
      return { shareId: c.share_id, clickedAt: c.clicked_at, isNewVisitor: c.is_new_visitor, visitor: c.visitor, clickerId: c.user_id ?? o?.signedUp?.userId ?? null, signedUpAt: o?.signedUp?.at ?? null, orderedAt: o?.orders ?? [] };
    });
  }

  /** The cascades' roots as batches of a few hundred: that keeps a query's bind parameters well under the limit. */
  function batchesOf(rootIds: string[]): string[][] {
    const unique = [...new Set(rootIds.filter(isUuid))];
    return Array.from({ length: Math.ceil(unique.length / 200) }, (_, k) => unique.slice(k * 200, k * 200 + 200));
  }

  /**
   * Every click (not the sharer's own) on the shares of these cascades, oldest first, with the
   * sign-up and orders attributed to it (last touch) and when: the timeline a forecaster needs to
   * know what a cascade had brought by a given hour. `clickerId` is the clicker's account, signed
   * in when clicking or opened through this click; `visitor` is the key `visitors` counts distinct.
   */
  async function cascadeClicks(rootIds: string[]) {
    const out: CascadeClick[] = [];
    // Pushed one by one: a spread of a large batch would overflow the call stack.
    for (const batch of batchesOf(rootIds)) for (const c of await clicksOfBatch(batch)) out.push(c);
    return out;
  }

  /**
   * Everything a forecaster reads of these cascades in a few queries per batch: each share (its
   * place in the cascade, sharer, channel, time and the counts getCascade gives its nodes) and the
   * clicks as cascadeClicks gives them. Shares come cascade by cascade, each by depth then time;
   * sharers are not named.
   */
  async function cascadeFacts(rootIds: string[]) {
    const shares: { id: string; rootId: string; parentId: string | null; depth: number; sharerId: string; channel: string; createdAt: Date; clicks: number; visitors: number; signups: number; orders: number; paidOrders: number }[] = [];
    const clicks: CascadeClick[] = [];
    for (const batch of batchesOf(rootIds)) {
      const [rows, counts, batchClicks] = await Promise.all([repo.findCascadeShares(db, batch), repo.countsPerShare(db, { rootIds: batch }), clicksOfBatch(batch)]);
      const byRoot = new Map<string, typeof rows>(batch.map((id) => [id, []]));
      for (const r of rows) byRoot.get(r.root_share_id)?.push(r);
      for (const r of [...byRoot.values()].flat()) {
        const c = counts.get(r.id);
        shares.push({ id: r.id, rootId: r.root_share_id, parentId: r.parent_share_id, depth: r.depth, sharerId: r.sharer_id, channel: r.channel, createdAt: r.created_at, clicks: c?.clicks ?? 0, visitors: c?.visitors ?? 0, signups: c?.signups ?? 0, orders: c?.orders ?? 0, paidOrders: c?.paidOrders ?? 0 });
      }
      for (const c of batchClicks) clicks.push(c);
    }
    return { shares, clicks };
  }

  return { stats, getCascade, listMyShares, listRoots, attributedSalesOf, cascadeClicks, cascadeFacts };
}
