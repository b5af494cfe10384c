// The aftersales module's error codes: HTTP status and what a person reads, in English and Chinese.
import { defineErrors, type ErrorCodes } from '../../platform/errors.ts';

export const aftersalesErrors = defineErrors({
  AFTERSALES_ALREADY_DECIDED: { status: 409, en: 'This after-sales request has already been decided. Refresh to see its current status.', zh: '这个售后申请已经处理过了，请刷新查看最新状态' },
  AFTERSALES_ALREADY_OPEN: { status: 409, en: 'This order already has an open after-sales request. Please wait for it to be handled.', zh: '这个订单已有一个处理中的售后申请，请等待处理结果' },
  AFTERSALES_NOT_ALLOWED: { status: 422, en: 'This order cannot have an after-sales request now (it may be unpaid or past the after-sales period).', zh: '这个订单当前不能申请售后（可能未付款或已超过售后期限）' },
  AFTERSALES_NOT_FOUND: { status: 404, en: 'This after-sales request could not be found.', zh: '找不到这个售后申请' },
  AFTERSALES_NOTHING_TO_RETURN: { status: 422, en: 'Nothing has shipped yet, so there is nothing to return. Ask for a refund only instead.', zh: '商品还未发货，无需退货，请直接申请仅退款' },
});

declare module '../../platform/errors.ts' {
  interface ErrorCatalog extends ErrorCodes<typeof aftersalesErrors> {}
}
