// What operators send to the catalog, and the checks that turn it into rows. No database: every
// check here runs before a transaction opens, so bad input writes nothing.
import { conflict, invalid } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { fail } from './catalog.errors.ts';
import { attributesProblem, englishAttributesProblem, imageUrlProblem, LIMITS, normaliseAttributes, priceProblem, sameAttributes, skuLabel, slugProblem, textProblem } from './catalog.rules.ts';
import type { EnglishAttributes, ProductStatus, SkuStatus } from './catalog.table.ts';

interface MoneyInput {
  amount: number;
  currency?: string;
}

export interface SkuInput {
  code: string;
  attributes?: Record<string, string>;
  /** English option names and values keyed by the Chinese attribute name; null or {} for none. */
  attrsEn?: EnglishAttributes | null;
  price: MoneyInput;
  listPrice?: MoneyInput | null;
  status?: SkuStatus;
  /** Opening stock, default 0. */
  initialStock?: number;
}

/** English texts: a string sets one ("" or null clears it). */
export interface EnglishTexts {
  titleEn?: string | null;
  subtitleEn?: string | null;
  descriptionEn?: string | null;
}

export interface ProductInput extends EnglishTexts {
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

export interface ProductPatch extends EnglishTexts {
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
  attrsEn?: EnglishAttributes | null;
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

export function checkText(input: { title?: string; subtitle?: string; description?: string } & EnglishTexts) {
  const problems = [
    input.title !== undefined ? textProblem(input.title, 'title', LIMITS.titleMax, true) : null,
    input.subtitle !== undefined ? textProblem(input.subtitle, 'subtitle', LIMITS.subtitleMax, false) : null,
    input.description !== undefined ? textProblem(input.description.replace(/[\n\t\r]/g, ' '), 'description', LIMITS.descriptionMax, false) : null,
    typeof input.titleEn === 'string' ? textProblem(input.titleEn, 'titleEn', LIMITS.titleMax, false) : null,
    typeof input.subtitleEn === 'string' ? textProblem(input.subtitleEn, 'subtitleEn', LIMITS.subtitleMax, false) : null,
    typeof input.descriptionEn === 'string' ? textProblem(input.descriptionEn.replace(/[\n\t\r]/g, ' '), 'descriptionEn', LIMITS.descriptionMax, false) : null,
  ];
  const p = problems.find(Boolean);
  if (p) throw fail(p);
}

/** An optional English text as stored: trimmed, and null when absent or blank. */
export const englishText = (value: string | null | undefined) => value?.trim() || null;

/** The English columns a patch changes (absent keys leave a column alone). */
export function englishPatch(patch: EnglishTexts) {
  return {
    ...(patch.titleEn !== undefined ? { title_en: englishText(patch.titleEn) } : {}),
    ...(patch.subtitleEn !== undefined ? { subtitle_en: englishText(patch.subtitleEn) } : {}),
    ...(patch.descriptionEn !== undefined ? { description_en: englishText(patch.descriptionEn) } : {}),
  };
}

export function checkImages(images: string[] | undefined) {
  if (images === undefined) return;
  if (images.length > LIMITS.imagesMax) throw invalid('CATALOG_IMAGE_INVALID', `A product has at most ${LIMITS.imagesMax} images`, { field: 'images' });
  for (const url of images) {
    const p = imageUrlProblem(url);
    if (p) throw fail(p, { url: url.slice(0, 100) });
  }
}

export function checkCurrency(currency: string) {
  if (!/^[A-Z]{3}$/.test(currency)) throw invalid('CATALOG_CURRENCY_INVALID', 'A currency is a three-letter ISO code such as CNY', { field: 'currency' });
}

export function checkCategoryInput(input: Partial<CategoryInput>) {
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

/** Validates one SKU input and turns it into a row (no database). */
export function prepareSku(input: SkuInput, productId: string, productCurrency: string, position: number, now: Date) {
  const code = input.code.trim();
  if (!code || code.length > LIMITS.skuCodeMax || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(code)) {
    throw invalid('CATALOG_SKU_CODE_INVALID', `A SKU code is 1–${LIMITS.skuCodeMax} letters, digits, dots, dashes or underscores`, { field: 'code' });
  }
  const attrs = normaliseAttributes(input.attributes ?? {});
  const ap = attributesProblem(attrs);
  if (ap) throw fail(ap, { code });
  const attrsEn = input.attrsEn ?? {};
  const ep = englishAttributesProblem(attrsEn, attrs);
  if (ep) throw fail(ep, { code });
  const english = Object.entries(attrsEn).map(([k, en]) => [k, { name: en.name.trim(), value: en.value.trim() }] as const);
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
    attrs_en: english.length ? JSON.stringify(Object.fromEntries(english)) : null,
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

export function checkDistinctSkus(skus: { code: string; attrs: Record<string, string> }[], existing: { code: string; attrs: Record<string, string> }[] = []) {
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
