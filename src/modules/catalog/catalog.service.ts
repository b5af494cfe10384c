// Catalog: categories, products and SKUs with their prices, product images, and the read models
// the storefront, checkout and inventory use. Each part lives in its own file and takes the same
// platform and inventory; this file composes them into the one service callers see.
import { createProductBoard } from './catalog.board.ts';
import { createCategories } from './catalog.categories.ts';
import { createMedia } from './catalog.media.ts';
import { createProductWrites, type StockLevels } from './catalog.products.ts';
import { CATALOG_CHANGED, createCatalogReads, type StockSource } from './catalog.reads.ts';
import type { CatalogPlatform } from './catalog.table.ts';


/** `inventory` is the inventory service; catalog names only the two calls it makes, so it does not import inventory. */
export function createCatalogService(p: CatalogPlatform, inventory: StockSource & StockLevels) {
  const categories = createCategories(p);
  const reads = createCatalogReads(p, inventory);
  const products = createProductWrites(p, inventory, reads);
  const media = createMedia(p);
  const board = createProductBoard(p, inventory, products);
  // Every write, once it has committed (or failed: nothing to drop then, and dropping is harmless),
  // tells every process to drop its shopper lists and pages.
  const thenDropCaches = <A extends unknown[], R>(write: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    try {
      return await write(...args);
    } finally {
      await p.invalidation.publish(CATALOG_CHANGED, '*');
    }
  };

  return {
    listCategories: categories.listCategories,
    getCategoryTree: categories.getCategoryTree,
    createCategory: thenDropCaches(categories.createCategory),
    updateCategory: thenDropCaches(categories.updateCategory),
    deleteCategory: thenDropCaches(categories.deleteCategory),
    createProduct: thenDropCaches(products.createProduct),
    importProducts: thenDropCaches(products.importProducts),
    updateProduct: thenDropCaches(products.updateProduct),
    addSku: thenDropCaches(products.addSku),
    updateSku: thenDropCaches(products.updateSku),
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
    listProductBoard: board.listBoard,
    bulkProductStatus: thenDropCaches(board.bulkStatus),
    getCategoryTreeWithCounts: board.categoryTreeWithCounts,
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
