// The whole database's table types, composed from each module's own *.table.ts.
import type { PlatformTables } from './platform/platform.table.ts';
import type { IdentityTables } from './modules/identity/identity.table.ts';
import type { CatalogTables } from './modules/catalog/catalog.table.ts';
import type { InventoryTables } from './modules/inventory/inventory.table.ts';
import type { CheckoutTables } from './modules/checkout/checkout.table.ts';
import type { OrdersTables } from './modules/orders/orders.table.ts';
import type { PaymentsTables } from './modules/payments/payments.table.ts';
import type { AftersalesTables } from './modules/aftersales/aftersales.table.ts';
import type { SharingTables } from './modules/sharing/sharing.table.ts';
import type { CouponsTables } from './modules/coupons/coupons.table.ts';
import type { LoyaltyTables } from './modules/loyalty/loyalty.table.ts';
import type { ReferralTables } from './modules/referral/referral.table.ts';
import type { LotteryTables } from './modules/lottery/lottery.table.ts';
import type { BargainTables } from './modules/bargain/bargain.table.ts';
import type { FlashsaleTables } from './modules/flashsale/flashsale.table.ts';
import type { AffiliateTables } from './modules/affiliate/affiliate.table.ts';
import type { GroupbuyTables } from './modules/groupbuy/groupbuy.table.ts';

export interface Database extends PlatformTables, IdentityTables, CatalogTables, InventoryTables, CheckoutTables, OrdersTables, PaymentsTables, AftersalesTables, SharingTables, CouponsTables, ReferralTables, LoyaltyTables, LotteryTables, BargainTables, AffiliateTables, GroupbuyTables, FlashsaleTables {}
