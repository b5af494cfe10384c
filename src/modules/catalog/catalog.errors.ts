// Coded errors thrown by more than one part of the catalog service.
import { conflict, DomainError, isUniqueViolation, notFound, defineErrors, type ErrorCodes } from '../../platform/errors.ts';
import type { Problem } from './catalog.rules.ts';

/** A rules Problem as the coded error that crosses to HTTP. */
export const fail = (p: Problem, details: Record<string, unknown> = {}, kind: 'validation' | 'unprocessable' = 'validation') =>
  new DomainError(kind, p.code, p.message, { ...(p.field ? { field: p.field } : {}), ...details });

export const categoryNotFound = (id: string) => notFound('CATALOG_CATEGORY_NOT_FOUND', 'No such category', { categoryId: id });
export const productNotFound = (id: string) => notFound('CATALOG_PRODUCT_NOT_FOUND', 'No such product', { productId: id });
export const skuNotFound = (id: string) => notFound('CATALOG_SKU_NOT_FOUND', 'No such SKU', { skuId: id });

/** Unique violations on SKU codes or slugs surface as coded conflicts. */
export async function mapConflicts<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err, 'skus_code')) throw conflict('CATALOG_SKU_CODE_TAKEN', 'That SKU code is already in use');
    if (isUniqueViolation(err, 'categories_slug')) throw conflict('CATALOG_SLUG_TAKEN', 'That slug is already in use');
    throw err;
  }
}

