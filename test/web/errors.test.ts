// Every error code the server can send is declared once in its module's error catalog, with a
// message in both languages, and the web apps show exactly those messages (their namespace is
// generated from the catalog, plus the client's own codes). That every thrown code is declared is
// the compiler's job: DomainError only takes a declared ErrorCode, computed codes included.
import { describe, expect, it } from 'vitest';
import { errors } from '../../web/src/shared/i18n/errors.ts';
import { errorCatalog } from '../../src/modules.ts';
import { moduleList } from '../../src/modules.ts';
import { platformErrors } from '../../src/platform/platform.errors.ts';

const vars = (s: string) => [...s.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

describe('error catalog', () => {
  it('declares each code once, with a status and both languages using the same placeholders', () => {
    const declared = [platformErrors, ...moduleList.map((m) => m.errors)].flatMap((d) => Object.keys(d));
    expect(declared.length).toBe(new Set(declared).size);
    expect(declared.length).toBeGreaterThan(200);
    for (const [code, d] of Object.entries(errorCatalog)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect([code, d.status >= 400 && d.status < 600]).toEqual([code, true]);
      expect([code, d.en.length > 0, d.zh.length > 0]).toEqual([code, true, true]);
      expect([code, vars(d.zh)]).toEqual([code, vars(d.en)]);
    }
  });

  it('gives the web apps every catalog code in both languages, from the catalog itself', () => {
    const zh = errors['zh-CN'] as Record<string, string>;
    const en = errors.en as Record<string, string>;
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const [code, d] of Object.entries(errorCatalog)) {
      expect([code, en[code], zh[code]]).toEqual([code, d.en, d.zh]);
    }
    for (const client of ['NETWORK', 'HTTP_500', 'fallback']) expect(en[client]).toBeTruthy();
  });
});
