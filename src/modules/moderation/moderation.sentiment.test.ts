// The sentiment scorer against the labelled sets shipped beside it (sentiment.labelled.tsv: 327
// Chinese reviews of products, logistics and service, labelled pos / neu / neg by hand, and
// sentiment.heldout.tsv: 80 more), and the
// behaviours it is built on: negation, degree words, contrast clauses.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isNegative } from './moderation.rules.ts';
import { createSegmenter } from './moderation.segmenter.ts';
import { scoreText } from './moderation.sentiment.ts';

const segmenter = createSegmenter();
const score = (text: string) => scoreText(segmenter, text);

const read = (file: string) =>
  readFileSync(new URL(file, import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [label, text] = line.split('\t');
      return { label: label as 'pos' | 'neu' | 'neg', text };
    });
// The lexicon was revised once after scoring the labelled set; the held-out set was written after
// that revision and never used to change the lexicon, so it is the honest figure.
const labelled = read('./sentiment.labelled.tsv');
const heldOut = read('./sentiment.heldout.tsv');

function negativeQuality(rows: { label: string; text: string }[]) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const r of rows) {
    const predicted = isNegative(score(r.text));
    if (predicted && r.label === 'neg') tp++;
    else if (predicted) fp++;
    else if (r.label === 'neg') fn++;
  }
  return { precision: tp / (tp + fp), recall: tp / (tp + fn) };
}

describe('the labelled set', () => {
  it('holds at least 300 distinct reviews of every class', () => {
    expect(labelled.length).toBeGreaterThanOrEqual(300);
    expect(new Set(labelled.map((r) => r.text)).size).toBe(labelled.length);
    for (const label of ['pos', 'neu', 'neg'] as const) expect(labelled.filter((r) => r.label === label).length).toBeGreaterThanOrEqual(50);
  });

  it('finds negative reviews with precision ≥ 0.95 and recall ≥ 0.85 (measured: 0.957 and 0.854)', () => {
    const { precision, recall } = negativeQuality(labelled);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.85);
  });

  it('on 80 held-out reviews: precision ≥ 0.95 and recall ≥ 0.6 (measured: 1.000 and 0.600)', () => {
    expect(new Set(heldOut.map((r) => r.text)).size).toBe(heldOut.length);
    expect(heldOut.some((r) => labelled.some((l) => l.text === r.text))).toBe(false);
    const { precision, recall } = negativeQuality(heldOut);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.6);
  });
});

describe('scoring', () => {
  it('turns a negated opinion around and softens it', () => {
    expect(score('质量好')).toBeGreaterThan(0);
    expect(score('质量不太好')).toBeLessThan(0);
    expect(score('穿着不舒服')).toBeGreaterThan(score('穿着难受'));
    expect(score('穿着不舒服')).toBeLessThan(0);
    expect(score('一点也不差')).toBeGreaterThan(0);
  });

  it('strengthens an opinion with a degree word and weakens it with a hedge', () => {
    expect(score('非常满意')).toBeGreaterThan(score('满意'));
    expect(score('有点慢')).toBeGreaterThan(score('很慢'));
    expect(score('有点慢')).toBeLessThan(0);
  });

  it('weighs the clause after a contrast word more', () => {
    expect(score('质量很好，但是物流太慢了')).toBeLessThan(0);
    expect(score('物流有点慢，不过质量非常好')).toBeGreaterThan(0);
  });

  it('stays between -1 and 1 and is 0 for text without opinions', () => {
    expect(score('今天收到了')).toBe(0);
    const long = '垃圾'.repeat(200);
    expect(score(long)).toBeGreaterThanOrEqual(-1);
    expect(score('完美'.repeat(200))).toBeLessThanOrEqual(1);
  });
});
