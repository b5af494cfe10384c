export {
  createCouponsService,
  presentCoupon,
  presentTemplate,
  type CouponsService,
  type CategorySource,
  type NameSource,
  type ShareSource,
  type GrantSource,
} from './coupons.service.ts';
export { couponsRoutes, couponsAdminRoutes } from './coupons.routes.ts';
export { couponsMigrations } from './coupons.migrations.ts';
export type { CouponsTables } from './coupons.table.ts';
