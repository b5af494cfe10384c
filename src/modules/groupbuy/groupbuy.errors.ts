// The groupbuy module's error codes: HTTP status and what a person reads, in English and Chinese.
import { defineErrors, type ErrorCodes } from '../../platform/errors.ts';

export const groupbuyErrors = defineErrors({
  GROUPBUY_ALREADY_MEMBER: { status: 409, en: 'You are already in this team. Invite friends to join.', zh: '你已经在这个团里了，邀请好友一起来拼吧' },
  GROUPBUY_AUTO_FILL_INVALID: { status: 400, en: 'Auto-fill needs at least one real member and fewer than the team size.', zh: '自动成团需要至少 1 位真实成员，且少于成团人数' },
  GROUPBUY_BUSY: { status: 409, en: 'Another request of yours is taking a seat. Please try again.', zh: '你的另一个请求正在占座，请稍后重试' },
  GROUPBUY_CAMPAIGN_NOT_FOUND: { status: 404, en: 'This group buy could not be found.', zh: '找不到这个拼团活动' },
  GROUPBUY_CAMPAIGN_NOT_LIVE: { status: 422, en: 'This group buy is not running right now.', zh: '这个拼团活动当前未开始或已结束' },
  GROUPBUY_DATES_INVALID: { status: 400, en: 'The end time must be after the start time.', zh: '结束时间必须晚于开始时间' },
  GROUPBUY_IDEMPOTENCY_KEY_REUSED: { status: 422, en: 'This request was already used for something else. Refresh the page and try again.', zh: '请求重复，请刷新页面后重试' },
  GROUPBUY_INVALID_TRANSITION: { status: 409, en: 'This team cannot do that in its current status.', zh: '这个团当前状态不允许这个操作' },
  GROUPBUY_LEADER_DISCOUNT_TOO_LARGE: { status: 400, en: 'The leader discount must be less than the group price.', zh: '团长优惠必须低于拼团价' },
  GROUPBUY_LIMIT_REACHED: { status: 422, en: 'You can take part in this group buy at most {{perUserLimit}} times, and you have reached that limit.', zh: '这个拼团每人最多参加 {{perUserLimit}} 次，你已达到上限' },
  GROUPBUY_NEW_CUSTOMERS_ONLY: { status: 422, en: 'This team is for new customers only: shoppers without an earlier paid order.', zh: '这是新人专享团，仅限还没有下过单的新用户参加' },
  GROUPBUY_OWN_TEAM: { status: 422, en: 'This is your own team. Share it with friends instead.', zh: '这是你自己开的团，快分享给好友来参团吧' },
  GROUPBUY_PRICE_NOT_BELOW_LIST: { status: 400, en: 'The group price must be above zero and below the product price.', zh: '拼团价必须大于 0 且低于商品售价' },
  GROUPBUY_SEAT_TIMEOUT_TOO_LONG: { status: 400, en: 'The time to pay for a seat must be shorter than the team expiry.', zh: '参团付款时限必须短于成团有效期' },
  GROUPBUY_SKU_NOT_FOUND: { status: 404, en: 'The selected product option could not be found.', zh: '找不到所选的商品规格' },
  GROUPBUY_SOLD_OUT: { status: 409, en: 'This group buy is sold out.', zh: '这个拼团商品已经抢光了' },
  GROUPBUY_TEAM_ALREADY_OPEN: { status: 409, en: 'You already have an open team in this group buy. Invite friends to fill it first.', zh: '你在这个活动里已有一个进行中的团，先邀请好友把它拼成吧' },
  GROUPBUY_TEAM_CHANGED: { status: 409, en: 'The team changed at the same moment. Please try again.', zh: '团的状态刚刚发生了变化，请重试' },
  GROUPBUY_TEAM_EXPIRED: { status: 410, en: 'This team has run out of time. You can start a new team yourself.', zh: '这个团已经过期了，你可以自己开一个新团' },
  GROUPBUY_TEAM_FULL: { status: 409, en: 'This team is full. You can start a new team yourself.', zh: '这个团已经满员了，你可以自己开一个新团' },
  GROUPBUY_TEAM_NOT_FOUND: { status: 404, en: 'This team could not be found.', zh: '找不到这个团' },
  GROUPBUY_TEAM_NOT_OPEN: { status: 422, en: 'This team is not open for joining. You can start a new team yourself.', zh: '这个团现在不能加入了，你可以自己开一个新团' },
  GROUPBUY_TEAM_SIZE_INVALID: { status: 400, en: 'A team has 2 to 10 members.', zh: '成团人数需在 2 到 10 人之间' },
});

declare module '../../platform/errors.ts' {
  interface ErrorCatalog extends ErrorCodes<typeof groupbuyErrors> {}
}
