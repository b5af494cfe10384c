import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT } from '../../platform/money.ts';
import {
  attributeOptions,
  attributesProblem,
  buildCategoryTree,
  canChangeProductStatus,
  categoryDepth,
  decodeBase64,
  imageUrlProblem,
  likePattern,
  MEDIA_MAX_BYTES,
  mediaProblem,
  priceProblem,
  priceRange,
  sameAttributes,
  skuLabel,
  slugProblem,
  svgProblem,
  textProblem,
} from './catalog.rules.ts';

describe('prices', () => {
  it('accepts whole fen from 1 to the maximum', () => {
    expect(priceProblem(1)).toBeNull();
    expect(priceProblem(8990, 12900)).toBeNull();
    expect(priceProblem(MAX_AMOUNT)).toBeNull();
  });
  it('refuses zero, negative, fractional, huge and non-finite prices', () => {
    for (const bad of [0, -1, 19.9, MAX_AMOUNT + 1, Number.NaN, Infinity]) expect(priceProblem(bad)?.code).toBe('CATALOG_PRICE_INVALID');
  });
  it('refuses a reference price below the selling price', () => {
    expect(priceProblem(1990, 990)?.code).toBe('CATALOG_LIST_PRICE_BELOW_PRICE');
    expect(priceProblem(1990, 1990)).toBeNull();
    expect(priceProblem(1990, null)).toBeNull();
  });
  it('spans the active SKUs only', () => {
    expect(priceRange([{ priceAmount: 990, status: 'active' }, { priceAmount: 1990, status: 'active' }, { priceAmount: 50, status: 'inactive' }])).toEqual({ min: 990, max: 1990 });
    expect(priceRange([{ priceAmount: 50, status: 'inactive' }])).toBeNull();
  });
});

describe('SKU attributes', () => {
  it('labels a SKU by its values in the order given', () => {
    expect(skuLabel({ 颜色: '红', 尺码: 'M' })).toBe('红 / M');
    expect(skuLabel({})).toBe('');
  });
  it('bounds names and values and their number', () => {
    expect(attributesProblem({ 颜色: '红' })).toBeNull();
    expect(attributesProblem({ '': 'x' })?.code).toBe('CATALOG_ATTRIBUTES_INVALID');
    expect(attributesProblem({ 颜色: '' })?.code).toBe('CATALOG_ATTRIBUTES_INVALID');
    expect(attributesProblem({ a: '1', b: '2', c: '3', d: '4', e: '5', f: '6' })?.code).toBe('CATALOG_ATTRIBUTES_INVALID');
    expect(attributesProblem({ ['长'.repeat(21)]: 'x' })?.code).toBe('CATALOG_ATTRIBUTES_INVALID');
  });
  it('compares attribute sets regardless of key order', () => {
    expect(sameAttributes({ 颜色: '红', 尺码: 'M' }, { 尺码: 'M', 颜色: '红' })).toBe(true);
    expect(sameAttributes({ 颜色: '红' }, { 颜色: '红', 尺码: 'M' })).toBe(false);
    expect(sameAttributes({}, {})).toBe(true);
  });
  it('collects picker options in first-seen order', () => {
    const skus = [{ attributes: { 颜色: '红', 尺码: 'M' } }, { attributes: { 颜色: '蓝', 尺码: 'M' } }, { attributes: { 颜色: '红', 尺码: 'L' } }];
    expect(attributeOptions(skus)).toEqual([{ name: '颜色', values: ['红', '蓝'] }, { name: '尺码', values: ['M', 'L'] }]);
  });
});

describe('product status', () => {
  it('goes draft → active → archived, and archived back on sale or to draft', () => {
    expect(canChangeProductStatus('draft', 'active')).toBe(true);
    expect(canChangeProductStatus('active', 'archived')).toBe(true);
    expect(canChangeProductStatus('archived', 'draft')).toBe(true);
    expect(canChangeProductStatus('archived', 'active')).toBe(true);
    expect(canChangeProductStatus('active', 'draft')).toBe(false);
  });
});

