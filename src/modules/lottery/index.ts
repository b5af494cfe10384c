import { defineModule, on } from '../../platform/module.ts';
import type { CampaignsService } from '../campaigns/index.ts';
import type { CouponsService } from '../coupons/index.ts';
import { lotteryMechanic } from './lottery.mechanic.ts';
import type { LoyaltyService } from '../loyalty/index.ts';
import type { SharingService } from '../sharing/index.ts';
import type { RiskService } from '../risk/index.ts';
import { createLotteryService } from './lottery.service.ts';
import { lotteryRoutes, lotteryAdminRoutes } from './lottery.routes.ts';
import { lotteryMigrations } from './lottery.migrations.ts';
import { lotteryErrors } from './lottery.errors.ts';
import { lotteryEvents } from './lottery.events.ts';
import { lotteryTables } from './lottery.table.ts';
import { takeChancesBack } from './lottery.repo.ts';
import { createLotteryAdminResults, lotteryAdminResultRoutes } from './lottery.admin-results.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { IdentityService } from '../identity/index.ts';


export const lotteryModule = defineModule({
  name: 'lottery',
  tables: lotteryTables,
  needs: ['campaigns', 'catalog', 'coupons', 'identity', 'loyalty', 'sharing', 'risk'],
  migrations: lotteryMigrations,
  errors: lotteryErrors,
  events: lotteryEvents,
  create: (platform, { campaigns, catalog, coupons, identity, loyalty, sharing, risk }: { campaigns: CampaignsService; catalog: CatalogService; coupons: CouponsService; identity: IdentityService; loyalty: LoyaltyService; sharing: SharingService; risk: RiskService }) => {
    campaigns.registerMechanic(lotteryMechanic);
    const lottery = createLotteryService(platform, {
      campaigns,
      // Risk on draws (refused or held before the draw) and on chances earned by shares and invites
      // (held ones are granted by the releaser below when an operator releases them).
      screenDraw: async (userId, drawId) => void (await risk.guard({ kind: 'lottery.draw', userId, campaignId: drawId })),
      screenChance: async (trx, g) => (await risk.assess(trx, { kind: 'lottery.chance', userId: g.userId, campaignId: g.drawId, subjectRef: `${g.drawId}:${g.ref}`, payload: { drawId: g.drawId, amount: String(g.amount) } })).verdict === 'allow',
      rewards: {
        grantCoupon: async (trx, x) => void (await coupons.grantCoupon(trx, { userId: x.userId, templateId: x.templateId, source: 'reward', sourceRef: x.ref })),
        grantPoints: async (trx, x) => void (await loyalty.grantPoints(trx, { userId: x.userId, amount: x.amount, reason: 'reward', ref: x.ref })),
      },
    });
    sharing.registerTarget('lottery', { resolve: lottery.resolveShareTarget });
    risk.registerReleaser('lottery.chance', {
      release: async (trx, d) => void (await lottery.grantChances(lotteryTables.of(trx), { drawId: d.payload.drawId!, userId: d.user_id, amount: Number(d.payload.amount), source: 'operator', ref: `risk:${d.id}` })),
      // Chances given before their farm was evident are taken back while none of them was drawn.
      withhold: async (trx, d) => !!(await takeChancesBack(lotteryTables.of(trx), d.payload.drawId!, d.user_id, Number(d.payload.amount), platform.clock.now())),
    });
    return { ...lottery, adminResults: createLotteryAdminResults(platform, { identity, catalog }) };
  },
  routes: (lottery) => ({
    api: lotteryRoutes(lottery),
    admin: async (app) => {
      await lotteryAdminRoutes(lottery)(app);
      await lotteryAdminResultRoutes(lottery.adminResults)(app);
    },
  }),
  consumers: (lottery) => [
    on('share.clicked', 'lottery.chances-for-share', (trx, e) => lottery.onShareClicked(trx, e.payload)),
    on('referral.qualified', 'lottery.chances-for-invite', (trx, e) => lottery.onReferralQualified(trx, e.payload)),
  ],
  // Rows about a person, for export and erasure (platform/personal-data.ts): `keep` is a record the law or the books need.
  personalData: () => ({ tables: { lottery_entries: { columns: ['user_id'], erase: 'keep' }, lottery_chances: { columns: ['user_id'], erase: 'delete' }, lottery_chance_grants: { columns: ['user_id'], erase: 'delete' }, lottery_chance_caps: { columns: ['user_id'], erase: 'delete' }, lottery_daily_usage: { columns: ['user_id'], erase: 'delete' } } }),
});
