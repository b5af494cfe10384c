// Coupon templates and share coupon packs as mechanics on the campaign kernel. Neither has a
// campaign window (their dates are the coupons' validity), so a start goes live at once; the
// kernel's status shows on their rows ('live' reads `active`), and templates keep telling
// subscribers when they go live, pause and end.
import { publishEvent } from '../../platform/events.ts';
import { defineMechanic, mirroredStatus, type Finding } from '../campaigns/index.ts';
import * as repo from './coupons.repo.ts';
import { faceValue } from './coupons.rules.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import { couponsTables } from './coupons.table.ts';
import { couponVariants } from './coupons.variants.ts';

const TEMPLATE_EVENTS = { live: 'coupon_template.activated', paused: 'coupon_template.paused', ended: 'coupon_template.ended' } as const;

/** The kernel never schedules a campaign without a start time, so these rows never read 'scheduled'. */
const withoutSchedule = (status: ReturnType<typeof mirroredStatus>) => (status === 'scheduled' ? 'draft' : status);

export const couponTemplateMechanic = defineMechanic({
  mechanic: 'coupon',
  pausable: true,
  async apply(handle: AnyExecutor, id, change) {
    const trx = couponsTables.of(handle);
    const status = withoutSchedule(mirroredStatus(change.to));
    await repo.updateTemplate(trx, id, { status, updated_at: change.at });
    const type = change.to === 'live' || change.to === 'paused' || change.to === 'ended' ? TEMPLATE_EVENTS[change.to] : null;
    if (type) await publishEvent(trx, change.at, type, id, { templateId: id, status });
  },
  variants: couponVariants,
  // Quantity × value: what the coupons could take off if every one were used (free shipping has no fixed value).
  async costCeiling(handle: AnyExecutor, id) {
    const t = await repo.findTemplate(couponsTables.of(handle), id);
    const each = t ? faceValue(t) : null;
    return t && t.total_quota !== null && each !== null ? t.total_quota * each : null;
  },
});

export const couponPackMechanic = defineMechanic({
  mechanic: 'coupon_pack',
  pausable: true,
  async apply(handle: AnyExecutor, id, change) {
    const trx = couponsTables.of(handle);
    await repo.updatePack(trx, id, { status: withoutSchedule(mirroredStatus(change.to)), updated_at: change.at });
  },
  async preLaunch(handle: AnyExecutor, id): Promise<Finding[]> {
    const trx = couponsTables.of(handle);
    const pack = await repo.findPack(trx, id);
    if (!pack) return [];
    const templates = await repo.findTemplates(trx, [pack.friend_template_id, pack.sharer_template_id]);
    const idle = templates.filter((t) => t.status !== 'active');
    return idle.length ? [{ check: 'coupons', severity: 'warn', message: 'A coupon of this pack is not active: friends cannot claim it until it is', details: { templateIds: idle.map((t) => t.id) } }] : [];
  },
});
