// Coded errors thrown by more than one part of the catalog service.
import { conflict, DomainError, isUniqueViolation, notFound } from '../../platform/errors.ts';
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
