// Words of the order page and the after-sales list, zh-CN and en: history and refund reasons
// and after-sales reasons in words instead of the codes the server records (status and order-type
// names come from the console's own namespace).
import i18n, { type TFunction } from 'i18next';
import type { Namespace } from '../../shared/i18n';

const zh = {
  title: '订单 {{number}}', back: '返回订单列表', overview: '订单信息', number: '订单号', status: '状态', kind: '订单类型', placed: '下单时间', paidAt: '付款时间',
  buyer: '买家', buyerGone: '（账户已注销）', attribution: '订单来源', viaShare: '{{sharer}} 分享到{{channel}}', shareCampaign: '分享所属活动', promoter: '推广员', promoterLevel: '{{level}} 级推广员', direct: '自然下单（没有分享或推广员带来）', campaignTag: '活动标记 {{tag}}',
  delivery: '收货信息', note: '买家留言', tracking: '物流', cancelReason: '取消原因', none: '—',
  lines: '商品明细', product: '商品', spec: '规格', unitPrice: '单价', quantity: '数量', discount: '优惠', lineTotal: '小计', refunded: '已退',
  amounts: '金额', goods: '商品金额（原价）', shipping: '运费', shippingFree: { campaign: '活动包邮', benefit: '会员包邮', threshold: '满额包邮', no_fee: '免运费' }, total: '应付合计', paid: '实付', refundedTotal: '已退款', refundable: '可退',
  discountKind: { campaign: '活动价', tier: '会员折扣', threshold: '满减', coupons: '优惠券', coupon: '优惠券', points: '积分抵扣', other: '其他优惠' },
  history: '状态记录', by: '操作人：{{name}}',
  payments: '支付记录', refunds: '退款记录', noPayments: '暂无支付记录', noRefunds: '暂无退款', gateway: '渠道', amount: '金额', at: '时间', reason: '原因', refundStatus: '状态',
  gateways: { sandbox: '沙箱支付' },
  ship: '发货', shipTitle: '发货：订单 {{number}}', carrier: '快递公司', carrierRequired: '请选择快递公司', trackingNo: '快递单号', trackingInvalid: '请填写 4–40 位字母、数字或短横线的快递单号', shipped: '已发货',
  complete: '确认完成', completeConfirm: '确认买家已收货，将订单标记为已完成？完成后开始计算售后期。', completed: '订单已完成',
  cancel: '取消订单', cancelConfirm: '取消这笔未付款订单？库存会释放，此操作无法撤销。', cancelled: '订单已取消', keep: '不取消',
  refund: '退款', refundTitle: '退款：订单 {{number}}', refundSubmit: '确认退款', refundableHint: '最多可退 {{amount}}，原路退回买家的支付账户。', refundMode: '退款方式', refundFull: '全额退款（含运费）', refundAmount: '部分金额',
  amountYuan: '退款金额（元）', amountRequired: '请输入退款金额', amountTooHigh: '不能超过可退金额 {{amount}}', amountTooLow: '退款金额至少 ¥0.01', reasonLabel: '退款原因', reasonRequired: '请填写退款原因',
  restock: '货物已退回仓库（恢复库存）', close: '关闭', refundBusy: '这个订单有一笔退款正在处理，完成后才能再退款',
  refundPending: '退款 {{amount}} 已提交，正在等待支付渠道确认…', refundSucceeded: '退款 {{amount}} 已成功退回买家', refundFailed: '退款 {{amount}} 失败',
  reasons: {
    placed: '买家下单', imported: '随历史订单导入', payment: '支付成功', noHold: '无需等待，进入待发货', holdTeam: '等待拼团成团', hold: '等待：{{what}}',
    refundStart: '开始全额退款', refundDone: '退款完成', payment_timeout: '超时未付款，自动取消', cancelled_by_shopper: '买家取消', cancelled_by_operator: '运营取消',
    receipt_confirmed: '买家确认收货', completed_by_operator: '运营确认完成', auto_complete: '发货后到期自动确认收货', teamCompleted: '拼团成功', teamClosed: '拼团未成团，订单关闭', ship: '运营发货',
    aftersales: '售后（{{type}}）：{{reason}}', orphan: '订单无法收款，款项自动退回',
  },
  aftersalesReason: { not_as_described: '与描述不符', damaged: '商品破损', wrong_item: '发错货', not_received: '未收到货', changed_mind: '不想要了', quality: '质量问题', other: '其他' },
  channels: { wechat: '微信好友', moments: '朋友圈', weibo: '微博', douyin: '抖音', xiaohongshu: '小红书', link: '链接', qr: '二维码' },
  // After-sales list
  asTitle: '售后', asEmpty: '没有售后申请', asOrder: '订单', asBuyer: '买家', asType: '类型', asReason: '原因', asAmount: '退款金额', asStatus: '状态', asRequested: '申请时间', asDecided: '处理时间',
  asNote: '处理备注', asApprove: '同意', asApproveConfirm: '同意后将通过支付渠道退款 {{amount}}，款项原路退回买家。', asReject: '拒绝', asRejectTitle: '拒绝售后申请', asRejectNote: '拒绝原因（买家可见）', asRejectNoteRequired: '请填写拒绝原因',
  asApproved: '已同意，退款已提交', asRejected: '已拒绝', asMore: '加载更多', asAll: '全部', asActions: '操作',
  asStatuses: { pending: '待处理', approved: '已同意（退款中）', rejected: '已拒绝', refunded: '已退款', cancelled: '买家已撤销' },
};

