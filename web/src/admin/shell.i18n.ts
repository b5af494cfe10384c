// Words of the console shell (namespace `shell`): breadcrumbs, the sidebar's group toggles, the list
// skeleton and the dashboard's period comparisons. Registers itself when first imported.
import i18n from 'i18next';
import type { Namespace } from '../shared/i18n';

export const shell: Namespace = {
  'zh-CN': {
    breadcrumb: '当前位置',
    crumb: { detail: '详情', new: '新建', edit: '编辑', report: '报告', rewards: '奖励记录' },
    group: { collapse: '收起{{group}}', expand: '展开{{group}}' },
    skeleton: '正在加载列表…',
    compare: {
      today: '今日实时', todayNote: '今日（截至现在）与昨日全天相比',
      range: '近 {{count}} 天', rangeNote: '{{from}} 至 {{to}}，与前 {{count}} 天（{{prevFrom}} 至 {{prevTo}}）相比',
      vsYesterday: '较昨日', vsPrevious: '较前 {{count}} 天', previousValue: '前期 {{value}}', paid: '已付款 {{value}}',
    },
  },
  en: {
    breadcrumb: 'Breadcrumb',
    crumb: { detail: 'Details', new: 'New', edit: 'Edit', report: 'Report', rewards: 'Rewards' },
    group: { collapse: 'Collapse {{group}}', expand: 'Expand {{group}}' },
    skeleton: 'Loading the list…',
    compare: {
      today: 'Today so far', todayNote: 'Today (so far) against all of yesterday',
      range: 'Last {{count}} days', rangeNote: '{{from}} to {{to}}, against the {{count}} days before ({{prevFrom}} to {{prevTo}})',
      vsYesterday: 'vs yesterday', vsPrevious: 'vs previous {{count}} days', previousValue: 'before: {{value}}', paid: '{{value}} paid',
    },
  },
};

const register = () => {
  for (const lang of ['zh-CN', 'en'] as const) if (!i18n.hasResourceBundle(lang, 'shell')) i18n.addResourceBundle(lang, 'shell', shell[lang]);
};
if (i18n.isInitialized) register();
else i18n.on('initialized', register);
