// The planner's error codes: HTTP status and what a person reads, in English and Chinese.
import { defineErrors, type ErrorCodes } from '../../platform/errors.ts';

export const plannerErrors = defineErrors({
  PLAN_NOT_FOUND: { status: 404, en: 'No such plan.', zh: '找不到这个活动方案' },
  PLAN_SCHEDULE_INVALID: { status: 422, en: 'The schedule is not valid.', zh: '活动时间不合理' },
  PLAN_GOAL_INVALID: { status: 422, en: 'The goal target is not valid.', zh: '目标值不合理' },
  PLAN_VARIANTS_INVALID: { status: 422, en: 'The variants are not valid.', zh: '实验版本设置不合理' },
  PLAN_CHANNELS_INVALID: { status: 422, en: 'The channels are not valid.', zh: '分享渠道设置不合理' },
  PLAN_RULES_INVALID: { status: 422, en: 'The mechanic’s rules are not valid.', zh: '玩法规则不合理' },
  PLAN_SEGMENT_NOT_FOUND: { status: 404, en: 'No such audience segment.', zh: '找不到这个人群' },
  PLAN_SKU_NOT_FOUND: { status: 404, en: 'No such SKU.', zh: '找不到这个规格' },
  PLAN_COUPON_NOT_FOUND: { status: 404, en: 'No such coupon template.', zh: '找不到这个优惠券' },
  PLAN_NOT_DRAFT: { status: 409, en: 'Only a draft plan can change.', zh: '只有草稿状态的方案可以修改' },
  PLAN_LAUNCH_IN_PROGRESS: { status: 409, en: 'This plan is being launched right now.', zh: '该方案正在发布中' },
  PLAN_NOT_LAUNCHED: { status: 409, en: 'The plan has not been launched: there is no report yet.', zh: '方案尚未发布，暂无复盘报告' },
  PLAN_PRELAUNCH_BLOCKED: { status: 422, en: 'A pre-launch check blocks this plan.', zh: '发布前检查未通过' },
});

declare module '../../platform/errors.ts' {
  interface ErrorCatalog extends ErrorCodes<typeof plannerErrors> {}
}
