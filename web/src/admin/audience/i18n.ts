// The audience screens' words (namespace `audience`). The namespace registers itself the first
// time a screen renders (useAudienceT), so the console's setup needs no line for it.
import i18n from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Namespace } from '../../shared/i18n';

const zh = {
  nav: { group: '人群', profiles: '客户画像', segments: '人群圈选', dispatch: '定向投放' },
  fields: {
    recency_days: '距上次购买天数', frequency: '购买次数', monetary: '累计消费（分）', r_score: 'R 分', f_score: 'F 分', m_score: 'M 分',
    churn_risk: '流失风险（0-1）', p_alive: '活跃概率（0-1）', expected_orders: '预计 90 天订单数', predicted_value: '预计 90 天价值（分）',
    shares: '分享次数', share_signups: '带来新客数', days_since_active: '距上次活跃天数', days_since_signup: '注册天数', channel: '获客渠道', campaign_id: '获客活动 ID', tag: '标签',
  },
  cmp: { eq: '等于', ne: '不等于', gt: '大于', gte: '大于等于', lt: '小于', lte: '小于等于', has: '包含', lacks: '不包含' },
  profiles: {
    title: '客户画像', hint: 'RFM 为买家中的五分位（5 最好，0 表示未购买）；预计价值与流失风险来自 BG/NBD + Gamma-Gamma 模型，每晚重算。',
    recompute: '立即重算', recomputed: '已重算 {{count}} 位客户', sort: '排序', customer: '客户', rfm: 'RFM', orders: '订单', spent: '消费', value: '预计 90 天价值', churn: '流失风险', channel: '渠道', shares: '分享 / 带新', tags: '标签', active: '最近活跃', empty: '还没有画像：点“立即重算”',
    sorts: { predicted_value: '预计价值', churn_risk: '流失风险', monetary: '累计消费', recency: '最近购买', frequency: '购买次数' },
    editTags: '编辑标签', tagsLabel: '运营标签（空格分隔）', tagsSaved: '标签已保存',
  },
  model: {
    title: '模型拟合', none: '尚未拟合', reason: '未拟合：{{reason}}', fitted: '拟合于 {{at}}，{{customers}} 位买家（{{repeaters}} 位复购），用时 {{ms}} 毫秒',
    bgnbd: 'BG/NBD（购买与流失，单位：周）', gg: 'Gamma-Gamma（客单价，单位：元）', ll: '对数似然', holdout: '留出期校验（最后 {{weeks}} 周）',
    predicted: '预测', actual: '实际', mae: '每人平均绝对误差', bucket: '留出前复购次数', total: '合计订单：预测 {{predicted}}，实际 {{actual}}',
  },
  segments: {
    title: '人群圈选', hint: '按画像字段、标签和行为组合条件（且 / 或，可嵌套一层分组），实时显示人数与样本。',
    all: '满足全部条件（且）', any: '满足任一条件（或）', addCondition: '添加条件', addGroup: '添加分组', remove: '删除', field: '字段', cmp: '比较', value: '值',
    live: '当前匹配 {{count}} / {{total}} 人', sample: '样本', name: '人群名称', save: '保存人群', saved: '人群已保存', saved_list: '已保存的人群', count: '人数', delete: '删除', deleted: '已删除', empty: '还没有保存的人群', group: '分组',
  },
  dispatch: {
    title: '定向投放', hint: '向人群发券或发站内信：只发给同意接收营销信息的人，每人最多一次。',
    segment: '人群', kind: '类型', coupon: '发优惠券（附站内信）', message: '仅发站内信', template: '优惠券', msgTitle: '标题', body: '内容', send: '发送', sent: '已提交投放',
    list: '投放记录', status: '状态', targeted: '目标人数', skipped: '未同意营销', delivered: '已送达', failed: '失败', opened: '已读', redeemed: '已核销', at: '时间', empty: '还没有投放',
    statuses: { queued: '排队中', running: '发送中', done: '已完成', failed: '失败' }, pick: '请选择',
  },
};

