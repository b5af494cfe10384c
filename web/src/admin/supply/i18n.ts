// The supply screens' words (namespace `supply`). The console's i18n setup (../main.tsx) lists
// its namespaces; this one adds itself to i18next as soon as it is initialised, so the supply
// screens need no line there.
import i18n from 'i18next';
import type { Namespace } from '../../shared/i18n';

const zh = {
  nav: { group: '供应链', alerts: '补货预警', backtest: '预测回测', settings: '补货参数' },
  alert: { stockout_before_lead_time: '补货来不及', below_safety_stock: '低于安全库存', below_reorder_point: '已到补货点' },
  alerts: {
    title: '补货预警', hint: '按每个规格的日需求预测（星期规律、法定节假日、购物节与已排期活动的拉动）计算：可售库存在补货周期内售罄、低于安全库存或已到补货点的规格。每晚 2:00 自动重算。',
    computedAt: '计算于 {{at}}', never: '尚未计算，请点击“重新计算”。', recompute: '重新计算', recomputed: '已重新计算：{{skus}} 个规格，{{alerts}} 个预警（{{ms}} 毫秒）',
    sku: '商品规格', available: '可售', daily: '日需求预测', stockOut: '预计售罄', reorderPoint: '补货点', safety: '安全库存', suggested: '建议补货量', leadTime: '补货周期', alerts: '预警', empty: '没有需要补货的规格', chart: '预测图', days: '{{count}} 天', none: '—',
  },
  sku: {
    title: '需求预测：{{name}}', hint: '实线为每日已支付件数，虚线为预测，阴影为 80% 区间，柱形标出活动日。', history: '实际销量', forecast: '预测', band: '80% 区间', campaignDays: '活动日', back: '返回预警列表',
    plan: '补货计划', sigma: '日预测误差（σ）', serviceLevel: '服务水平', historyUnits: '学习期销量', campaigns: '该规格的活动', mechanic: '玩法', window: '时间', status: '状态', noCampaigns: '没有活动',
  },
  backtest: {
    title: '预测回测', hint: '滚动起点回测：每个起点只用之前的数据拟合，预测之后 7 天，与“上周同日”（季节性朴素法）比较 WAPE（Σ|实际−预测| ÷ Σ实际）。目标：WAPE 比季节性朴素法低 20%。',
    none: '还没有回测结果：点击“运行回测”（较慢）。', run: '运行回测', ran: '回测完成：模型 WAPE {{model}}，朴素法 {{naive}}',
    history: '学习期 {{from}} 至 {{to}}，{{skus}} 个规格，{{origins}} 个起点 × {{horizon}} 天，测试期销量 {{units}} 件', at: '回测于 {{at}}',
    level: '口径', model: '模型 WAPE', naive: '季节性朴素 WAPE', diff: '模型相对朴素法', perSkuDay: '每规格每日', perSkuTotal: '每规格 7 天合计（补货点所需）', storeDay: '全店每日',
    byHorizon: '按提前天数（每规格每日）', bias: '偏差 Σ(预测−实际) ÷ Σ实际：模型 {{model}}，季节性朴素 {{naive}}（负数为低估）', ahead: '提前天数', effects: '学到的事件效应', key: '事件', factor: '系数', effectDays: '天数', actual: '实际', expected: '基线', season: '全店星期系数',
    weekdays: { 0: '周日', 1: '周一', 2: '周二', 3: '周三', 4: '周四', 5: '周五', 6: '周六' },
    keys: { holiday: '法定节假日', 'festival:618': '618', 'festival:double11': '双11', 'festival:double12': '双12', 'festival:nianhuo': '年货节', 'campaign:groupbuy': '拼团活动', 'campaign:bargain': '砍价活动', 'campaign:flashsale': '秒杀活动' },
  },
  settings: {
    title: '补货参数', hint: '补货周期：从下单到上架的天数；服务水平：补货周期内不断货的概率（安全库存 = z × σ × √补货周期）；覆盖天数：一次补货覆盖补货周期之后的天数。改动在下次计算时生效。',
    defaults: '全店默认', perSku: '单独设置的规格', skuId: '规格 ID', leadTime: '补货周期（天）', serviceLevel: '服务水平（如 0.95）', coverDays: '覆盖天数', save: '保存', saved: '已保存', remove: '恢复默认', removed: '已恢复默认', empty: '没有单独设置的规格', add: '为规格单独设置',
  },
};