// Every code this module answers with: status, and what a person reads in each language.
export const catalogErrors = defineErrors({
  CATALOG_ATTRIBUTES_INVALID: { status: 400, en: 'The option attributes are not valid: names and values must be filled in, not too long, and not too many.', zh: '规格属性有误：属性名和属性值不能为空且不能过长，数量也有上限' },
  CATALOG_BULK_TOO_MANY: { status: 400, en: 'Choose at most {{max}} products at a time.', zh: '一次最多选择 {{max}} 个商品' },
  CATALOG_BULK_UNKNOWN_PRODUCTS: { status: 404, en: '{{count}} of the chosen products no longer exist. Refresh the list and choose again; nothing was changed.', zh: '所选商品中有 {{count}} 个已不存在，请刷新列表后重新选择；本次未做任何修改' },
  CATALOG_CATEGORY_CYCLE: { status: 422, en: 'A category cannot sit under itself or one of its own subcategories.', zh: '分类不能放在它自己或它的子分类下面' },
  CATALOG_CATEGORY_IN_USE: { status: 409, en: 'This category still holds {{children}} subcategories and {{products}} products. Move them elsewhere first.', zh: '该分类下还有 {{children}} 个子分类和 {{products}} 个商品，请先移走再删除' },
  CATALOG_CATEGORY_INVALID: { status: 400, en: 'That category is not valid. Choose another one.', zh: '所选分类无效，请重新选择' },
  CATALOG_CATEGORY_NOT_FOUND: { status: 404, en: 'This category could not be found.', zh: '找不到这个分类' },
  CATALOG_CATEGORY_TOO_DEEP: { status: 422, en: 'Categories cannot be nested that deep. Choose a higher parent.', zh: '分类层级太深，请放到更上层的分类下' },
  CATALOG_CURRENCY_INVALID: { status: 400, en: 'That currency is not valid. Use a three-letter code such as CNY.', zh: '币种无效，请使用三位字母代码，例如 CNY' },
  CATALOG_CURRENCY_MISMATCH: { status: 400, en: 'All prices of one product must be in the same currency.', zh: '同一商品的所有规格和价格必须使用同一币种' },
  CATALOG_CURSOR_INVALID: { status: 400, en: 'This list has changed. Refresh and load it again.', zh: '列表已变化，请刷新后重新加载' },
  CATALOG_IMAGE_INVALID: { status: 400, en: 'An image is not valid: upload it or use an https link, and stay within the image limit.', zh: '图片无效：请上传图片或使用 https 链接，且图片数量不能超过上限' },
  CATALOG_LIST_PRICE_BELOW_PRICE: { status: 400, en: 'The reference (strike-through) price cannot be lower than the selling price.', zh: '划线价不能低于售价' },
  CATALOG_MEDIA_INVALID: { status: 400, en: 'The file is empty or not a valid image. Try another one.', zh: '文件已损坏或不是有效的图片，请换一张再试' },
  CATALOG_MEDIA_NOT_FOUND: { status: 404, en: 'This image could not be found.', zh: '找不到这张图片' },
  CATALOG_MEDIA_TOO_LARGE: { status: 413, en: 'The image is too large (2 MB at most). Make it smaller and upload again.', zh: '图片太大（最大 2 MB），请压缩后再上传' },
  CATALOG_MEDIA_TYPE_UNSUPPORTED: { status: 400, en: 'That image format is not supported. Upload a PNG, JPEG, WebP or SVG image.', zh: '不支持这种图片格式，请上传 PNG、JPEG、WebP 或 SVG 图片' },
  CATALOG_PRICE_INVALID: { status: 400, en: 'That price is not valid. Enter an amount above zero and within the limit.', zh: '价格无效，请填写大于 0 且不超过上限的金额' },
  CATALOG_PRODUCT_NEEDS_SKU: { status: 422, en: 'A product needs at least one active option before it can go on sale.', zh: '商品至少需要一个启用中的规格才能上架' },
  CATALOG_PRODUCT_NOT_FOUND: { status: 404, en: 'This product could not be found. It may have been removed.', zh: '找不到这个商品，可能已下架' },
  CATALOG_SKU_CODE_INVALID: { status: 400, en: 'An option code may contain only letters, digits, dots, dashes and underscores, and must not be too long.', zh: '规格编码只能包含字母、数字、点、短横线和下划线，且不能过长' },
  CATALOG_SKU_CODE_TAKEN: { status: 409, en: 'That option code is already in use. Choose another one.', zh: '规格编码已被使用，请换一个' },
  CATALOG_SKU_DUPLICATE_ATTRIBUTES: { status: 409, en: 'Two options of one product cannot have exactly the same attributes.', zh: '同一商品的两个规格不能有完全相同的属性' },
  CATALOG_SKU_NOT_FOUND: { status: 404, en: 'This product option could not be found.', zh: '找不到这个商品规格' },
  CATALOG_SLUG_INVALID: { status: 400, en: 'A URL name uses only lowercase letters, digits and single hyphens (up to 60 characters).', zh: '链接名只能使用小写字母、数字和单个短横线（最多 60 个字符）' },
  CATALOG_SLUG_TAKEN: { status: 409, en: 'That URL name is already in use. Choose another one.', zh: '链接名已被使用，请换一个' },
  CATALOG_SORT_INVALID: { status: 400, en: 'The sort order must be a whole number between -1,000,000 and 1,000,000.', zh: '排序值必须是 -1000000 到 1000000 之间的整数' },
  CATALOG_STATUS_INVALID: { status: 400, en: 'A new product can only be saved as a draft or put on sale.', zh: '新商品只能保存为草稿或直接上架' },
  CATALOG_STATUS_TRANSITION: { status: 422, en: 'The product cannot change to that status from its current one.', zh: '商品当前状态不允许这样变更' },
  CATALOG_STOCK_INVALID: { status: 400, en: 'Opening stock must be a whole number from 0 up to the limit.', zh: '初始库存必须是 0 或正整数，且不能超过上限' },
  CATALOG_TEXT_INVALID: { status: 400, en: 'Some text is not valid: it must not be empty, too long, or contain control characters.', zh: '文字内容有误：不能为空、不能过长，也不能包含特殊控制字符' },
  CATALOG_TOO_MANY_SKUS: { status: 422, en: 'This product already has the maximum number of options.', zh: '这个商品的规格数量已达上限' },
});

declare module '../../platform/errors.ts' {
  interface ErrorCatalog extends ErrorCodes<typeof catalogErrors> {}
}
