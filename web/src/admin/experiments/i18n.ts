// The experiment screens' words (namespace `experiments`). Like supply's, this adds itself to
// i18next as soon as it is initialised, so the console's i18n setup needs no line for it.
import i18n from 'i18next';
import type { Namespace } from '../../shared/i18n';

const zh = {
  nav: { group: '实验', list: 'A/B 实验' },
  status: { draft: '草稿', running: '进行中', stopped: '已结束' },
  metric: { conversion: '转化率', revenue: '人均支付金额', orders: '人均订单数', new_customer: '新客率', shares: '人均分享' },
  list: {
    title: 'A/B 实验', hint: '在活动上同时运行多个版本（奖励大小、成团人数、助力人数、券面额……），按用户与实验 ID 的哈希稳定分组，比较目标指标。',
    name: '名称', campaign: '活动', status: '状态', goal: '目标指标', variants: '版本', created: '创建时间', empty: '还没有实验', open: '查看',
    create: '新建实验', campaignId: '活动 ID', goalMetric: '目标指标', secondary: '次要指标', variantsJson: '版本（JSON）',
    variantsHint: '每个版本：key、name、weight（整数百分比，合计 100）、isControl（恰好一个对照组）、config（该版本改变的参数，只能是该活动允许调整的规则）。', badJson: '版本不是有效的 JSON 数组', done: '实验已创建',
  },
  keys: {
    title: '版本可调整的规则', hint: '填写实验组的取值（留空则沿用活动规则），点击“使用这些取值”生成对照组与实验组。',
    bounds: '范围 {{min}}–{{max}}，活动当前为 {{base}}', use: '使用这些取值', control: '对照组', treatment: '实验组', none: '该活动的规则不能按版本调整：各版本的 config 须为空。',
  },
  detail: {
    start: '开始实验', stop: '结束实验', started: '实验已开始', stopped: '实验已结束', hypothesis: '假设', window: '统计截止 {{at}}',
    variants: '版本', key: '标识', weight: '流量', control: '对照组', config: '改变的参数', exposures: '曝光人数',
    correction: '多重检验校正', holm: 'Holm–Bonferroni（控制族错误率）', bh: 'Benjamini–Hochberg（控制错误发现率）',
    srmBad: '样本比例失衡（SRM）：实际分流与设定不符（χ² = {{chi}}，p = {{p}}）。分流可能有缺陷，以下结果不可信。',
    srmOk: '分流正常：χ² = {{chi}}，p = {{p}}（p < 0.001 时告警）。',
    results: '结果', notStarted: '实验开始后才有结果。', goalTag: '目标',
    variant: '版本', n: '人数', mean: '均值', lift: '相对提升', ci: '95% 置信区间', p: '校正后 p 值', cuped: 'CUPED 提升', sequential: '序贯区间（可随时查看）',
    chance: '胜出概率', loss: '预期损失', significant: '显著', baseline: '基线', noLift: '对照组均值为 0，暂无法计算相对提升',
  },
};

const en: typeof zh = {
  nav: { group: 'Experiments', list: 'A/B tests' },
  status: { draft: 'Draft', running: 'Running', stopped: 'Stopped' },
  metric: { conversion: 'Conversion', revenue: 'Revenue per subject', orders: 'Orders per subject', new_customer: 'New customers', shares: 'Shares per subject' },
  list: {
    title: 'A/B tests', hint: 'Run variants of a campaign (reward size, team size, helpers needed, coupon value…) side by side; subjects are split by a hash of their id and the experiment id, and the goal metric is compared.',
    name: 'Name', campaign: 'Campaign', status: 'Status', goal: 'Goal metric', variants: 'Variants', created: 'Created', empty: 'No experiments yet', open: 'Open',
    create: 'New experiment', campaignId: 'Campaign ID', goalMetric: 'Goal metric', secondary: 'Secondary metrics', variantsJson: 'Variants (JSON)',
    variantsHint: 'Each variant: key, name, weight (whole percent, adding up to 100), isControl (exactly one control), config (what it changes: only the rules this campaign lets vary).', badJson: 'The variants are not a valid JSON array', done: 'Experiment created',
  },
  keys: {
    title: 'Rules a variant may change', hint: 'Enter the treatment’s values (blank keeps the campaign’s rule), then “Use these values” to write a control and a treatment.',
    bounds: '{{min}}–{{max}}; the campaign has {{base}}', use: 'Use these values', control: 'Control', treatment: 'Treatment', none: 'This campaign’s rules cannot vary by variant: each variant’s config must be empty.',
  },
  detail: {
    start: 'Start', stop: 'Stop', started: 'Experiment started', stopped: 'Experiment stopped', hypothesis: 'Hypothesis', window: 'Measured up to {{at}}',
    variants: 'Variants', key: 'Key', weight: 'Traffic', control: 'Control', config: 'Changes', exposures: 'Exposed',
    correction: 'Multiple-testing correction', holm: 'Holm–Bonferroni (family-wise error)', bh: 'Benjamini–Hochberg (false discovery rate)',
    srmBad: 'Sample-ratio mismatch: the split is not what was configured (χ² = {{chi}}, p = {{p}}). Assignment may be broken; do not trust the results below.',
    srmOk: 'Split as configured: χ² = {{chi}}, p = {{p}} (alert at p < 0.001).',
    results: 'Results', notStarted: 'Results appear once the experiment has started.', goalTag: 'goal',
    variant: 'Variant', n: 'Subjects', mean: 'Mean', lift: 'Lift', ci: '95% CI', p: 'Adjusted p', cuped: 'CUPED lift', sequential: 'Always-valid interval',
    chance: 'Chance to beat control', loss: 'Expected loss', significant: 'significant', baseline: 'baseline', noLift: 'No lift yet: the control’s mean is 0',
  },
};

export const experiments: Namespace = { 'zh-CN': zh, en };

const register = () => {
  for (const lang of ['zh-CN', 'en'] as const) if (!i18n.hasResourceBundle(lang, 'experiments')) i18n.addResourceBundle(lang, 'experiments', experiments[lang]);
};
if (i18n.isInitialized) register();
else i18n.on('initialized', register);
