// The live module's error codes: HTTP status and what a person reads, in English and Chinese.
import { defineErrors, type ErrorCodes } from '../../platform/errors.ts';

export const liveErrors = defineErrors({
  LIVE_SESSION_NOT_FOUND: { status: 404, en: 'No such live session.', zh: '找不到这场直播' },
  LIVE_PRODUCT_NOT_FOUND: { status: 422, en: 'A product of the session does not exist.', zh: '直播商品不存在' },
  LIVE_PRODUCT_NOT_IN_SESSION: { status: 422, en: 'That product is not one of the session’s products.', zh: '该商品不在本场直播的商品中' },
  LIVE_NOT_SCHEDULED: { status: 409, en: 'Only a scheduled session can start.', zh: '只有未开播的直播可以开始' },
  LIVE_NOT_LIVE: { status: 409, en: 'The room is not live.', zh: '直播间未在直播中' },
  LIVE_ENDED: { status: 409, en: 'The session has ended.', zh: '直播已结束' },
  LIVE_COUPON_NOT_FOUND: { status: 404, en: 'The session has no such live coupon.', zh: '本场直播没有这张优惠券' },
  LIVE_COUPON_NOT_RELEASED: { status: 409, en: 'The live coupon is not released right now.', zh: '直播优惠券当前未发放' },
  LIVE_COUPON_ALREADY_CLAIMED: { status: 409, en: 'You already claimed this live coupon.', zh: '你已领取过这张直播优惠券' },
  LIVE_CHAT_REFUSED: { status: 422, en: 'Your message cannot be posted.', zh: '你的发言不符合规范，无法发送' },
});

declare module '../../platform/errors.ts' {
  interface ErrorCatalog extends ErrorCodes<typeof liveErrors> {}
}
