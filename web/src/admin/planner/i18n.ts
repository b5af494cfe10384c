// The planner screens' words (namespace `planner`). Like experiments', this adds itself to
// i18next as soon as it is initialised, so the console's i18n setup needs no line for it.
import i18n from 'i18next';
import type { Namespace } from '../../shared/i18n';

const zh = {
  nav: { group: '活动策划', list: '活动方案' },
  status: { draft: '草稿', launching: '发布中', launched: '已发布' },
  goal: { new_customers: '新客数', gmv: '成交额（GMV）', k: '裂变系数 K' },
  mechanic: { groupbuy: '拼团', referral: '邀请有礼', coupon: '优惠券' },
  list: { title: '活动方案', hint: '先定目标、人群、预算、时间和玩法，看模拟器的预测与发布前检查，再一键创建并开始活动（可带 A/B 实验）。', new: '新建方案', empty: '还没有活动方案', name: '名称', mechanic: '玩法', goal: '目标', status: '状态', dates: '时间', open: '查看' },
  form: {
    title: '新建活动方案', name: '方案名称', goalMetric: '目标', goalTarget: '目标值', goalHint: '新客数填人数，GMV 填元，K 填小数（如 0.5）',
    segment: '目标人群', everyone: '全部顾客', budget: '预算（元，留空为不设上限）', startsAt: '开始时间', endsAt: '结束时间', mechanic: '玩法',
    skuId: 'SKU ID', groupPrice: '拼团价（元）', teamSize: '成团人数', stock: '活动库存',
    inviterPoints: '邀请人奖励积分', inviteePoints: '被邀请人奖励积分',
    couponKind: '券类型', fixed: '立减券', threshold: '满减券', discount: '面额（元）', minSpend: '使用门槛（元）', validDays: '领取后有效天数',
    channels: '分享渠道', abTest: 'A/B 实验：对照组 50% 与实验组 50%', treatment: '实验组取值', treatmentHint: '实验组改变的规则：{{key}}',
    save: '保存方案', saved: '方案已保存', bad: '请检查：{{field}}',
  },
  channel: { wechat: '微信', moments: '朋友圈', weibo: '微博', douyin: '抖音', xiaohongshu: '小红书', link: '链接', qr: '二维码' },
  detail: {
    summary: '方案', audience: '人群', budget: '预算', none: '不设上限', days: '{{n}} 天', variants: '实验版本', control: '对照组',
    forecast: '模拟预测', runForecast: '运行预测', forecastHint: '蒙特卡洛模拟，80% 区间（P10–P90）', day: '日期', reach: '触达', newCustomers: '新客', orders: '订单', cost: '奖励成本',
    budgetOut: '预算耗尽：{{share}} 的模拟在第 {{p10}}–{{p90}} 天用完（中位第 {{p50}} 天）', budgetSafe: '多数模拟中预算不会用完',
    checks: '发布前检查', recheck: '重新检查', checksFromPlan: '按方案检查（活动创建后改为活动的完整检查）', noFindings: '没有发现问题', block: '阻止', warn: '提醒', info: '说明',
    launch: '创建并开始活动', launched: '活动已创建并开始', campaign: '活动', experiment: '查看实验', report: '复盘报告', launchedAt: '发布于 {{at}}',
  },
  report: {
    title: '复盘报告', print: '打印', csv: '导出 CSV', period: '统计区间 {{from}} 至 {{to}}', planned: '计划', actual: '实际', attainment: '达成率',
    goal: '目标', budget: '预算 / 成本', days: '天数', outcome: '结果', reach: '触达', shares: '分享', clicks: '点击', newCustomers: '新客', paidOrders: '支付订单', gmv: 'GMV',
    cost: '成本', cac: '获客成本（CAC）', roi: 'ROI', kFactor: 'K 系数', observedK: '实测 K', cycle: '裂变周期（中位）',
    cascades: '传播树', cascadeCount: '传播树数', largest: '最大规模', maxDepth: '最大深度', virality: '平均结构病毒性',
    incremental: '增量效果（对照组比较）', variant: '版本', n: '人数', controlMean: '对照组均值', mean: '版本均值', diff: '差值（95% 区间）', sequential: '序贯区间', relative: '相对提升', total: '增量总数（95% 区间）', p: '校正后 p', significant: '显著', srmBad: '样本比例失衡：结果不可信', noExperiment: '本方案没有 A/B 实验', noEffects: '每个版本至少需要两位用户才能比较',
    forecastVs: '预测与实际', metric: '指标', band: '预测 P10–P90', median: '预测中位', within: '在区间内', outside: '在区间外', noForecast: '发布时未保存预测', asOfDay: '与预测第 {{day}} 天（共 {{days}} 天）的累计值比较',
  },
};

