// The referral module's error codes: HTTP status and what a person reads, in English and Chinese.
import { defineErrors, type ErrorCodes } from '../../platform/errors.ts';

export const referralErrors = defineErrors({
  REFERRAL_CAMPAIGN_NOT_FOUND: { status: 404, en: 'This referral campaign could not be found.', zh: '找不到这个邀请活动' },
  REFERRAL_INVITE_NOT_FOUND: { status: 404, en: 'This invite link is not valid. Ask your friend to share it again.', zh: '这个邀请链接无效，请让好友重新分享' },
  REFERRAL_MILESTONES_INVALID: { status: 400, en: 'Each milestone needs a different number of invites.', zh: '每个阶梯奖励的邀请人数必须各不相同' },
  REFERRAL_REWARD_INVALID: { status: 400, en: 'A points reward needs a positive whole number of points.', zh: '积分奖励必须是正整数' },
  REFERRAL_REWARD_NOT_FOUND: { status: 404, en: 'This reward could not be found.', zh: '找不到这条奖励记录' },
  REFERRAL_REWARD_NOT_HELD: { status: 409, en: 'Only a held reward can be changed this way.', zh: '只有冻结中的奖励才能执行这个操作' },
  REFERRAL_WINDOW_INVALID: { status: 400, en: 'The end time must be after the start time.', zh: '结束时间必须晚于开始时间' },
});

declare module '../../platform/errors.ts' {
  interface ErrorCatalog extends ErrorCodes<typeof referralErrors> {}
}
