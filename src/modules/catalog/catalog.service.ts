// Categories, products, SKUs, prices and product images.
import type { Selectable } from 'kysely';
import type { Platform } from '../../platform/context.ts';
import { conflict, DomainError, invalid, isUniqueViolation, notFound, unprocessable } from '../../platform/errors.ts';
import { publishEvent, type Executor } from '../../platform/events.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { DEFAULT_CURRENCY, type Money } from '../../platform/money.ts';
import { decodeCursor, encodeCursor } from '../../platform/schema.ts';
import type { InventoryService } from '../inventory/index.ts';
import * as repo from './catalog.repo.ts';
import {
  attributeOptions,
  attributesProblem,
  buildCategoryTree,
  canChangeProductStatus,
  categoryDepth,
  decodeBase64,
  imageUrlProblem,
  LIMITS,
  likePattern,
  mediaProblem,
  normaliseAttributes,
  orderAttributes,
  priceProblem,
  sameAttributes,
  skuLabel,
  slugProblem,
  textProblem,
  type CategoryRow,
  type Problem,
} from './catalog.rules.ts';
import type { CategoriesTable, ProductsTable, ProductStatus, SkuStatus, SkusTable } from './catalog.table.ts';

type Trx = Executor;

export interface MoneyInput {
  amount: number;
  currency?: string;
}

export interface SkuInput {
  code: string;
  attributes?: Record<string, string>;
  price: MoneyInput;
  listPrice?: MoneyInput | null;
  status?: SkuStatus;
  /** Opening stock, default 0. */
  initialStock?: number;
}

export interface ProductInput {
  title: string;
  subtitle?: string;
  description?: string;
  categoryId: string;
  images?: string[];
  status?: 'draft' | 'active';
  skus?: SkuInput[];
}

export interface ImportProductInput extends ProductInput {
  /** Backdated creation time (demo data). */
  createdAt?: Date;
}

export interface ProductPatch {
  title?: string;
  subtitle?: string;
  description?: string;
  categoryId?: string;
  images?: string[];
  status?: ProductStatus;
}

export interface SkuPatch {
  code?: string;
  attributes?: Record<string, string>;
  price?: MoneyInput;
  listPrice?: MoneyInput | null;
  status?: SkuStatus;
}

export interface CategoryInput {
  name: string;
  nameEn: string;
  slug: string;
  parentId?: string | null;
  sort?: number;
}

/** What checkout needs to price a SKU. */
export interface PricingSku {
  skuId: string;
  productId: string;
  productTitle: string;
  /** Attribute values, e.g. "红 / M"; "" for a product's only, plain SKU. */
  skuLabel: string;
  attributes: Record<string, string>;
  priceAmount: number;
  currency: string;
  categoryId: string;
  image: string | null;
  /** The SKU is active and its product is active. */
  purchasable: boolean;
}

const fail = (p: Problem, details: Record<string, unknown> = {}, kind: 'validation' | 'unprocessable' = 'validation') =>
  new DomainError(kind, p.code, p.message, { ...(p.field ? { field: p.field } : {}), ...details });

const categoryNotFound = (id: string) => notFound('CATALOG_CATEGORY_NOT_FOUND', 'No such category', { categoryId: id });
const productNotFound = (id: string) => notFound('CATALOG_PRODUCT_NOT_FOUND', 'No such product', { productId: id });
const skuNotFound = (id: string) => notFound('CATALOG_SKU_NOT_FOUND', 'No such SKU', { skuId: id });

const money = (amount: number, currency: string): Money => ({ amount, currency });

export type CategoryRecord = Selectable<CategoriesTable>;
export type ProductRecord = Selectable<ProductsTable>;
export type SkuRecord = Selectable<SkusTable>;

export function publicCategory(c: CategoryRecord): CategoryRow {
  return { id: c.id, parentId: c.parent_id, name: c.name, nameEn: c.name_en, slug: c.slug, sort: c.sort };
}

