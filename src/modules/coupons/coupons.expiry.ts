// Marking date-expired coupons `expired` in their rows, for reports and exports that read the
// table directly. Reads never wait for this: every status filter and count already treats an
// available coupon past its end as expired (statusAt / hasStatusAt in the repo). A sweep job runs
// shortly after each China day in which some coupon reaches its end; each coupon handed out (or
// handed back after its end) schedules the sweep for its day, once per day by the dedupe key.
import { chinaDate, chinaDayStart, DAY_MS } from '../../platform/clock.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import * as repo from './coupons.repo.ts';
import type { CouponsDb, CouponsPlatform } from './coupons.table.ts';

export const EXPIRE_COUPONS_JOB = 'coupons.expire-coupons';

/** Rows per statement, so one sweep never holds thousands of row locks at once. */
const SWEEP_BATCH = 500;

/** Five minutes into the China day after the one holding `at` (China has no daylight saving: a day is 24 h). */
export function sweepRunAt(at: Date): Date {
  return new Date(chinaDayStart(chinaDate(at)).getTime() + DAY_MS + 5 * 60_000);
}

export function createCouponExpiry(p: CouponsPlatform) {
  const { db, clock } = p;

  /** Make sure a sweep runs after a coupon valid until `validUntil` (or after now, when that has passed). */
  async function scheduleSweep(trx: CouponsDb, validUntil: Date, now: Date) {
    const runAt = sweepRunAt(validUntil > now ? validUntil : now);
    await scheduleJob(trx, { kind: EXPIRE_COUPONS_JOB, payload: { date: chinaDate(runAt) }, runAt, dedupeKey: `coupons-expire:${chinaDate(runAt)}`, now });
  }

  /**
   * The sweep: available coupons past their end become `expired`, in short transactions. No event:
   * the coupon expired at its end instant, which every read already reflects; this only brings the
   * stored column in line with it.
   */
  async function expireCoupons(): Promise<{ expired: number }> {
    let expired = 0;
    for (;;) {
      const now = clock.now();
      const rows = await db.transaction().execute((trx) => repo.updateDateExpired(trx, now, SWEEP_BATCH));
      expired += rows.length;
      if (rows.length < SWEEP_BATCH) return { expired };
    }
  }

  return { scheduleSweep, expireCoupons };
}

export type CouponExpiry = ReturnType<typeof createCouponExpiry>;
