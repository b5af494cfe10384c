// Every error code the server can send has a human message in both languages of the web apps, so a
// shopper never sees a raw code. Codes come from the DomainError helpers' call sites in src/.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errors } from '../../web/src/shared/i18n/errors.ts';

const SRC = path.resolve(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** `invalid('CODE', …)`, `notFound('CODE', …)`, `new DomainError('kind', 'CODE', …)` and friends. */
function thrownCodes(): Set<string> {
  const codes = new Set<string>();
  const call = /\b(?:invalid|notFound|conflict|unprocessable|forbidden|unauthorized|tooMany|rateLimited)\(\s*'([A-Z][A-Z0-9_]+)'/g;
  const direct = /new DomainError\(\s*'[a-z_]+',\s*'([A-Z][A-Z0-9_]+)'/g;
  for (const file of sourceFiles(SRC)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const re of [call, direct]) for (const m of text.matchAll(re)) codes.add(m[1]);
  }
  return codes;
}

describe('API error messages', () => {
  const zh = errors['zh-CN'] as Record<string, string>;
  const en = errors.en as Record<string, string>;

  it('has the same keys and placeholders in zh-CN and en', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    const vars = (s: string) => [...s.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(zh)) expect([key, vars(zh[key])]).toEqual([key, vars(en[key])]);
  });

  it('has a message for every code the server throws', () => {
    const codes = thrownCodes();
    expect(codes.size).toBeGreaterThan(150);
    const missing = [...codes].filter((c) => !(c in en)).sort();
    expect(missing).toEqual([]);
  });
});