export function productSummary(p: ProductRecord) {
  return {
    id: p.id,
    title: p.title,
    subtitle: p.subtitle,
    image: p.images[0] ?? null,
    price: p.price_min_amount === null ? null : { min: money(p.price_min_amount, p.currency), max: money(p.price_max_amount ?? p.price_min_amount, p.currency) },
    categoryId: p.category_id,
    status: p.status,
    createdAt: p.created_at.toISOString(),
  };
}

function checkText(input: { title?: string; subtitle?: string; description?: string }) {
  const problems = [
    input.title !== undefined ? textProblem(input.title, 'title', LIMITS.titleMax, true) : null,
    input.subtitle !== undefined ? textProblem(input.subtitle, 'subtitle', LIMITS.subtitleMax, false) : null,
    input.description !== undefined ? textProblem(input.description.replace(/[\n\t\r]/g, ' '), 'description', LIMITS.descriptionMax, false) : null,
  ];
  const p = problems.find(Boolean);
  if (p) throw fail(p);
}

function checkImages(images: string[] | undefined) {
  if (images === undefined) return;
  if (images.length > LIMITS.imagesMax) throw invalid('CATALOG_IMAGE_INVALID', `A product has at most ${LIMITS.imagesMax} images`, { field: 'images' });
  for (const url of images) {
    const p = imageUrlProblem(url);
    if (p) throw fail(p, { url: url.slice(0, 100) });
  }
}

function checkCurrency(currency: string) {
  if (!/^[A-Z]{3}$/.test(currency)) throw invalid('CATALOG_CURRENCY_INVALID', 'A currency is a three-letter ISO code such as CNY', { field: 'currency' });
}

/** Validates one SKU input and turns it into a row (no database). */
function prepareSku(input: SkuInput, productId: string, productCurrency: string, position: number, now: Date) {
  const code = input.code.trim();
  if (!code || code.length > LIMITS.skuCodeMax || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(code)) {
    throw invalid('CATALOG_SKU_CODE_INVALID', `A SKU code is 1–${LIMITS.skuCodeMax} letters, digits, dots, dashes or underscores`, { field: 'code' });
  }
  const attributes = input.attributes ?? {};
  const ap = attributesProblem(normaliseAttributes(attributes));
  if (ap) throw fail(ap, { code });
  const attrs = normaliseAttributes(attributes);
  const currency = input.price.currency ?? productCurrency;
  checkCurrency(currency);
  if (currency !== productCurrency) throw invalid('CATALOG_CURRENCY_MISMATCH', `Every SKU of a product is priced in ${productCurrency}`, { field: 'price.currency' });
  if (input.listPrice && (input.listPrice.currency ?? currency) !== currency) throw invalid('CATALOG_CURRENCY_MISMATCH', 'The list price must be in the same currency as the price', { field: 'listPrice.currency' });
  const pp = priceProblem(input.price.amount, input.listPrice?.amount ?? null);
  if (pp) throw fail(pp, { code });
  const stock = input.initialStock ?? 0;
  if (!Number.isSafeInteger(stock) || stock < 0 || stock > LIMITS.initialStockMax) {
    throw invalid('CATALOG_STOCK_INVALID', `Opening stock is a whole number from 0 to ${LIMITS.initialStockMax}`, { field: 'initialStock', code });
  }
  const row = {
    id: newId(),
    product_id: productId,
    code,
    attributes: JSON.stringify(attrs),
    attribute_names: JSON.stringify(Object.keys(attrs)),
    label: skuLabel(attrs),
    price_amount: input.price.amount,
    currency,
    list_price_amount: input.listPrice?.amount ?? null,
    status: input.status ?? ('active' as SkuStatus),
    position,
    created_at: now,
    updated_at: now,
  };
  return { row, attrs, stock };
}

function checkDistinctSkus(skus: { code: string; attrs: Record<string, string> }[], existing: { code: string; attrs: Record<string, string> }[] = []) {
  const all = [...existing, ...skus];
  for (let i = existing.length; i < all.length; i++) {
    for (let j = 0; j < i; j++) {
      if (all[i].code === all[j].code) throw conflict('CATALOG_SKU_CODE_TAKEN', `SKU code ${all[i].code} is already in use`, { code: all[i].code });
      if (sameAttributes(all[i].attrs, all[j].attrs)) {
        throw conflict('CATALOG_SKU_DUPLICATE_ATTRIBUTES', 'Two SKUs of one product cannot have the same attributes', { attributes: all[i].attrs });
      }
    }
  }
}

