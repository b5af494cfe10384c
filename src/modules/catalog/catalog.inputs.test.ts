import { describe, expect, it } from 'vitest';
import { DomainError } from '../../platform/errors.ts';
import { checkCategoryInput, checkDistinctSkus, prepareSku } from './catalog.inputs.ts';

const NOW = new Date('2026-06-01T08:00:00Z');

/** The coded error a check throws, or null when it passes. */
function codeOf(check: () => unknown): string | null {
  try {
    check();
    return null;
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
}

describe('prepareSku', () => {
  it('turns a valid SKU input into a row with trimmed attributes, a label and opening stock', () => {
    const sku = prepareSku({ code: ' TEE-RED-M ', attributes: { ' 颜色 ': ' 红 ', 尺码: 'M' }, price: { amount: 9900 }, listPrice: { amount: 12900 }, initialStock: 5 }, 'p1', 'CNY', 2, NOW);
    expect(sku.attrs).toEqual({ 颜色: '红', 尺码: 'M' });
    expect(sku.stock).toBe(5);
    expect(sku.row).toMatchObject({ product_id: 'p1', code: 'TEE-RED-M', label: '红 / M', price_amount: 9900, list_price_amount: 12900, currency: 'CNY', status: 'active', position: 2, created_at: NOW });
    expect(JSON.parse(sku.row.attribute_names)).toEqual(['颜色', '尺码']);
  });

  it('refuses a bad code, a second currency, a list price in another currency and impossible stock', () => {
    const base = { code: 'A1', price: { amount: 100 } };
    expect(codeOf(() => prepareSku({ ...base, code: '-bad' }, 'p', 'CNY', 0, NOW))).toBe('CATALOG_SKU_CODE_INVALID');
    expect(codeOf(() => prepareSku({ ...base, price: { amount: 100, currency: 'USD' } }, 'p', 'CNY', 0, NOW))).toBe('CATALOG_CURRENCY_MISMATCH');
    expect(codeOf(() => prepareSku({ ...base, listPrice: { amount: 200, currency: 'USD' } }, 'p', 'CNY', 0, NOW))).toBe('CATALOG_CURRENCY_MISMATCH');
    expect(codeOf(() => prepareSku({ ...base, price: { amount: 100, currency: 'cny' } }, 'p', 'cny', 0, NOW))).toBe('CATALOG_CURRENCY_INVALID');
    expect(codeOf(() => prepareSku({ ...base, initialStock: -1 }, 'p', 'CNY', 0, NOW))).toBe('CATALOG_STOCK_INVALID');
    expect(codeOf(() => prepareSku({ ...base, initialStock: 1.5 }, 'p', 'CNY', 0, NOW))).toBe('CATALOG_STOCK_INVALID');
  });
});

describe('checkDistinctSkus', () => {
  it('refuses a repeated code or repeated attributes, against each other and against existing SKUs', () => {
    const red = { code: 'R', attrs: { 颜色: '红' } };
    const blue = { code: 'B', attrs: { 颜色: '蓝' } };
    expect(codeOf(() => checkDistinctSkus([red, blue]))).toBeNull();
    expect(codeOf(() => checkDistinctSkus([red, { ...blue, code: 'R' }]))).toBe('CATALOG_SKU_CODE_TAKEN');
    expect(codeOf(() => checkDistinctSkus([{ ...blue, attrs: { 颜色: '红' } }], [red]))).toBe('CATALOG_SKU_DUPLICATE_ATTRIBUTES');
    // Existing SKUs are not compared with each other: only the new ones are checked.
    expect(codeOf(() => checkDistinctSkus([blue], [red, red]))).toBeNull();
  });
});

describe('checkCategoryInput', () => {
  it('checks only the fields a patch carries', () => {
    expect(codeOf(() => checkCategoryInput({ sort: 3 }))).toBeNull();
    expect(codeOf(() => checkCategoryInput({ slug: 'Not A Slug' }))).toBe('CATALOG_SLUG_INVALID');
    expect(codeOf(() => checkCategoryInput({ sort: 2_000_000 }))).toBe('CATALOG_SORT_INVALID');
  });
});
