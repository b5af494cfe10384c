import { describe, expect, it } from 'vitest';
import { svgProblem, skuLabel } from '../modules/catalog/catalog.rules.ts';
import { DEMO_CATEGORIES, planDemoProducts, productCoverSvg, shopPrice } from './catalog.ts';
import { BRANDS_EN, ITEMS_EN, PHRASES_EN } from './catalog.en.ts';

const categoryIds = new Map(DEMO_CATEGORIES.flatMap((r) => r.subs.map((s, i) => [s.slug, `cat-${r.slug}-${i}`] as [string, string])));
const now = new Date('2026-06-01T08:00:00Z');

describe('demo catalog plan', () => {
  it('is the same every time for the same size', () => {
    const a = planDemoProducts(50, categoryIds, now);
    const b = planDemoProducts(50, categoryIds, now);
    expect(a.map((p) => p.input)).toEqual(b.map((p) => p.input));
  });

  it('gives every product 1–4 SKUs with distinct attributes, shop prices and sane stock', () => {
    const plan = planDemoProducts(200, categoryIds, now);
    expect(plan).toHaveLength(200);
    expect(new Set(plan.map((p) => p.input.categoryId)).size).toBe(32);
    const codes = plan.flatMap((p) => p.codes);
    expect(new Set(codes).size).toBe(codes.length);
    for (const p of plan) {
      const skus = p.input.skus!;
      expect(skus.length).toBeGreaterThanOrEqual(1);
      expect(skus.length).toBeLessThanOrEqual(4);
      expect(new Set(skus.map((s) => skuLabel(s.attributes!))).size).toBe(skus.length);
      for (const s of skus) {
        expect(s.price.amount % 100).toBe(90);
        expect(s.price.amount).toBeGreaterThanOrEqual(990);
        if (s.listPrice) expect(s.listPrice.amount).toBeGreaterThan(s.price.amount);
        expect(s.initialStock).toBeGreaterThanOrEqual(50);
        expect(s.initialStock).toBeLessThanOrEqual(2000);
      }
      expect(p.input.createdAt!.getTime()).toBeLessThanOrEqual(now.getTime() + 3_600_000);
    }
    expect(plan.some((p) => p.input.skus!.some((s) => s.listPrice))).toBe(true);
  });

  it('rounds prices to ..9.90', () => {
    expect(shopPrice(2954)).toBe(2990);
    expect(shopPrice(100)).toBe(990);
  });

  it('draws covers that pass the upload checks and escape the title', () => {
    const svg = productCoverSvg({ title: '<b>&"车厘子"', label: '时令水果', emoji: '🍒', hues: [10, 40] });
    expect(svgProblem(svg)).toBeNull();
    expect(svg).toContain('&lt;b&gt;&amp;&quot;');
    expect(svg).toContain('Noto Sans SC, PingFang SC, sans-serif');
  });
});

describe('demo catalog in English', () => {
  it('has English for every Chinese item, brand and phrase the titles are drawn from', () => {
    const cjk = /[\u3400-\u9fff]/;
    for (const sub of DEMO_CATEGORIES.flatMap((r) => r.subs)) {
      for (const item of sub.items) expect(ITEMS_EN[item], item).toBeTruthy();
      for (const phrase of sub.phrases) expect(PHRASES_EN[phrase], phrase).toBeTruthy();
      for (const brand of sub.brands) if (cjk.test(brand)) expect(BRANDS_EN[brand], brand).toBeTruthy();
    }
  });

  it('gives every planned product an English title, subtitle and description from the same draws', () => {
    const plan = planDemoProducts(200, categoryIds, now);
    const cjk = /[\u3400-\u9fff]/;
    for (const { input } of plan) {
      for (const text of [input.titleEn, input.subtitleEn, input.descriptionEn]) {
        expect(text).toBeTruthy();
        expect(cjk.test(text!), text!).toBe(false);
      }
    }
    const tee = plan.find((p) => p.input.title.includes('纯棉T恤'))!;
    expect(tee.input.titleEn).toContain('Cotton T-shirt');
  });
});
