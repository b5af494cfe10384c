import { DAY_MS } from '../../platform/clock.ts';
import { isUuid } from '../../platform/ids.ts';
import { defineModule, on } from '../../platform/module.ts';
import type { CampaignsService } from '../campaigns/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import { bargainMechanic } from './bargain.mechanic.ts';
import { cutPosterFacts } from './bargain.poster.ts';
import type { IdentityService } from '../identity/index.ts';
import type { OrdersService, PlaceOrder } from '../orders/index.ts';
import type { RiskService } from '../risk/index.ts';
import type { SharingService } from '../sharing/index.ts';
import { createBargainService, EXPIRE_CUT_JOB } from './bargain.service.ts';
import { bargainRoutes, bargainAdminRoutes, type ReferenceCaps } from './bargain.routes.ts';
import { bargainMigrations } from './bargain.migrations.ts';
import { bargainErrors } from './bargain.errors.ts';
import { bargainEvents } from './bargain.events.ts';
import { bargainTables } from './bargain.table.ts';
import { bargainAdminCutRoutes, createBargainAdminCuts } from './bargain.admin-cuts.ts';


const BRAND_NEW_ACCOUNT_MS = DAY_MS;

interface Deps {
  campaigns: CampaignsService;
  catalog: CatalogService;
  identity: IdentityService;
  orders: OrdersService;
  placeOrder: PlaceOrder;
  sharing: SharingService;
  risk: RiskService;
}

export const bargainModule = defineModule({
  name: 'bargain',
  tables: bargainTables,
  needs: ['campaigns', 'catalog', 'identity', 'orders', 'placeOrder', 'sharing', 'risk'],
  migrations: bargainMigrations,
  errors: bargainErrors,
  events: bargainEvents,
  create: (platform, { campaigns, catalog, identity, orders, placeOrder, sharing, risk }: Deps) => {
    const bargain = createBargainService(platform, {
      describeSku: async (skuId) => {
        const sku = isUuid(skuId) ? (await catalog.getSkusForPricing(platform.db, [skuId])).get(skuId) : undefined;
        return sku ? { productId: sku.productId, title: sku.skuLabel ? `${sku.productTitle} ${sku.skuLabel}` : sku.productTitle, titleEn: sku.productTitleEn ? [sku.productTitleEn, sku.skuLabelEn ?? sku.skuLabel].filter(Boolean).join(' ') : null, image: sku.image, priceAmount: sku.priceAmount, currency: sku.currency } : null;
      },
      displayNames: identity.displayNames,
      // Brand-new customer: account younger than 24 h and no paid order (only looked up for young accounts).
      customerFacts: async (userId) => {
        const user = await identity.getUser(userId);
        const young = platform.clock.now().getTime() - user.created_at.getTime() < BRAND_NEW_ACCOUNT_MS;
        return { createdAt: user.created_at, hasPaidOrder: young ? await orders.hasPaidOrder(platform.db, userId) : true };
      },
      placeOrder,
      campaigns,
      // A held help waits for review; once an operator releases it the helper may help again.
      screenHelp: async (helperId, cut) => void (await risk.guard({ kind: 'bargain.help', userId: helperId, campaignId: cut.campaignId, counterpartId: cut.ownerId, money: { amount: cut.amount, currency: cut.currency } })),
    });
    // A released help is not paid here: the helper may help again. A help allowed before its farm
    // was evident is taken off the price while the price-cut is not yet ordered.
    risk.registerReleaser('bargain.help', {
      release: async () => undefined,
      withhold: (trx, d) => bargain.withdrawHelp(trx, { helperId: d.user_id, campaignId: d.campaign_id!, ownerId: d.counterpart_id! }),
    });
    campaigns.registerMechanic(bargainMechanic);
    sharing.registerTarget('bargain', { resolve: bargain.resolveShareTarget });
    sharing.registerPosterFacts('bargain', cutPosterFacts(bargain, () => platform.clock.now()));
    return { ...bargain, adminCuts: createBargainAdminCuts(platform, identity) };
  },
  // Campaign lists show the lawful reference price (compliance comes later in the list: routes are built last).
  routeNeeds: ['compliance'],
  routes: (bargain, deps: { campaigns: CampaignsService; compliance: ReferenceCaps }) => ({ api: bargainRoutes(bargain, deps.compliance, deps.campaigns), admin: async (app) => {
      await bargainAdminRoutes(bargain)(app);
      await bargainAdminCutRoutes(bargain.adminCuts)(app);
    } }),
  jobs: (bargain) => ({ [EXPIRE_CUT_JOB]: (payload: { cutId: string }) => bargain.expireCut(payload.cutId) }),
  consumers: (bargain) => [
    on('order.cancelled', 'bargain.release-on-cancel', (trx, e) => bargain.onOrderCancelled(trx, e.payload)),
    on('order.paid', 'bargain.bought-on-paid', (trx, e) => bargain.onOrderPaid(trx, e.payload)),
  ],
  // Rows about a person, for export and erasure (platform/personal-data.ts): `keep` is a record the law or the books need.
  personalData: () => ({ tables: { bargain_cuts: { columns: ['user_id'], erase: 'keep' }, bargain_helps: { columns: ['helper_id'], erase: 'keep' }, bargain_helper_days: { columns: ['helper_id'], erase: 'delete' } } }),
});
