// Operator writes to products and their SKUs: create (one or a bulk import), edit, add and edit
// SKUs. Input is checked in full before the transaction opens; the product's price range follows
// its active SKUs, and every price change lands in the price history.
import { recordAudit } from '../../platform/audit.ts';
import { conflict, invalid, unprocessable } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { DEFAULT_CURRENCY } from '../../platform/money.ts';
import { categoryNotFound, mapConflicts, productNotFound, skuNotFound } from './catalog.errors.ts';
import { checkCurrency, checkDistinctSkus, checkImages, checkText, englishPatch, englishText, prepareSku, type ImportProductInput, type ProductInput, type ProductPatch, type SkuInput, type SkuPatch } from './catalog.inputs.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import type { EnglishAttributes, CatalogDb, CatalogPlatform } from './catalog.table.ts';
import type { CatalogReads } from './catalog.reads.ts';
import * as repo from './catalog.repo.ts';
import { canChangeProductStatus, LIMITS, orderAttributes } from './catalog.rules.ts';
import type { ProductStatus } from './catalog.table.ts';

/** What catalog needs from inventory when SKUs are created: their opening stock, in the same transaction. */
export interface StockLevels {
  createLevels(trx: AnyExecutor, rows: { skuId: string; onHand: number }[]): Promise<void>;
}

const needsSku = () => unprocessable('CATALOG_PRODUCT_NEEDS_SKU', 'A product needs at least one active SKU before it goes on sale', { field: 'status' });
const codeTaken = (code: string) => conflict('CATALOG_SKU_CODE_TAKEN', `SKU code ${code} is already in use`, { code });

/** Validates product inputs and turns them into rows; everything here is checked before any write. */
function prepareProducts(inputs: ImportProductInput[], now: Date) {
  return inputs.map((input) => {
    checkText(input);
    checkImages(input.images);
    const status = input.status ?? 'draft';
    if (status !== 'draft' && status !== 'active') throw invalid('CATALOG_STATUS_INVALID', 'A new product is draft or active', { field: 'status' });
    const skuInputs = input.skus ?? [];
    if (skuInputs.length > LIMITS.skusPerProductMax) throw unprocessable('CATALOG_TOO_MANY_SKUS', `A product has at most ${LIMITS.skusPerProductMax} SKUs`, { field: 'skus' });
    const id = newId();
    const currency = skuInputs[0]?.price.currency ?? DEFAULT_CURRENCY;
    checkCurrency(currency);
    const skus = skuInputs.map((s, i) => prepareSku(s, id, currency, i, now));
    checkDistinctSkus(skus.map((s) => ({ code: s.row.code, attrs: s.attrs })));
    const active = skus.filter((s) => s.row.status === 'active').map((s) => s.row.price_amount);
    if (status === 'active' && active.length === 0) throw needsSku();
    const createdAt = input.createdAt ?? now;
    const product = {
      id,
      title: input.title.trim(),
      subtitle: (input.subtitle ?? '').trim(),
      description: (input.description ?? '').trim(),
      title_en: englishText(input.titleEn),
      subtitle_en: englishText(input.subtitleEn),
      description_en: englishText(input.descriptionEn),
      category_id: input.categoryId,
      status: status as ProductStatus,
      images: JSON.stringify(input.images ?? []),
      price_min_amount: active.length ? Math.min(...active) : null,
      price_max_amount: active.length ? Math.max(...active) : null,
      currency,
      created_at: createdAt,
      updated_at: createdAt,
    };
    return { product, skus };
  });
}

