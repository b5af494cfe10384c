// Words of the campaign pages' results (KPI cards and drill-down lists), zh-CN and en.
import i18n from 'i18next';
import type { Namespace } from '../../../shared/i18n';

const zh = {
  title: '活动效果',
  range: '统计时间',
  rangeHint: '按中国日期统计，最长 366 天',
  kpi: {
    reach: '参与人数', reachTip: '在统计时间内与本活动有任何互动的人数（已注册账号，或尚未注册的访客）',
    signups: '拉新人数', signupsTip: '经本活动的分享注册的新顾客（末次触达归因）',
    paidOrders: '支付订单', paidOrdersTip: '经本活动的分享带来、已支付的订单数',
    gmv: '支付金额', gmvTip: '上述订单的支付金额，扣除已退款部分',
    cost: '优惠总额', costTip: '活动成本台账中本期记入的成本合计（优惠、券、积分、奖品、奖励、佣金）',
    ratio: '费效比', ratioFormula: '费效比 = 优惠总额 ÷ 支付金额 = {{cost}} ÷ {{gmv}}', ratioNone: '暂无支付金额，无法计算',
  },
  costKind: { discount: '优惠', coupon: '优惠券', points: '积分', prize: '奖品', reward: '奖励', commission: '佣金' },
  more: { shares: '分享 {{n}} 次', clicks: '点击 {{n}} 次', ctr: '点击率 {{v}}', cac: '获客成本 {{v}}', roi: 'ROI {{v}}' },
  person: { unknown: '（已注销）', virtual: '系统补位' },
  teams: {
    title: '团列表', leader: '团长', members: '成员', status: '状态', progress: '成团进度', time: '剩余时间 / 成团时间', createdAt: '开团时间', empty: '还没有人开团',
    left: '剩 {{time}}', overdue: '已到截止时间', completedAt: '{{at}} 成团', failedAt: '{{at}} 失败', paid: '{{paid}} / {{size}} 人已付',
    status_forming: '待支付', status_open: '拼团中', status_completed: '已成团', status_failed: '未成团', status_cancelled: '已取消',
    member_reserved: '待支付', member_paid: '已支付', member_refunding: '退款中', member_refunded: '已退款',
  },
  cuts: {
    title: '砍价列表', owner: '发起人', helpers: '助力人数', price: '当前价', floor: '底价', floorCost: '底价成本', status: '状态', createdAt: '发起时间', empty: '还没有人发起砍价',
    summaryCuts: '发起砍价', summaryFloor: '砍到底价', summaryCost: '底价成本合计', costTip: '底价成本 = 原价 − 底价，计入每一个砍到底价的砍价',
    status_open: '砍价中', status_succeeded: '已砍到底', status_ordered: '已下单', status_bought: '已购买', status_expired: '已过期',
  },
  lottery: {
    prizes: '奖池', prize: '奖品', kind: '类型', odds: '中奖率', stock: '剩余 / 总量', value: '市场价值', wins: '中奖次数', cost: '奖品成本', unlimited: '不限', points: '{{n}} 积分',
    kind_coupon: '优惠券', kind_points: '积分', kind_product: '实物', kind_nothing: '未中奖',
    draws: '抽奖次数', drawers: '抽奖人数', winners: '中奖次数', prizeCost: '奖品总成本', prizeCostTip: '奖品总成本 = Σ 每个奖品的中奖次数 × 市场价值',
    results: '抽奖记录', who: '抽奖人', at: '时间', status: '状态', chance: '机会', actions: '操作', empty: '还没有人抽奖', allStatuses: '全部状态', fellBack: '奖品已抽完，改为未中奖',
    entry_granted: '已发放', entry_to_fulfil: '待发货', entry_fulfilled: '已发货', entry_nothing: '未中奖',
    chance_free: '免费', chance_extra: '额外',
    markSent: '标记已发货', sent: '已标记为已发货', verify: '核验', auditOk: '核验一致', auditBad: '核验不一致',
    grantTitle: '赠送抽奖机会', customers: '顾客', customersPlaceholder: '按姓名、完整手机号或邮箱搜索，可选多位', amount: '每人次数', grant: '赠送',
    pickOne: '请至少选择一位顾客', amountRange: '请输入 1–1000 的整数', granted: '已为 {{n}} 位顾客赠送机会', grantFailed: '{{name}}：{{reason}}',
  },
  loadFailed: '加载失败',
  retry: '重试',
};

