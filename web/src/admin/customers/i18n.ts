// The customer pages' words, zh-CN and en. Account status in account words (正常 / 已停用 /
// 已注销), never the product word 上架.
import i18n from 'i18next';
import type { Namespace } from '../../shared/i18n';

const zh = {
  title: '客户', searchPlaceholder: '姓名、邮箱或完整手机号', search: '搜索客户',
  total: '共 {{n}} 位客户',
  name: '客户', phone: '手机号', email: '邮箱', status: '账户状态', tier: '会员等级', points: '积分', orders: '订单数', spent: '消费金额', source: '来源', joined: '注册时间', lastOrder: '最近下单',
  accountStatus: { active: '正常', suspended: '已停用', erased: '已注销' },
  sourceKind: { direct: '自然注册', invite: '好友邀请', share: '分享带来' },
  sourceBy: '{{kind}} · {{name}}',
  hasOrders: '是否下单', withOrders: '有订单', withoutOrders: '无订单', registered: '注册日期', anyTier: '会员等级', anySource: '来源', anyStatus: '账户状态',
  open: '查看',
  // detail
  back: '返回客户列表', overview: '概况', paidOrders: '已付订单', registeredAt: '注册时间', roles: '角色', suspendedReason: '停用原因',
  tabs: { orders: '订单 ({{count}})', addresses: '收货地址 ({{count}})', referral: '邀请关系', promoter: '推广', shares: '分享', points: '积分' },
  orderNumber: '订单号', orderStatus: '状态', orderKind: '类型', orderTotal: '金额', orderPaid: '实付', placedAt: '下单时间', recentOrders: '显示最近 {{shown}} 单，共 {{count}} 单',
  recipient: '收货人', region: '地区', line1: '详细地址', isDefault: '默认', defaultTag: '默认地址', addressesMasked: '地址已脱敏，完整信息需在资料中点击“显示”并填写原因（记入审计日志）。',
  inviter: '邀请人', invitedVia: { code: '邀请码', share: '邀请链接' }, invitedAt: '邀请时间', noInviter: '不是通过邀请注册的',
  signupShare: '注册来自分享', sharer: '分享人', channelLabel: '渠道',
  invitees: '邀请的好友', inviteesSummary: '共邀请 {{total}} 人，{{qualified}} 人已达标', noInvitees: '还没有邀请好友',
  referralStatus: { pending: '待达标', qualified: '已达标', refused: '未通过', reversed: '已撤销' },
  binding: '绑定的推广员', noBinding: '没有绑定推广员', bindingSource: { share: '分享链接', order: '下单', operator: '运营绑定' }, boundAt: '绑定时间', expiresAt: '到期', forever: '长期', lapsed: '已失效',
  ownPromoter: '作为推广员', notPromoter: '不是推广员', promoterStatus: { pending: '待审核', approved: '已通过', rejected: '已拒绝' }, boundCustomers: '绑定客户', commission: '累计佣金', balance: '可提现余额', appliedAt: '申请时间',
  sharesMade: '分享次数', clicks: '他人点击', signups: '带来注册', sharedOrders: '带来订单', sharedPaid: '其中已付', byChannel: '按渠道',
  pointsBalance: '积分余额', growth: '成长值', nextTier: '距{{name}}还差 {{n}} 成长值', expiring: '{{points}} 积分将于 {{at}} 过期', history: '积分明细', noHistory: '还没有积分记录', delta: '变动', reason: '原因', balanceAfter: '余额', at: '时间',
  empty: '没有符合条件的客户', none: '–', loyaltyPage: '积分规则与会员等级',
  channel: { wechat: '微信', moments: '朋友圈', weibo: '微博', douyin: '抖音', xiaohongshu: '小红书', link: '链接', qr: '二维码' },
};
const en: typeof zh = {
  title: 'Customers', searchPlaceholder: 'Name, email or full phone number', search: 'Search customers',
  total: 'Customers: {{n}}',
  name: 'Customer', phone: 'Phone', email: 'Email', status: 'Account', tier: 'Tier', points: 'Points', orders: 'Orders', spent: 'Spent', source: 'Source', joined: 'Joined', lastOrder: 'Last order',
  accountStatus: { active: 'Active', suspended: 'Suspended', erased: 'Erased' },
  sourceKind: { direct: 'Direct', invite: 'Invited', share: 'Via a share' },
  sourceBy: '{{kind}} · {{name}}',
  hasOrders: 'Orders', withOrders: 'Has orders', withoutOrders: 'No orders', registered: 'Joined between', anyTier: 'Tier', anySource: 'Source', anyStatus: 'Account',
  open: 'Open',
  back: 'Back to customers', overview: 'Overview', paidOrders: 'Paid orders', registeredAt: 'Joined', roles: 'Roles', suspendedReason: 'Suspended because',
  tabs: { orders: 'Orders ({{count}})', addresses: 'Addresses ({{count}})', referral: 'Referral', promoter: 'Promoter', shares: 'Shares', points: 'Points' },
  orderNumber: 'Order number', orderStatus: 'Status', orderKind: 'Type', orderTotal: 'Total', orderPaid: 'Paid', placedAt: 'Placed', recentOrders: 'The latest {{shown}} of {{count}} orders',
  recipient: 'Recipient', region: 'Region', line1: 'Street', isDefault: 'Default', defaultTag: 'Default', addressesMasked: 'Addresses are masked; reveal them in full from the profile with a reason (written to the audit log).',
  inviter: 'Invited by', invitedVia: { code: 'invite code', share: 'invite link' }, invitedAt: 'Invited', noInviter: 'Did not sign up through an invitation',
  signupShare: 'Signed up from a share', sharer: 'Shared by', channelLabel: 'Channel',
  invitees: 'Friends invited', inviteesSummary: '{{total}} invited, {{qualified}} qualified', noInvitees: 'Has not invited anyone yet',
  referralStatus: { pending: 'Pending', qualified: 'Qualified', refused: 'Refused', reversed: 'Reversed' },
  binding: 'Bound to promoter', noBinding: 'Not bound to a promoter', bindingSource: { share: 'share link', order: 'order', operator: 'by an operator' }, boundAt: 'Bound', expiresAt: 'Until', forever: 'No end', lapsed: 'Lapsed',
  ownPromoter: 'As a promoter', notPromoter: 'Not a promoter', promoterStatus: { pending: 'Pending', approved: 'Approved', rejected: 'Rejected' }, boundCustomers: 'Bound customers', commission: 'Commission earned', balance: 'Withdrawable', appliedAt: 'Applied',
  sharesMade: 'Shares', clicks: 'Clicks by others', signups: 'Sign-ups brought', sharedOrders: 'Orders brought', sharedPaid: 'of them paid', byChannel: 'By channel',
  pointsBalance: 'Points balance', growth: 'Growth', nextTier: '{{n}} growth to {{name}}', expiring: '{{points}} points expire on {{at}}', history: 'Points history', noHistory: 'No points yet', delta: 'Change', reason: 'Reason', balanceAfter: 'Balance', at: 'When',
  empty: 'No customers match', none: '–', loyaltyPage: 'Points rules and tiers',
  channel: { wechat: 'WeChat', moments: 'Moments', weibo: 'Weibo', douyin: 'Douyin', xiaohongshu: 'Xiaohongshu', link: 'Link', qr: 'QR code' },
};

export const customersPage: Namespace = { 'zh-CN': zh, en };

const register = () => {
  for (const lang of ['zh-CN', 'en'] as const) if (!i18n.hasResourceBundle(lang, 'customersPage')) i18n.addResourceBundle(lang, 'customersPage', customersPage[lang]);
};
if (i18n.isInitialized) register();
else i18n.on('initialized', register);
