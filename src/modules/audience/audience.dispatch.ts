// Targeted dispatch: a coupon (with a message announcing it) or a message to every member of a
// segment who allows marketing. The operator's request books a job; the job claims each person
// once (the (dispatch, user) key), and the claim, the coupon grant and the message commit
// together, so a retried or twice-run job delivers nothing twice.
import { DomainError, invalid, notFound, unprocessable } from '../../platform/errors.ts';
import { newId, isUuid } from '../../platform/ids.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import * as repo from './audience.repo.ts';
import type { SegmentRule } from './audience.segments.ts';
import { audienceTables, type AudiencePlatform, type DispatchKind } from './audience.table.ts';

export const DISPATCH_JOB = 'audience.dispatch';
/** Attempts of a dispatch job before it is marked failed (the platform backs off between them). */
export const DISPATCH_ATTEMPTS = 5;

export interface DispatchPorts {
  /** privacy.allows: marketing needs the person's opt-in. */
  allowsMarketing(userId: string): Promise<boolean>;
  /** coupons.getTemplate: the coupon's name and whether it can be issued now. */
  couponTemplate(id: string): Promise<{ name: string; status: string }>;
  /** coupons.grantCoupon in the caller's transaction, idempotent on (template, user, sourceRef). */
  grantCoupon(handle: AnyExecutor, g: { userId: string; templateId: string; sourceRef: string }): Promise<{ couponId: string }>;
}

