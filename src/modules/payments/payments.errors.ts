// The payments module's error codes: HTTP status and what a person reads, in English and Chinese.
import { defineErrors, type ErrorCodes } from '../../platform/errors.ts';

export const paymentsErrors = defineErrors({
  PAYMENTS_GATEWAY_NOT_FOUND: { status: 404, en: 'That payment method is not available. Choose another one.', zh: '不支持这种支付方式，请换一种' },
  PAYMENTS_GATEWAY_UNAVAILABLE: { status: 503, en: 'The payment provider did not answer. Please try again.', zh: '支付服务暂时没有响应，请稍后重试' },
  PAYMENTS_IDEMPOTENCY_KEY_REUSED: { status: 422, en: 'This request was already used for another order. Refresh the page and pay again.', zh: '请求重复，请刷新页面后重新付款' },
  PAYMENTS_NOT_CONFIRMABLE: { status: 409, en: 'This payment is already being processed or finished. Refresh to see the order status.', zh: '这笔付款正在处理或已完成，请刷新查看订单状态' },
  PAYMENTS_NOT_FOUND: { status: 404, en: 'This payment could not be found.', zh: '找不到这笔付款' },
  PAYMENTS_ORDER_ALREADY_PAID: { status: 409, en: 'This order is already paid.', zh: '这个订单已经付过款了' },
  PAYMENTS_ORDER_NOT_PAID: { status: 422, en: 'This order has no successful payment to refund.', zh: '这个订单没有成功的付款，无法退款' },
  PAYMENTS_ORDER_NOT_PAYABLE: { status: 409, en: 'This order cannot be paid now (it may be cancelled or closed).', zh: '这个订单当前不能付款（可能已取消或已关闭）' },
  PAYMENTS_REFUND_EXCEEDS_PAID: { status: 422, en: 'That is more than can still be refunded for this payment.', zh: '退款金额超过了这笔付款还可退的金额' },
  PAYMENTS_REFUND_IN_PROGRESS: { status: 409, en: 'A refund for this order is already on its way. Wait for it to finish.', zh: '这个订单已有一笔退款正在处理中，请等待完成后再试' },
  PAYMENTS_REFUND_NOT_FOUND: { status: 404, en: 'This refund could not be found.', zh: '找不到这笔退款' },
  PAYMENTS_WEBHOOK_SIGNATURE_INVALID: { status: 400, en: 'The payment notification failed its signature check and was refused.', zh: '支付通知签名校验失败，已拒绝' },
});

declare module '../../platform/errors.ts' {
  interface ErrorCatalog extends ErrorCodes<typeof paymentsErrors> {}
}