export function createProductWrites(p: CatalogPlatform, inventory: StockLevels, reads: Pick<CatalogReads, 'getProduct' | 'getSku'>) {
  const { db, clock } = p;

  async function writeProducts(trx: CatalogDb, actorId: string | null, prepared: ReturnType<typeof prepareProducts>, now: Date) {
    const categoryIds = [...new Set(prepared.map((x) => x.product.category_id))];
    for (const categoryId of categoryIds) {
      if (!isUuid(categoryId) || !(await repo.findCategory(trx, categoryId))) throw categoryNotFound(categoryId);
    }
    const skus = prepared.flatMap((x) => x.skus);
    const taken = await repo.findSkuCodes(trx, skus.map((s) => s.row.code));
    if (taken.length) throw codeTaken(taken[0].code);
    if (new Set(skus.map((s) => s.row.code)).size !== skus.length) throw conflict('CATALOG_SKU_CODE_TAKEN', 'Two SKUs share a code', {});
    await repo.insertProducts(trx, prepared.map((x) => x.product));
    await repo.insertSkus(trx, skus.map((s) => s.row));
    await inventory.createLevels(trx, skus.map((s) => ({ skuId: s.row.id, onHand: s.stock })));
    await repo.insertPriceHistory(trx, skus.map((s) => ({ sku_id: s.row.id, price_amount: s.row.price_amount, currency: s.row.currency, at: now })));
    for (const { product, skus: own } of prepared) {
      await publishEvent(trx, now, 'product.created', product.id, { productId: product.id, categoryId: product.category_id, status: product.status, skuIds: own.map((s) => s.row.id), actorId });
    }
  }

  async function createProduct(actorId: string | null, input: ProductInput) {
    const now = clock.now();
    const prepared = prepareProducts([input], now);
    const id = prepared[0].product.id;
    await mapConflicts(() =>
      db.transaction().execute(async (trx) => {
        await writeProducts(trx, actorId, prepared, now);
        await recordAudit(trx, now, { actorId, action: 'product.created', subjectType: 'product', subjectId: id, details: { title: prepared[0].product.title, skus: prepared[0].skus.length } });
      }),
    );
    return reads.getProduct(id);
  }

  /** Bulk create (demo seed, imports): validates everything first, then multi-row inserts in one transaction. */
  async function importProducts(actorId: string | null, inputs: ImportProductInput[]) {
    const now = clock.now();
    const prepared = prepareProducts(inputs, now);
    await mapConflicts(() =>
      db.transaction().execute(async (trx) => {
        await writeProducts(trx, actorId, prepared, now);
        await recordAudit(trx, now, { actorId, action: 'product.imported', subjectType: 'product', subjectId: prepared[0]?.product.id ?? '-', details: { count: prepared.length } });
      }),
    );
    return prepared.map((x) => ({ productId: x.product.id, skuIds: x.skus.map((s) => s.row.id) }));
  }

  async function updateProduct(actorId: string | null, id: string, patch: ProductPatch) {
    checkText(patch);
    checkImages(patch.images);
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      const current = await repo.lockProduct(trx, id);
      if (!current) throw productNotFound(id);
      if (patch.categoryId !== undefined && patch.categoryId !== current.category_id && !(await repo.findCategory(trx, patch.categoryId))) {
        throw categoryNotFound(patch.categoryId);
      }
      if (patch.status !== undefined && patch.status !== current.status) {
        if (!canChangeProductStatus(current.status, patch.status)) {
          throw unprocessable('CATALOG_STATUS_TRANSITION', `A ${current.status} product cannot become ${patch.status}`, { from: current.status, to: patch.status });
        }
        if (patch.status === 'active' && current.price_min_amount === null) throw needsSku();
      }
      await repo.updateProduct(trx, id, {
        ...(patch.title !== undefined ? { title: patch.title.trim() } : {}),
        ...(patch.subtitle !== undefined ? { subtitle: patch.subtitle.trim() } : {}),
        ...(patch.description !== undefined ? { description: patch.description.trim() } : {}),
        ...englishPatch(patch),
        ...(patch.categoryId !== undefined ? { category_id: patch.categoryId } : {}),
        ...(patch.images !== undefined ? { images: JSON.stringify(patch.images) } : {}),
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        updated_at: now,
      });
      const changes = Object.keys(patch);
      const moved = patch.status && patch.status !== current.status ? { from: current.status, to: patch.status } : {};
      await recordAudit(trx, now, { actorId, action: 'product.updated', subjectType: 'product', subjectId: id, details: { changes, ...moved } });
      await publishEvent(trx, now, 'product.updated', id, { productId: id, changes, status: patch.status ?? current.status, actorId });
    });
    return reads.getProduct(id);
  }

  async function addSku(actorId: string | null, productId: string, input: SkuInput) {
    const now = clock.now();
    let skuId = '';
    await mapConflicts(() =>
      db.transaction().execute(async (trx) => {
        const product = await repo.lockProduct(trx, productId);
        if (!product) throw productNotFound(productId);
        const existing = await repo.findSkusOfProducts(trx, [productId]);
        if (existing.length >= LIMITS.skusPerProductMax) throw unprocessable('CATALOG_TOO_MANY_SKUS', `A product has at most ${LIMITS.skusPerProductMax} SKUs`);
        // The first SKU sets the product's currency.
        const currency = existing.length === 0 ? (input.price.currency ?? product.currency) : product.currency;
        const sku = prepareSku(input, productId, currency, existing.length, now);
        checkDistinctSkus([{ code: sku.row.code, attrs: sku.attrs }], existing.map((s) => ({ code: s.code, attrs: s.attributes })));
        if ((await repo.findSkuCodes(trx, [sku.row.code])).length) throw codeTaken(sku.row.code);
        if (currency !== product.currency) await repo.updateProduct(trx, productId, { currency });
        await repo.insertSkus(trx, [sku.row]);
        await inventory.createLevels(trx, [{ skuId: sku.row.id, onHand: sku.stock }]);
        await repo.insertPriceHistory(trx, [{ sku_id: sku.row.id, price_amount: sku.row.price_amount, currency, at: now }]);
        await repo.refreshPriceRange(trx, productId, now);
        skuId = sku.row.id;
        await recordAudit(trx, now, { actorId, action: 'sku.created', subjectType: 'sku', subjectId: skuId, details: { productId, code: sku.row.code, priceAmount: sku.row.price_amount, initialStock: sku.stock } });
        await publishEvent(trx, now, 'product.updated', productId, { productId, changes: ['skus'], skuId, actorId });
      }),
    );
    return reads.getSku(skuId);
  }

  async function updateSku(actorId: string | null, skuId: string, patch: SkuPatch) {
    const now = clock.now();
    await mapConflicts(() =>
      db.transaction().execute(async (trx) => {
        const found = await repo.findSku(trx, skuId);
        if (!found) throw skuNotFound(skuId);
        const product = await repo.lockProduct(trx, found.product_id); // serialises edits of one product's SKUs
        const current = (await repo.findSku(trx, skuId))!;
        const siblings = (await repo.findSkusOfProducts(trx, [current.product_id])).filter((s) => s.id !== skuId);
        const merged = prepareSku(
          {
            code: patch.code ?? current.code,
            attributes: patch.attributes ?? orderAttributes(current.attributes, current.attribute_names),
            // Unless replaced, the English texts stay for the attributes the SKU still has.
            attrsEn: patch.attrsEn !== undefined ? patch.attrsEn : keepEnglish(current.attrs_en, patch.attributes ?? current.attributes),
            price: patch.price ?? { amount: current.price_amount, currency: current.currency },
            listPrice: patch.listPrice !== undefined ? patch.listPrice : current.list_price_amount === null ? null : { amount: current.list_price_amount, currency: current.currency },
            status: patch.status ?? current.status,
          },
          current.product_id,
          product!.currency,
          current.position,
          now,
        );
        checkDistinctSkus([{ code: merged.row.code, attrs: merged.attrs }], siblings.map((s) => ({ code: s.code, attrs: s.attributes })));
        if (merged.row.code !== current.code && (await repo.findSkuCodes(trx, [merged.row.code])).length) throw codeTaken(merged.row.code);
        await repo.updateSku(trx, skuId, {
          code: merged.row.code,
          attributes: merged.row.attributes,
          attribute_names: merged.row.attribute_names,
          attrs_en: merged.row.attrs_en,
          label: merged.row.label,
          price_amount: merged.row.price_amount,
          list_price_amount: merged.row.list_price_amount,
          status: merged.row.status,
          updated_at: now,
        });
        if (merged.row.price_amount !== current.price_amount) {
          await repo.insertPriceHistory(trx, [{ sku_id: skuId, price_amount: merged.row.price_amount, currency: merged.row.currency, at: now }]);
        }
        await repo.refreshPriceRange(trx, current.product_id, now);
        const changes = Object.keys(patch);
        await recordAudit(trx, now, { actorId, action: 'sku.updated', subjectType: 'sku', subjectId: skuId, details: { productId: current.product_id, changes, priceFrom: current.price_amount, priceTo: merged.row.price_amount } });
        await publishEvent(trx, now, 'product.updated', current.product_id, { productId: current.product_id, changes: ['skus'], skuId, skuChanges: changes, actorId });
      }),
    );
    return reads.getSku(skuId);
  }

  return { createProduct, importProducts, updateProduct, addSku, updateSku };
}

/** The English option texts whose Chinese attribute is still among `attributes`. */
function keepEnglish(attrsEn: EnglishAttributes | null, attributes: Record<string, string>): EnglishAttributes {
  return Object.fromEntries(Object.entries(attrsEn ?? {}).filter(([k]) => Object.prototype.hasOwnProperty.call(attributes, k)));
}
