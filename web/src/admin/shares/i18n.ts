// The share pages' own words, zh-CN and en (the rest comes from the console's 'admin' namespace).
import i18n from 'i18next';
import type { Namespace } from '../../shared/i18n';

const zh = {
  target: '分享内容', campaign: '活动', noCampaign: '—', gone: '（已删除）', unknown: '（已注销）', more: '加载更多', clicks: '点击数',
  campaignFilter: '按活动筛选', allCampaigns: '全部活动', sharedBy: '{{name}} 分享',
};
const en: typeof zh = {
  target: 'Shared', campaign: 'Campaign', noCampaign: '—', gone: '(deleted)', unknown: '(account closed)', more: 'Load more', clicks: 'Clicks',
  campaignFilter: 'Filter by campaign', allCampaigns: 'All campaigns', sharedBy: 'Shared by {{name}}',
};

export const sharesNs: Namespace = { 'zh-CN': zh, en };

const register = () => {
  for (const lang of ['zh-CN', 'en'] as const) if (!i18n.hasResourceBundle(lang, 'sharesx')) i18n.addResourceBundle(lang, 'sharesx', sharesNs[lang]);
};
if (i18n.isInitialized) register();
else i18n.on('initialized', register);
