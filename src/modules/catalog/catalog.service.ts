// Catalog: categories, products and SKUs with their prices, product images, and the read models
// the storefront, checkout and inventory use. Each part lives in its own file and takes the same
// platform and inventory; this file composes them into the one service callers see.
import type { Platform } from '../../platform/context.ts';
import { createCategories } from './catalog.categories.ts';
import { createMedia } from './catalog.media.ts';
import { createProductWrites, type StockLevels } from './catalog.products.ts';
import { createCatalogReads, type StockSource } from './catalog.reads.ts';


/** `inventory` is the inventory service; catalog names only the two calls it makes, so it does not import inventory. */
export function createCatalogService(p: Platform, inventory: StockSource & StockLevels) {
  const categories = createCategories(p);
  const reads = createCatalogReads(p, inventory);
  const products = createProductWrites(p, inventory, reads);
  const media = createMedia(p);

  return {
    listCategories: categories.listCategories,
    getCategoryTree: categories.getCategoryTree,
    createCategory: categories.createCategory,
    updateCategory: categories.updateCategory,
    deleteCategory: categories.deleteCategory,
    createProduct: products.createProduct,
    importProducts: products.importProducts,
    updateProduct: products.updateProduct,
    addSku: products.addSku,
    updateSku: products.updateSku,
    getProduct: reads.getProduct,
    getShopperProduct: reads.getShopperProduct,
    getSku: reads.getSku,
    listProducts: reads.listProducts,
    listAdminProducts: reads.listAdminProducts,
    getSkusForPricing: reads.getSkusForPricing,
    describeSkus: reads.describeSkus,
    findSkusByCode: reads.findSkusByCode,
    storeMedia: media.storeMedia,
    uploadMedia: media.uploadMedia,
    getMedia: media.getMedia,
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
