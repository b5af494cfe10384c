// The composition root for domain services: each module's service is built from the platform
// and from the services it calls; event consumers and job handlers are registered here.
import type { Platform } from './platform/context.ts';
import { createIdentityService } from './modules/identity/index.ts';
import { createCatalogService } from './modules/catalog/index.ts';
import { createInventoryService } from './modules/inventory/index.ts';
import { createCheckoutService } from './modules/checkout/index.ts';
import { AUTO_COMPLETE_JOB, createOrdersService, EXPIRE_UNPAID_JOB } from './modules/orders/index.ts';
import { createPaymentsService, createSandboxGateway, EXECUTE_REFUND_JOB, SANDBOX_DELIVER_JOB } from './modules/payments/index.ts';
import { createAftersalesService } from './modules/aftersales/index.ts';
import { createSharingService } from './modules/sharing/index.ts';
import { DomainError } from './platform/errors.ts';
import { isUuid } from './platform/ids.ts';
import { createCouponsService } from './modules/coupons/index.ts';
import { createLoyaltyService, EXPIRE_POINTS_JOB } from './modules/loyalty/index.ts';
import { createReferralService, RELEASE_REWARD_JOB } from './modules/referral/index.ts';
import { createPlaceOrder } from './workflows/place-order.ts';
import { createLotteryService } from './modules/lottery/index.ts';
import { createBargainService, EXPIRE_CUT_JOB } from './modules/bargain/index.ts';
import { createFlashsaleService, RELEASE_GATE_JOB } from './modules/flashsale/index.ts';
import { createAffiliateService, SETTLE_JOB as AFFILIATE_SETTLE_JOB } from './modules/affiliate/index.ts';
import { createGroupbuyService, EXPIRE_TEAM_JOB } from './modules/groupbuy/index.ts';
import { createAnalyticsService } from './modules/analytics/index.ts';