const en: typeof zh = {
  title: 'Order {{number}}', back: 'Back to orders', overview: 'Order', number: 'Order number', status: 'Status', kind: 'Order type', placed: 'Placed', paidAt: 'Paid',
  buyer: 'Buyer', buyerGone: '(account closed)', attribution: 'Brought by', viaShare: '{{sharer}}’s share on {{channel}}', shareCampaign: 'Share’s campaign', promoter: 'Promoter', promoterLevel: 'Level-{{level}} promoter', direct: 'Direct (no share or promoter brought it)', campaignTag: 'campaign tag {{tag}}',
  delivery: 'Delivery', note: 'Buyer note', tracking: 'Tracking', cancelReason: 'Cancel reason', none: '—',
  lines: 'Lines', product: 'Product', spec: 'Option', unitPrice: 'Unit price', quantity: 'Qty', discount: 'Discount', lineTotal: 'Line total', refunded: 'Refunded',
  amounts: 'Amounts', goods: 'Goods (list price)', shipping: 'Shipping', shippingFree: { campaign: 'free (campaign)', benefit: 'free (member benefit)', threshold: 'free (order over the threshold)', no_fee: 'free' }, total: 'Total', paid: 'Paid', refundedTotal: 'Refunded', refundable: 'Refundable',
  discountKind: { campaign: 'Campaign price', tier: 'Member discount', threshold: 'Spend-and-save', coupons: 'Coupons', coupon: 'Coupon', points: 'Points', other: 'Other discounts' },
  history: 'History', by: 'By {{name}}',
  payments: 'Payments', refunds: 'Refunds', noPayments: 'No payments yet', noRefunds: 'No refunds', gateway: 'Gateway', amount: 'Amount', at: 'When', reason: 'Reason', refundStatus: 'Status',
  gateways: { sandbox: 'Sandbox' },
  ship: 'Ship', shipTitle: 'Ship order {{number}}', carrier: 'Carrier', carrierRequired: 'Choose a carrier', trackingNo: 'Tracking number', trackingInvalid: 'A tracking number is 4–40 letters, digits or dashes', shipped: 'Shipped',
  complete: 'Complete', completeConfirm: 'Confirm the buyer received the goods and mark the order completed? The after-sales period starts now.', completed: 'Order completed',
  cancel: 'Cancel order', cancelConfirm: 'Cancel this unpaid order? Its stock is released; this cannot be undone.', cancelled: 'Order cancelled', keep: 'Keep it',
  refund: 'Refund', refundTitle: 'Refund order {{number}}', refundSubmit: 'Confirm refund', refundableHint: 'Up to {{amount}} can be refunded, back to the buyer’s original payment method.', refundMode: 'Refund type', refundFull: 'Full refund (shipping included)', refundAmount: 'Partial amount',
  amountYuan: 'Refund amount (CNY)', amountRequired: 'Enter the amount to refund', amountTooHigh: 'At most {{amount}} can be refunded', amountTooLow: 'Refund at least ¥0.01', reasonLabel: 'Reason', reasonRequired: 'Enter a reason for the refund',
  restock: 'The goods came back to the warehouse (restock)', close: 'Close', refundBusy: 'A refund of this order is on its way; refund again once it finishes',
  refundPending: 'Refund of {{amount}} sent; waiting for the payment provider…', refundSucceeded: 'Refund of {{amount}} returned to the buyer', refundFailed: 'Refund of {{amount}} failed',
  reasons: {
    placed: 'Placed by the buyer', imported: 'Imported with the order history', payment: 'Payment succeeded', noHold: 'Ready to ship', holdTeam: 'Waiting for the group-buy team to fill', hold: 'Waiting: {{what}}',
    refundStart: 'Full refund started', refundDone: 'Refund finished', payment_timeout: 'Not paid in time; cancelled', cancelled_by_shopper: 'Cancelled by the buyer', cancelled_by_operator: 'Cancelled by an operator',
    receipt_confirmed: 'Buyer confirmed receipt', completed_by_operator: 'Completed by an operator', auto_complete: 'Completed automatically after shipping', teamCompleted: 'Group-buy team filled', teamClosed: 'Group-buy team did not fill; order closed', ship: 'Shipped by an operator',
    aftersales: 'After-sales ({{type}}): {{reason}}', orphan: 'The order could not take the payment; refunded automatically',
  },
  aftersalesReason: { not_as_described: 'Not as described', damaged: 'Arrived damaged', wrong_item: 'Wrong item', not_received: 'Not received', changed_mind: 'Changed mind', quality: 'Quality problem', other: 'Other' },
  channels: { wechat: 'WeChat', moments: 'WeChat Moments', weibo: 'Weibo', douyin: 'Douyin', xiaohongshu: 'Xiaohongshu', link: 'a link', qr: 'a QR code' },
  asTitle: 'After-sales', asEmpty: 'No after-sales requests', asOrder: 'Order', asBuyer: 'Buyer', asType: 'Type', asReason: 'Reason', asAmount: 'Refund', asStatus: 'Status', asRequested: 'Requested', asDecided: 'Decided',
  asNote: 'Operator note', asApprove: 'Approve', asApproveConfirm: 'Approving refunds {{amount}} through the payment provider, back to the buyer’s original payment method.', asReject: 'Reject', asRejectTitle: 'Reject the request', asRejectNote: 'Why (the buyer sees it)', asRejectNoteRequired: 'Enter why you reject it',
  asApproved: 'Approved; the refund is on its way', asRejected: 'Rejected', asMore: 'Load more', asAll: 'All', asActions: 'Actions',
  asStatuses: { pending: 'Pending', approved: 'Approved (refunding)', rejected: 'Rejected', refunded: 'Refunded', cancelled: 'Withdrawn by the buyer' },
};