export function createCatalogService(p: Platform, inventory: InventoryService) {
  const { db, clock } = p;

  const audit = (trx: Trx, actorId: string | null, action: string, subjectType: string, subjectId: string, details: Record<string, unknown>) =>
    trx.insertInto('audit_log').values({ actor_id: actorId, action, subject_type: subjectType, subject_id: subjectId, details: JSON.stringify(details), at: clock.now() }).execute();

  /** Unique violations on SKU codes or slugs surface as coded conflicts. */
  async function mapConflicts<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (isUniqueViolation(err, 'skus_code')) throw conflict('CATALOG_SKU_CODE_TAKEN', 'That SKU code is already in use');
      if (isUniqueViolation(err, 'categories_slug')) throw conflict('CATALOG_SLUG_TAKEN', 'That slug is already in use');
      throw err;
    }
  }

  // ---- categories -----------------------------------------------------------------------------

  /** Every category; pass the caller's `trx` inside a transaction (coupon scopes at checkout). */
  async function listCategories(executor: Executor = db) {
    return (await repo.findCategories(executor)).map(publicCategory);
  }

  async function getCategoryTree() {
    return buildCategoryTree(await listCategories());
  }

  async function checkCategoryShape(trx: Trx, id: string, parentId: string | null) {
    if (parentId === null) return;
    const all = await repo.findCategories(trx);
    const parentOf = new Map<string, string | null>(all.map((c) => [c.id, c.parent_id]));
    if (!parentOf.has(parentId)) throw categoryNotFound(parentId);
    parentOf.set(id, parentId);
    for (const c of parentOf.keys()) {
      const depth = categoryDepth(c, (x) => parentOf.get(x));
      if (depth === Infinity) throw unprocessable('CATALOG_CATEGORY_CYCLE', 'A category cannot sit under itself or its own subcategory', { categoryId: id, parentId });
      if (depth > LIMITS.categoryDepthMax) throw unprocessable('CATALOG_CATEGORY_TOO_DEEP', `Categories nest at most ${LIMITS.categoryDepthMax} levels deep`, { categoryId: id, parentId });
    }
  }

  function checkCategoryInput(input: Partial<CategoryInput>) {
    const problems = [
      input.name !== undefined ? textProblem(input.name, 'name', LIMITS.categoryNameMax, true) : null,
      input.nameEn !== undefined ? textProblem(input.nameEn, 'nameEn', LIMITS.categoryNameMax, true) : null,
      input.slug !== undefined ? slugProblem(input.slug) : null,
    ];
    const found = problems.find(Boolean);
    if (found) throw fail(found);
    if (input.sort !== undefined && (!Number.isSafeInteger(input.sort) || Math.abs(input.sort) > 1_000_000)) {
      throw invalid('CATALOG_SORT_INVALID', 'sort is a whole number within ±1,000,000', { field: 'sort' });
    }
  }

  async function createCategory(actorId: string | null, input: CategoryInput) {
    checkCategoryInput(input);
    const now = clock.now();
    const id = newId();
    return mapConflicts(() =>
      db.transaction().execute(async (trx) => {
        await checkCategoryShape(trx, id, input.parentId ?? null);
        const row = await repo.insertCategory(trx, { id, parent_id: input.parentId ?? null, name: input.name.trim(), name_en: input.nameEn.trim(), slug: input.slug, sort: input.sort ?? 0, created_at: now });
        await audit(trx, actorId, 'category.created', 'category', id, { name: row.name, slug: row.slug, parentId: row.parent_id });
        await publishEvent(trx, now, 'category.created', id, { categoryId: id, parentId: row.parent_id });
        return publicCategory(row);
      }),
    );
  }

  async function updateCategory(actorId: string | null, id: string, patch: Partial<CategoryInput>) {
    checkCategoryInput(patch);
    const now = clock.now();
    return mapConflicts(() =>
      db.transaction().execute(async (trx) => {
        const current = await repo.findCategory(trx, id);
        if (!current) throw categoryNotFound(id);
        if (patch.parentId !== undefined) await checkCategoryShape(trx, id, patch.parentId);
        const row = await repo.updateCategory(trx, id, {
          ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
          ...(patch.nameEn !== undefined ? { name_en: patch.nameEn.trim() } : {}),
          ...(patch.slug !== undefined ? { slug: patch.slug } : {}),
          ...(patch.sort !== undefined ? { sort: patch.sort } : {}),
          ...(patch.parentId !== undefined ? { parent_id: patch.parentId } : {}),
        });
        await audit(trx, actorId, 'category.updated', 'category', id, { changes: Object.keys(patch) });
        await publishEvent(trx, now, 'category.updated', id, { categoryId: id, changes: Object.keys(patch) });
        return publicCategory(row!);
      }),
    );
  }

  async function deleteCategory(actorId: string | null, id: string) {
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      const current = await repo.findCategory(trx, id);
      if (!current) throw categoryNotFound(id);
      const use = await repo.countCategoryUse(trx, id);
      if (use.children > 0 || use.products > 0) {
        throw conflict('CATALOG_CATEGORY_IN_USE', 'Move its subcategories and products elsewhere first', { categoryId: id, ...use });
      }
      await repo.deleteCategory(trx, id);
      await audit(trx, actorId, 'category.deleted', 'category', id, { name: current.name, slug: current.slug });
      await publishEvent(trx, now, 'category.deleted', id, { categoryId: id });
    });
  }

  // ---- products -------------------------------------------------------------------------------

  /** Validates product inputs and turns them into rows; everything here is checked before any write. */
  function prepareProducts(inputs: ImportProductInput[], now: Date) {
    return inputs.map((input) => {
      checkText(input);
      checkImages(input.images);
      const status = input.status ?? 'draft';
      if (status !== 'draft' && status !== 'active') throw invalid('CATALOG_STATUS_INVALID', 'A new product is draft or active', { field: 'status' });
      const skuInputs = input.skus ?? [];
      if (skuInputs.length > LIMITS.skusPerProductMax) throw invalid('CATALOG_TOO_MANY_SKUS', `A product has at most ${LIMITS.skusPerProductMax} SKUs`, { field: 'skus' });
      const id = newId();
      const currency = skuInputs[0]?.price.currency ?? DEFAULT_CURRENCY;
      checkCurrency(currency);
      const skus = skuInputs.map((s, i) => prepareSku(s, id, currency, i, now));
      checkDistinctSkus(skus.map((s) => ({ code: s.row.code, attrs: s.attrs })));
      const active = skus.filter((s) => s.row.status === 'active').map((s) => s.row.price_amount);
      if (status === 'active' && active.length === 0) {
        throw unprocessable('CATALOG_PRODUCT_NEEDS_SKU', 'A product needs at least one active SKU before it goes on sale', { field: 'status' });
      }
      const createdAt = input.createdAt ?? now;
      const product = {
        id,
        title: input.title.trim(),
        subtitle: (input.subtitle ?? '').trim(),
        description: (input.description ?? '').trim(),
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

  async function writeProducts(trx: Trx, actorId: string | null, prepared: ReturnType<typeof prepareProducts>, now: Date) {
    const categoryIds = [...new Set(prepared.map((x) => x.product.category_id))];
    for (const categoryId of categoryIds) {
      if (!isUuid(categoryId) || !(await repo.findCategory(trx, categoryId))) throw categoryNotFound(categoryId);
    }
    const skus = prepared.flatMap((x) => x.skus);
    const taken = await repo.findSkuCodes(trx, skus.map((s) => s.row.code));
    if (taken.length) throw conflict('CATALOG_SKU_CODE_TAKEN', `SKU code ${taken[0].code} is already in use`, { code: taken[0].code });
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
        await audit(trx, actorId, 'product.created', 'product', id, { title: prepared[0].product.title, skus: prepared[0].skus.length });
      }),
    );
    return getProduct(id);
  }

  /** Bulk create (demo seed, imports): validates everything first, then multi-row inserts in one transaction. */
  async function importProducts(actorId: string | null, inputs: ImportProductInput[]) {
    const now = clock.now();
    const prepared = prepareProducts(inputs, now);
    await mapConflicts(() =>
      db.transaction().execute(async (trx) => {
        await writeProducts(trx, actorId, prepared, now);
        await audit(trx, actorId, 'product.imported', 'product', prepared[0]?.product.id ?? '-', { count: prepared.length });
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
        if (patch.status === 'active' && current.price_min_amount === null) {
          throw unprocessable('CATALOG_PRODUCT_NEEDS_SKU', 'A product needs at least one active SKU before it goes on sale', { field: 'status' });
        }
      }
      await repo.updateProduct(trx, id, {
        ...(patch.title !== undefined ? { title: patch.title.trim() } : {}),
        ...(patch.subtitle !== undefined ? { subtitle: patch.subtitle.trim() } : {}),
        ...(patch.description !== undefined ? { description: patch.description.trim() } : {}),
        ...(patch.categoryId !== undefined ? { category_id: patch.categoryId } : {}),
        ...(patch.images !== undefined ? { images: JSON.stringify(patch.images) } : {}),
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        updated_at: now,
      });
      const changes = Object.keys(patch);
      await audit(trx, actorId, 'product.updated', 'product', id, { changes, ...(patch.status && patch.status !== current.status ? { from: current.status, to: patch.status } : {}) });
      await publishEvent(trx, now, 'product.updated', id, { productId: id, changes, status: patch.status ?? current.status, actorId });
    });
    return getProduct(id);
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
        if ((await repo.findSkuCodes(trx, [sku.row.code])).length) throw conflict('CATALOG_SKU_CODE_TAKEN', `SKU code ${sku.row.code} is already in use`, { code: sku.row.code });
        if (currency !== product.currency) await repo.updateProduct(trx, productId, { currency });
        await repo.insertSkus(trx, [sku.row]);
        await inventory.createLevels(trx, [{ skuId: sku.row.id, onHand: sku.stock }]);
        await repo.insertPriceHistory(trx, [{ sku_id: sku.row.id, price_amount: sku.row.price_amount, currency, at: now }]);
        await repo.refreshPriceRange(trx, productId, now);
        skuId = sku.row.id;
        await audit(trx, actorId, 'sku.created', 'sku', skuId, { productId, code: sku.row.code, priceAmount: sku.row.price_amount, initialStock: sku.stock });
        await publishEvent(trx, now, 'product.updated', productId, { productId, changes: ['skus'], skuId, actorId });
      }),
    );
    return getSku(skuId);
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
        if (merged.row.code !== current.code && (await repo.findSkuCodes(trx, [merged.row.code])).length) {
          throw conflict('CATALOG_SKU_CODE_TAKEN', `SKU code ${merged.row.code} is already in use`, { code: merged.row.code });
        }
        await repo.updateSku(trx, skuId, {
          code: merged.row.code,
          attributes: merged.row.attributes,
          attribute_names: merged.row.attribute_names,
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
        await audit(trx, actorId, 'sku.updated', 'sku', skuId, { productId: current.product_id, changes, priceFrom: current.price_amount, priceTo: merged.row.price_amount });
        await publishEvent(trx, now, 'product.updated', current.product_id, { productId: current.product_id, changes: ['skus'], skuId, skuChanges: changes, actorId });
      }),
    );
    return getSku(skuId);
  }

  function skuView(s: SkuRecord, stock: { onHand: number; reserved: number; available: number } | undefined, productStatus: ProductStatus) {
    return {
      id: s.id,
      productId: s.product_id,
      code: s.code,
      label: s.label,
      attributes: orderAttributes(s.attributes, s.attribute_names),
      price: money(s.price_amount, s.currency),
      listPrice: s.list_price_amount === null ? null : money(s.list_price_amount, s.currency),
      status: s.status,
      onHand: stock?.onHand ?? 0,
      reserved: stock?.reserved ?? 0,
      available: Math.max(0, stock?.available ?? 0),
      purchasable: s.status === 'active' && productStatus === 'active' && (stock?.available ?? 0) > 0,
    };
  }

  async function productDetail(product: ProductRecord, onlyActiveSkus: boolean) {
    const skus = (await repo.findSkusOfProducts(db, [product.id])).filter((s) => !onlyActiveSkus || s.status === 'active');
    const stock = await inventory.getAvailability(db, skus.map((s) => s.id));
    return {
      ...productSummary(product),
      description: product.description,
      images: product.images,
      options: attributeOptions(skus.map((s) => ({ attributes: orderAttributes(s.attributes, s.attribute_names) }))),
      skus: skus.map((s) => skuView(s, stock.get(s.id), product.status)),
      updatedAt: product.updated_at.toISOString(),
    };
  }

  /** Operator view: any status, every SKU with its stock. */
  async function getProduct(id: string) {
    const product = await repo.findProduct(db, id);
    if (!product) throw productNotFound(id);
    return productDetail(product, false);
  }

  /** Shopper view: active products only, active SKUs with what is available. */
  async function getShopperProduct(id: string) {
    const product = await repo.findProduct(db, id);
    if (!product || product.status !== 'active') throw productNotFound(id);
    const detail = await productDetail(product, true);
    // A reference price is shown only when it is above what is charged.
    return { ...detail, skus: detail.skus.map(({ onHand: _o, reserved: _r, ...s }) => ({ ...s, listPrice: s.listPrice && s.listPrice.amount > s.price.amount ? s.listPrice : null })) };
  }

  async function getSku(id: string) {
    const sku = await repo.findSku(db, id);
    if (!sku) throw skuNotFound(id);
    const product = (await repo.findProduct(db, sku.product_id))!;
    const stock = await inventory.getAvailability(db, [id]);
    return skuView(sku, stock.get(id), product.status);
  }

  function readCursor(cursor: string | undefined, sort: repo.ProductSort): repo.ProductCursor | undefined {
    if (!cursor) return undefined;
    const c = decodeCursor<repo.ProductCursor>(cursor);
    const ok =
      !!c &&
      c.s === sort &&
      typeof c.id === 'string' &&
      isUuid(c.id) &&
      (sort === 'newest' ? typeof c.v === 'string' && !Number.isNaN(Date.parse(c.v)) : Number.isSafeInteger(c.v));
    if (!ok) throw invalid('CATALOG_CURSOR_INVALID', 'That cursor does not belong to this list; start again without it', { field: 'cursor' });
    return c!;
  }

  async function searchPage(s: Omit<repo.ProductSearch, 'after'> & { cursor?: string }) {
    const after = readCursor(s.cursor, s.sort);
    if (s.categoryId !== undefined && !isUuid(s.categoryId)) throw invalid('CATALOG_CATEGORY_INVALID', 'categoryId must be a UUID', { field: 'categoryId' });
    const rows = await repo.searchProducts(db, { ...s, after });
    const page = rows.slice(0, s.limit);
    const last = page.at(-1);
    const nextCursor =
      rows.length > s.limit && last
        ? encodeCursor({ s: s.sort, v: s.sort === 'newest' ? last.created_at.toISOString() : (last.price_min_amount ?? 0), id: last.id } satisfies repo.ProductCursor)
        : null;
    return { items: page, nextCursor };
  }

  /** Shopper list: active products with an active SKU, optional search and category (with subcategories). */
  async function listProducts(query: { q?: string; categoryId?: string; sort?: repo.ProductSort; cursor?: string; limit: number }) {
    const page = await searchPage({
      statuses: ['active'],
      priced: true,
      q: query.q?.trim() ? likePattern(query.q) : undefined,
      categoryId: query.categoryId,
      sort: query.sort ?? 'newest',
      cursor: query.cursor,
      limit: query.limit,
    });
    return { items: page.items.map(productSummary), nextCursor: page.nextCursor };
  }

  async function listAdminProducts(query: { q?: string; status?: ProductStatus; categoryId?: string; cursor?: string; limit: number }) {
    const page = await searchPage({
      statuses: query.status ? [query.status] : undefined,
      q: query.q?.trim() ? likePattern(query.q) : undefined,
      categoryId: query.categoryId,
      sort: 'newest',
      cursor: query.cursor,
      limit: query.limit,
    });
    return { items: page.items.map(productSummary), nextCursor: page.nextCursor };
  }

  /** SKUs with their product, for checkout's pricing. Unknown ids are absent from the map. */
  async function getSkusForPricing(executor: Executor, skuIds: string[]): Promise<Map<string, PricingSku>> {
    const ids = [...new Set(skuIds)].filter(isUuid);
    const rows = await repo.findSkusWithProducts(executor, ids);
    return new Map(
      rows.map((r) => [
        r.sku_id,
        {
          skuId: r.sku_id,
          productId: r.product_id,
          productTitle: r.title,
          skuLabel: r.label,
          attributes: orderAttributes(r.attributes, r.attribute_names),
          priceAmount: r.price_amount,
          currency: r.currency,
          categoryId: r.category_id,
          image: r.images[0] ?? null,
          purchasable: r.sku_status === 'active' && r.product_status === 'active',
        },
      ]),
    );
  }

  /** SKUs by code (imports and the demo seed use it to skip what already exists). */
  async function findSkusByCode(codes: string[]) {
    const rows = await repo.findSkusByCode(db, [...new Set(codes)]);
    return new Map(rows.map((r) => [r.code, { skuId: r.id, productId: r.product_id }]));
  }

  /** Names for SKU ids (operator lists elsewhere, e.g. inventory). */
  async function describeSkus(skuIds: string[]) {
    const rows = await repo.findSkusWithProducts(db, [...new Set(skuIds)].filter(isUuid));
    return new Map(rows.map((r) => [r.sku_id, { productId: r.product_id, productTitle: r.title, skuLabel: r.label, code: r.code }]));
  }

  // ---- media ----------------------------------------------------------------------------------

  /** Stores already-decoded images after checking their bytes; returns ids and URLs in order. */
  async function storeMedia(actorId: string | null, items: { contentType: string; bytes: Uint8Array }[]) {
    for (const item of items) {
      const problem = mediaProblem(item.contentType, item.bytes);
      if (problem) throw fail(problem, {}, 'validation');
    }
    const now = clock.now();
    const rows = items.map((i) => ({ id: newId(), content_type: i.contentType, bytes: i.bytes, size: i.bytes.length, created_at: now }));
    await db.transaction().execute(async (trx) => {
      await repo.insertMedia(trx, rows);
      if (actorId) for (const r of rows) await audit(trx, actorId, 'media.uploaded', 'media', r.id, { contentType: r.content_type, size: r.size });
    });
    return rows.map((r) => ({ id: r.id, url: `/media/${r.id}` }));
  }

  /** An operator upload: base64 in a JSON body. */
  async function uploadMedia(actorId: string, contentType: string, dataBase64: string) {
    const bytes = decodeBase64(dataBase64);
    if (!bytes) throw invalid('CATALOG_MEDIA_INVALID', 'dataBase64 is not valid base64', { field: 'dataBase64' });
    const problem = mediaProblem(contentType, bytes);
    if (problem) throw new DomainError(problem.code === 'CATALOG_MEDIA_TOO_LARGE' ? 'too_large' : 'validation', problem.code, problem.message, { field: problem.field });
    const [stored] = await storeMedia(actorId, [{ contentType, bytes }]);
    return stored;
  }

  async function getMedia(id: string) {
    const row = isUuid(id) ? await repo.findMedia(db, id) : undefined;
    if (!row) throw notFound('CATALOG_MEDIA_NOT_FOUND', 'No such image', { id });
    return { id: row.id, contentType: row.content_type, bytes: Buffer.from(row.bytes), createdAt: row.created_at };
  }

  return {
    listCategories,
    getCategoryTree,
    createCategory,
    updateCategory,
    deleteCategory,
    createProduct,
    importProducts,
    updateProduct,
    addSku,
    updateSku,
    getProduct,
    getShopperProduct,
    getSku,
    listProducts,
    listAdminProducts,
    getSkusForPricing,
    describeSkus,
    findSkusByCode,
    storeMedia,
    uploadMedia,
    getMedia,
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
