import { describe, expect, it } from 'vitest';
import { signPayload, verifySignature } from './webhook-signature.ts';

describe('webhook signatures', () => {
  const at = new Date('2026-06-01T08:00:00Z');
  const body = '{"id":"evt_1"}';
  it('accepts its own signature', () => {
    expect(verifySignature('s3cret', body, signPayload('s3cret', body, at), at)).toEqual({ ok: true });
  });
  it('refuses a tampered body, another secret, a stale timestamp and garbage', () => {
    const sig = signPayload('s3cret', body, at);
    expect(verifySignature('s3cret', body + ' ', sig, at)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignature('other', body, sig, at)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignature('s3cret', body, sig, new Date(at.getTime() + 301_000))).toEqual({ ok: false, reason: 'stale' });
    expect(verifySignature('s3cret', body, 't=abc,v1=zz', at)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifySignature('s3cret', body, undefined, at)).toEqual({ ok: false, reason: 'missing' });
  });
});