describe('text, slugs, images, search', () => {
  it('bounds titles by characters, not bytes, and refuses control characters', () => {
    expect(textProblem('新疆阿克苏冰糖心苹果', 'title', 10, true)).toBeNull();
    expect(textProblem('新疆阿克苏冰糖心苹果!', 'title', 10, true)?.code).toBe('CATALOG_TEXT_INVALID');
    expect(textProblem('   ', 'title', 10, true)?.code).toBe('CATALOG_TEXT_INVALID');
    expect(textProblem('a\u0000b', 'title', 10, true)?.code).toBe('CATALOG_TEXT_INVALID');
  });
  it('accepts lowercase slugs with single hyphens', () => {
    expect(slugProblem('fresh-fruit')).toBeNull();
    expect(slugProblem('Fresh')?.code).toBe('CATALOG_SLUG_INVALID');
    expect(slugProblem('a--b')?.code).toBe('CATALOG_SLUG_INVALID');
  });
  it('accepts our media paths and https URLs only', () => {
    expect(imageUrlProblem('/media/0b4c3f3e-8a51-4c59-a1a0-3f1c2d6b7e90')).toBeNull();
    expect(imageUrlProblem('https://img.example.com/a.png')).toBeNull();
    expect(imageUrlProblem('javascript:alert(1)')?.code).toBe('CATALOG_IMAGE_INVALID');
    expect(imageUrlProblem('http://img.example.com/a.png')?.code).toBe('CATALOG_IMAGE_INVALID');
    expect(imageUrlProblem('data:image/png;base64,AAAA')?.code).toBe('CATALOG_IMAGE_INVALID');
  });
  it('escapes LIKE wildcards in searches', () => {
    expect(likePattern(' 50%_off ')).toBe('%50\\%\\_off%');
  });
});

describe('categories', () => {
  const rows = [
    { id: 'c', parentId: 'a', name: '水果', nameEn: 'Fruit', slug: 'fruit', sort: 2 },
    { id: 'a', parentId: null, name: '生鲜', nameEn: 'Fresh', slug: 'fresh', sort: 1 },
    { id: 'b', parentId: null, name: '数码', nameEn: 'Digital', slug: 'digital', sort: 0 },
    { id: 'd', parentId: 'a', name: '蔬菜', nameEn: 'Veg', slug: 'veg', sort: 1 },
  ];
  it('builds a tree ordered by sort', () => {
    const tree = buildCategoryTree(rows);
    expect(tree.map((n) => n.id)).toEqual(['b', 'a']);
    expect(tree[1].children.map((n) => n.id)).toEqual(['d', 'c']);
  });
  it('measures depth and spots cycles', () => {
    const parent: Record<string, string | null> = { a: null, b: 'a', c: 'b', x: 'y', y: 'x' };
    expect(categoryDepth('c', (id) => parent[id])).toBe(3);
    expect(categoryDepth('x', (id) => parent[id])).toBe(Infinity);
  });
});

describe('media', () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
  const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
  it('checks magic bytes against the declared type', () => {
    expect(mediaProblem('image/png', png)).toBeNull();
    expect(mediaProblem('image/jpeg', jpeg)).toBeNull();
    expect(mediaProblem('image/webp', webp)).toBeNull();
    expect(mediaProblem('image/png', jpeg)?.code).toBe('CATALOG_MEDIA_INVALID');
    expect(mediaProblem('image/webp', Buffer.from('RIFF0000WAVE'))?.code).toBe('CATALOG_MEDIA_INVALID');
    expect(mediaProblem('image/gif', Buffer.from('GIF89a'))?.code).toBe('CATALOG_MEDIA_TYPE_UNSUPPORTED');
    expect(mediaProblem('image/png', Buffer.alloc(0))?.code).toBe('CATALOG_MEDIA_INVALID');
  });
  it('refuses files over 2 MB', () => {
    const big = Buffer.alloc(MEDIA_MAX_BYTES + 1);
    png.copy(big);
    expect(mediaProblem('image/png', big)?.code).toBe('CATALOG_MEDIA_TOO_LARGE');
  });
  it('accepts plain SVG and refuses active content', () => {
    expect(svgProblem('<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>')).toBeNull();
    expect(svgProblem('\uFEFF<?xml version="1.0"?><svg/>')).toBeNull();
    expect(svgProblem('<html><svg/></html>')?.code).toBe('CATALOG_MEDIA_INVALID');
    expect(svgProblem('<svg><SCRIPT>alert(1)</SCRIPT></svg>')?.code).toBe('CATALOG_MEDIA_INVALID');
    expect(svgProblem('<svg onload="alert(1)"/>')?.code).toBe('CATALOG_MEDIA_INVALID');
    expect(svgProblem('<svg><a href="javascript:alert(1)">x</a></svg>')?.code).toBe('CATALOG_MEDIA_INVALID');
    expect(svgProblem('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "y">]><svg/>')?.code).toBe('CATALOG_MEDIA_INVALID');
  });
  it('decodes strict base64 only', () => {
    expect(decodeBase64('aGk=')?.toString()).toBe('hi');
    expect(decodeBase64('aGk')).toBeNull();
    expect(decodeBase64('a Gk=')).toBeNull();
    expect(decodeBase64('aG!=')).toBeNull();
  });
});