export function createDispatch(p: AudiencePlatform, ports: DispatchPorts) {
  const { db, clock } = p;

  async function segmentOrThrow(id: string) {
    const s = isUuid(id) ? await repo.findSegment(db, id) : undefined;
    if (!s) throw notFound('AUDIENCE_SEGMENT_NOT_FOUND', 'No such segment', { segmentId: id });
    return s;
  }

  /** Books a dispatch; the job does the sending. */
  async function createDispatchRequest(actorId: string | null, input: { segmentId: string; kind: DispatchKind; couponTemplateId?: string; title: string; body: string }) {
    const segment = await segmentOrThrow(input.segmentId);
    if (input.kind === 'coupon') {
      if (!input.couponTemplateId) throw invalid('AUDIENCE_COUPON_REQUIRED', 'A coupon dispatch needs a coupon template');
      const template = await ports.couponTemplate(input.couponTemplateId);
      if (template.status !== 'active') throw unprocessable('AUDIENCE_COUPON_NOT_ISSUABLE', 'Activate the coupon before sending it', { couponTemplateId: input.couponTemplateId, status: template.status });
    }
    const now = clock.now();
    const id = newId();
    return db.transaction().execute(async (trx) => {
      const row = await repo.insertDispatch(trx, {
        id,
        segment_id: segment.id,
        rule: JSON.stringify(segment.rule),
        kind: input.kind,
        coupon_template_id: input.kind === 'coupon' ? input.couponTemplateId! : null,
        title: input.title,
        body: input.body,
        status: 'queued',
        targeted: null,
        created_by: actorId,
        created_at: now,
        started_at: null,
        finished_at: null,
        last_error: null,
      });
      await scheduleJob(trx, { kind: DISPATCH_JOB, payload: { dispatchId: id }, runAt: now, dedupeKey: `${DISPATCH_JOB}:${id}`, maxAttempts: DISPATCH_ATTEMPTS, now });
      return row;
    });
  }

  /**
   * The job: every member decided once; safe to run again after a crash half-way. A failed attempt
   * leaves its error on the dispatch for the console; the last one marks it failed, so it does not
   * read "running" for ever.
   */
  async function runDispatch(dispatchId: string, attempt = 1) {
    try {
      await deliverDispatch(dispatchId);
    } catch (err) {
      const last = attempt >= DISPATCH_ATTEMPTS;
      await repo.updateDispatch(db, dispatchId, { last_error: (err instanceof Error ? err.message : String(err)).slice(0, 500), ...(last ? { status: 'failed' as const, finished_at: clock.now() } : {}) });
      throw err;
    }
  }

  async function deliverDispatch(dispatchId: string) {
    const d = await repo.findDispatch(db, dispatchId);
    if (!d || d.status === 'done' || d.status === 'failed') return;
    await repo.updateDispatch(db, d.id, { status: 'running', started_at: d.started_at ?? clock.now() });
    const members = await repo.memberIds(db, d.rule as SegmentRule);
    await repo.updateDispatch(db, d.id, { targeted: members.length });
    const couponName = d.coupon_template_id ? (await ports.couponTemplate(d.coupon_template_id)).name : null;
    for (const userId of members) {
      const now = clock.now();
      if (!(await ports.allowsMarketing(userId))) {
        await repo.claimDelivery(db, { dispatch_id: d.id, user_id: userId, status: 'skipped_consent', reason: null, coupon_id: null, message_id: null, created_at: now, redeemed_at: null });
        continue;
      }
      try {
        await db.transaction().execute(async (trx) => {
          const claimed = await repo.claimDelivery(trx, { dispatch_id: d.id, user_id: userId, status: 'delivered', reason: null, coupon_id: null, message_id: null, created_at: now, redeemed_at: null });
          if (!claimed) return;
          const coupon = d.coupon_template_id ? await ports.grantCoupon(trx, { userId, templateId: d.coupon_template_id, sourceRef: `audience:${d.id}` }) : null;
          const messageId = newId();
          await repo.insertMessage(trx, { id: messageId, user_id: userId, dispatch_id: d.id, title: d.title, body: d.body, coupon_id: coupon?.couponId ?? null, coupon_name: coupon ? couponName : null, created_at: now, read_at: null });
          await repo.setDeliveryOutcome(trx, d.id, userId, { coupon_id: coupon?.couponId ?? null, message_id: messageId });
        });
      } catch (err) {
        // A refusal by the coupon (sold out, paused meanwhile) is this person's outcome, recorded once;
        // anything else fails the job, which retries and skips everyone already decided.
        if (!(err instanceof DomainError)) throw err;
        await repo.claimDelivery(db, { dispatch_id: d.id, user_id: userId, status: 'failed', reason: err.code, coupon_id: null, message_id: null, created_at: now, redeemed_at: null });
      }
    }
    await repo.updateDispatch(db, d.id, { status: 'done', finished_at: clock.now(), last_error: null });
  }

  async function present(rows: Awaited<ReturnType<typeof repo.findDispatch>>[]) {
    const list = rows.filter((r): r is NonNullable<typeof r> => !!r);
    const counts = await repo.dispatchCounts(db, list.map((r) => r.id));
    return list.map((d) => {
      const c = counts.get(d.id) ?? { delivered: 0, skippedConsent: 0, failed: 0, opened: 0, redeemed: 0 };
      return {
        id: d.id,
        segmentId: d.segment_id,
        kind: d.kind,
        couponTemplateId: d.coupon_template_id,
        title: d.title,
        body: d.body,
        status: d.status,
        createdAt: d.created_at.toISOString(),
        finishedAt: d.finished_at?.toISOString() ?? null,
        lastError: d.last_error,
        report: { targeted: d.targeted ?? 0, skippedNoConsent: c.skippedConsent, delivered: c.delivered, failed: c.failed, opened: c.opened, redeemed: c.redeemed },
      };
    });
  }

  async function getDispatch(id: string) {
    const d = isUuid(id) ? await repo.findDispatch(db, id) : undefined;
    if (!d) throw notFound('AUDIENCE_DISPATCH_NOT_FOUND', 'No such dispatch', { dispatchId: id });
    return (await present([d]))[0];
  }

  const listDispatches = async (limit: number) => ({ items: await present(await repo.listDispatches(db, limit)) });

  /** Consumer of coupon.used: a dispatched coupon spent on a paid order counts as redeemed. */
  const onCouponUsed = (handle: AnyExecutor, couponId: string, at: Date) => repo.markRedeemed(audienceTables.of(handle), couponId, at).then(() => undefined);

  // ---- the shopper's message centre ----

  const presentMessage = (m: NonNullable<Awaited<ReturnType<typeof repo.markRead>>>) => ({
    id: m.id,
    title: m.title,
    body: m.body,
    couponId: m.coupon_id,
    couponName: m.coupon_name,
    createdAt: m.created_at.toISOString(),
    readAt: m.read_at?.toISOString() ?? null,
  });

  async function myMessages(userId: string, limit: number) {
    const [rows, unread] = await Promise.all([repo.listMessages(db, userId, limit), repo.countUnread(db, userId)]);
    return { items: rows.map(presentMessage), unread };
  }

  async function markMessageRead(userId: string, id: string) {
    const row = isUuid(id) ? await repo.markRead(db, userId, id, clock.now()) : undefined;
    if (!row) throw notFound('AUDIENCE_MESSAGE_NOT_FOUND', 'No such message', { messageId: id });
    return presentMessage(row);
  }

  return { createDispatchRequest, runDispatch, getDispatch, listDispatches, onCouponUsed, myMessages, markMessageRead, unreadCount: (userId: string) => repo.countUnread(db, userId) };
}
