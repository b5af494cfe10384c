import { describe, expect, it } from 'vitest';
import { lockedUntil, MAX_LOCK_MS, maskPhone, normalisePhone, parseLoginId, passwordProblem, recordFailure, staffPasswordProblem, type ThrottleState } from './identity.rules.ts';

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

describe('failed sign-ins', () => {
  const policy = { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 };
  const at = (min: number) => new Date(Date.UTC(2026, 5, 1, 8, 0) + min * 60_000);
  const fail = (times: number, start: ThrottleState | null, min: number) => {
    let state = start;
    let locked: Date | null = null;
    for (let i = 0; i < times; i++) ({ state, lockedUntil: locked } = recordFailure(state, at(min), policy));
    return { state: state!, locked };
  };

  it('locks on the fifth failure inside the window, for the first lock time', () => {
    const four = fail(4, null, 0);
    expect(four.locked).toBeNull();
    const fifth = recordFailure(four.state, at(1), policy);
    expect(fifth.lockedUntil).toEqual(at(16));
    expect(lockedUntil(fifth.state, at(15))).toEqual(at(16));
    expect(lockedUntil(fifth.state, at(16))).toBeNull();
  });

  it('forgets failures older than the window', () => {
    const four = fail(4, null, 0);
    expect(recordFailure(four.state, at(15), policy)).toMatchObject({ lockedUntil: null, state: { failures: 1 } });
  });

  it('doubles the lock each time, up to a day, and starts small again a day after the last lock', () => {
    let state: ThrottleState | null = null;
    const lengths: number[] = [];
    let now = 0;
    for (let lock = 0; lock < 9; lock++) {
      const r = fail(5, state, now);
      lengths.push((r.locked!.getTime() - at(now).getTime()) / 60_000);
      state = r.state;
      now = (r.locked!.getTime() - at(0).getTime()) / 60_000;
    }
    expect(lengths).toEqual([15, 30, 60, 120, 240, 480, 960, MAX_LOCK_MS / 60_000, MAX_LOCK_MS / 60_000]);
    const later = fail(5, state, now + 24 * 60);
    expect((later.locked!.getTime() - at(now + 24 * 60).getTime()) / 60_000).toBe(15);
  });
});

describe('staff passwords', () => {
  it('asks for 12 characters and a guessability score of 3', () => {
    expect(staffPasswordProblem('Short-pass1', 4, null)).toEqual({ rule: 'length', minLength: 12 });
    expect(staffPasswordProblem('password1234', 1, 'common')).toEqual({ rule: 'guessable', score: 1, minScore: 3, warning: 'common' });
    expect(staffPasswordProblem('Operator-Console-2026', 4, null)).toBeNull();
  });
});
