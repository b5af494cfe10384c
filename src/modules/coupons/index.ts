import { defineModule, on } from '../../platform/module.ts';
import { money } from '../../platform/money.ts';
import type { CampaignsService } from '../campaigns/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import { couponPackMechanic, couponTemplateMechanic } from './coupons.mechanics.ts';
import { faceValue } from './coupons.rules.ts';
import { packPosterFacts } from './coupons.poster.ts';
import type { CheckoutService } from '../checkout/index.ts';
import type { IdentityService, PeopleCards } from '../identity/index.ts';
import type { RiskService } from '../risk/index.ts';
import type { SharingService } from '../sharing/index.ts';
import { createCouponsService } from './coupons.service.ts';
import { couponsRoutes, couponsAdminRoutes } from './coupons.routes.ts';
import { couponsMigrations } from './coupons.migrations.ts';
import { couponsErrors } from './coupons.errors.ts';
import { couponsEvents } from './coupons.events.ts';
import { EXPIRE_COUPONS_JOB } from './coupons.expiry.ts';
import { couponsTables } from './coupons.table.ts';

export { type CouponsService } from './coupons.service.ts';

export const couponsModule = defineModule({
  name: 'coupons',
  tables: couponsTables,
  needs: ['campaigns', 'catalog', 'identity', 'sharing', 'checkout', 'risk'],
  migrations: couponsMigrations,
  errors: couponsErrors,
  events: couponsEvents,
  create: (platform, deps: { campaigns: CampaignsService; catalog: CatalogService; identity: IdentityService & PeopleCards; sharing: SharingService; checkout: CheckoutService; risk: RiskService }) => {
    const coupons = createCouponsService(platform, { campaigns: deps.campaigns, catalog: deps.catalog, identity: deps.identity, sharing: deps.sharing });
    deps.campaigns.registerMechanic(couponTemplateMechanic);
    deps.campaigns.registerMechanic(couponPackMechanic);
    deps.checkout.addContributor(coupons.pricing);
    deps.sharing.registerTarget('coupon_pack', { resolve: coupons.resolvePackTarget });
    deps.sharing.registerPosterFacts('coupon_pack', packPosterFacts(coupons));
    // Risk's say at the two claim points, before their transactions: a block refuses with nothing
    // written (RISK_BLOCKED), a hold refuses until an operator releases it (RISK_HELD); a released
    // claim is granted by the releaser, a released pack claim may be tried again.
    const { claim, claimPack } = coupons;
    coupons.claim = async (userId, templateId) => {
      // Three reads at once (the template is its own campaign): risk's evidence, the template's
      // row only (its presentation, getTemplate, would also read its campaign's budget and count
      // every coupon claimed from it), and the audience check (a coupon campaign limited to a
      // segment is claimable by its members only).
      const judging = deps.risk.guardWithinAhead({ kind: 'coupon.claim', userId, campaignId: templateId, payload: { templateId } });
      const [t] = await Promise.all([coupons.templateRow(templateId), deps.campaigns.mayTakePart(platform.db, templateId, userId)]);
      const each = faceValue(t);
      const recordAllow = await judging.settle(each === null ? undefined : money(each, t.currency));
      return claim(userId, templateId, { within: recordAllow });
    };
    coupons.claimPack = async (friendId, packId, shareToken) => {
      const pack = await coupons.getPack(packId);
      const share = await deps.sharing.resolveShare(platform.db, shareToken);
      await deps.risk.guard({ kind: 'coupon.pack', userId: friendId, campaignId: pack.id, counterpartId: share?.sharerId ?? null });
      return claimPack(friendId, packId, shareToken);
    };
    // A held claim keeps one unit of the quota from the hold to the review: set aside when the
    // hold is recorded, or still counted by the coupon withheld from an earlier allowed claim. A
    // release pays that unit (never sold out by then); a cancel gives it back to the quota.
    deps.risk.registerReleaser('coupon.claim', {
      reserve: (trx, d) => coupons.reserveQuota(trx, d.payload.templateId!),
      release: async (trx, d) => void (await coupons.grantCoupon(trx, { userId: d.user_id, templateId: d.payload.templateId!, source: 'issue', sourceRef: `risk:${d.id}`, reserved: true })),
      cancel: (trx, d) => coupons.returnQuota(trx, d.payload.templateId!),
      // A claim allowed before its farm was evident: its coupon is taken back while unused.
      withhold: async (trx, d) => (await coupons.revokeClaimed(trx, { userId: d.user_id, templateId: d.payload.templateId! })).revoked > 0,
    });
    return coupons;
  },
  routes: (coupons) => ({ api: couponsRoutes(coupons), admin: couponsAdminRoutes(coupons) }),
  jobs: (coupons) => ({ [EXPIRE_COUPONS_JOB]: () => coupons.expireCoupons().then(() => undefined) }),
  consumers: (coupons) => [
    on('order.cancelled', 'coupons.release-on-cancel', (trx, e) => coupons.releaseForOrder(trx, e.payload.orderId)),
    on('order.paid', 'coupons.use-on-paid', (trx, e) => coupons.markUsedForOrder(trx, e.payload.orderId)),
  ],
  // Rows about a person, for export and erasure (platform/personal-data.ts): `keep` is a record the law or the books need.
  personalData: () => ({ tables: { coupons: { columns: ['user_id'], erase: 'keep' }, coupon_pack_progress: { columns: ['sharer_id'], erase: 'keep' }, coupon_pack_claims: { columns: ['friend_id'], erase: 'keep' } } }),
});
