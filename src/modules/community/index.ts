import { DomainError } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { defineModule, on } from '../../platform/module.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { IdentityService } from '../identity/index.ts';
import type { ModerationService } from '../moderation/index.ts';
import type { OrdersService } from '../orders/index.ts';
import type { SharingService } from '../sharing/index.ts';
import { communityErrors } from './community.errors.ts';
import { communityEvents } from './community.events.ts';
import { communityMigrations } from './community.migrations.ts';
import { communityAdminRoutes, communityRoutes } from './community.routes.ts';
import { createCommunityService } from './community.service.ts';
import { communityTables } from './community.table.ts';
import { releaseCountersOf } from './community.repo.ts';

export { type CommunityService } from './community.service.ts';
export { parseTopics, popularity } from './community.rules.ts';

/** A refusal from another module (no such product, not your order) reads as "none" here. */
const orNull = <T>(p: Promise<T>) => p.catch((err) => (err instanceof DomainError ? null : Promise.reject(err)));

export const communityModule = defineModule({
  name: 'community',
  tables: communityTables,
  needs: ['identity', 'catalog', 'orders', 'sharing', 'moderation'],
  migrations: communityMigrations,
  errors: communityErrors,
  events: communityEvents,
  create: (platform, { identity, catalog, orders, sharing, moderation }: { identity: IdentityService; catalog: CatalogService; orders: OrdersService; sharing: SharingService; moderation: ModerationService }) => {
    const community = createCommunityService(platform, {
      screen: (input) => moderation.screen(input),
      preview: (text) => moderation.preview(text),
      displayNames: identity.displayNames,
      async productCard(id) {
        const product = isUuid(id) ? await orNull(catalog.getShopperProduct(id)) : null;
        return product ? { id: product.id, title: product.title, image: product.images[0] ?? null, price: product.price?.min ?? null } : null;
      },
      async ownOrder(userId, orderId) {
        const order = await orNull(orders.getOrderRecord(platform.db, orderId, userId));
        if (!order) return null;
        const lines = await orders.getOrderLines(platform.db, orderId);
        return { status: order.status, productIds: [...new Set(lines.map((l) => l.product_id))] };
      },
      uploadImage: (userId, contentType, dataBase64) => catalog.uploadMedia(userId, contentType, dataBase64),
      attributedSales: (noteIds) => sharing.attributedSalesOf('note', noteIds),
    });
    // Notes are shared like anything else: clicks land on the note page, orders are attributed to the share.
    sharing.registerTarget('note', { resolve: community.resolveShareTarget });
    return community;
  },
  routes: (community) => ({ api: communityRoutes(community), admin: communityAdminRoutes(community) }),
  consumers: (community) => [
    // An operator decided held content in the moderation queue: publish it or keep it hidden.
    on('moderation.decided', 'community.apply-moderation', (trx, e) => community.applyModeration(trx, e.payload, e.occurredAt)),
  ],
  // A person's notes, comments, reactions and follows are theirs: exported with them and deleted on erasure.
  personalData: () => ({
    erase: (trx, userId) => releaseCountersOf(communityTables.of(trx), userId),
    tables: {
      community_notes: { columns: ['author_id'], erase: 'delete' },
      community_comments: { columns: ['author_id'], erase: 'delete' },
      community_note_likes: { columns: ['user_id'], erase: 'delete' },
      community_note_favourites: { columns: ['user_id'], erase: 'delete' },
      community_follows: { columns: ['follower_id', 'followee_id'], erase: 'delete' },
      community_kols: { columns: ['user_id'], erase: 'delete' },
    },
  }),
});
