import { defineModule, on } from '../../platform/module.ts';
import type { CouponsService } from '../coupons/index.ts';
import type { IdentityService } from '../identity/index.ts';
import type { LoyaltyService } from '../loyalty/index.ts';
import { createReferralService, RELEASE_REWARD_JOB } from './referral.service.ts';
import { referralRoutes, referralAdminRoutes } from './referral.routes.ts';
import { referralMigrations } from './referral.migrations.ts';
import { referralEvents } from './referral.events.ts';

export { createReferralService, type ReferralService, type RewardPort, RELEASE_REWARD_JOB } from './referral.service.ts';
export type { ReferralTables } from './referral.table.ts';
export type { Reward } from './referral.rules.ts';

export const referralModule = defineModule({
  name: 'referral',
  needs: ['identity', 'loyalty', 'coupons'],
  migrations: referralMigrations,
  events: referralEvents,
  create: (platform, { identity, loyalty, coupons }: { identity: IdentityService; loyalty: LoyaltyService; coupons: CouponsService }) =>
    createReferralService(platform, {
      identity,
      rewards: {
        grantPoints: async (trx, x) => void (await loyalty.grantPoints(trx, { userId: x.userId, amount: x.amount, reason: 'reward', ref: x.ref })),
        reversePoints: async (trx, x) => void (await loyalty.reversePoints(trx, { userId: x.userId, reason: 'reward', ref: x.ref })),
        grantCoupon: async (trx, x) => void (await coupons.grantCoupon(trx, { userId: x.userId, templateId: x.templateId, source: 'reward', sourceRef: x.ref })),
        revokeCoupon: async (trx, x) => void (await coupons.revokeCoupon(trx, { userId: x.userId, source: 'reward', sourceRef: x.ref })),
      },
    }),
  routes: (referral) => ({ api: referralRoutes(referral), admin: referralAdminRoutes(referral) }),
  jobs: (referral) => ({ [RELEASE_REWARD_JOB]: (payload: { rewardId: string }) => referral.releaseReward(payload.rewardId) }),
  consumers: (referral) => [
    on('customer.registered', 'referral.bind-by-code', (trx, e) => referral.onCustomerRegistered(trx, e.payload)),
    on('customer.attributed', 'referral.bind-by-share', (trx, e) => referral.onCustomerAttributed(trx, e.payload)),
    on('order.paid', 'referral.qualify-on-paid', (trx, e) => referral.onOrderPaid(trx, e.payload)),
    on('order.refunded', 'referral.reverse-on-refund', (trx, e) => referral.onOrderRefunded(trx, e.payload)),
  ],
});