const en: typeof zh = {
  nav: { group: 'Audience', profiles: 'Customer profiles', segments: 'Segments', dispatch: 'Targeted dispatch' },
  fields: {
    recency_days: 'Days since last order', frequency: 'Orders', monetary: 'Total spent (fen)', r_score: 'R score', f_score: 'F score', m_score: 'M score',
    churn_risk: 'Churn risk (0-1)', p_alive: 'P(active) (0-1)', expected_orders: 'Expected orders, 90 days', predicted_value: 'Predicted value, 90 days (fen)',
    shares: 'Shares', share_signups: 'New customers brought', days_since_active: 'Days since active', days_since_signup: 'Days since sign-up', channel: 'Acquisition channel', campaign_id: 'Acquisition campaign ID', tag: 'Tag',
  },
  cmp: { eq: 'equals', ne: 'not equal', gt: 'greater than', gte: 'at least', lt: 'less than', lte: 'at most', has: 'has', lacks: 'lacks' },
  profiles: {
    title: 'Customer profiles', hint: 'RFM are quintiles among buyers (5 best, 0 never bought); predicted value and churn risk come from the BG/NBD + Gamma-Gamma model, recomputed nightly.',
    recompute: 'Recompute now', recomputed: '{{count}} customers recomputed', sort: 'Sort by', customer: 'Customer', rfm: 'RFM', orders: 'Orders', spent: 'Spent', value: 'Predicted 90-day value', churn: 'Churn risk', channel: 'Channel', shares: 'Shares / brought', tags: 'Tags', active: 'Last active', empty: 'No profiles yet: press "Recompute now"',
    sorts: { predicted_value: 'Predicted value', churn_risk: 'Churn risk', monetary: 'Total spent', recency: 'Last order', frequency: 'Orders' },
    editTags: 'Edit tags', tagsLabel: 'Operator tags (space separated)', tagsSaved: 'Tags saved',
  },
  model: {
    title: 'Model fit', none: 'Not fitted yet', reason: 'Not fitted: {{reason}}', fitted: 'Fitted {{at}} on {{customers}} buyers ({{repeaters}} repeat), in {{ms}} ms',
    bgnbd: 'BG/NBD (purchase and dropout, weeks)', gg: 'Gamma-Gamma (order value, yuan)', ll: 'Log-likelihood', holdout: 'Holdout check (last {{weeks}} weeks)',
    predicted: 'Predicted', actual: 'Actual', mae: 'Mean absolute error per customer', bucket: 'Repeat purchases before the holdout', total: 'Orders in total: predicted {{predicted}}, actual {{actual}}',
  },
  segments: {
    title: 'Segments', hint: 'Combine conditions on profile fields, tags and behaviour (AND / OR, with one level of groups); the count and a sample update as you edit.',
    all: 'Match all (AND)', any: 'Match any (OR)', addCondition: 'Add condition', addGroup: 'Add group', remove: 'Remove', field: 'Field', cmp: 'Comparison', value: 'Value',
    live: '{{count}} of {{total}} customers match', sample: 'Sample', name: 'Segment name', save: 'Save segment', saved: 'Segment saved', saved_list: 'Saved segments', count: 'Customers', delete: 'Delete', deleted: 'Deleted', empty: 'No saved segments yet', group: 'Group',
  },
  dispatch: {
    title: 'Targeted dispatch', hint: 'Send a coupon or an in-app message to a segment: only to people who allow marketing, at most once each.',
    segment: 'Segment', kind: 'Kind', coupon: 'Coupon (with a message)', message: 'Message only', template: 'Coupon', msgTitle: 'Title', body: 'Message', send: 'Send', sent: 'Dispatch queued',
    list: 'Dispatches', status: 'Status', targeted: 'Targeted', skipped: 'No marketing consent', delivered: 'Delivered', failed: 'Failed', opened: 'Opened', redeemed: 'Redeemed', at: 'When', empty: 'No dispatches yet',
    statuses: { queued: 'Queued', running: 'Sending', done: 'Done', failed: 'Failed' }, pick: 'Choose',
  },
};

export const audience: Namespace = { 'zh-CN': zh, en };

function register() {
  for (const lang of ['zh-CN', 'en'] as const) {
    if (!i18n.hasResourceBundle(lang, 'audience')) i18n.addResourceBundle(lang, 'audience', audience[lang]);
  }
}
// The sidebar reads the nav words before any audience screen renders: add them as i18next starts.
if (i18n.isInitialized) register();
else i18n.on('initialized', register);

/** useTranslation('audience'), making sure the namespace's words are there. */
export function useAudienceT() {
  register();
  return useTranslation('audience');
}
