// Coupons: operator templates, shoppers' wallets, the checkout pricing step and share packs. Each
// part lives in its own file and takes the same platform and deps; this file composes them into
// the one service the routes, the wiring and other modules call. Expiry is decided by the date on
// every read (coupons.rules.ts, the repo's statusAt); a daily sweep (coupons.expiry.ts) only brings
// the stored status in line for reports.
import type { CampaignsService } from '../campaigns/index.ts';
import { createCouponExpiry } from './coupons.expiry.ts';
import { createCouponPacks, type ShareSource } from './coupons.packs.ts';
import { createCouponPricing, type CategorySource } from './coupons.pricing.ts';
import { createCouponTemplates } from './coupons.templates.ts';
import { createCouponWallet, type NameSource } from './coupons.wallet.ts';
import type { CouponsPlatform } from './coupons.table.ts';

export function createCouponsService(p: CouponsPlatform, deps: { campaigns: CampaignsService; catalog: CategorySource; identity: NameSource; sharing?: ShareSource }) {
  const expiry = createCouponExpiry(p);
  const templates = createCouponTemplates(p, deps.campaigns, deps.identity);
  const wallet = createCouponWallet(p, deps, expiry);
  const checkout = createCouponPricing(p, deps, expiry);
  const packs = createCouponPacks(p, deps, wallet);

  return {
    templateRow: templates.templateRow,
    createTemplate: templates.createTemplate,
    getTemplate: templates.getTemplate,
    listTemplates: templates.listTemplates,
    updateTemplate: templates.updateTemplate,
    setTemplateStatus: templates.setTemplateStatus,
    listTemplateCoupons: templates.listTemplateCoupons,
    claim: wallet.claim,
    grantCoupon: wallet.grantCoupon,
    reserveQuota: wallet.reserveQuota,
    returnQuota: wallet.returnQuota,
    revokeCoupon: wallet.revokeCoupon,
    revokeClaimed: wallet.revokeClaimed,
    issue: wallet.issue,
    getOwnCoupon: wallet.getOwnCoupon,
    listMyCoupons: wallet.listMyCoupons,
    couponCentre: wallet.couponCentre,
    pricing: checkout.pricing,
    releaseForOrder: checkout.releaseForOrder,
    markUsedForOrder: checkout.markUsedForOrder,
    createPack: packs.createPack,
    updatePack: packs.updatePack,
    getPack: packs.getPack,
    listPacks: packs.listPacks,
    getPublicPack: packs.getPublicPack,
    resolvePackTarget: packs.resolvePackTarget,
    claimPack: packs.claimPack,
    myPackShares: packs.myPackShares,
    expireCoupons: expiry.expireCoupons,
  };
}

export type CouponsService = ReturnType<typeof createCouponsService>;
