import { defineModule, on } from '../../platform/module.ts';
import type { CampaignsService } from '../campaigns/index.ts';
import type { CouponsService } from '../coupons/index.ts';
import { lotteryMechanic } from './lottery.mechanic.ts';
import type { LoyaltyService } from '../loyalty/index.ts';
import type { SharingService } from '../sharing/index.ts';
import { createLotteryService } from './lottery.service.ts';
import { lotteryRoutes, lotteryAdminRoutes } from './lottery.routes.ts';
import { lotteryMigrations } from './lottery.migrations.ts';
import { lotteryErrors } from './lottery.errors.ts';
import { lotteryEvents } from './lottery.events.ts';
import { lotteryTables } from './lottery.table.ts';


export const lotteryModule = defineModule({
  name: 'lottery',
  tables: lotteryTables,
  needs: ['campaigns', 'coupons', 'loyalty', 'sharing'],
  migrations: lotteryMigrations,
  errors: lotteryErrors,
  events: lotteryEvents,
  create: (platform, { campaigns, coupons, loyalty, sharing }: { campaigns: CampaignsService; coupons: CouponsService; loyalty: LoyaltyService; sharing: SharingService }) => {
    campaigns.registerMechanic(lotteryMechanic);
    const lottery = createLotteryService(platform, {
      campaigns,
      rewards: {
        grantCoupon: async (trx, x) => void (await coupons.grantCoupon(trx, { userId: x.userId, templateId: x.templateId, source: 'reward', sourceRef: x.ref })),
        grantPoints: async (trx, x) => void (await loyalty.grantPoints(trx, { userId: x.userId, amount: x.amount, reason: 'reward', ref: x.ref })),
      },
    });
    sharing.registerTarget('lottery', { resolve: lottery.resolveShareTarget });
    return lottery;
  },
  routes: (lottery) => ({ api: lotteryRoutes(lottery), admin: lotteryAdminRoutes(lottery) }),
  consumers: (lottery) => [
    on('share.clicked', 'lottery.chances-for-share', (trx, e) => lottery.onShareClicked(trx, e.payload)),
    on('referral.qualified', 'lottery.chances-for-invite', (trx, e) => lottery.onReferralQualified(trx, e.payload)),
  ],
});