const en: typeof zh = {
  nav: { group: 'Planning', list: 'Campaign plans' },
  status: { draft: 'Draft', launching: 'Launching', launched: 'Launched' },
  goal: { new_customers: 'New customers', gmv: 'GMV', k: 'Viral K' },
  mechanic: { groupbuy: 'Group buy', referral: 'Invite friends', coupon: 'Coupon' },
  list: { title: 'Campaign plans', hint: 'Set a goal, audience, budget, schedule and mechanic; read the simulator’s forecast and the pre-launch checks; then create and start the campaign (with an A/B test) in one step.', new: 'New plan', empty: 'No plans yet', name: 'Name', mechanic: 'Mechanic', goal: 'Goal', status: 'Status', dates: 'Dates', open: 'Open' },
  form: {
    title: 'New campaign plan', name: 'Plan name', goalMetric: 'Goal', goalTarget: 'Target', goalHint: 'New customers as a count, GMV in yuan, K as a ratio (e.g. 0.5)',
    segment: 'Audience', everyone: 'All customers', budget: 'Budget (yuan; blank for no ceiling)', startsAt: 'Starts', endsAt: 'Ends', mechanic: 'Mechanic',
    skuId: 'SKU ID', groupPrice: 'Group price (yuan)', teamSize: 'Team size', stock: 'Campaign stock',
    inviterPoints: 'Inviter reward (points)', inviteePoints: 'Invitee reward (points)',
    couponKind: 'Coupon kind', fixed: 'Amount off', threshold: 'Spend X save Y', discount: 'Value (yuan)', minSpend: 'Minimum spend (yuan)', validDays: 'Valid days after claim',
    channels: 'Share channels', abTest: 'A/B test: control 50% and treatment 50%', treatment: 'Treatment value', treatmentHint: 'The rule the treatment changes: {{key}}',
    save: 'Save plan', saved: 'Plan saved', bad: 'Check: {{field}}',
  },
  channel: { wechat: 'WeChat', moments: 'Moments', weibo: 'Weibo', douyin: 'Douyin', xiaohongshu: 'Xiaohongshu', link: 'Link', qr: 'QR code' },
  detail: {
    summary: 'Plan', audience: 'Audience', budget: 'Budget', none: 'No ceiling', days: '{{n}} days', variants: 'Variants', control: 'control',
    forecast: 'Forecast', runForecast: 'Run forecast', forecastHint: 'Monte Carlo simulation, 80% band (P10–P90)', day: 'Date', reach: 'Reach', newCustomers: 'New customers', orders: 'Orders', cost: 'Reward cost',
    budgetOut: 'Budget runs out in {{share}} of runs, on day {{p10}}–{{p90}} (median day {{p50}})', budgetSafe: 'The budget lasts in most runs',
    checks: 'Pre-launch checks', recheck: 'Check again', checksFromPlan: 'Checked on the plan (once the campaign exists, its full review)', noFindings: 'Nothing found', block: 'Blocks', warn: 'Warning', info: 'Note',
    launch: 'Create and start the campaign', launched: 'Campaign created and started', campaign: 'Campaign', experiment: 'Open the experiment', report: 'Report', launchedAt: 'Launched {{at}}',
  },
  report: {
    title: 'Post-campaign report', print: 'Print', csv: 'Export CSV', period: 'From {{from}} to {{to}}', planned: 'Planned', actual: 'Actual', attainment: 'Attainment',
    goal: 'Goal', budget: 'Budget / cost', days: 'Days', outcome: 'Outcome', reach: 'Reach', shares: 'Shares', clicks: 'Clicks', newCustomers: 'New customers', paidOrders: 'Paid orders', gmv: 'GMV',
    cost: 'Cost', cac: 'CAC', roi: 'ROI', kFactor: 'K-factor', observedK: 'Observed K', cycle: 'Viral cycle time (median)',
    cascades: 'Cascades', cascadeCount: 'Cascades', largest: 'Largest', maxDepth: 'Deepest', virality: 'Mean structural virality',
    incremental: 'Incremental effect against the control', variant: 'Variant', n: 'Subjects', controlMean: 'Control mean', mean: 'Variant mean', diff: 'Difference (95% CI)', sequential: 'Always-valid interval', relative: 'Relative lift', total: 'Incremental total (95% CI)', p: 'Adjusted p', significant: 'significant', srmBad: 'Sample-ratio mismatch: do not trust these results', noExperiment: 'This plan has no A/B test', noEffects: 'A comparison needs at least two subjects in each variant',
    forecastVs: 'Forecast beside the outcome', metric: 'Metric', band: 'Forecast P10–P90', median: 'Forecast median', within: 'within the band', outside: 'outside the band', noForecast: 'No forecast was stored at launch', asOfDay: 'Held to the forecast’s cumulative bands for day {{day}} of {{days}}',
  },
};

export const planner: Namespace = { 'zh-CN': zh, en };

const register = () => {
  for (const lang of ['zh-CN', 'en'] as const) if (!i18n.hasResourceBundle(lang, 'planner')) i18n.addResourceBundle(lang, 'planner', planner[lang]);
};
if (i18n.isInitialized) register();
else i18n.on('initialized', register);
