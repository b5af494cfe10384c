// Catalog rules: plain data in, decisions out. No database, no clock.
import type { ErrorCode } from '../../platform/errors.ts';
import { MAX_AMOUNT } from '../../platform/money.ts';
import type { ProductStatus, SkuStatus } from './catalog.table.ts';

export const LIMITS = {
  titleMax: 80,
  subtitleMax: 120,
  descriptionMax: 5000,
  imagesMax: 9,
  imageUrlMax: 500,
  attributesMax: 5,
  attributeNameMax: 20,
  attributeValueMax: 40,
  skuCodeMax: 64,
  skusPerProductMax: 200,
  categoryNameMax: 40,
  categoryDepthMax: 3,
  initialStockMax: 1_000_000,
} as const;

/**
 * draft → active → archived; an archived product goes back on sale as it was (上架 after 下架,
 * the list's bulk action) or back to draft to be reworked first.
 */
const PRODUCT_TRANSITIONS: Record<ProductStatus, readonly ProductStatus[]> = {
  draft: ['active', 'archived'],
  active: ['archived'],
  archived: ['active', 'draft'],
};

export function canChangeProductStatus(from: ProductStatus, to: ProductStatus): boolean {
  return from === to || PRODUCT_TRANSITIONS[from].includes(to);
}

export type Problem = { code: ErrorCode; message: string; field?: string };

/** A price must be whole fen from 1 to MAX_AMOUNT; a reference (list) price must not be below it. */
export function priceProblem(priceAmount: number, listPriceAmount?: number | null): Problem | null {
  if (!Number.isSafeInteger(priceAmount) || priceAmount < 1 || priceAmount > MAX_AMOUNT) {
    return { code: 'CATALOG_PRICE_INVALID', message: `A price must be a whole number of fen from 1 to ${MAX_AMOUNT}`, field: 'price' };
  }
  if (listPriceAmount !== undefined && listPriceAmount !== null) {
    if (!Number.isSafeInteger(listPriceAmount) || listPriceAmount < 1 || listPriceAmount > MAX_AMOUNT) {
      return { code: 'CATALOG_PRICE_INVALID', message: `A list price must be a whole number of fen from 1 to ${MAX_AMOUNT}`, field: 'listPrice' };
    }
    if (listPriceAmount < priceAmount) {
      return { code: 'CATALOG_LIST_PRICE_BELOW_PRICE', message: 'The reference price cannot be lower than the selling price', field: 'listPrice' };
    }
  }
  return null;
}

/** Attribute names and values: trimmed, non-empty, bounded, at most a few per SKU. */
export function attributesProblem(attributes: Record<string, string>): Problem | null {
  const entries = Object.entries(attributes);
  if (entries.length > LIMITS.attributesMax) {
    return { code: 'CATALOG_ATTRIBUTES_INVALID', message: `A SKU has at most ${LIMITS.attributesMax} attributes`, field: 'attributes' };
  }
  for (const [name, value] of entries) {
    if (typeof value !== 'string') return { code: 'CATALOG_ATTRIBUTES_INVALID', message: `Attribute ${name} must be text`, field: 'attributes' };
    const n = name.trim();
    const v = value.trim();
    if (!n || n.length > LIMITS.attributeNameMax || n !== name) {
      return { code: 'CATALOG_ATTRIBUTES_INVALID', message: `Attribute names are 1–${LIMITS.attributeNameMax} characters without surrounding spaces`, field: 'attributes' };
    }
    if (!v || v.length > LIMITS.attributeValueMax) {
      return { code: 'CATALOG_ATTRIBUTES_INVALID', message: `Attribute values are 1–${LIMITS.attributeValueMax} characters`, field: 'attributes' };
    }
  }
  return null;
}

/**
 * English option names and values: each keyed by one of the SKU's Chinese attribute names, both
 * filled in and bounded like the Chinese ones. Trimmed first; an empty object means none.
 */
