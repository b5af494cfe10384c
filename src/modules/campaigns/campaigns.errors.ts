// The campaign kernel's error codes: one lifecycle, one rule lock and one budget for every mechanic.
import { commitRefusal, conflict, defineErrors, type ErrorCodes } from '../../platform/errors.ts';

export const campaignsErrors = defineErrors({
  CAMPAIGN_NOT_FOUND: { status: 404, en: 'No such campaign.', zh: '找不到这个活动' },
  CAMPAIGN_RULES_LOCKED: { status: 409, en: 'A campaign keeps its published rules once it is scheduled or live. End it and create a new one instead.', zh: '活动排期或开始后规则不能修改；如需调整，请结束后新建一个活动' },
  CAMPAIGN_STATUS: { status: 409, en: 'The campaign cannot do that in its current state.', zh: '活动当前状态不能进行这个操作' },
  CAMPAIGN_ALREADY_OVER: { status: 409, en: 'The campaign’s end time has passed: it cannot start.', zh: '活动结束时间已过，不能开始' },
  CAMPAIGN_PAUSE_UNSUPPORTED: { status: 409, en: 'This kind of campaign runs in a fixed time window and cannot be paused. End it instead.', zh: '这类活动按固定时段进行，不能暂停；可以直接结束' },
  CAMPAIGN_BUDGET_EXHAUSTED: { status: 409, en: 'This campaign has run out of budget.', zh: '这个活动的预算已用完' },
  CAMPAIGN_BUDGET_BELOW_SPENT: { status: 409, en: 'The budget cannot go below what the campaign has already spent.', zh: '预算不能低于活动已花费的金额' },
  CAMPAIGN_PRELAUNCH_BLOCKED: { status: 422, en: 'The campaign did not pass its pre-launch checks.', zh: '活动未通过上线前检查' },
  CAMPAIGN_OVERRIDE_FORBIDDEN: { status: 403, en: 'Only an admin can start a campaign that fails its pre-launch checks.', zh: '只有管理员可以让未通过上线前检查的活动开始' },
  CAMPAIGN_SHIPPING_UNSUPPORTED: { status: 422, en: 'Only campaigns that sell (group buy, price-cut, flash sale) have shipping to waive.', zh: '只有售卖类活动（拼团、砍价、秒杀）才能设置包邮' },
  CAMPAIGN_AUDIENCE_EXCLUDED: { status: 403, en: 'This campaign is not open to your account.', zh: '你的账号不在这个活动的参与范围内' },
});

declare module '../../platform/errors.ts' {
  interface ErrorCatalog extends ErrorCodes<typeof campaignsErrors> {}
}

/**
 * 409 CAMPAIGN_BUDGET_EXHAUSTED when `err` is a budget refused as a transaction committed (a spend
 * booked by CampaignsService.spend takes its amount at commit); null for any other error.
 */
export function budgetRefusal(err: unknown) {
  const refused = commitRefusal(err, ['CAMPAIGN_BUDGET_EXHAUSTED'] as const);
  return refused && conflict('CAMPAIGN_BUDGET_EXHAUSTED', 'This campaign has run out of budget', { campaignId: refused.subjectId });
}
