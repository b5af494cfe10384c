import { defineModule, on } from '../../platform/module.ts';
import type { CheckoutService } from '../checkout/index.ts';
import type { IdentityService } from '../identity/index.ts';
import type { RiskService } from '../risk/index.ts';
import { createLoyaltyService, EXPIRE_POINTS_JOB } from './loyalty.service.ts';
import { loyaltyRoutes, loyaltyAdminRoutes } from './loyalty.routes.ts';
import { loyaltyMigrations } from './loyalty.migrations.ts';
import { loyaltyErrors } from './loyalty.errors.ts';
import { loyaltyEvents } from './loyalty.events.ts';
import { loyaltyTables } from './loyalty.table.ts';
import { createLoyaltyCustomerFacts } from './loyalty.customers.ts';
import { createPointsRules, loyaltyPointsRulesRoutes } from './loyalty.points-rules.ts';

export { type LoyaltyService } from './loyalty.service.ts';
export type { LoyaltyCustomerFacts, MemberStanding } from './loyalty.customers.ts';

export const loyaltyModule = defineModule({
  name: 'loyalty',
  tables: loyaltyTables,
  needs: ['identity', 'checkout', 'risk'],
  migrations: loyaltyMigrations,
  errors: loyaltyErrors,
  events: loyaltyEvents,
  create: (platform, deps: { identity: IdentityService; checkout: CheckoutService; risk: RiskService }) => {
    const loyalty = createLoyaltyService(platform, { findUser: deps.identity.getUser });
    deps.risk.registerReleaser('share.click', { release: async (trx, d) => void (await loyalty.grantPoints(trx, { userId: d.user_id, amount: await platform.settings.get('sharing.shareClickPoints', trx), reason: 'reward', ref: `risk:${d.id}` })) });
    deps.checkout.addContributor(loyalty.tierContributor);
    deps.checkout.addContributor(loyalty.pointsContributor);
    // customers: what the admin customer pages read; pointsRules: the loyalty page's rules form.
    return Object.assign(loyalty, { customers: createLoyaltyCustomerFacts(platform), pointsRules: createPointsRules(platform) });
  },
  routes: (loyalty) => ({
    api: loyaltyRoutes(loyalty),
    admin: async (app) => {
      await loyaltyAdminRoutes(loyalty)(app);
      await loyaltyPointsRulesRoutes(loyalty.pointsRules)(app);
    },
  }),
  jobs: (loyalty) => ({ [EXPIRE_POINTS_JOB]: () => loyalty.expirePoints().then(() => undefined) }),
  consumers: (loyalty, deps) => [
    on('order.paid', 'loyalty.earn-on-paid', (trx, e) => loyalty.onOrderPaid(trx, e)),
    on('order.refunded', 'loyalty.reverse-on-refund', (trx, e) => loyalty.onOrderRefunded(trx, e)),
    on('order.cancelled', 'loyalty.return-on-cancel', (trx, e) => loyalty.onOrderCancelled(trx, e)),
    // Risk first: a sharer whose clicks come from a farm or a ring earns nothing now (held ones on release).
    on('share.clicked', 'loyalty.share-click-points', async (trx, e) => {
      const p = e.payload;
      const visitor = p.visitorId ?? p.userId;
      if (p.isNewVisitor && !p.selfClick && p.sharerId && visitor) {
        const d = await deps.risk.assess(trx, { kind: 'share.click', userId: p.sharerId, campaignId: null, subjectRef: `share_click:${p.shareId}:${visitor}`, counterpartId: p.userId ?? null });
        if (d.verdict !== 'allow') return;
      }
      await loyalty.onShareClicked(trx, e);
    }),
  ],
  // Rows about a person, for export and erasure (platform/personal-data.ts): `keep` is a record the law or the books need.
  personalData: () => ({ tables: { loyalty_accounts: { columns: ['user_id'], erase: 'keep' }, points_entries: { columns: ['user_id'], erase: 'keep' }, points_lots: { columns: ['user_id'], erase: 'keep' }, checkins: { columns: ['user_id'], erase: 'delete' } } }),
});
