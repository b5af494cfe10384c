import { describe, expect, it } from 'vitest';
import { inviteCodeFrom, maskName, milestonesLost, milestonesReached, nextMilestone, selfReferralReason } from './referral.rules.ts';

describe('referral rules', () => {
  const base = { inviterId: 'a', inviteeId: 'b', inviterDevices: ['d1'], inviteeDevices: ['d2'], inviterPhone: '13800000001', inviteePhone: '13800000002' };
  it('refuses inviting yourself by account, device or phone', () => {
    expect(selfReferralReason(base)).toBeNull();
    expect(selfReferralReason({ ...base, inviteeId: 'a' })).toBe('SAME_ACCOUNT');
    expect(selfReferralReason({ ...base, inviteeDevices: ['d9', 'd1'] })).toBe('SAME_DEVICE');
    expect(selfReferralReason({ ...base, inviteePhone: '+8613800000001' })).toBe('SAME_PHONE');
  });
  it('finds milestones reached, lost and next', () => {
    const ms = [{ count: 3 }, { count: 10 }, { count: 30 }];
    expect(milestonesReached(ms, 2)).toEqual([]);
    expect(milestonesReached(ms, 10)).toEqual([3, 10]);
    expect(milestonesLost([3, 10], 9)).toEqual([10]);
    expect(nextMilestone(ms, 10)).toBe(30);
    expect(nextMilestone(ms, 30)).toBeNull();
  });
  it('makes readable invite codes and masks names', () => {
    const code = inviteCodeFrom(new Uint8Array([0, 1, 2, 3, 4, 5, 6, 31]));
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    expect(maskName('王小明')).toBe('王**');
    expect(maskName('Li')).toBe('L*');
  });
});
