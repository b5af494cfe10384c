import { DomainError } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { defineModule, on } from '../../platform/module.ts';
import type { CampaignsService } from '../campaigns/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { InventoryService } from '../inventory/index.ts';
import type { OrdersService } from '../orders/index.ts';
import { supplyErrors } from './supply.errors.ts';
import { supplyMigrations } from './supply.migrations.ts';
import { createStockCheck, STOCK_CHECK } from './supply.prelaunch.ts';
import { supplyRoutes } from './supply.routes.ts';
import { createSupplyService, RECOMPUTE_JOB } from './supply.service.ts';
import { supplyTables } from './supply.table.ts';

export { createSupplyService, type SupplyService } from './supply.service.ts';
export type { SupplyTables } from './supply.table.ts';
export { registerSupplyCommands, type OpenSupply } from './supply.cli.ts';

/** What supply reads of the mechanics that sell a SKU: the public read of one campaign each. */
interface SupplyDeps {
  orders: OrdersService;
  inventory: InventoryService;
  catalog: CatalogService;
  campaigns: CampaignsService;
  groupbuy: { getCampaign(id: string): Promise<{ sku_id: string }> };
  bargain: { getCampaign(id: string): Promise<{ sku_id: string }> };
  flashsale: { getSlot(id: string): Promise<{ items: { skuId: string }[] }> };
}

export const supplyModule = defineModule({
  name: 'supply',
  tables: supplyTables,
  needs: ['orders', 'inventory', 'catalog', 'campaigns', 'groupbuy', 'bargain', 'flashsale'],
  migrations: supplyMigrations,
  errors: supplyErrors,
  create: (platform, deps: SupplyDeps) => {
    // A campaign's SKUs from its mechanic's own read; a mechanic that sells no SKU (lottery, referral) has none.
    const skusOfCampaign = async (mechanic: string, id: string): Promise<string[]> => {
      if (!isUuid(id)) return [];
      try {
        if (mechanic === 'groupbuy') return [(await deps.groupbuy.getCampaign(id)).sku_id];
        if (mechanic === 'bargain') return [(await deps.bargain.getCampaign(id)).sku_id];
        if (mechanic === 'flashsale') return [...new Set((await deps.flashsale.getSlot(id)).items.map((i) => i.skuId))];
        return [];
      } catch (err) {
        if (err instanceof DomainError) return [];
        throw err;
      }
    };
    const supply = createSupplyService(platform, { orders: deps.orders, inventory: deps.inventory, catalog: deps.catalog, campaigns: deps.campaigns, skusOfCampaign });
    deps.campaigns.hooks.register('preLaunch', STOCK_CHECK, createStockCheck({ inventory: deps.inventory, skusOfCampaign }));
    return supply;
  },
  routes: (supply) => ({ admin: supplyRoutes(supply) }),
  jobs: (supply) => ({ [RECOMPUTE_JOB]: () => supply.runNightly() }),
  // The mechanics tell which SKU a campaign sells when it is created or its draft edited.
  consumers: (supply) => [
    on(['groupbuy.campaign_created', 'groupbuy.campaign_updated'], 'supply.groupbuy-sku', (trx, e) => supply.rememberCampaignSkus(supplyTables.of(trx), e.payload.campaignId, 'groupbuy', [e.payload.skuId])),
    on(['bargain.campaign_created', 'bargain.campaign_updated'], 'supply.bargain-sku', (trx, e) => supply.rememberCampaignSkus(supplyTables.of(trx), e.payload.campaignId, 'bargain', [e.payload.skuId])),
    on(['flashsale.slot_created', 'flashsale.slot_updated'], 'supply.flashsale-skus', (trx, e) => supply.rememberCampaignSkus(supplyTables.of(trx), e.payload.slotId, 'flashsale', e.payload.items.map((i) => i.skuId))),
  ],
});
