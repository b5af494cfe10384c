// The orders module's error codes: HTTP status and what a person reads, in English and Chinese.
import { defineErrors, type ErrorCodes } from '../../platform/errors.ts';

export const ordersErrors = defineErrors({
  ORDER_AMOUNT_MISMATCH: { status: 422, en: 'The payment does not match the order total; it will be refunded.', zh: '付款金额与订单金额不一致，款项将原路退回' },
  ORDER_CHANGED: { status: 409, en: 'The order changed at the same moment. Refresh and try again.', zh: '订单刚刚发生了变化，请刷新后重试' },
  ORDER_IDEMPOTENCY_KEY_REUSED: { status: 422, en: 'This request was already used for a different order. Refresh the page and order again.', zh: '请求重复，请刷新页面后重新下单' },
  ORDER_INVALID_TRANSITION: { status: 409, en: 'This order cannot do that in its current status.', zh: '订单当前状态不允许这个操作' },
  ORDER_NOT_FOUND: { status: 404, en: 'This order could not be found.', zh: '找不到这个订单' },
  ORDER_NOT_PAYABLE: { status: 422, en: 'This order cannot be paid now.', zh: '这个订单当前不能付款' },
  // Never thrown: a refund the payment provider declined carries it, so the console explains it in the operator's language.
  ORDER_REFUND_DECLINED: { status: 502, en: 'The payment provider declined this refund, so no money moved; the amount can be refunded again. The provider said: {{gatewayMessage}}', zh: '支付渠道拒绝了这笔退款，款项没有退出，可以重新发起退款。渠道答复：{{gatewayMessage}}' },
  ORDER_REFUND_AMOUNT_EXCEEDED: { status: 422, en: 'That is more than can still be refunded for this order.', zh: '退款金额超过了这个订单还可退的金额' },
  ORDER_REFUND_EMPTY: { status: 422, en: 'Choose what to refund: items, an amount, or everything.', zh: '请选择要退的商品、填写退款金额，或选择全额退款' },
  ORDER_REFUND_EXCEEDS_PAID: { status: 409, en: 'Refunds cannot exceed what was paid.', zh: '退款总额不能超过实付金额' },
  ORDER_REFUND_LINE_UNKNOWN: { status: 422, en: 'That item is not part of this order.', zh: '这件商品不属于这个订单' },
  ORDER_REFUND_NOTHING_LEFT: { status: 422, en: 'Everything paid for this order has already been refunded.', zh: '这个订单的实付金额已经全部退款' },
  ORDER_REFUND_QUANTITY_EXCEEDED: { status: 422, en: 'That is more than can still be refunded for this item.', zh: '退款数量超过了这件商品还可退的数量' },
});

declare module '../../platform/errors.ts' {
  interface ErrorCatalog extends ErrorCodes<typeof ordersErrors> {}
}
