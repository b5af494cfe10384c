// Words of the storefront's privacy screens and the sign-up consents (namespace `privacy`).
import type { Namespace } from '../../../shared/i18n';

export const privacy: Namespace = {
  'zh-CN': {
    title: '隐私与数据',
    consents: '我的授权',
    purpose: {
      privacy_policy: { name: '隐私政策', hint: '注册时同意的版本：{{version}}' },
      marketing: { name: '营销消息', hint: '优惠活动和新品推荐的短信、邮件。关闭后仍会收到订单和到货提醒等服务消息。' },
      personalisation: { name: '个性化推荐', hint: '根据浏览和购买记录推荐商品。关闭后，推荐和排序不再使用你的个人行为（《电子商务法》第十八条）。' },
    },
    on: '已开启', off: '已关闭', turnOn: '开启', turnOff: '关闭', saved: '已保存',
    data: '我的数据',
    exportHint: '下载平台保存的与你有关的全部信息（ZIP，内含 JSON 文件和说明），生成后可在 7 天内下载。',
    exportAsk: '申请导出', download: '下载', 
    erasure: '注销账户',
    erasureHint: '账户将被匿名化，手机号、邮箱、地址、会话和互动记录将被删除；订单、支付等法律要求保留的记录会保留，但不再关联到你。此操作不可撤销。',
    erasureConfirm: '输入“注销”以确认', erasureAsk: '申请注销', erasureWord: '注销',
    requests: '申请记录',
    kind: { export: '数据导出', erasure: '账户注销' },
    status: { queued: '排队中', running: '处理中', done: '已完成', failed: '失败' },
    until: '可下载至 {{date}}',
    signup: {
      policy: '我已阅读并同意《隐私政策》（{{version}}）', policyRequired: '请先同意隐私政策',
      marketing: '接收优惠活动消息（可随时关闭）', personalisation: '开启个性化推荐（可随时关闭）',
    },
  },
  en: {
    title: 'Privacy and my data',
    consents: 'My consents',
    purpose: {
      privacy_policy: { name: 'Privacy policy', hint: 'Version accepted: {{version}}' },
      marketing: { name: 'Marketing messages', hint: 'Offers and new products by SMS or email. Order and back-in-stock notices still arrive when this is off.' },
      personalisation: { name: 'Personalised recommendations', hint: 'Products picked from what you browse and buy. When off, recommendations and ranking do not use your behaviour.' },
    },
    on: 'On', off: 'Off', turnOn: 'Turn on', turnOff: 'Turn off', saved: 'Saved',
    data: 'My data',
    exportHint: 'Download everything we hold about you (a zip of JSON files with a readme). It can be downloaded for 7 days.',
    exportAsk: 'Request a download', download: 'Download',
    erasure: 'Erase my account',
    erasureHint: 'Your account is anonymised; your phone, email, addresses, sessions and activity are deleted. Orders and payments the law requires us to keep stay, no longer linked to you. This cannot be undone.',
    erasureConfirm: 'Type ERASE to confirm', erasureAsk: 'Erase my account', erasureWord: 'ERASE',
    requests: 'Requests',
    kind: { export: 'Data download', erasure: 'Account erasure' },
    status: { queued: 'Queued', running: 'In progress', done: 'Done', failed: 'Failed' },
    until: 'Download until {{date}}',
    signup: {
      policy: 'I have read and accept the privacy policy ({{version}})', policyRequired: 'Accept the privacy policy to continue',
      marketing: 'Send me offers (you can turn this off any time)', personalisation: 'Personalised recommendations (you can turn this off any time)',
    },
  },
};
