import { describe, expect, it } from 'vitest';
import { campaignLive, campaignProblem, decideExpiry, decidePaidSeat, initialOf, joinRefusal, maskName, seatPrice, seatsLeft, teamTransition, virtualNotice, type CampaignRules } from './groupbuy.rules.ts';

const now = new Date('2026-06-01T08:00:00Z');
const later = new Date('2026-06-02T08:00:00Z');
const earlier = new Date('2026-05-31T08:00:00Z');

describe('team state machine', () => {
  it('forming opens when the leader pays, or is cancelled when the leader leaves; open completes or fails', () => {
    expect(teamTransition('forming', 'leader_paid')).toEqual({ ok: true, to: 'open' });
    expect(teamTransition('forming', 'leader_left')).toEqual({ ok: true, to: 'cancelled' });
    expect(teamTransition('open', 'filled')).toEqual({ ok: true, to: 'completed' });
    expect(teamTransition('open', 'expired')).toEqual({ ok: true, to: 'failed' });
  });
  it('finished teams never move again', () => {
    for (const from of ['completed', 'failed', 'cancelled'] as const) {
      for (const a of ['leader_paid', 'leader_left', 'filled', 'expired'] as const) expect(teamTransition(from, a).ok).toBe(false);
    }
    expect(teamTransition('forming', 'filled').ok).toBe(false);
  });
});

describe('prices', () => {
  it('the leader pays the group price less the leader discount, never below 1 fen', () => {
    expect(seatPrice(5900, 500, 'leader')).toBe(5400);
    expect(seatPrice(5900, 500, 'member')).toBe(5900);
    expect(seatPrice(100, 100, 'leader')).toBe(1);
  });
  const rules: CampaignRules = { groupPriceAmount: 5900, leaderDiscountAmount: 0, teamSize: 2, expiryHours: 24, perUserLimit: 1, stock: 10, seatTimeoutMinutes: 15, autoFill: { enabled: false, minRealMembers: 2 }, startsAt: null, endsAt: null };
  it('a campaign must price below the list price, with 2–10 seats and a sensible auto-fill', () => {
    expect(campaignProblem(rules, 9900)).toBeNull();
    expect(campaignProblem({ ...rules, groupPriceAmount: 9900 }, 9900)).toBe('GROUPBUY_PRICE_NOT_BELOW_LIST');
    expect(campaignProblem({ ...rules, teamSize: 1 }, 9900)).toBe('GROUPBUY_TEAM_SIZE_INVALID');
    expect(campaignProblem({ ...rules, teamSize: 11 }, 9900)).toBe('GROUPBUY_TEAM_SIZE_INVALID');
    expect(campaignProblem({ ...rules, leaderDiscountAmount: 5900 }, 9900)).toBe('GROUPBUY_LEADER_DISCOUNT_TOO_LARGE');
    expect(campaignProblem({ ...rules, startsAt: later, endsAt: now }, 9900)).toBe('GROUPBUY_DATES_INVALID');
    expect(campaignProblem({ ...rules, autoFill: { enabled: true, minRealMembers: 2 } }, 9900)).toBe('GROUPBUY_AUTO_FILL_INVALID');
    expect(campaignProblem({ ...rules, teamSize: 3, autoFill: { enabled: true, minRealMembers: 2 } }, 9900)).toBeNull();
    expect(campaignProblem({ ...rules, expiryHours: 1, seatTimeoutMinutes: 90 }, 9900)).toBe('GROUPBUY_SEAT_TIMEOUT_TOO_LONG');
  });
  it('a campaign is live only while active and inside its dates', () => {
    expect(campaignLive({ status: 'active', startsAt: null, endsAt: null }, now)).toBe(true);
    expect(campaignLive({ status: 'draft', startsAt: null, endsAt: null }, now)).toBe(false);
    expect(campaignLive({ status: 'active', startsAt: later, endsAt: null }, now)).toBe(false);
    expect(campaignLive({ status: 'active', startsAt: earlier, endsAt: now }, now)).toBe(false);
  });
});

