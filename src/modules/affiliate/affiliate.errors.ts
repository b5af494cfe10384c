// The affiliate module's error codes: HTTP status and what a person reads, in English and Chinese.
import { defineErrors, type ErrorCodes } from '../../platform/errors.ts';

export const affiliateErrors = defineErrors({
  AFFILIATE_APPLICATION_DECIDED: { status: 409, en: 'This promoter application has already been decided. Refresh to see its current status.', zh: '这份推广员申请已经处理过了，请刷新查看最新状态' },
  AFFILIATE_APPLICATION_NOT_FOUND: { status: 404, en: 'This promoter application could not be found.', zh: '找不到这份推广员申请，可能已被删除' },
  AFFILIATE_BINDING_ALREADY_BOUND: { status: 422, en: 'This customer is already linked to a promoter.', zh: '该顾客已绑定了其他推广员' },
  AFFILIATE_BINDING_DOWNLINE: { status: 422, en: 'A customer cannot be linked to a promoter in their own downline.', zh: '不能绑定到自己下线中的推广员' },
  AFFILIATE_BINDING_NOT_PROMOTER: { status: 422, en: 'That user is not an approved promoter.', zh: '该用户还不是已通过审核的推广员' },
  AFFILIATE_BINDING_SELF: { status: 422, en: 'A customer cannot be linked to themselves.', zh: '顾客不能绑定自己为推广员' },
  AFFILIATE_CURSOR_INVALID: { status: 400, en: 'That page link is out of date. Start the list again from the first page.', zh: '分页链接已失效，请从第一页重新查看' },
  AFFILIATE_INSUFFICIENT_BALANCE: { status: 422, en: 'That is more than your available commission. Enter a smaller amount.', zh: '可提现佣金不足，请减少提现金额' },
  AFFILIATE_NOT_APPROVED: { status: 403, en: 'Only approved promoters can see what they would earn per product.', zh: '成为已通过审核的推广员后才能查看每件商品的预估佣金' },
  AFFILIATE_NOT_PROMOTER: { status: 403, en: 'Only approved promoters can withdraw commission.', zh: '成为已通过审核的推广员后才能提现佣金' },
  AFFILIATE_PRODUCT_RATE_NOT_FOUND: { status: 404, en: 'This product has no commission rate of its own.', zh: '该商品没有单独设置佣金比例' },
  AFFILIATE_STATEMENT_RANGE: { status: 400, en: 'The end date must be after the start date.', zh: '结束日期必须晚于开始日期' },
  AFFILIATE_THIRD_LEVEL_FORBIDDEN: { status: 422, en: 'Commission is paid on two levels at most; a third level is not allowed.', zh: '佣金最多只能设置两级，不允许设置第三级' },
  AFFILIATE_WITHDRAW_BELOW_MINIMUM: { status: 422, en: 'That is below the minimum withdrawal. Enter a larger amount.', zh: '提现金额低于最低提现额度，请提高金额后再试' },
  AFFILIATE_WITHDRAWAL_DECIDED: { status: 409, en: 'This withdrawal has already been decided. Refresh to see its current status.', zh: '这笔提现已经处理过了，请刷新查看最新状态' },
  AFFILIATE_WITHDRAWAL_NOT_FOUND: { status: 404, en: 'This withdrawal could not be found.', zh: '找不到这笔提现记录' },
});

declare module '../../platform/errors.ts' {
  interface ErrorCatalog extends ErrorCodes<typeof affiliateErrors> {}
}
