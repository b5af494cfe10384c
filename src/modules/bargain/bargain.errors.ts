// The bargain module's error codes: HTTP status and what a person reads, in English and Chinese.
import { defineErrors, type ErrorCodes } from '../../platform/errors.ts';

export const bargainErrors = defineErrors({
  BARGAIN_ALREADY_HELPED: { status: 409, en: 'You have already helped with this price-cut. Share it with other friends instead.', zh: '你已经帮 TA 砍过一刀了，快去分享给其他好友吧' },
  BARGAIN_ALREADY_ORDERED: { status: 409, en: 'This price-cut has already been ordered. Find it in your orders.', zh: '这个砍价已经下过单了，请到“我的订单”查看' },
  BARGAIN_ALREADY_STARTED: { status: 409, en: 'You already have a price-cut running in this campaign. Keep inviting friends to help.', zh: '你在这个活动里已有一个进行中的砍价，继续邀请好友帮砍吧' },
  BARGAIN_CAMPAIGN_INVALID: { status: 400, en: 'The price-cut settings do not add up. Check the floor price, the original price and the number of helpers (each helper must be able to cut at least ¥0.01).', zh: '砍价活动设置有误：请检查底价、原价和所需助力人数（每位好友至少能砍 1 分钱）' },
  BARGAIN_CAMPAIGN_NOT_FOUND: { status: 404, en: 'This price-cut campaign could not be found.', zh: '找不到这个砍价活动' },
  BARGAIN_CAMPAIGN_NOT_RUNNING: { status: 422, en: 'This price-cut campaign is not running right now.', zh: '这个砍价活动当前未开始或已结束' },
  BARGAIN_CLOSED: { status: 409, en: 'This price-cut is closed. Have a look at other deals.', zh: '这个砍价已经结束，看看其他活动吧' },
  BARGAIN_COMPLETED: { status: 409, en: 'This price-cut has already reached the lowest price; no more help is needed.', zh: '已经砍到底价啦，不需要再帮砍了' },
  BARGAIN_CUT_CHANGED: { status: 409, en: 'This price-cut changed while you were buying. Please try again.', zh: '砍价状态刚刚发生了变化，请重试' },
  BARGAIN_CUT_NOT_FOUND: { status: 404, en: 'This price-cut could not be found.', zh: '找不到这个砍价' },
  BARGAIN_DAILY_LIMIT: { status: 429, en: 'You can help at most {{limit}} price-cuts a day. Come back tomorrow.', zh: '你今天已帮砍 {{limit}} 次，达到上限，明天再来吧' },
  BARGAIN_EXPIRED: { status: 410, en: 'This price-cut has expired.', zh: '这个砍价已过期' },
  BARGAIN_FLOOR_NOT_REACHED: { status: 422, en: 'This price-cut can only be bought at the lowest price. Invite more friends to help first.', zh: '还没砍到底价，邀请更多好友帮砍后再购买吧' },
  BARGAIN_SELF_HELP: { status: 422, en: 'You cannot help your own price-cut. Share it with friends instead.', zh: '不能给自己砍价哦，分享给好友帮你砍吧' },
  BARGAIN_SKU_NOT_FOUND: { status: 404, en: 'The selected product option could not be found.', zh: '找不到所选的商品规格' },
  BARGAIN_SOLD_OUT: { status: 409, en: 'This price-cut campaign is sold out.', zh: '这个砍价活动的商品已经抢光了' },
});

declare module '../../platform/errors.ts' {
  interface ErrorCatalog extends ErrorCodes<typeof bargainErrors> {}
}
