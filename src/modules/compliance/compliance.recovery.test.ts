import { describe, expect, it } from 'vitest';
import { newRecoveryCode, normaliseRecoveryCode, RECOVERY_CODE_PATTERN } from './compliance.recovery.ts';

describe('recovery codes', () => {
  it('are ten characters in two groups from an alphabet without look-alikes, and differ', () => {
    const codes = Array.from({ length: 200 }, newRecoveryCode);
    for (const c of codes) {
      expect(c).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
      expect(c).toMatch(new RegExp(RECOVERY_CODE_PATTERN));
    }
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('read as typed: any case, with or without the dash, spaces around trimmed', () => {
    expect(normaliseRecoveryCode('abcde-fghjk')).toBe('abcdefghjk');
    expect(normaliseRecoveryCode(' ABCDE-FGHJK ')).toBe('abcdefghjk');
    expect(normaliseRecoveryCode('abcdefghjk')).toBe('abcdefghjk');
  });

  it('refuse what is not one: a six-digit authenticator code, look-alike letters, wrong lengths', () => {
    for (const bad of ['123456', 'abcde-fghj', 'abcde-fghjkm', 'abcde--fghjk', 'abcdi-fghjk', 'abcde-fgh0k', 'abcde fghjk', '']) {
      expect(normaliseRecoveryCode(bad), bad).toBeNull();
    }
  });
});
