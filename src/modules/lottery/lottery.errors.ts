// The lottery module's error codes: HTTP status and what a person reads, in English and Chinese.
import { defineErrors, type ErrorCodes } from '../../platform/errors.ts';

export const lotteryErrors = defineErrors({
  LOTTERY_DRAW_NOT_FOUND: { status: 404, en: 'This draw could not be found.', zh: '找不到这个抽奖活动' },
  LOTTERY_ENTRY_NOT_FOUND: { status: 404, en: 'This draw result could not be found.', zh: '找不到这条抽奖记录' },
  LOTTERY_NO_CHANCES: { status: 422, en: 'No chances left today. Share the draw or invite a friend to get more.', zh: '今天的抽奖机会用完了，分享活动或邀请好友可获得更多机会' },
  LOTTERY_NOT_RUNNING: { status: 422, en: 'This draw is not running right now.', zh: '这个抽奖活动当前未开始或已结束' },
  LOTTERY_NOT_TO_FULFIL: { status: 409, en: 'This result is not waiting to be fulfilled.', zh: '这条中奖记录不需要发奖或已经发过了' },
  LOTTERY_POOL_EMPTY: { status: 400, en: 'Add at least one prize.', zh: '请至少添加一个奖品' },
  LOTTERY_POOL_INVALID: { status: 400, en: 'The prizes are not set up correctly. Check the weights, stock, and the coupon, points or product each prize needs.', zh: '奖品设置有误：请检查中奖权重、库存以及每种奖品所需的券、积分或商品' },
  LOTTERY_PRIZE_VALUE_CAP: { status: 422, en: 'The prize “{{name}}” is worth more than a single prize may be.', zh: '奖品“{{name}}”的价值超过了单个奖品的上限' },
  LOTTERY_WINDOW_INVALID: { status: 400, en: 'The end time must be after the start time.', zh: '结束时间必须晚于开始时间' },
});

declare module '../../platform/errors.ts' {
  interface ErrorCatalog extends ErrorCodes<typeof lotteryErrors> {}
}