describe('seats', () => {
  const team = { status: 'open' as const, leaderId: 'L', size: 3, seatsTaken: 2, expiresAt: later, paidCount: 2 };
  it('counts seats left and refuses with the right code', () => {
    expect(seatsLeft(team)).toBe(1);
    expect(joinRefusal(team, 'U', now)).toBeNull();
    expect(joinRefusal(team, 'L', now)).toBe('GROUPBUY_OWN_TEAM');
    expect(joinRefusal({ ...team, seatsTaken: 3 }, 'U', now)).toBe('GROUPBUY_TEAM_FULL');
    expect(joinRefusal({ ...team, status: 'completed' }, 'U', now)).toBe('GROUPBUY_TEAM_FULL');
    expect(joinRefusal(team, 'U', later)).toBe('GROUPBUY_TEAM_EXPIRED');
    expect(joinRefusal({ ...team, status: 'failed' }, 'U', now)).toBe('GROUPBUY_TEAM_EXPIRED');
    expect(joinRefusal({ ...team, status: 'forming', expiresAt: null }, 'U', now)).toBe('GROUPBUY_TEAM_NOT_OPEN');
  });
  it('a payment opens, fills, completes, or is refunded when its seat is no longer valid', () => {
    expect(decidePaidSeat({ ...team, status: 'forming', paidCount: 0 }, { role: 'leader', status: 'reserved' }, now)).toEqual({ kind: 'open_team' });
    expect(decidePaidSeat({ ...team, paidCount: 1 }, { role: 'member', status: 'reserved' }, now)).toEqual({ kind: 'seat_paid', completes: false });
    expect(decidePaidSeat(team, { role: 'member', status: 'reserved' }, now)).toEqual({ kind: 'seat_paid', completes: true });
    expect(decidePaidSeat({ ...team, status: 'failed' }, { role: 'member', status: 'reserved' }, now).kind).toBe('refund');
    expect(decidePaidSeat(team, { role: 'member', status: 'released' }, now).kind).toBe('refund');
    expect(decidePaidSeat(team, { role: 'member', status: 'reserved' }, later).kind).toBe('refund');
    expect(decidePaidSeat({ ...team, paidCount: 3 }, { role: 'member', status: 'reserved' }, now).kind).toBe('refund');
  });
});

describe('expiry and auto-fill', () => {
  const open = { status: 'open' as const, size: 3, paidCount: 2, expiresAt: now };
  it('fails an unfilled team when auto-fill is off (the default)', () => {
    expect(decideExpiry(open, { enabled: false, minRealMembers: 2 }, now)).toEqual({ kind: 'fail' });
  });
  it('fills with virtual members only when enabled and enough real members paid', () => {
    expect(decideExpiry(open, { enabled: true, minRealMembers: 2 }, now)).toEqual({ kind: 'complete', virtualMembers: 1 });
    expect(decideExpiry({ ...open, paidCount: 1 }, { enabled: true, minRealMembers: 2 }, now)).toEqual({ kind: 'fail' });
  });
  it('waits before the deadline and ignores finished teams', () => {
    expect(decideExpiry(open, { enabled: false, minRealMembers: 2 }, earlier)).toEqual({ kind: 'wait' });
    expect(decideExpiry({ ...open, status: 'failed' }, { enabled: false, minRealMembers: 2 }, later)).toEqual({ kind: 'wait' });
  });
  it('discloses virtual members', () => {
    expect(virtualNotice(0)).toBeNull();
    expect(virtualNotice(2)).toContain('2');
    expect(initialOf('李雷')).toBe('李');
    expect(initialOf('tom')).toBe('T');
  });
  it('masks a leader name to its first character for strangers', () => {
    expect(maskName('李雷')).toBe('李*');
    expect(maskName('Alice Wong')).toBe('A*');
    expect(maskName('Z')).toBe('Z*');
    expect(maskName('  ')).toBe('拼团用户');
  });
});
