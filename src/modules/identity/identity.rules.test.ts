import { describe, expect, it } from 'vitest';
import { maskPhone, normalisePhone, parseLoginId, passwordProblem } from './identity.rules.ts';

describe('identity rules', () => {
  it('reads an email login case-insensitively', () => {
    expect(parseLoginId('  Li.Lei@Example.COM ')).toEqual({ kind: 'email', value: 'li.lei@example.com' });
  });
  it('reads a phone login without separators', () => {
    expect(parseLoginId('138 0013-8000')).toEqual({ kind: 'phone', value: '13800138000' });
    expect(normalisePhone('+86 138 0013 8000')).toBe('+8613800138000');
  });
  it('refuses an identifier that is neither', () => {
    expect(parseLoginId('hello')).toBeNull();
    expect(parseLoginId('a@b')).toBeNull();
  });
  it('asks for a letter and a digit in passwords of 8 or more', () => {
    expect(passwordProblem('short1')).toMatch(/at least 8/);
    expect(passwordProblem('onlyletters')).toMatch(/letter and a digit/);
    expect(passwordProblem('fission2026')).toBeNull();
  });
  it('masks the middle of a phone number', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
  });
});
