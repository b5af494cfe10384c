// The fission pages: group buying, price-cuts, flash sales, coupons, invites, points, lucky draw, promoter centre.
import type { RouteObject } from 'react-router-dom';
import { BargainPage, CutPage } from './bargain';
import { CouponPackPage, CouponsPage } from './coupons';
import { FlashsalePage } from './flashsale';
import { GroupbuyPage, TeamPage } from './groupbuy';
import { InviteLandingPage, MyInvitePage } from './invite';
import { LotteryListPage, LotteryPage } from './lottery';
import { PointsPage } from './points';
import { PromoterPage } from './promoter';

export const fissionRoutes: RouteObject[] = [
  { path: '/groupbuy', element: <GroupbuyPage /> },
  { path: '/groupbuy/teams/:id', element: <TeamPage /> },
  { path: '/bargain', element: <BargainPage /> },
  { path: '/bargain/:id', element: <CutPage /> },
  { path: '/flashsale', element: <FlashsalePage /> },
  { path: '/coupons', element: <CouponsPage /> },
  { path: '/coupon-packs/:id', element: <CouponPackPage /> },
  { path: '/me/invite', element: <MyInvitePage /> },
  { path: '/invite/:code', element: <InviteLandingPage /> },
  { path: '/me/points', element: <PointsPage /> },
  { path: '/lottery', element: <LotteryListPage /> },
  { path: '/lottery/:id', element: <LotteryPage /> },
  { path: '/me/promoter', element: <PromoterPage /> },
];
