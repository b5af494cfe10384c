// The settings pages' words, zh-CN and en. Each setting's own label, help and choice names come
// from the server with the setting (GET /api/v1/admin/settings), so a new setting needs no words here.
import i18n from 'i18next';
import type { Namespace } from '../../shared/i18n';

const zh = {
  title: '设置', adminOnly: '只有管理员可以修改设置。',
  groups: {
    trade: '交易', shipping: '配送', affiliate: '分销', loyalty: '积分', sharing: '分享与邀请', marketing: '营销活动',
    compliance: '合规与隐私', security: '账户安全', system: '系统与限流',
  },
  units: { seconds: '秒', minutes: '分钟', hours: '小时', days: '天', years: '年', points: '积分', perMinute: '次/分钟', count: '' },
  on: '开启', off: '关闭',
  required: '请填写{{label}}',
  range: '允许范围：{{min}} – {{max}}',
  length: '长度须为 {{min}} – {{max}} 个字符',
  choice: '请从列表中选择',
  defaultIs: '默认：{{value}}',
  save: '保存{{group}}设置', reset: '撤销修改',
  nothingChanged: '没有修改任何设置',
  confirmTitle: '保存以下 {{count}} 项修改？', confirmTitle_one: '保存以下 {{count}} 项修改？',
  confirmOk: '确认保存', cancel: '取消',
  from: '原值', to: '新值',
  saved: '已保存 {{count}} 项设置', saved_one: '已保存 {{count}} 项设置',
  partlySaved: '已保存 {{count}} 项，其余未保存：',
};
const en: typeof zh = {
  title: 'Settings', adminOnly: 'Only admins can change settings.',
  groups: {
    trade: 'Trade', shipping: 'Shipping', affiliate: 'Affiliates', loyalty: 'Points', sharing: 'Sharing & invites', marketing: 'Campaigns',
    compliance: 'Compliance & privacy', security: 'Account security', system: 'System & limits',
  },
  units: { seconds: 'seconds', minutes: 'minutes', hours: 'hours', days: 'days', years: 'years', points: 'points', perMinute: 'per minute', count: '' },
  on: 'On', off: 'Off',
  required: 'Enter {{label}}',
  range: 'Allowed: {{min}} – {{max}}',
  length: 'Must be {{min}} – {{max}} characters',
  choice: 'Choose one from the list',
  defaultIs: 'Default: {{value}}',
  save: 'Save {{group}} settings', reset: 'Undo changes',
  nothingChanged: 'Nothing was changed',
  confirmTitle: 'Save these {{count}} changes?', confirmTitle_one: 'Save this change?',
  confirmOk: 'Save', cancel: 'Cancel',
  from: 'Was', to: 'Now',
  saved: '{{count}} settings saved', saved_one: '{{count}} setting saved',
  partlySaved: '{{count}} saved; these were not:',
};

export const settingsForms: Namespace = { 'zh-CN': zh, en };

const register = () => {
  for (const lang of ['zh-CN', 'en'] as const) if (!i18n.hasResourceBundle(lang, 'settingsForms')) i18n.addResourceBundle(lang, 'settingsForms', settingsForms[lang]);
};
if (i18n.isInitialized) register();
else i18n.on('initialized', register);