const en: typeof zh = {
  nav: { group: 'Supply', alerts: 'Reorder alerts', backtest: 'Forecast backtest', settings: 'Reorder settings' },
  alert: { stockout_before_lead_time: 'Runs out before a reorder arrives', below_safety_stock: 'Below safety stock', below_reorder_point: 'At reorder point' },
  alerts: {
    title: 'Reorder alerts', hint: 'From each option’s daily demand forecast (weekday pattern, public holidays, shopping festivals and the uplift of scheduled campaigns): options whose available stock runs out within the lead time, falls below safety stock or reaches the reorder point. Recomputed nightly at 02:00.',
    computedAt: 'Computed {{at}}', never: 'Not computed yet: press Recompute.', recompute: 'Recompute', recomputed: 'Recomputed: {{skus}} options, {{alerts}} alerts ({{ms}} ms)',
    sku: 'Option', available: 'Available', daily: 'Daily forecast', stockOut: 'Stock-out', reorderPoint: 'Reorder point', safety: 'Safety stock', suggested: 'Suggested order', leadTime: 'Lead time', alerts: 'Alerts', empty: 'Nothing to reorder', chart: 'Chart', days: '{{count}} days', none: '—',
  },
  sku: {
    title: 'Demand forecast: {{name}}', hint: 'Solid: units paid per day; dashed: forecast; shaded: 80% band; bars mark campaign days.', history: 'Sold', forecast: 'Forecast', band: '80% band', campaignDays: 'Campaign days', back: 'Back to alerts',
    plan: 'Reorder plan', sigma: 'Daily forecast error (σ)', serviceLevel: 'Service level', historyUnits: 'Units learnt from', campaigns: 'Campaigns on this option', mechanic: 'Mechanic', window: 'Days', status: 'Status', noCampaigns: 'No campaigns',
  },
  backtest: {
    title: 'Forecast backtest', hint: 'Rolling-origin backtest: at each origin the model is fitted on earlier days only and forecasts the next 7, compared by WAPE (Σ|actual − forecast| ÷ Σ actual) with seasonal naive (same weekday last week). Goal: 20% lower WAPE than seasonal naive.',
    none: 'No backtest yet: press Run backtest (slower).', run: 'Run backtest', ran: 'Backtest done: model WAPE {{model}}, naive {{naive}}',
    history: 'History {{from}} to {{to}}, {{skus}} options, {{origins}} origins × {{horizon}} days, {{units}} units in the test windows', at: 'Backtested {{at}}',
    level: 'Level', model: 'Model WAPE', naive: 'Seasonal naive WAPE', diff: 'Model vs naive', perSkuDay: 'Per option per day', perSkuTotal: 'Per option, 7-day total (what a reorder point needs)', storeDay: 'Whole store per day',
    byHorizon: 'By days ahead (per option per day)', bias: 'Bias Σ(forecast − actual) ÷ Σ actual: model {{model}}, seasonal naive {{naive}} (negative: under-forecast)', ahead: 'Days ahead', effects: 'Event effects learnt', key: 'Event', factor: 'Factor', effectDays: 'Days', actual: 'Actual', expected: 'Baseline', season: 'Store weekday index',
    weekdays: { 0: 'Sun', 1: 'Mon', 2: 'Tue', 3: 'Wed', 4: 'Thu', 5: 'Fri', 6: 'Sat' },
    keys: { holiday: 'Public holiday', 'festival:618': '618', 'festival:double11': 'Double 11', 'festival:double12': 'Double 12', 'festival:nianhuo': 'New Year goods festival', 'campaign:groupbuy': 'Group-buy campaign', 'campaign:bargain': 'Price-cut campaign', 'campaign:flashsale': 'Flash-sale campaign' },
  },
  settings: {
    title: 'Reorder settings', hint: 'Lead time: days from ordering to units on the shelf; service level: the chance of not running out during a lead time (safety stock = z × σ × √lead time); cover days: days of demand an order covers beyond its lead time. Changes apply at the next recompute.',
    defaults: 'Store defaults', perSku: 'Options with their own settings', skuId: 'Option ID', leadTime: 'Lead time (days)', serviceLevel: 'Service level (e.g. 0.95)', coverDays: 'Cover days', save: 'Save', saved: 'Saved', remove: 'Use defaults', removed: 'Back to defaults', empty: 'No option has its own settings', add: 'Set an option’s own',
  },
};

export const supply: Namespace = { 'zh-CN': zh, en };

const register = () => {
  for (const lang of ['zh-CN', 'en'] as const) if (!i18n.hasResourceBundle(lang, 'supply')) i18n.addResourceBundle(lang, 'supply', supply[lang]);
};
if (i18n.isInitialized) register();
else i18n.on('initialized', register);
