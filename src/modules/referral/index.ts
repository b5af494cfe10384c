import { DomainError } from '../../platform/errors.ts';
import { defineModule, on } from '../../platform/module.ts';
import type { CampaignsService } from '../campaigns/index.ts';
import type { CouponsService } from '../coupons/index.ts';
import { referralMechanic } from './referral.mechanic.ts';
import { invitePosterFacts } from './referral.poster.ts';
import type { IdentityService } from '../identity/index.ts';
import type { LoyaltyService } from '../loyalty/index.ts';
import type { RiskService } from '../risk/index.ts';
import type { SharingService } from '../sharing/index.ts';
import { createReferralService, RELEASE_REWARD_JOB } from './referral.service.ts';
import { referralRoutes, referralAdminRoutes } from './referral.routes.ts';
import { referralMigrations } from './referral.migrations.ts';
import { referralErrors } from './referral.errors.ts';
import { referralEvents } from './referral.events.ts';
import { referralTables } from './referral.table.ts';
import { createReferralCustomerLinks } from './referral.customers.ts';

export type { Invitation, ReferralCustomerLinks } from './referral.customers.ts';


export const referralModule = defineModule({
  name: 'referral',
  tables: referralTables,
  needs: ['campaigns', 'identity', 'loyalty', 'coupons', 'sharing', 'risk'],
  migrations: referralMigrations,
  errors: referralErrors,
  events: referralEvents,
  create: (platform, { campaigns, identity, loyalty, coupons, sharing, risk }: { campaigns: CampaignsService; identity: IdentityService; loyalty: LoyaltyService; coupons: CouponsService; sharing: SharingService; risk: RiskService }) => {
    campaigns.registerMechanic(referralMechanic);
    const referral = createReferralService(platform, {
      campaigns,
      identity,
      risk,
      describeCoupon: async (templateId) => {
        const t = await coupons.getTemplate(templateId).catch((err) => (err instanceof DomainError ? null : Promise.reject(err)));
        return t && { name: t.name, nameEn: t.nameEn, kind: t.kind, amount: t.amount, percentBp: t.percentBp, maxDiscount: t.maxDiscount, minSpend: t.minSpend, validDaysAfterClaim: t.validDaysAfterClaim, validUntil: t.validUntil };
      },
      // Through sharing's public API: referral never reads sharing's tables.
      firstTouch: async (trx, userId) => {
        const a = await sharing.getAttribution(trx, 'customer', userId, 'first_touch');
        return a && a.sharerId !== userId ? { sharerId: a.sharerId, shareId: a.shareId } : null;
      },
      rewards: {
        grantPoints: async (trx, x) => void (await loyalty.grantPoints(trx, { userId: x.userId, amount: x.amount, reason: 'reward', ref: x.ref })),
        reversePoints: async (trx, x) => void (await loyalty.reversePoints(trx, { userId: x.userId, reason: 'reward', ref: x.ref })),
        grantCoupon: async (trx, x) => void (await coupons.grantCoupon(trx, { userId: x.userId, templateId: x.templateId, source: 'reward', sourceRef: x.ref })),
        revokeCoupon: async (trx, x) => void (await coupons.revokeCoupon(trx, { userId: x.userId, source: 'reward', sourceRef: x.ref })),
      },
    });
    // Invite links carry the inviter's code, never the account id.
    sharing.registerTarget('invite', { resolve: referral.resolveInviteTarget });
    sharing.registerPosterFacts('invite', invitePosterFacts({ inviteeReward: async () => (await referral.activeCampaign(platform.db, platform.clock.now()))?.invitee_reward, couponTerms: (id) => coupons.getTemplate(id), inviterExists: async (id) => !!(await referral.resolveInviteTarget(platform.db, id)) }));
    risk.registerReleaser('referral.reward', { release: (trx, d) => referral.releaseHeldByRisk(trx, d.subject_ref!), cancel: (trx, d) => referral.cancelHeldByRisk(trx, d.subject_ref!) });
    // customers: what the admin customer pages read (who invited whom).
    return Object.assign(referral, { customers: createReferralCustomerLinks(platform) });
  },
  routes: (referral) => ({ api: referralRoutes(referral), admin: referralAdminRoutes(referral) }),
  jobs: (referral) => ({ [RELEASE_REWARD_JOB]: (payload: { rewardId: string }) => referral.releaseReward(payload.rewardId) }),
  consumers: (referral) => [
    on('customer.registered', 'referral.bind-by-code', (trx, e) => referral.onCustomerRegistered(trx, e.payload)),
    on('customer.attributed', 'referral.bind-by-share', (trx, e) => referral.onCustomerAttributed(trx, e.payload)),
    on('order.paid', 'referral.qualify-on-paid', (trx, e) => referral.onOrderPaid(trx, e.payload)),
    on('order.refunded', 'referral.reverse-on-refund', (trx, e) => referral.onOrderRefunded(trx, e.payload)),
  ],
  // Rows about a person, for export and erasure (platform/personal-data.ts): `keep` is a record the law or the books need.
  personalData: () => ({ tables: { invite_codes: { columns: ['user_id'], erase: 'delete' }, referrals: { columns: ['inviter_id', 'invitee_id'], erase: 'keep' } } }),
});
