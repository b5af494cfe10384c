// Audience (issue 17 part 1): customer profiles with RFM, acquisition, share propensity, tags and
// BG/NBD + Gamma-Gamma predictions; segments (live count, saved, a campaign's audience); targeted
// dispatch of coupons and messages respecting marketing consent; the shopper's message centre.
// Everything it knows about a customer comes through identity, orders, sharing, coupons and privacy.
import { defineModule, on } from '../../platform/module.ts';
import type { CampaignsService } from '../campaigns/index.ts';
import type { CouponsService } from '../coupons/index.ts';
import type { IdentityService } from '../identity/index.ts';
import type { OrdersService } from '../orders/index.ts';
import type { PrivacyService } from '../privacy/index.ts';
import type { SharingService } from '../sharing/index.ts';
import { DISPATCH_JOB } from './audience.dispatch.ts';
import { audienceErrors } from './audience.errors.ts';
import { audienceMigrations } from './audience.migrations.ts';
import { pages, type CustomerFacts } from './audience.profiles.ts';
import { audienceAdminRoutes, audienceRoutes } from './audience.routes.ts';
import { createAudienceService, RECOMPUTE_JOB } from './audience.service.ts';
import { audienceTables } from './audience.table.ts';

export { type AudienceService } from './audience.service.ts';
export type { AudienceTables } from './audience.table.ts';

interface Deps {
  identity: IdentityService;
  orders: OrdersService;
  sharing: SharingService;
  coupons: CouponsService;
  privacy: PrivacyService;
  campaigns: CampaignsService;
}

export const audienceModule = defineModule({
  name: 'audience',
  tables: audienceTables,
  needs: ['identity', 'orders', 'sharing', 'coupons', 'privacy', 'campaigns'],
  migrations: audienceMigrations,
  errors: audienceErrors,
  create: (platform, deps: Deps) => {
    const audience = createAudienceService(platform, {
      sources: {
        // Operators and admins are staff, not customers.
        customers: async function* () {
          for await (const u of pages((cursor) => deps.identity.listCustomers({ cursor, limit: 500 }))) {
            const roles = u.roles as readonly string[];
            if (!roles.includes('operator') && !roles.includes('admin')) yield { id: u.id, createdAt: u.created_at };
          }
        },
        facts: async (c): Promise<CustomerFacts> => {
          const purchases: CustomerFacts['purchases'] = [];
          let currency = 'CNY';
          for await (const o of pages((cursor) => deps.orders.list({ userId: c.id, cursor, limit: 100 }))) {
            const net = o.paid.amount - o.refunded.amount;
            if (o.paidAt && net > 0) {
              purchases.push({ at: new Date(o.paidAt), amount: net });
              currency = o.paid.currency;
            }
          }
          let shares = 0;
          let shareSignups = 0;
          let lastShareAt: Date | null = null;
          for await (const s of pages((cursor) => deps.sharing.listMyShares(c.id, { cursor, limit: 100 }))) {
            shares++;
            shareSignups += s.signups;
            const at = new Date(s.createdAt);
            if (!lastShareAt || at > lastShareAt) lastShareAt = at;
          }
          const first = await deps.sharing.getAttribution(platform.db, 'customer', c.id, 'first_touch');
          return { userId: c.id, signedUpAt: c.createdAt, purchases, currency, shares, shareSignups, lastShareAt, channel: first?.channel ?? 'direct', campaignId: first?.campaignId ?? null };
        },
      },
      displayNames: (ids) => (ids.length ? deps.identity.displayNames(platform.db, ids) : Promise.resolve(new Map())),
      campaignExists: async (id) => !!(await deps.campaigns.find(platform.db, id)),
      allowsMarketing: (userId) => deps.privacy.allows(userId, 'marketing'),
      couponTemplate: async (id) => {
        const t = await deps.coupons.getTemplate(id);
        return { name: t.name, status: t.status };
      },
      grantCoupon: (handle, g) => deps.coupons.grantCoupon(handle, { ...g, source: 'issue' }),
    });
    deps.campaigns.hooks.register('audience', 'audience', audience.audienceHook);
    return audience;
  },
  routes: (audience) => ({ api: audienceRoutes(audience), admin: audienceAdminRoutes(audience) }),
  jobs: (audience) => ({
    [RECOMPUTE_JOB]: () => audience.runNightly(),
    [DISPATCH_JOB]: (payload: { dispatchId: string }, job: { attempt: number }) => audience.runDispatch(payload.dispatchId, job.attempt),
  }),
  consumers: (audience) => [on('coupon.used', 'audience.coupon-redeemed', (trx, e) => audience.onCouponUsed(trx, e.payload.couponId, e.occurredAt))],
  // Rows about a person, for export and erasure (platform/personal-data.ts).
  personalData: (audience) => audience.personalData,
});
