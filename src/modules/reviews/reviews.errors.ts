// The reviews module's error codes: HTTP status and what a person reads, in English and Chinese.
import { defineErrors, type ErrorCodes } from '../../platform/errors.ts';

export const reviewsErrors = defineErrors({
  REVIEW_NOT_FOUND: { status: 404, en: 'No such review.', zh: '找不到这条评价' },
  REVIEW_LINE_NOT_FOUND: { status: 404, en: 'No such item in your orders.', zh: '你的订单里没有这件商品' },
  REVIEW_NOT_RECEIVED: { status: 409, en: 'You can review an item once you have received it.', zh: '确认收货后才能评价' },
  REVIEW_LINE_REFUNDED: { status: 409, en: 'This item was returned and refunded, so it cannot be reviewed.', zh: '该商品已退货退款，无法评价' },
  REVIEW_ALREADY_EXISTS: { status: 409, en: 'You have already reviewed this item.', zh: '你已经评价过这件商品了' },
  REVIEW_CONTENT_REFUSED: { status: 422, en: 'The review contains words that are not allowed. Please edit it and try again.', zh: '评价包含不允许发布的内容，请修改后再提交' },
  REVIEW_IMAGE_INVALID: { status: 400, en: 'Images must be pictures you uploaded here, at most 9.', zh: '图片须为本站上传的图片，最多 9 张' },
  REVIEW_ALREADY_VOTED: { status: 409, en: 'You have already found this review helpful.', zh: '你已经点过"有用"了' },
  REVIEW_OWN_VOTE: { status: 409, en: 'You cannot vote on your own review.', zh: '不能给自己的评价点"有用"' },
  REVIEW_NOT_PUBLISHED: { status: 409, en: 'This review is not published.', zh: '这条评价未公开' },
});

declare module '../../platform/errors.ts' {
  interface ErrorCatalog extends ErrorCodes<typeof reviewsErrors> {}
}
