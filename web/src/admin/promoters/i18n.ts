// The promoter pages' own words, zh-CN and en (column names shared with the rest of the console come from 'admin').
import i18n from 'i18next';
import type { Namespace } from '../../shared/i18n';

const zh = {
  search: '姓名、完整手机号或邮箱', searchLabel: '搜索推广员', promoter: '推广员', orders: '带来订单', gmv: '带来成交额', commission: '佣金（净）',
  joined: '加入时间', unknown: '（已注销）', total: '共 {{count}} 位推广员', withdrawals: '提现记录',
  payout: '收款账户', noPayout: '未填写', payoutMethod: { wechat: '微信', alipay: '支付宝', bank: '银行卡' },
  all: '全部', approve: '通过', reject: '驳回', markPaid: '确认已打款', noteOptional: '备注（可选）', reasonRequired: '请填写驳回原因', reason: '驳回原因',
  approveTitle: '通过 {{name}} 的申请？', rejectTitle: '驳回 {{name}} 的申请', payTitle: '确认已向 {{name}} 打款 {{amount}}？', rejectWithdrawalTitle: '驳回 {{name}} 的提现',
  done: '已处理', cancel: '取消', confirm: '确认', more: '加载更多', forPromoter: '{{name}} 的提现',
};
const en: typeof zh = {
  search: 'Name, whole phone number or email', searchLabel: 'Search promoters', promoter: 'Promoter', orders: 'Orders brought', gmv: 'GMV brought', commission: 'Commission (net)',
  joined: 'Joined', unknown: '(account closed)', total: '{{count}} promoters', withdrawals: 'Withdrawals',
  payout: 'Payout account', noPayout: 'Not given', payoutMethod: { wechat: 'WeChat Pay', alipay: 'Alipay', bank: 'Bank card' },
  all: 'All', approve: 'Approve', reject: 'Reject', markPaid: 'Mark paid', noteOptional: 'Note (optional)', reasonRequired: 'Give a reason for rejecting', reason: 'Reason',
  approveTitle: 'Approve {{name}}?', rejectTitle: 'Reject {{name}}', payTitle: 'Confirm {{amount}} has been paid to {{name}}?', rejectWithdrawalTitle: 'Reject the withdrawal of {{name}}',
  done: 'Done', cancel: 'Cancel', confirm: 'Confirm', more: 'Load more', forPromoter: 'Withdrawals of {{name}}',
};

export const promoters: Namespace = { 'zh-CN': zh, en };

const register = () => {
  for (const lang of ['zh-CN', 'en'] as const) if (!i18n.hasResourceBundle(lang, 'promoters')) i18n.addResourceBundle(lang, 'promoters', promoters[lang]);
};
if (i18n.isInitialized) register();
else i18n.on('initialized', register);
