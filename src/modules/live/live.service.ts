// Live sessions: the operator schedules (title, cover, products), starts and ends a session, pins a
// product, releases live coupons and posts announcements; viewers chat (screened by moderation),
// like, claim a released coupon once, and tap buy. Every change that viewers see goes out through
// the hub (live.hub.ts) after its transaction committed. The record (peak viewers, messages, likes,
// claims, orders and GMV) is kept in the database, the orders through event consumers.
import { recordAudit } from '../../platform/audit.ts';
import { conflict, DomainError, notFound, unprocessable } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import { createHub, type Hub } from './live.hub.ts';
import * as repo from './live.repo.ts';
import { isOpen, LIMITS, transition, type SessionAction } from './live.rules.ts';
import { liveTables, type LivePlatform } from './live.table.ts';
import { presentCoupon, presentSession, type LiveDeps, type CouponView } from './live.present.ts';

export type { LiveDeps } from './live.present.ts';

const sessionNotFound = (id: string) => notFound('LIVE_SESSION_NOT_FOUND', 'No such live session', { sessionId: id });

export function createLiveService(p: LivePlatform, deps: LiveDeps) {
  const { db, clock } = p;

  // The hub opens its own Redis subscriber connection, so it is made on first use and closed with the app.
  let hubPromise: Promise<Hub> | null = null;
  const hub = () =>
    (hubPromise ??= createHub({
      redis: p.redis,
      log: p.log,
      now: () => clock.now().getTime(),
      onCount: (sessionId, count) => void repo.raisePeak(db, sessionId, count).catch((err) => p.log.warn({ err, sessionId }, 'live: peak not recorded')),
    }));

  async function getRow(id: string) {
    const row = isUuid(id) ? await repo.findSession(db, id) : undefined;
    if (!row) throw sessionNotFound(id);
    return row;
  }

  async function checkProducts(productIds: string[]) {
    for (const id of productIds) {
      const ok = await deps.productCard(id).then(Boolean, (err) => (err instanceof DomainError ? false : Promise.reject(err)));
      if (!ok) throw unprocessable('LIVE_PRODUCT_NOT_FOUND', 'A product of the session does not exist', { productId: id });
    }
  }

  async function view(id: string, userId: string | null) {
    const row = await getRow(id);
    const [productIds, coupons, viewers, claimed] = await Promise.all([repo.findProducts(db, id), repo.findCoupons(db, id), hub().then((h) => h.viewers(id)), userId ? repo.findClaimsOf(db, id, userId) : Promise.resolve(new Set<string>())]);
    const couponViews = await Promise.all(coupons.map((c) => presentCoupon(c, deps, claimed.has(c.template_id))));
    const released = couponViews.find((c) => c.released) ?? null;
    const pinned = row.pinned_product_id ? await deps.productCard(row.pinned_product_id, released).catch(() => null) : null;
    const announcements = await repo.recentAnnouncements(db, id, 5);
    return presentSession(row, { productIds, coupons: couponViews, pinned, viewers, announcements });
  }

  /** Tell the room, after the change committed; a lost notice is not worth failing the change. */
  async function announce(sessionId: string, event: string, data: unknown) {
    try {
      await (await hub()).publish(sessionId, event, data);
    } catch (err) {
      p.log.warn({ err, sessionId, event }, 'live: notice not fanned out');
    }
  }

  async function releasedCoupon(sessionId: string): Promise<CouponView | null> {
    const rows = await repo.findCoupons(db, sessionId);
    const row = rows.find((c) => c.released_at && !c.withdrawn_at);
    return row ? presentCoupon(row, deps, false) : null;
  }

  async function pinnedCard(sessionId: string, productId: string | null) {
    if (!productId) return null;
    return deps.productCard(productId, await releasedCoupon(sessionId)).catch(() => null);
  }

  return {
    hub,

    async schedule(actorId: string | null, input: { title: string; coverUrl?: string | null; scheduledAt: string; productIds: string[] }) {
      const productIds = [...new Set(input.productIds)];
      await checkProducts(productIds);
      const now = clock.now();
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('live_sessions').values({ id, title: input.title.trim(), cover_url: input.coverUrl?.trim() || null, status: 'scheduled', scheduled_at: new Date(input.scheduledAt), pinned_product_id: null, peak_viewers: 0, likes: 0, created_by: actorId, created_at: now, started_at: null, ended_at: null }).execute();
        if (productIds.length) await trx.insertInto('live_session_products').values(productIds.map((product_id, position) => ({ session_id: id, product_id, position }))).execute();
        await recordAudit(trx, now, { actorId, action: 'live_session.scheduled', subjectType: 'live_session', subjectId: id, details: { title: input.title, products: productIds.length } });
      });
      return view(id, null);
    },

    list: async (q: { status?: 'scheduled' | 'live' | 'ended'; limit: number }) => ({ items: await Promise.all((await repo.listSessions(db, q)).map((r) => repo.findProducts(db, r.id).then((productIds) => presentSession(r, { productIds, coupons: [], pinned: null, viewers: null, announcements: [] })))) }),
    get: (id: string, userId: string | null = null) => view(id, userId),

    async act(actorId: string | null, id: string, action: SessionAction) {
      const now = clock.now();
      const ended = await db.transaction().execute(async (trx) => {
        const row = await repo.lockSession(liveTables.of(trx), id);
        if (!row) throw sessionNotFound(id);
        const t = transition(row.status, action);
        if (!t.ok) throw conflict(t.reason === 'NOT_SCHEDULED' ? 'LIVE_NOT_SCHEDULED' : 'LIVE_NOT_LIVE', t.reason === 'NOT_SCHEDULED' ? 'Only a scheduled session can start' : 'The room is not live', { sessionId: id, status: row.status });
        const updated = (await repo.updateStatus(liveTables.of(trx), id, row.status, action === 'start' ? { status: t.status, started_at: now } : { status: t.status, ended_at: now }))!;
        if (action === 'start') await publishEvent(trx, now, 'live.started', id, { sessionId: id });
        else await publishEvent(trx, now, 'live.ended', id, { sessionId: id, peakViewers: updated.peak_viewers });
        await recordAudit(trx, now, { actorId, action: `live_session.${action === 'start' ? 'started' : 'ended'}`, subjectType: 'live_session', subjectId: id, details: {} });
        return updated;
      });
      await announce(id, 'status', { status: ended.status });
      return view(id, null);
    },

    async pin(actorId: string, id: string, productId: string | null) {
      const row = await getRow(id);
      if (row.status === 'ended') throw conflict('LIVE_ENDED', 'The session has ended', { sessionId: id });
      if (productId && !(await repo.findProducts(db, id)).includes(productId)) throw unprocessable('LIVE_PRODUCT_NOT_IN_SESSION', 'That product is not one of the session’s products', { productId });
      await db.transaction().execute(async (trx) => {
        await repo.setPinned(liveTables.of(trx), id, productId);
        await recordAudit(trx, clock.now(), { actorId, action: 'live_session.pinned', subjectType: 'live_session', subjectId: id, details: { productId } });
      });
      await announce(id, 'pinned', await pinnedCard(id, productId));
      return view(id, null);
    },

    /** Link a coupon template (an existing one, or one made here from the terms) to the session, not yet released. */
    async addCoupon(actorId: string, id: string, input: { templateId?: string; name?: string; discountAmount?: number; minSpendAmount?: number; totalQuota?: number }) {
      const row = await getRow(id);
      if (row.status === 'ended') throw conflict('LIVE_ENDED', 'The session has ended', { sessionId: id });
      let templateId = input.templateId;
      if (!templateId) {
        // A live-only coupon: not claimable from the coupon centre, scoped to the session's products.
        const productIds = await repo.findProducts(db, id);
        const created = await deps.coupons.createTemplate(actorId, {
          name: input.name ?? `${row.title}`,
          kind: (input.minSpendAmount ?? 0) > 0 ? 'threshold' : 'fixed',
          discountAmount: input.discountAmount ?? null,
          minSpendAmount: input.minSpendAmount ?? 0,
          scope: productIds.length ? 'products' : 'store',
          scopeIds: productIds,
          validDaysAfterClaim: 7,
          perUserLimit: 1,
          totalQuota: input.totalQuota ?? null,
          claimable: false,
        });
        await deps.coupons.setTemplateStatus(actorId, created.id, 'activate');
        templateId = created.id;
      } else {
        await deps.coupons.getTemplate(templateId);
      }
      await db.insertInto('live_coupons').values({ session_id: id, template_id: templateId, released_at: null, withdrawn_at: null, created_at: clock.now() }).onConflict((oc) => oc.columns(['session_id', 'template_id']).doNothing()).execute();
      return view(id, null);
    },

    /** Release a live coupon to the room (claimable while the session is live) or withdraw it. */
    async setCouponReleased(actorId: string, id: string, templateId: string, released: boolean) {
      const row = await getRow(id);
      if (released && !isOpen(row.status)) throw conflict('LIVE_NOT_LIVE', 'The room is not live', { sessionId: id, status: row.status });
      const now = clock.now();
      const updated = isUuid(templateId) ? await repo.setCouponRelease(db, id, templateId, released ? { released_at: now, withdrawn_at: null } : { released_at: null, withdrawn_at: now }) : undefined;
      if (!updated) throw notFound('LIVE_COUPON_NOT_FOUND', 'The session has no such live coupon', { sessionId: id, templateId });
      await recordAudit(db, now, { actorId, action: released ? 'live_coupon.released' : 'live_coupon.withdrawn', subjectType: 'live_session', subjectId: id, details: { templateId } });
      const coupon = await presentCoupon(updated, deps, false);
      await announce(id, 'coupon', coupon);
      await announce(id, 'pinned', await pinnedCard(id, row.pinned_product_id));
      return coupon;
    },

    async claim(userId: string, id: string, templateId: string) {
      const now = clock.now();
      const couponId = await db.transaction().execute(async (trx) => {
        const live = liveTables.of(trx);
        const row = isUuid(id) ? await repo.findSession(live, id) : undefined;
        if (!row) throw sessionNotFound(id);
        if (!isOpen(row.status)) throw conflict('LIVE_NOT_LIVE', 'The room is not live', { sessionId: id, status: row.status });
        const link = isUuid(templateId) ? await repo.lockCoupon(live, id, templateId) : undefined;
        if (!link) throw notFound('LIVE_COUPON_NOT_FOUND', 'The session has no such live coupon', { sessionId: id, templateId });
        if (!link.released_at || link.withdrawn_at) throw conflict('LIVE_COUPON_NOT_RELEASED', 'The live coupon is not released right now', { sessionId: id, templateId });
        if ((await repo.findClaimsOf(live, id, userId)).has(templateId)) throw conflict('LIVE_COUPON_ALREADY_CLAIMED', 'You already claimed this live coupon', { sessionId: id, templateId });
        // Coupons' own quota-safe grant (a conditional UPDATE of the quota), in this transaction.
        const granted = await deps.coupons.grantCoupon(trx, { userId, templateId, source: 'issue', sourceRef: `live:${id}` });
        // A racing second claim of the same viewer stops at the primary key and rolls its grant back.
        if (!(await repo.insertClaim(live, { session_id: id, template_id: templateId, user_id: userId, coupon_id: granted.couponId, claimed_at: now }))) {
          throw conflict('LIVE_COUPON_ALREADY_CLAIMED', 'You already claimed this live coupon', { sessionId: id, templateId });
        }
        await publishEvent(trx, now, 'live.coupon_claimed', id, { sessionId: id, templateId, userId, couponId: granted.couponId });
        return granted.couponId;
      });
      // The remaining quota changed: the room sees it.
      const link = await repo.findCoupon(db, id, templateId);
      if (link) await announce(id, 'coupon', await presentCoupon(link, deps, false));
      return { couponId, templateId, sessionId: id };
    },

    async chat(userId: string, id: string, text: string) {
      const row = await getRow(id);
      if (!isOpen(row.status)) throw conflict('LIVE_NOT_LIVE', 'The room is not live', { sessionId: id, status: row.status });
      const messageId = newId();
      const screened = await deps.screen({ kind: 'chat', subjectId: messageId, authorId: userId, text });
      const now = clock.now();
      await repo.insertMessage(db, { id: messageId, session_id: id, kind: 'chat', author_id: userId, text: screened.text, verdict: screened.verdict, created_at: now });
      if (screened.verdict === 'refused') throw unprocessable('LIVE_CHAT_REFUSED', 'Your message cannot be posted', { reasons: screened.reasons });
      if (screened.verdict === 'held') return { verdict: 'held' as const, code: 'LIVE_CHAT_HELD', messageId };
      const author = (await deps.displayNames([userId])).get(userId) ?? '';
      await announce(id, 'chat', { id: messageId, author, text: screened.text, at: now.toISOString() });
      return { verdict: 'approved' as const, code: 'LIVE_CHAT_POSTED', messageId };
    },

    async like(id: string, count: number) {
      const row = await getRow(id);
      if (!isOpen(row.status)) throw conflict('LIVE_NOT_LIVE', 'The room is not live', { sessionId: id, status: row.status });
      const updated = await repo.addLikes(db, id, Math.min(count, LIMITS.likesPerTap));
      if (!updated) throw conflict('LIVE_NOT_LIVE', 'The room is not live', { sessionId: id });
      await announce(id, 'likes', { likes: Number(updated.likes) });
      return { likes: Number(updated.likes) };
    },

    async announcement(actorId: string, id: string, text: string) {
      const row = await getRow(id);
      if (row.status === 'ended') throw conflict('LIVE_ENDED', 'The session has ended', { sessionId: id });
      const messageId = newId();
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await repo.insertMessage(liveTables.of(trx), { id: messageId, session_id: id, kind: 'announcement', author_id: actorId, text: text.trim(), verdict: 'approved', created_at: now });
        await recordAudit(trx, now, { actorId, action: 'live_session.announced', subjectType: 'live_session', subjectId: id, details: {} });
      });
      await announce(id, 'announcement', { id: messageId, text: text.trim(), at: now.toISOString() });
      return { id: messageId };
    },

    /** The viewer tapped buy: an order of this product within the window is the room's. */
    async intend(userId: string, id: string, productId: string) {
      const row = await getRow(id);
      if (!isOpen(row.status)) throw conflict('LIVE_NOT_LIVE', 'The room is not live', { sessionId: id, status: row.status });
      if (!(await repo.findProducts(db, id)).includes(productId)) throw unprocessable('LIVE_PRODUCT_NOT_IN_SESSION', 'That product is not one of the session’s products', { productId });
      await repo.upsertIntent(db, { session_id: id, user_id: userId, product_id: productId, at: clock.now() });
      return { sessionId: id, productId };
    },

    async record(id: string) {
      const row = await getRow(id);
      const figures = await repo.recordFigures(db, id);
      return { sessionId: id, status: row.status, startedAt: row.started_at?.toISOString() ?? null, endedAt: row.ended_at?.toISOString() ?? null, peakViewers: row.peak_viewers, likes: Number(row.likes), ...figures, gmv: { amount: figures.gmvAmount, currency: 'CNY' } };
    },

    /** Share target `live`: the room's page, its title and cover. */
    async resolveShareTarget(_executor: AnyExecutor, id: string) {
      const row = isUuid(id) ? await repo.findSession(db, id) : undefined;
      if (!row) return null;
      return { url: `/live/${row.id}`, title: row.title, image: row.cover_url, price: null, reference: null };
    },

    // Event consumers: orders the room caused, through its buy button or a live share link.
    async onShareClicked(trx: AnyExecutor, e: { shareId: string; targetType: string; targetId: string }) {
      if (e.targetType !== 'live' || !isUuid(e.targetId)) return;
      const live = liveTables.of(trx);
      if (await repo.findSession(live, e.targetId)) await repo.insertShare(live, e.shareId, e.targetId);
    },
    async onOrderPlaced(trx: AnyExecutor, e: { orderId: string; userId: string; totalAmount: number; currency: string; lines: { productId: string }[] }, at: Date) {
      const live = liveTables.of(trx);
      const intent = await repo.findIntent(live, e.userId, [...new Set(e.lines.map((l) => l.productId))], new Date(at.getTime() - LIMITS.intentWindowMs));
      if (intent) await attribute(trx, { sessionId: intent.session_id, orderId: e.orderId, userId: e.userId, source: 'room', amount: e.totalAmount, currency: e.currency }, at);
    },
    async onOrderAttributed(trx: AnyExecutor, e: { orderId: string; userId: string; shareId: string; rootShareId: string; totalAmount: number }, at: Date) {
      const found = await repo.findShareSession(liveTables.of(trx), [e.shareId, e.rootShareId]);
      if (found) await attribute(trx, { sessionId: found.session_id, orderId: e.orderId, userId: e.userId, source: 'share', amount: e.totalAmount, currency: 'CNY' }, at);
    },
    onOrderPaid: (trx: AnyExecutor, e: { orderId: string }, at: Date) => repo.markOrderPaid(liveTables.of(trx), e.orderId, at),
    /** An operator approved a held chat line: the room sees it (if still live), as sent at its time. */
    async onModerationDecided(trx: AnyExecutor, e: { kind: string; subjectId: string; verdict: 'approved' | 'refused' }) {
      if (e.kind !== 'chat' || !isUuid(e.subjectId)) return;
      const live = liveTables.of(trx);
      const line = await repo.decideHeldMessage(live, e.subjectId, e.verdict);
      if (!line || e.verdict !== 'approved' || !line.author_id) return;
      const session = await repo.findSession(live, line.session_id);
      if (!session || !isOpen(session.status)) return;
      const author = (await deps.displayNames([line.author_id], trx)).get(line.author_id) ?? '';
      await announce(line.session_id, 'chat', { id: line.id, author, text: line.text, at: line.created_at.toISOString() });
    },
  };

  async function attribute(trx: AnyExecutor, a: { sessionId: string; orderId: string; userId: string; source: 'room' | 'share'; amount: number; currency: string }, at: Date) {
    const row = await repo.insertOrder(liveTables.of(trx), { order_id: a.orderId, session_id: a.sessionId, source: a.source, user_id: a.userId, amount: a.amount, currency: a.currency, placed_at: at });
    if (row) await publishEvent(trx, at, 'live.order_attributed', a.sessionId, { sessionId: a.sessionId, orderId: a.orderId, userId: a.userId, source: a.source, amount: a.amount });
  }
}

export type LiveService = ReturnType<typeof createLiveService>;
