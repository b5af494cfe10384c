import type { RouteObject } from 'react-router-dom';
import { CouponDetail, CouponEdit, CouponList, CouponNew } from './coupons';
import { FlashsaleDetail, FlashsaleEdit, FlashsaleList, FlashsaleNew } from './flashsale';

/** Sidebar entries for the campaign screens: `to` is relative to /admin, `label` a key in the campaigns namespace. */
export const campaignNav: { to: string; label: string }[] = [
  { to: 'campaigns/coupons', label: 'nav.coupons' },
  { to: 'campaigns/flashsale', label: 'nav.flashsale' },
];

export const campaignRoutes: RouteObject[] = [
  { path: 'campaigns/coupons', element: <CouponList /> },
  { path: 'campaigns/coupons/new', element: <CouponNew /> },
  { path: 'campaigns/coupons/:id', element: <CouponDetail /> },
  { path: 'campaigns/coupons/:id/edit', element: <CouponEdit /> },
  { path: 'campaigns/flashsale', element: <FlashsaleList /> },
  { path: 'campaigns/flashsale/new', element: <FlashsaleNew /> },
  { path: 'campaigns/flashsale/:id', element: <FlashsaleDetail /> },
  { path: 'campaigns/flashsale/:id/edit', element: <FlashsaleEdit /> },
];