export const orderdetail: Namespace = { 'zh-CN': zh, en };

const register = () => {
  for (const lang of ['zh-CN', 'en'] as const) if (!i18n.hasResourceBundle(lang, 'orderdetail')) i18n.addResourceBundle(lang, 'orderdetail', orderdetail[lang]);
};
if (i18n.isInitialized) register();
else i18n.on('initialized', register);

/** Any namespace's t: the keys below name their namespace. */
type T = (key: string, options?: Record<string, unknown>) => unknown;

/** An order history row's reason in words: the service records codes ('placed', 'hold: team', 'payment <id>'). */
export function historyReason(tf: TFunction, reason: string, to: string): string {
  const t = tf as unknown as T;
  const r = (key: string, options?: Record<string, unknown>) => String(t(`orderdetail:reasons.${key}`, options));
  if (reason.startsWith('payment ')) return r('payment');
  if (reason.startsWith('refund ')) return r(to === 'refunding' ? 'refundStart' : 'refundDone');
  if (reason === 'no hold') return r('noHold');
  if (reason === 'hold: team') return r('holdTeam');
  if (reason.startsWith('hold: ')) return r('hold', { what: reason.slice(6) });
  if (reason === 'team completed') return r('teamCompleted');
  if (reason === 'group buy team closed') return r('teamClosed');
  const known = ['placed', 'imported', 'payment_timeout', 'cancelled_by_shopper', 'cancelled_by_operator', 'receipt_confirmed', 'completed_by_operator', 'auto_complete', 'ship'];
  return known.includes(reason) ? r(reason) : reason;
}

/** An after-sales reason code in words ('not_as_described' → 与描述不符). */
export const aftersalesReason = (t: TFunction, code: string): string => String((t as unknown as T)(`orderdetail:aftersalesReason.${code}`, { defaultValue: code }));

/** A refund's reason in words: codes the server writes ('imported', 'aftersales refund: damaged'); an operator's own text as typed. */
export function refundReason(tf: TFunction, reason: string): string {
  const t = tf as unknown as T;
  if (reason === 'imported') return String(t('orderdetail:reasons.imported'));
  if (reason.startsWith('order could not take payment')) return String(t('orderdetail:reasons.orphan'));
  const m = /^aftersales (refund|return_refund): (\w+)$/.exec(reason);
  if (m) return String(t('orderdetail:reasons.aftersales', { type: t(`admin:aftersalesType.${m[1]}`), reason: aftersalesReason(tf, m[2]!) }));
  return reason;
}