export function buildServices(platform: Platform) {
  const identity = createIdentityService(platform);
  const inventory = createInventoryService(platform);
  const catalog = createCatalogService(platform, inventory);
  const checkout = createCheckoutService(platform, { catalog });
  const orders = createOrdersService(platform, { inventory });
  const payments = createPaymentsService(platform, { orders, gateways: [createSandboxGateway(platform)] });
  const aftersales = createAftersalesService(platform, { orders, payments });
  const placeOrder = createPlaceOrder(platform, { checkout, orders, identity });
  const sharing = createSharingService(platform, {
    identity,
    loadImage: async (url) => {
      const id = /^\/media\/([0-9a-f-]{36})$/i.exec(url)?.[1];
      return id ? catalog.getMedia(id).catch(() => null) : null;
    },
  });
  const orNull = <T>(p: Promise<T>) => p.catch((err) => (err instanceof DomainError ? null : Promise.reject(err)));
  sharing.registerTarget('product', {
    async resolve(_executor, id) {
      const product = isUuid(id) ? await orNull(catalog.getShopperProduct(id)) : null;
      return product && { url: `/product/${product.id}`, title: product.title, image: product.images[0] ?? null, price: product.price?.min ?? null };
    },
  });
  sharing.registerTarget('invite', {
    async resolve(_executor, id) {
      const user = isUuid(id) ? await orNull(identity.getUser(id)) : null;
      return user && { url: `/invite/${user.id}`, title: `${user.display_name} 邀请你加入`, image: null, price: null };
    },
  });
  for (const consumer of sharing.consumers()) platform.events.subscribe(consumer);
  const coupons = createCouponsService(platform, { catalog, identity, sharing });
  checkout.addContributor(coupons.pricing);
  sharing.registerTarget('coupon_pack', { resolve: coupons.resolvePackTarget });
  const loyalty = createLoyaltyService(platform, { findUser: identity.getUser });
  checkout.addContributor(loyalty.tierContributor);
  checkout.addContributor(loyalty.pointsContributor);

  const { jobs, events } = platform;
  jobs.register(EXPIRE_UNPAID_JOB, (payload: { orderId: string }) => orders.expireUnpaid(payload.orderId));
  jobs.register(AUTO_COMPLETE_JOB, (payload: { orderId: string }) => orders.autoComplete(payload.orderId));
  jobs.register(EXECUTE_REFUND_JOB, (payload: { refundId: string }) => payments.executeRefund(payload.refundId));
  jobs.register(SANDBOX_DELIVER_JOB, (payload: { body: string }) => payments.deliverSandboxWebhook(payload.body));
  events.subscribe({ name: 'payments.cancel-open-intents', types: ['order.cancelled'], handle: (trx, e) => payments.cancelOpenPayments(trx, e.payload.orderId) });
  events.subscribe({ name: 'aftersales.close-refunded', types: ['refund.succeeded'], handle: (trx, e) => aftersales.closeRefunded(trx, e.payload.refundId) });
  events.subscribe({ name: 'coupons.release-on-cancel', types: ['order.cancelled'], handle: (trx, e) => coupons.releaseForOrder(trx, e.payload.orderId) });
  events.subscribe({ name: 'coupons.use-on-paid', types: ['order.paid'], handle: (trx, e) => coupons.markUsedForOrder(trx, e.payload.orderId) });
  jobs.register(EXPIRE_POINTS_JOB, () => loyalty.expirePoints().then(() => undefined));
  events.subscribe({ name: 'loyalty.earn-on-paid', types: ['order.paid'], handle: (trx, e) => loyalty.onOrderPaid(trx, e as any) });
  events.subscribe({ name: 'loyalty.reverse-on-refund', types: ['order.refunded'], handle: (trx, e) => loyalty.onOrderRefunded(trx, e as any) });
  events.subscribe({ name: 'loyalty.return-on-cancel', types: ['order.cancelled'], handle: (trx, e) => loyalty.onOrderCancelled(trx, e as any) });
  events.subscribe({ name: 'loyalty.share-click-points', types: ['share.clicked'], handle: (trx, e) => loyalty.onShareClicked(trx, e as any) });

  const referral = createReferralService(platform, {
    identity,
    rewards: {
      grantPoints: async (trx, x) => void (await loyalty.grantPoints(trx as any, { userId: x.userId, amount: x.amount, reason: 'reward', ref: x.ref })),
      reversePoints: async (trx, x) => void (await loyalty.reversePoints(trx as any, { userId: x.userId, reason: 'reward', ref: x.ref })),
      grantCoupon: async (trx, x) => void (await coupons.grantCoupon(trx, { userId: x.userId, templateId: x.templateId, source: 'reward', sourceRef: x.ref })),
      revokeCoupon: async (trx, x) => void (await coupons.revokeCoupon(trx, { userId: x.userId, source: 'reward', sourceRef: x.ref })),
    },
  });
  jobs.register(RELEASE_REWARD_JOB, (payload: { rewardId: string }) => referral.releaseReward(payload.rewardId));
  events.subscribe({ name: 'referral.bind-by-code', types: ['customer.registered'], handle: (trx, e) => referral.onCustomerRegistered(trx, e.payload as any) });
  events.subscribe({ name: 'referral.bind-by-share', types: ['customer.attributed'], handle: (trx, e) => referral.onCustomerAttributed(trx, e.payload as any) });
  events.subscribe({ name: 'referral.qualify-on-paid', types: ['order.paid'], handle: (trx, e) => referral.onOrderPaid(trx, e.payload as any) });
  events.subscribe({ name: 'referral.reverse-on-refund', types: ['order.refunded'], handle: (trx, e) => referral.onOrderRefunded(trx, e.payload as any) });

  const groupbuy = createGroupbuyService(platform, { catalog, identity, orders, payments, placeOrder });
  sharing.registerTarget('team', { resolve: (executor, id) => (isUuid(id) ? groupbuy.resolveTeamTarget(executor, id) : Promise.resolve(null)) });
  jobs.register(EXPIRE_TEAM_JOB, (payload: { teamId: string }) => groupbuy.expireTeam(payload.teamId));
  events.subscribe({ name: 'groupbuy.on-order-paid', types: ['order.paid'], handle: (trx, e) => groupbuy.onOrderPaid(trx, e as any) });
  events.subscribe({ name: 'groupbuy.on-order-cancelled', types: ['order.cancelled'], handle: (trx, e) => groupbuy.onOrderCancelled(trx, e as any) });
  events.subscribe({ name: 'groupbuy.on-order-refunded', types: ['order.refunded'], handle: (trx, e) => groupbuy.onOrderRefunded(trx, e as any) });

  const affiliate = createAffiliateService(platform, { identity, orders, aftersales });
  jobs.register(AFFILIATE_SETTLE_JOB, (payload: { orderId: string }) => affiliate.settleOrder(payload.orderId));
  events.subscribe({ name: 'affiliate.bind-on-attributed', types: ['customer.attributed'], handle: (trx, e) => affiliate.onCustomerAttributed(trx, e.payload as any) });
  events.subscribe({ name: 'affiliate.bind-on-order-attributed', types: ['order.attributed'], handle: (trx, e) => affiliate.onOrderAttributed(trx, e.payload as any) });
  events.subscribe({ name: 'affiliate.commission-on-paid', types: ['order.paid'], handle: (trx, e) => affiliate.onOrderPaid(trx, e.payload as any) });
  events.subscribe({ name: 'affiliate.settle-clock-on-completed', types: ['order.completed'], handle: (trx, e) => affiliate.onOrderCompleted(trx, e.payload as any) });
  events.subscribe({ name: 'affiliate.reverse-on-refund', types: ['order.refunded'], handle: (trx, e) => affiliate.onOrderRefunded(trx, e.payload as any) });
  events.subscribe({ name: 'affiliate.hold-on-aftersales', types: ['aftersales.requested'], handle: (trx, e) => affiliate.onAftersalesRequested(trx, e.payload as any) });
  events.subscribe({ name: 'affiliate.release-on-aftersales-rejected', types: ['aftersales.rejected'], handle: (trx, e) => affiliate.onAftersalesRejected(trx, e.payload as any) });

  const flashsale = createFlashsaleService(platform, { catalog, orders, placeOrder });
  jobs.register(RELEASE_GATE_JOB, (payload: { itemId: string; userId: string; quantity: number; orderId: string }) => flashsale.releaseGate(payload));
  events.subscribe({ name: 'flashsale.release-on-cancel', types: ['order.cancelled'], handle: (trx, e) => flashsale.onOrderCancelled(trx, e.payload as any) });

  const bargain = createBargainService(platform, {
    describeSku: async (skuId) => {
      const sku = isUuid(skuId) ? (await catalog.getSkusForPricing(platform.db, [skuId])).get(skuId) : undefined;
      return sku ? { productId: sku.productId, title: sku.skuLabel ? `${sku.productTitle} ${sku.skuLabel}` : sku.productTitle, image: sku.image, priceAmount: sku.priceAmount, currency: sku.currency } : null;
    },
    displayNames: identity.displayNames,
    // Brand-new customer: account younger than 24 h and no paid order (only looked up for young accounts).
    customerFacts: async (userId) => {
      const user = await identity.getUser(userId);
      const young = platform.clock.now().getTime() - user.created_at.getTime() < 86_400_000;
      const hasPaidOrder = young ? (await orders.list({ userId, limit: 100 })).items.some((o) => o.paidAt !== null) : true;
      return { createdAt: user.created_at, hasPaidOrder };
    },
    placeOrder,
  });
  sharing.registerTarget('bargain', { resolve: bargain.resolveShareTarget });
  jobs.register(EXPIRE_CUT_JOB, (payload: { cutId: string }) => bargain.expireCut(payload.cutId));
  events.subscribe({ name: 'bargain.release-on-cancel', types: ['order.cancelled'], handle: (trx, e) => bargain.onOrderCancelled(trx, e.payload as any) });
  events.subscribe({ name: 'bargain.bought-on-paid', types: ['order.paid'], handle: (trx, e) => bargain.onOrderPaid(trx, e.payload as any) });

  const lottery = createLotteryService(platform, {
    rewards: {
      grantCoupon: async (trx, x) => void (await coupons.grantCoupon(trx, { userId: x.userId, templateId: x.templateId, source: 'reward', sourceRef: x.ref })),
      grantPoints: async (trx, x) => void (await loyalty.grantPoints(trx as any, { userId: x.userId, amount: x.amount, reason: 'reward', ref: x.ref })),
    },
  });
  sharing.registerTarget('lottery', { resolve: lottery.resolveShareTarget });
  events.subscribe({ name: 'lottery.chances-for-share', types: ['share.clicked'], handle: (trx, e) => lottery.onShareClicked(trx, e.payload as any) });
  events.subscribe({ name: 'lottery.chances-for-invite', types: ['referral.qualified'], handle: (trx, e) => lottery.onReferralQualified(trx, e.payload as any) });

  const analytics = createAnalyticsService(platform, { orders: orders.dailyActivity, customers: identity.dailyNewCustomers, sharing: sharing.dailyActivity });

  return { identity, inventory, catalog, checkout, orders, payments, aftersales, sharing, placeOrder, coupons, loyalty, referral, affiliate, groupbuy, flashsale, bargain, lottery, analytics };
}

export type Services = ReturnType<typeof buildServices>;
