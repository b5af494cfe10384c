// The flashsale module's error codes: HTTP status and what a person reads, in English and Chinese.
import { defineErrors, type ErrorCodes } from '../../platform/errors.ts';

export const flashsaleErrors = defineErrors({
  FLASHSALE_ALREADY_ENDED: { status: 422, en: 'This flash sale has already ended.', zh: '这场秒杀已经结束' },
  FLASHSALE_DUPLICATE_SKU: { status: 400, en: 'Each product option can appear only once in a flash sale.', zh: '同一场秒杀中每个商品规格只能添加一次' },
  FLASHSALE_ITEM_NOT_FOUND: { status: 404, en: 'This flash-sale item could not be found.', zh: '找不到这个秒杀商品' },
  FLASHSALE_LIMIT_REACHED: { status: 409, en: 'Each shopper may buy at most {{perUserLimit}} of this item, and you have reached that limit.', zh: '每人限购 {{perUserLimit}} 件，你已达到限购数量' },
  FLASHSALE_NO_ITEMS: { status: 400, en: 'Add at least one item to the flash sale.', zh: '请至少添加一个秒杀商品' },
  FLASHSALE_NOT_LIVE: { status: 422, en: 'This flash sale has not started yet or has already ended.', zh: '这场秒杀尚未开始或已经结束' },
  FLASHSALE_PRICE_INVALID: { status: 400, en: 'The flash price must be above zero and below the regular price.', zh: '秒杀价必须大于 0 且低于原价' },
  FLASHSALE_SKU_NOT_FOUND: { status: 404, en: 'The selected product option could not be found.', zh: '找不到所选的商品规格' },
  FLASHSALE_SLOT_NOT_FOUND: { status: 404, en: 'This flash sale could not be found.', zh: '找不到这场秒杀' },
  FLASHSALE_TOKEN_INVALID: { status: 403, en: 'This flash-sale page has expired. Refresh it and try again.', zh: '秒杀页面已过期，请刷新后重试' },
  FLASHSALE_SOLD_OUT: { status: 409, en: 'Sold out. Too late this time!', zh: '手慢了，已经抢光啦' },
  FLASHSALE_WINDOW_INVALID: { status: 400, en: 'The end time must be after the start time.', zh: '结束时间必须晚于开始时间' },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, en: 'Your earlier request is still being processed. Please wait a moment and try again.', zh: '上一次请求还在处理中，请稍候再试' },
});

declare module '../../platform/errors.ts' {
  interface ErrorCatalog extends ErrorCodes<typeof flashsaleErrors> {}
}
