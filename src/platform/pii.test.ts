import { describe, expect, it } from 'vitest';
import { createPiiCipher, generatePiiKey, isSealed, maskLine, maskPersonName, maskPhone, parsePiiKeys, PiiKeyError } from './pii.ts';

const oldKey = { kid: 'old', secret: 'o'.repeat(40) };
const newKey = { kid: 'new', secret: 'n'.repeat(40) };

describe('PII sealing', () => {
  it('seals with the key id and a fresh IV, and opens back to the plain text', () => {
    const pii = createPiiCipher([oldKey]);
    const a = pii.seal('13800138000');
    const b = pii.seal('13800138000');
    expect(a).toMatch(/^v1:old:[\w-]+:[\w-]+:[\w-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('13800138000');
    expect(pii.open(a)).toBe('13800138000');
    expect(pii.open(pii.seal('张三 文三路 100 号'))).toBe('张三 文三路 100 号');
    expect(pii.seal(null)).toBeNull();
    expect(pii.open(null)).toBeNull();
  });

  it('reads values sealed under an older key on the ring and marks them for re-sealing', () => {
    const sealedOld = createPiiCipher([oldKey]).seal('13900139000');
    const rotated = createPiiCipher([newKey, oldKey]);
    expect(rotated.open(sealedOld)).toBe('13900139000');
    expect(rotated.needsReseal(sealedOld)).toBe(true);
    expect(rotated.needsReseal(rotated.seal('x'))).toBe(false);
    expect(rotated.needsReseal('plain text')).toBe(true);
    expect(rotated.needsReseal(null)).toBe(false);
  });

  it('refuses a value whose key left the ring, and a tampered value', () => {
    const sealedOld = createPiiCipher([oldKey]).seal('13900139000');
    expect(() => createPiiCipher([newKey]).open(sealedOld)).toThrow(PiiKeyError);
    const parts = sealedOld.split(':');
    const ct = Buffer.from(parts[3], 'base64url');
    ct[0] ^= 1;
    parts[3] = ct.toString('base64url');
    expect(() => createPiiCipher([oldKey]).open(parts.join(':'))).toThrow();
    // The key id is authenticated: relabelling a value under another key fails.
    const relabelled = sealedOld.replace('v1:old:', 'v1:new:');
    expect(() => createPiiCipher([newKey, oldKey]).open(relabelled)).toThrow();
  });

  it('passes values written before encryption through unchanged', () => {
    const pii = createPiiCipher([oldKey]);
    expect(isSealed('13800138000')).toBe(false);
    expect(pii.open('13800138000')).toBe('13800138000');
  });

  it('makes a deterministic blind index per key, matching under every key of the ring', () => {
    const old = createPiiCipher([oldKey]);
    const ring = createPiiCipher([newKey, oldKey]);
    expect(old.index('13800138000')).toBe(old.index('13800138000'));
    expect(old.index('13800138000')).not.toBe(old.index('13800138001'));
    expect(old.index('13800138000')).not.toContain('13800138000');
    expect(ring.index('13800138000')).not.toBe(old.index('13800138000'));
    expect(ring.indexes('13800138000')).toEqual([ring.index('13800138000'), old.index('13800138000')]);
  });

  it('checks keys: short secrets and bad ids are refused, an empty ring too', () => {
    expect(() => createPiiCipher([])).toThrow(PiiKeyError);
    expect(() => createPiiCipher([{ kid: 'a', secret: 'short' }])).toThrow(PiiKeyError);
    expect(() => createPiiCipher([{ kid: 'a:b', secret: 'x'.repeat(40) }])).toThrow(PiiKeyError);
    const g = generatePiiKey();
    expect(g.secret.length).toBeGreaterThanOrEqual(32);
    expect(createPiiCipher([g]).currentKid).toBe(g.kid);
  });

  it('parses configured keys: kid:secret lists, one per line or comma, or a bare secret', () => {
    expect(parsePiiKeys(`new:${'n'.repeat(40)}, old:${'o'.repeat(40)}`)).toEqual([newKey, oldKey]);
    expect(parsePiiKeys(`# keys\nnew:${'n'.repeat(40)}\n\nold:${'o'.repeat(40)}\n`)).toEqual([newKey, oldKey]);
    const [bare] = parsePiiKeys('b'.repeat(44));
    expect(bare.kid).toMatch(/^e[0-9a-f]{8}$/);
    expect(bare.secret).toBe('b'.repeat(44));
    expect(() => parsePiiKeys('k1:tooshort')).toThrow(PiiKeyError);
  });
});

describe('masking', () => {
  it('masks phones, names and address lines for other readers', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone('12345')).toBe('***45');
    expect(maskPersonName('张三')).toBe('张*');
    expect(maskPersonName('欧阳娜娜')).toBe('欧***');
    expect(maskPersonName('A')).toBe('A*');
    expect(maskPersonName('Alexander')).toBe('A****');
    expect(maskLine('文三路 100 号')).toBe('文三******');
    expect(maskLine('ab')).toBe('**');
  });
});
