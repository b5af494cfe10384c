// The loyalty module's error codes: HTTP status and what a person reads, in English and Chinese.
import { defineErrors, type ErrorCodes } from '../../platform/errors.ts';

export const loyaltyErrors = defineErrors({
  LOYALTY_ADJUSTMENT_INVALID: { status: 400, en: 'A points adjustment must be a non-zero whole number within the allowed range.', zh: '积分调整必须是不为 0 且在允许范围内的整数' },
  LOYALTY_ADJUSTMENT_REASON_REQUIRED: { status: 400, en: 'Say why the points are adjusted.', zh: '请填写积分调整原因' },
  LOYALTY_ALREADY_CHECKED_IN: { status: 409, en: 'You have already checked in today. Come back tomorrow.', zh: '今天已经签到过了，明天再来吧' },
  LOYALTY_POINTS_INSUFFICIENT: { status: 422, en: 'Not enough points: you asked to use {{requested}} but have {{balance}}.', zh: '积分不足：你想使用 {{requested}} 积分，但只有 {{balance}} 积分' },
  LOYALTY_TIER_BASE_REQUIRED: { status: 422, en: 'One tier must start at growth 0, so every member has a tier.', zh: '必须有一个从成长值 0 开始的等级，保证每位会员都有等级' },
  LOYALTY_TIER_GROWTH_TAKEN: { status: 409, en: 'Another tier already starts at growth {{minGrowth}}. Choose another value.', zh: '已有等级从成长值 {{minGrowth}} 开始，请换一个数值' },
  LOYALTY_TIER_NOT_FOUND: { status: 404, en: 'This tier could not be found.', zh: '找不到这个会员等级' },
});

declare module '../../platform/errors.ts' {
  interface ErrorCatalog extends ErrorCodes<typeof loyaltyErrors> {}
}
