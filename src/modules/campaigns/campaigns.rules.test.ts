import { describe, expect, it } from 'vitest';
import { budgetLeft, budgetProblem, costCeiling, isRunning, launchLocks, launchOutcome, mirroredStatus, openForShoppers, phase, rulesLocked, transition, withinBudget, type CampaignStatus, type LifecycleAction } from './campaigns.rules.ts';

const now = new Date('2026-06-18T02:00:00Z');
const later = new Date('2026-06-18T04:00:00Z');
const earlier = new Date('2026-06-17T00:00:00Z');

describe('campaign lifecycle', () => {
  it('start goes live now, or scheduled when the start is later; refuses after the end', () => {
    expect(transition({ status: 'draft', startsAt: null, endsAt: null }, 'start', now)).toEqual({ ok: true, to: 'live' });
    expect(transition({ status: 'draft', startsAt: earlier, endsAt: later }, 'start', now)).toEqual({ ok: true, to: 'live' });
    expect(transition({ status: 'draft', startsAt: later, endsAt: null }, 'start', now)).toEqual({ ok: true, to: 'scheduled' });
    expect(transition({ status: 'draft', startsAt: null, endsAt: earlier }, 'start', now)).toEqual({ ok: false, reason: 'already_over' });
  });

  it('allows exactly the moves of the state diagram', () => {
    const actions: LifecycleAction[] = ['start', 'go_live', 'pause', 'resume', 'end'];
    const statuses: CampaignStatus[] = ['draft', 'scheduled', 'live', 'paused', 'ended'];
    const allowed = new Set(['draft:start', 'scheduled:go_live', 'live:pause', 'paused:resume', 'draft:end', 'scheduled:end', 'live:end', 'paused:end']);
    for (const status of statuses) {
      for (const action of actions) {
        const t = transition({ status, startsAt: null, endsAt: null }, action, now);
        expect(t.ok, `${status}:${action}`).toBe(allowed.has(`${status}:${action}`));
      }
    }
    expect(transition({ status: 'live', startsAt: null, endsAt: null }, 'pause', now, { pausable: false })).toEqual({ ok: false, reason: 'pause_unsupported' });
  });

  it('locks rules from scheduling on; running and phase read the window', () => {
    expect(rulesLocked('draft')).toBe(false);
    for (const s of ['scheduled', 'live', 'paused', 'ended'] as const) expect(rulesLocked(s)).toBe(true);
    expect(isRunning({ status: 'live', startsAt: earlier, endsAt: later }, now)).toBe(true);
    expect(isRunning({ status: 'live', startsAt: null, endsAt: now }, now)).toBe(false);
    expect(phase({ status: 'scheduled', startsAt: later, endsAt: null }, now)).toBe('upcoming');
    expect(phase({ status: 'live', startsAt: later, endsAt: null }, now)).toBe('upcoming');
    expect(phase({ status: 'live', startsAt: earlier, endsAt: null }, now)).toBe('running');
    expect(phase({ status: 'live', startsAt: earlier, endsAt: earlier }, now)).toBe('over');
    expect(phase({ status: 'paused', startsAt: null, endsAt: null }, now)).toBe('paused');
  });

  it('mirrors on the mechanics: live reads active, and a due schedule opens without waiting for its job', () => {
    expect(mirroredStatus('live')).toBe('active');
    expect(mirroredStatus('paused')).toBe('paused');
    expect(openForShoppers({ status: 'scheduled', startsAt: earlier, endsAt: later }, now)).toBe(true);
    expect(openForShoppers({ status: 'scheduled', startsAt: later, endsAt: null }, now)).toBe(false);
    expect(openForShoppers({ status: 'paused', startsAt: null, endsAt: null }, now)).toBe(false);
    expect(openForShoppers({ status: 'active', startsAt: null, endsAt: earlier }, now)).toBe(false);
  });
});

describe('budget arithmetic', () => {
  it('never lets spent pass the ceiling; null is no ceiling', () => {
    expect(withinBudget({ limitAmount: 1000, spentAmount: 900 }, 100)).toBe(true);
    expect(withinBudget({ limitAmount: 1000, spentAmount: 900 }, 101)).toBe(false);
    expect(withinBudget({ limitAmount: null, spentAmount: 10 ** 9 }, 10 ** 9)).toBe(true);
    expect(budgetLeft({ limitAmount: 1000, spentAmount: 1200 })).toBe(0);
    expect(budgetLeft({ limitAmount: null, spentAmount: 5 })).toBeNull();
    expect(budgetProblem(500, 600)).toBe('BELOW_SPENT');
    expect(budgetProblem(600, 600)).toBeNull();
    expect(budgetProblem(null, 600)).toBeNull();
  });
});

describe('launch review rules', () => {
  it('says whether start goes live, schedules, or is refused', () => {
    expect(launchOutcome({ status: 'draft', startsAt: null, endsAt: null }, now)).toEqual({ startsAs: 'live', refusal: null });
    expect(launchOutcome({ status: 'draft', startsAt: later, endsAt: null }, now)).toEqual({ startsAs: 'scheduled', refusal: null });
    expect(launchOutcome({ status: 'draft', startsAt: null, endsAt: now }, now)).toEqual({ startsAs: null, refusal: 'already_over' });
    expect(launchOutcome({ status: 'live', startsAt: null, endsAt: null }, now)).toEqual({ startsAs: null, refusal: 'not_allowed' });
  });
  it('locks free shipping only once on, and offers pause only when the mechanic can pause', () => {
    expect(launchLocks({ mechanic: 'flashsale', freeShipping: true }, false)).toEqual({ locked: ['rules', 'window', 'declaration', 'freeShipping'], editable: ['budget', 'end'] });
    expect(launchLocks({ mechanic: 'coupon', freeShipping: false }, true)).toEqual({ locked: ['rules', 'window', 'declaration'], editable: ['budget', 'pause', 'end'] });
  });
  it('takes the lower of the budget and the mechanic’s own ceiling', () => {
    expect(costCeiling(null, null)).toEqual({ amount: null, basis: 'none' });
    expect(costCeiling(500, 1000)).toEqual({ amount: 500, basis: 'budget' });
    expect(costCeiling(2000, 1000)).toEqual({ amount: 1000, basis: 'mechanic' });
    expect(costCeiling(null, 1000)).toEqual({ amount: 1000, basis: 'mechanic' });
  });
});