export function englishAttributesProblem(attrsEn: Record<string, { name: string; value: string }>, attributes: Record<string, string>): Problem | null {
  for (const [key, en] of Object.entries(attrsEn)) {
    if (!Object.prototype.hasOwnProperty.call(attributes, key)) {
      return { code: 'CATALOG_ATTRIBUTES_INVALID', message: `English attribute ${key} has no Chinese attribute of that name on this SKU`, field: 'attrsEn' };
    }
    if (typeof en?.name !== 'string' || typeof en?.value !== 'string') return { code: 'CATALOG_ATTRIBUTES_INVALID', message: `English attribute ${key} needs a name and a value`, field: 'attrsEn' };
    const n = en.name.trim();
    const v = en.value.trim();
    if (!n || n.length > LIMITS.attributeNameMax || !v || v.length > LIMITS.attributeValueMax) {
      return { code: 'CATALOG_ATTRIBUTES_INVALID', message: `English attribute names are 1–${LIMITS.attributeNameMax} and values 1–${LIMITS.attributeValueMax} characters`, field: 'attrsEn' };
    }
  }
  return null;
}

export function normaliseAttributes(attributes: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k.trim(), v.trim()]));
}

/** "红 / M" for {"颜色":"红","尺码":"M"}, in the order the attributes were given; "" when there are none. */
export function skuLabel(attributes: Record<string, string>): string {
  return Object.values(attributes).join(' / ');
}

/** The attributes as an object whose keys follow `names` (the order they were given in). */
export function orderAttributes(attributes: Record<string, string>, names: string[]): Record<string, string> {
  const ordered: Record<string, string> = {};
  for (const n of names) if (Object.prototype.hasOwnProperty.call(attributes, n)) ordered[n] = attributes[n];
  for (const [k, v] of Object.entries(attributes)) if (!(k in ordered)) ordered[k] = v;
  return ordered;
}

/** Two SKUs of one product with the same attributes cannot be told apart by a shopper. */
export function sameAttributes(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && b[k] === a[k]);
}

/** Attribute pickers for a product page: each name with its values in first-seen order. */
export function attributeOptions(skus: { attributes: Record<string, string> }[]): { name: string; values: string[] }[] {
  const options = new Map<string, string[]>();
  for (const sku of skus) {
    for (const [name, value] of Object.entries(sku.attributes)) {
      const values = options.get(name) ?? [];
      if (!values.includes(value)) values.push(value);
      options.set(name, values);
    }
  }
  return [...options].map(([name, values]) => ({ name, values }));
}

/** Lowest and highest price over active SKUs; null when none is active. */
export function priceRange(skus: { priceAmount: number; status: SkuStatus }[]): { min: number; max: number } | null {
  const prices = skus.filter((s) => s.status === 'active').map((s) => s.priceAmount);
  if (prices.length === 0) return null;
  return { min: Math.min(...prices), max: Math.max(...prices) };
}

export function textProblem(value: string, field: string, max: number, required: boolean): Problem | null {
  const trimmed = value.trim();
  if (required && !trimmed) return { code: 'CATALOG_TEXT_INVALID', message: `${field} cannot be empty`, field };
  if ([...trimmed].length > max) return { code: 'CATALOG_TEXT_INVALID', message: `${field} is at most ${max} characters`, field };
  // Control characters (other than newlines and tabs in long text) have no place in a catalog.
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(value)) return { code: 'CATALOG_TEXT_INVALID', message: `${field} contains control characters`, field };
  return null;
}

const MEDIA_PATH = /^\/media\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Images are our own /media/<id> paths or https URLs; nothing else (no javascript:, no data:). */
export function imageUrlProblem(url: string): Problem | null {
  if (url.length > LIMITS.imageUrlMax) return { code: 'CATALOG_IMAGE_INVALID', message: `An image URL is at most ${LIMITS.imageUrlMax} characters`, field: 'images' };
  if (MEDIA_PATH.test(url)) return null;
  try {
    const u = new URL(url);
    if (u.protocol === 'https:' && !u.username && !u.password) return null;
  } catch {
    // fall through
  }
  return { code: 'CATALOG_IMAGE_INVALID', message: 'Images must be /media/<id> paths or https URLs', field: 'images' };
}

const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function slugProblem(slug: string): Problem | null {
  if (slug.length < 1 || slug.length > 60 || !SLUG_RE.test(slug)) {
    return { code: 'CATALOG_SLUG_INVALID', message: 'A slug is 1–60 lowercase letters, digits and single hyphens', field: 'slug' };
  }
  return null;
}

