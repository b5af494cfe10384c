// Every migration in the order it runs. A module's migrations live beside it.
import type { NamedMigration } from './platform/migrations.ts';
import { platformMigrations } from './platform/platform.migrations.ts';
import { identityMigrations } from './modules/identity/identity.migrations.ts';
import { catalogMigrations } from './modules/catalog/catalog.migrations.ts';
import { inventoryMigrations } from './modules/inventory/inventory.migrations.ts';
import { checkoutMigrations } from './modules/checkout/checkout.migrations.ts';
import { ordersMigrations } from './modules/orders/orders.migrations.ts';
import { paymentsMigrations } from './modules/payments/payments.migrations.ts';
import { aftersalesMigrations } from './modules/aftersales/aftersales.migrations.ts';
import { sharingMigrations } from './modules/sharing/sharing.migrations.ts';
import { couponsMigrations } from './modules/coupons/coupons.migrations.ts';
import { loyaltyMigrations } from './modules/loyalty/loyalty.migrations.ts';
import { referralMigrations } from './modules/referral/referral.migrations.ts';
import { lotteryMigrations } from './modules/lottery/lottery.migrations.ts';
import { bargainMigrations } from './modules/bargain/bargain.migrations.ts';
import { flashsaleMigrations } from './modules/flashsale/flashsale.migrations.ts';
import { affiliateMigrations } from './modules/affiliate/affiliate.migrations.ts';
import { groupbuyMigrations } from './modules/groupbuy/groupbuy.migrations.ts';

export const migrations: NamedMigration[] = [...platformMigrations, ...identityMigrations, ...catalogMigrations, ...inventoryMigrations, ...checkoutMigrations, ...ordersMigrations, ...paymentsMigrations, ...aftersalesMigrations, ...sharingMigrations, ...couponsMigrations, ...referralMigrations, ...loyaltyMigrations, ...lotteryMigrations, ...bargainMigrations, ...affiliateMigrations, ...groupbuyMigrations, ...flashsaleMigrations];