const en: typeof zh = {
  title: 'Results',
  range: 'Period',
  rangeHint: 'China calendar days, at most 366',
  kpi: {
    reach: 'Participants', reachTip: 'People who did anything in this campaign during the period (accounts, or visitors not yet signed up)',
    signups: 'New customers', signupsTip: 'Sign-ups brought by this campaign\'s shares (last touch)',
    paidOrders: 'Paid orders', paidOrdersTip: 'Paid orders brought by this campaign\'s shares',
    gmv: 'Paid amount', gmvTip: 'What those orders paid, less what was refunded',
    cost: 'Total discounts', costTip: 'Costs booked in the campaign\'s cost ledger for the period (discounts, coupons, points, prizes, rewards, commission)',
    ratio: 'Cost ratio', ratioFormula: 'Cost ratio = total discounts ÷ paid amount = {{cost}} ÷ {{gmv}}', ratioNone: 'No paid amount yet, so no ratio',
  },
  costKind: { discount: 'Discounts', coupon: 'Coupons', points: 'Points', prize: 'Prizes', reward: 'Rewards', commission: 'Commission' },
  more: { shares: '{{n}} shares', clicks: '{{n}} clicks', ctr: 'CTR {{v}}', cac: 'CAC {{v}}', roi: 'ROI {{v}}' },
  person: { unknown: '(closed account)', virtual: 'Store-filled seat' },
  teams: {
    title: 'Teams', leader: 'Leader', members: 'Members', status: 'Status', progress: 'Progress', time: 'Time left / completed', createdAt: 'Opened', empty: 'No team has been opened yet',
    left: '{{time}} left', overdue: 'Deadline passed', completedAt: 'Completed {{at}}', failedAt: 'Failed {{at}}', paid: '{{paid}} / {{size}} paid',
    status_forming: 'Awaiting payment', status_open: 'Filling', status_completed: 'Completed', status_failed: 'Failed', status_cancelled: 'Cancelled',
    member_reserved: 'Awaiting payment', member_paid: 'Paid', member_refunding: 'Refunding', member_refunded: 'Refunded',
  },
  cuts: {
    title: 'Price-cuts', owner: 'Started by', helpers: 'Helpers', price: 'Price now', floor: 'Floor', floorCost: 'Floor cost', status: 'Status', createdAt: 'Started', empty: 'No one has started a price-cut yet',
    summaryCuts: 'Price-cuts started', summaryFloor: 'Reached the floor', summaryCost: 'Floor cost in all', costTip: 'Floor cost = list price − floor price, for each price-cut that reached the floor',
    status_open: 'Cutting', status_succeeded: 'At the floor', status_ordered: 'Ordered', status_bought: 'Bought', status_expired: 'Expired',
  },
  lottery: {
    prizes: 'Prize pool', prize: 'Prize', kind: 'Kind', odds: 'Odds', stock: 'Left / total', value: 'Market value', wins: 'Won', cost: 'Prize cost', unlimited: 'Unlimited', points: '{{n}} points',
    kind_coupon: 'Coupon', kind_points: 'Points', kind_product: 'Product', kind_nothing: 'Nothing',
    draws: 'Draws', drawers: 'People who drew', winners: 'Prizes won', prizeCost: 'Total prize cost', prizeCostTip: 'Total prize cost = Σ each prize\'s wins × market value',
    results: 'Draws', who: 'Drawn by', at: 'Time', status: 'Status', chance: 'Chance', actions: 'Actions', empty: 'No one has drawn yet', allStatuses: 'All statuses', fellBack: 'The prize ran out; nothing won',
    entry_granted: 'Granted', entry_to_fulfil: 'To send', entry_fulfilled: 'Sent', entry_nothing: 'Nothing won',
    chance_free: 'Free', chance_extra: 'Extra',
    markSent: 'Mark sent', sent: 'Marked as sent', verify: 'Verify', auditOk: 'Verified', auditBad: 'Does not match',
    grantTitle: 'Give draw chances', customers: 'Customers', customersPlaceholder: 'Search by name, whole phone number or email; pick several', amount: 'Chances each', grant: 'Give',
    pickOne: 'Pick at least one customer', amountRange: 'Enter a whole number from 1 to 1000', granted: 'Chances given to {{n}} customers', grantFailed: '{{name}}: {{reason}}',
  },
  loadFailed: 'Could not load',
  retry: 'Retry',
};

export const campaignResults: Namespace = { 'zh-CN': zh, en };

const register = () => {
  for (const lang of ['zh-CN', 'en'] as const) if (!i18n.hasResourceBundle(lang, 'campaignResults')) i18n.addResourceBundle(lang, 'campaignResults', campaignResults[lang]);
};
if (i18n.isInitialized) register();
else i18n.on('initialized', register);
