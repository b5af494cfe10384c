// Not-found errors thrown by more than one part of the coupons service.
import { notFound, defineErrors, type ErrorCodes } from '../../platform/errors.ts';

export const templateNotFound = (id: string) => notFound('COUPONS_TEMPLATE_NOT_FOUND', 'No such coupon', { templateId: id });
export const couponNotFound = (id: string) => notFound('COUPONS_NOT_FOUND', 'No such coupon', { couponId: id });
export const packNotFound = (id: string) => notFound('COUPONS_PACK_NOT_FOUND', 'No such coupon pack', { packId: id });

// Every code this module answers with: status, and what a person reads in each language.
export const couponsErrors = defineErrors({
  COUPONS_BUDGET_EXHAUSTED: { status: 409, en: 'This coupon campaign has run out of budget. Choose another coupon or none.', zh: '这张券的活动预算已用完，请换一张券或不使用优惠券' },
  COUPONS_CLAIM_LIMIT: { status: 409, en: 'You can hold at most {{limit}} of this coupon, and you already have them all.', zh: '这张券每人最多领取 {{limit}} 张，你已领满' },
  COUPONS_EXPIRED: { status: 422, en: 'This coupon has expired or is not valid yet.', zh: '这张优惠券已过期或尚未生效' },
  COUPONS_ISSUE_TOO_MANY: { status: 400, en: 'That is too many users at once. Issue the coupon in smaller batches.', zh: '一次发放的用户太多，请分批发放' },
  COUPONS_NOT_CLAIMABLE: { status: 422, en: 'This coupon cannot be claimed right now.', zh: '这张优惠券现在不能领取' },
  COUPONS_NOT_FOUND: { status: 404, en: 'This coupon could not be found.', zh: '找不到这张优惠券' },
  COUPONS_NOT_USABLE: { status: 422, en: 'This coupon cannot be used on this order (the minimum spend may not be met, the items may not be covered, or it is already used).', zh: '这张优惠券不能用于当前订单（可能未达到使用门槛、商品不在适用范围，或已被使用）' },
  COUPONS_PACK_ALREADY_CLAIMED: { status: 409, en: 'You have already claimed from this share.', zh: '你已经领过这个好友分享的券包了' },
  COUPONS_PACK_FULL: { status: 409, en: 'Too late: {{friendsNeeded}} friends have already claimed from this share.', zh: '来晚了，已经有 {{friendsNeeded}} 位好友领过这个券包了' },
  COUPONS_PACK_INVALID: { status: 400, en: 'The coupon pack is not valid: give it a name and make sure it ends after it starts.', zh: '券包设置有误：请填写名称，并确保结束时间晚于开始时间' },
  COUPONS_PACK_NOT_ACTIVE: { status: 422, en: 'This coupon pack is not open right now.', zh: '这个券包活动未开始或已结束' },
  COUPONS_PACK_NOT_FOUND: { status: 404, en: 'This coupon pack could not be found.', zh: '找不到这个券包' },
  COUPONS_PACK_OWN_SHARE: { status: 422, en: 'You cannot claim from your own share. Send it to friends instead.', zh: '不能领取自己分享的券包，快发给好友吧' },
  COUPONS_PACK_SHARE_NOT_FOUND: { status: 404, en: 'This share link is not for this coupon pack. Check the link.', zh: '这个分享链接不属于该券包，请确认链接是否正确' },
  COUPONS_QUOTA_BELOW_CLAIMED: { status: 409, en: 'The total quantity cannot go below the {{claimed}} already claimed.', zh: '发放总量不能低于已领取数量（已领 {{claimed}} 张）' },
  COUPONS_SHARING_UNAVAILABLE: { status: 503, en: 'Sharing is not available right now. Please try again later.', zh: '分享功能暂时不可用，请稍后再试' },
  COUPONS_SOLD_OUT: { status: 409, en: 'All of these coupons have been claimed.', zh: '优惠券已被领完了' },
  COUPONS_STACKING_NOT_ALLOWED: { status: 422, en: 'At most {{max}} coupons of this kind can be used per order. Unselect the extra ones.', zh: '同类优惠券每单最多使用 {{max}} 张，请取消选择多余的券' },
  COUPONS_TEMPLATE_ENDED: { status: 409, en: 'This coupon has ended and can no longer be changed.', zh: '这张优惠券已结束，不能再修改' },
  COUPONS_TEMPLATE_INVALID: { status: 400, en: 'The coupon settings are not valid. Check the name, amount or percentage off, minimum spend, validity and scope.', zh: '优惠券设置有误：请检查名称、优惠金额或折扣、使用门槛、有效期和适用范围' },
  COUPONS_TEMPLATE_NOT_FOUND: { status: 404, en: 'This coupon could not be found.', zh: '找不到这张优惠券' },
});

declare module '../../platform/errors.ts' {
  interface ErrorCatalog extends ErrorCodes<typeof couponsErrors> {}
}