export interface CategoryRow {
  id: string;
  parentId: string | null;
  name: string;
  nameEn: string;
  slug: string;
  sort: number;
}
type CategoryNode = CategoryRow & { children: CategoryNode[] };

/** Rows to a tree ordered by sort then name; orphans (parent missing) become roots. */
export function buildCategoryTree(rows: CategoryRow[]): CategoryNode[] {
  const nodes = new Map(rows.map((r) => [r.id, { ...r, children: [] as CategoryNode[] }]));
  const roots: CategoryNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const order = (list: CategoryNode[]) => {
    list.sort((a, b) => a.sort - b.sort || a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id));
    for (const n of list) order(n.children);
  };
  order(roots);
  return roots;
}

/** Depth of a category (a root is 1), walking up through parentOf; Infinity on a cycle. */
export function categoryDepth(id: string, parentOf: (id: string) => string | null | undefined): number {
  let depth = 1;
  const seen = new Set([id]);
  for (let p = parentOf(id); p; p = parentOf(p)) {
    if (seen.has(p)) return Infinity;
    seen.add(p);
    depth++;
  }
  return depth;
}

/** Escapes LIKE wildcards so a shopper's "50%" searches for the text "50%". */
export function likePattern(q: string): string {
  return `%${q.trim().replace(/[%_\\]/g, (c) => '\\' + c)}%`;
}

// ---- media -------------------------------------------------------------------------------------

export const MEDIA_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml'] as const;
type MediaType = (typeof MEDIA_TYPES)[number];
export const MEDIA_MAX_BYTES = 2 * 1024 * 1024;
/** Base64 of MEDIA_MAX_BYTES, for the request schema. */
export const MEDIA_MAX_BASE64 = Math.ceil(MEDIA_MAX_BYTES / 3) * 4;

const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

/** Strict base64 (no whitespace, correct padding); null when it is not. */
export function decodeBase64(data: string): Buffer | null {
  if (data.length % 4 !== 0 || !BASE64_RE.test(data)) return null;
  return Buffer.from(data, 'base64');
}

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

/** Checks the bytes are what the content type says; SVG must be plain markup without script. */
export function mediaProblem(contentType: string, bytes: Uint8Array): Problem | null {
  if (!(MEDIA_TYPES as readonly string[]).includes(contentType)) {
    return { code: 'CATALOG_MEDIA_TYPE_UNSUPPORTED', message: `Upload one of ${MEDIA_TYPES.join(', ')}`, field: 'contentType' };
  }
  if (bytes.length === 0) return { code: 'CATALOG_MEDIA_INVALID', message: 'The file is empty', field: 'dataBase64' };
  if (bytes.length > MEDIA_MAX_BYTES) return { code: 'CATALOG_MEDIA_TOO_LARGE', message: `Images are at most ${MEDIA_MAX_BYTES / 1024 / 1024} MB`, field: 'dataBase64' };
  const mismatch: Problem = { code: 'CATALOG_MEDIA_INVALID', message: `The file is not a valid ${contentType}`, field: 'dataBase64' };
  switch (contentType as MediaType) {
    case 'image/png':
      return startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) ? null : mismatch;
    case 'image/jpeg':
      return startsWith(bytes, [0xff, 0xd8, 0xff]) ? null : mismatch;
    case 'image/webp':
      return startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8) ? null : mismatch;
    case 'image/svg+xml':
      return svgProblem(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  }
}

/**
 * SVG is served with a CSP that forbids scripts anyway; refusing active content on upload means a
 * stored image is also safe when opened some other way.
 */
export function svgProblem(text: string): Problem | null {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  const bad = (message: string): Problem => ({ code: 'CATALOG_MEDIA_INVALID', message, field: 'dataBase64' });
  if (!body.startsWith('<svg') && !body.startsWith('<?xml')) return bad('An SVG must start with <svg or <?xml');
  if (/<script/i.test(body)) return bad('SVG images may not contain scripts');
  if (/<!(ENTITY|DOCTYPE)/i.test(body)) return bad('SVG images may not declare entities or a doctype');
  if (/<foreignObject/i.test(body)) return bad('SVG images may not embed foreign objects');
  if (/[\s"'/]on[a-z]+\s*=/i.test(body)) return bad('SVG images may not carry event handlers');
  if (/javascript:/i.test(body)) return bad('SVG images may not link to javascript: URLs');
  return null;
}
