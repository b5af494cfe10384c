import { DomainError } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import type { CampaignsService } from '../campaigns/index.ts';
import { defineModule } from '../../platform/module.ts';
import { currentRateLimits } from '../../platform/rate-limits.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { IdentityService, PeopleCards } from '../identity/index.ts';
import type { ProductSummaries } from '../catalog/index.ts';
import { createSharingAdmin } from './sharing.admin.ts';
import { createSharingService } from './sharing.service.ts';
import { sharingRoutes, sharingAdminRoutes, shareLinkRoutes } from './sharing.routes.ts';
import { sharingMigrations } from './sharing.migrations.ts';
import { sharingErrors } from './sharing.errors.ts';
import { sharingEvents } from './sharing.events.ts';
import { sharingTables } from './sharing.table.ts';
import { createSharingCustomerFacts } from './sharing.customers.ts';

export { type SharingService } from './sharing.service.ts';
export { cascadeStatsBelow, type CascadeStats } from './cascade.rules.ts';
export { SHARE_CHANNELS, type ShareChannel } from './sharing.rules.ts';
export type { SharesMade, SharingCustomerFacts, SignupShare } from './sharing.customers.ts';
export { couponGift, type PosterCouponTerms, type PosterFacts, type PosterFactsProvider, type PosterGift, type PosterLang, type PosterState } from './sharing.poster.facts.ts';

const orNull = <T>(p: Promise<T>) => p.catch((err) => (err instanceof DomainError ? null : Promise.reject(err)));

export const sharingModule = defineModule({
  name: 'sharing',
  tables: sharingTables,
  needs: ['identity', 'catalog', 'campaigns'],
  migrations: sharingMigrations,
  errors: sharingErrors,
  events: sharingEvents,
  create: (platform, { identity, catalog, campaigns }: { identity: IdentityService & PeopleCards; catalog: CatalogService & ProductSummaries; campaigns: CampaignsService }) => {
    const sharing = createSharingService(platform, {
      identity,
      deliveredPrice: campaigns.deliveredPrice,
      loadImage: async (url) => {
        const id = /^\/media\/([0-9a-f-]{36})$/i.exec(url)?.[1];
        return id ? catalog.getMedia(id).catch(() => null) : null;
      },
    });
    sharing.registerTarget('product', {
      async resolve(_executor, id) {
        const product = isUuid(id) ? await orNull(catalog.getShopperProduct(id)) : null;
        if (!product) return null;
        // The poster shows the cheapest SKU's price, and that SKU's list price as the reference.
        const cheapest = product.skus.reduce<(typeof product.skus)[number] | null>((best, sku) => (!best || sku.price.amount < best.price.amount ? sku : best), null);
        const reference = cheapest?.listPrice ? { skuId: cheapest.id, amount: cheapest.listPrice.amount } : null;
        return { url: `/product/${product.id}`, title: product.title, image: product.images[0] ?? null, price: product.price?.min ?? null, reference };
      },
    });
    // A product poster in English names the product in English where the shop has the title.
    sharing.registerPosterFacts('product', async (_executor, id, lang) => {
      const product = isUuid(id) ? await orNull(catalog.getShopperProduct(id)) : null;
      if (!product) return null;
      const cheapest = product.skus.reduce<(typeof product.skus)[number] | null>((best, sku) => (!best || sku.price.amount < best.price.amount ? sku : best), null);
      const title = (lang === 'en' && product.titleEn) || product.title;
      return { title, image: product.images[0] ?? null, price: product.price?.min ?? null, campaignId: null, reference: cheapest?.listPrice ? { skuId: cheapest.id, amount: cheapest.listPrice.amount } : null, state: { kind: 'product' } };
    });
    // customers: what the admin customer pages read (the share that brought a customer, shares made).
    // admin: operators' share lists name sharers, targets and campaigns (sharing.admin.ts).
    const admin = createSharingAdmin(platform, sharing, { peopleOf: identity.peopleOf, productCards: catalog.productCards, campaignsById: campaigns.findMany });
    return Object.assign(sharing, { customers: createSharingCustomerFacts(platform), admin });
  },
  routes: (sharing, _deps, platform) => ({
    root: shareLinkRoutes(sharing, { perIp: currentRateLimits(platform).reader('shareLinkPerIp') }),
    api: sharingRoutes(sharing, { publicUrl: platform.config.publicUrl }),
    admin: sharingAdminRoutes(sharing),
  }),
  consumers: (sharing) => sharing.consumers(),
  // Rows about a person, for export and erasure (platform/personal-data.ts): `keep` is a record the law or the books need.
  personalData: () => ({ tables: { shares: { columns: ['sharer_id'], erase: 'keep' }, attributions: { columns: ['user_id', 'sharer_id'], erase: 'keep' }, share_clicks: { columns: ['user_id'], erase: 'delete' }, visitor_links: { columns: ['user_id'], erase: 'delete' } } }),
});
