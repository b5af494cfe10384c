// The orders workbench's words, zh-CN and en (status and order-type names come from the console's own).
import i18n from 'i18next';
import type { Namespace } from '../../shared/i18n';

const zh = {
  all: '全部', buyer: '买家', unknownBuyer: '（已注销）', buyerPlaceholder: '买家：姓名、手机号或邮箱',
  product: '商品', productPlaceholder: '商品名称', kind: '订单类型', dates: '下单日期',
  numberPlaceholder: '订单号', export: '导出 CSV', bulkShip: '批量发货（{{count}}）', more: '加载更多',
  summary: '共 {{count}} 单 · 合计 {{total}}',
  bulkShipTitle: '批量发货：{{count}} 个订单', shipNow: '确认发货', cancel: '取消', carrier: '快递公司', carrierRequired: '请选择快递公司',
  trackingNo: '快递单号', trackingInvalid: '请填写 4–40 位字母、数字或短横线的快递单号', someFailed: '以下订单未能发货，其余已发货：',
};
const en: typeof zh = {
  all: 'All', buyer: 'Buyer', unknownBuyer: '(account closed)', buyerPlaceholder: 'Buyer: name, phone or email',
  product: 'Product', productPlaceholder: 'Product name', kind: 'Order type', dates: 'Order date',
  numberPlaceholder: 'Order number', export: 'Export CSV', bulkShip: 'Ship selected ({{count}})', more: 'Load more',
  summary: '{{count}} orders · total {{total}}',
  bulkShipTitle: 'Ship {{count}} orders', shipNow: 'Ship', cancel: 'Cancel', carrier: 'Carrier', carrierRequired: 'Choose a carrier',
  trackingNo: 'Tracking number', trackingInvalid: 'A tracking number is 4–40 letters, digits or dashes', someFailed: 'These orders did not ship; the rest did:',
};

export const workbench: Namespace = { 'zh-CN': zh, en };

const register = () => {
  for (const lang of ['zh-CN', 'en'] as const) if (!i18n.hasResourceBundle(lang, 'workbench')) i18n.addResourceBundle(lang, 'workbench', workbench[lang]);
};
if (i18n.isInitialized) register();
else i18n.on('initialized', register);
