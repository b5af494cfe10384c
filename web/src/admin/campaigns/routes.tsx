import type { RouteObject } from 'react-router-dom';
import { CouponDetail, CouponEdit, CouponList, CouponNew } from './coupons';
import { BargainDetail, BargainEdit, BargainList, BargainNew } from './bargain';
import { GroupbuyDetail, GroupbuyEdit, GroupbuyList, GroupbuyNew } from './groupbuy';
import { LotteryDetail, LotteryEdit, LotteryList, LotteryNew } from './lottery';
import { ReferralDetail, ReferralEdit, ReferralList, ReferralNew, ReferralRewards } from './referral';
import { PackDetail, PackEdit, PackList, PackNew } from './packs';
import { FlashsaleDetail, FlashsaleEdit, FlashsaleList, FlashsaleNew } from './flashsale';
import { AllCampaigns } from './all';

/** Sidebar entries for the campaign screens: `to` is relative to /admin, `label` a key in the campaigns namespace. */
export const campaignNav: { to: string; label: string }[] = [
  { to: 'campaigns/all', label: 'nav.all' },
  { to: 'campaigns/coupons', label: 'nav.coupons' },
  { to: 'campaigns/coupon-packs', label: 'nav.packs' },
  { to: 'campaigns/flashsale', label: 'nav.flashsale' },
  { to: 'campaigns/groupbuy', label: 'nav.groupbuy' },
  { to: 'campaigns/bargain', label: 'nav.bargain' },
  { to: 'campaigns/lottery', label: 'nav.lottery' },
  { to: 'campaigns/referral', label: 'nav.referral' },
];

export const campaignRoutes: RouteObject[] = [
  { path: 'campaigns/all', element: <AllCampaigns /> },
  { path: 'campaigns/coupons', element: <CouponList /> },
  { path: 'campaigns/coupons/new', element: <CouponNew /> },
  { path: 'campaigns/coupons/:id', element: <CouponDetail /> },
  { path: 'campaigns/coupons/:id/edit', element: <CouponEdit /> },
  { path: 'campaigns/flashsale', element: <FlashsaleList /> },
  { path: 'campaigns/flashsale/new', element: <FlashsaleNew /> },
  { path: 'campaigns/flashsale/:id', element: <FlashsaleDetail /> },
  { path: 'campaigns/flashsale/:id/edit', element: <FlashsaleEdit /> },
  { path: 'campaigns/groupbuy', element: <GroupbuyList /> },
  { path: 'campaigns/groupbuy/new', element: <GroupbuyNew /> },
  { path: 'campaigns/groupbuy/:id', element: <GroupbuyDetail /> },
  { path: 'campaigns/groupbuy/:id/edit', element: <GroupbuyEdit /> },
  { path: 'campaigns/bargain', element: <BargainList /> },
  { path: 'campaigns/bargain/new', element: <BargainNew /> },
  { path: 'campaigns/bargain/:id', element: <BargainDetail /> },
  { path: 'campaigns/bargain/:id/edit', element: <BargainEdit /> },
  { path: 'campaigns/lottery', element: <LotteryList /> },
  { path: 'campaigns/lottery/new', element: <LotteryNew /> },
  { path: 'campaigns/lottery/:id', element: <LotteryDetail /> },
  { path: 'campaigns/lottery/:id/edit', element: <LotteryEdit /> },
  { path: 'campaigns/referral', element: <ReferralList /> },
  { path: 'campaigns/referral/new', element: <ReferralNew /> },
  { path: 'campaigns/referral/rewards', element: <ReferralRewards /> },
  { path: 'campaigns/referral/:id', element: <ReferralDetail /> },
  { path: 'campaigns/referral/:id/edit', element: <ReferralEdit /> },
  { path: 'campaigns/coupon-packs', element: <PackList /> },
  { path: 'campaigns/coupon-packs/new', element: <PackNew /> },
  { path: 'campaigns/coupon-packs/:id', element: <PackDetail /> },
  { path: 'campaigns/coupon-packs/:id/edit', element: <PackEdit /> },
];
