// The audience module's error codes: HTTP status and what a person reads, in English and Chinese.
import { defineErrors, type ErrorCodes } from '../../platform/errors.ts';

export const audienceErrors = defineErrors({
  AUDIENCE_SEGMENT_NOT_FOUND: { status: 404, en: 'No such segment.', zh: '找不到这个人群' },
  AUDIENCE_CUSTOMER_NOT_FOUND: { status: 404, en: 'No such customer.', zh: '找不到这个客户' },
  AUDIENCE_CAMPAIGN_NOT_FOUND: { status: 404, en: 'No such campaign.', zh: '找不到这个活动' },
  AUDIENCE_DISPATCH_NOT_FOUND: { status: 404, en: 'No such dispatch.', zh: '找不到这次投放' },
  AUDIENCE_MESSAGE_NOT_FOUND: { status: 404, en: 'No such message.', zh: '找不到这条消息' },
  AUDIENCE_COUPON_REQUIRED: { status: 400, en: 'A coupon dispatch needs a coupon template.', zh: '发券需要选择一个优惠券' },
  AUDIENCE_COUPON_NOT_ISSUABLE: { status: 422, en: 'This coupon cannot be issued now: activate it first.', zh: '该优惠券当前不能发放，请先启用' },
  AUDIENCE_NOT_IN_SEGMENT: { status: 403, en: 'This campaign is for a selected group of customers.', zh: '该活动仅限特定人群参与' },
});

declare module '../../platform/errors.ts' {
  interface ErrorCatalog extends ErrorCodes<typeof audienceErrors> {}
}
