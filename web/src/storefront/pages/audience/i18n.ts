// The message centre's words (namespace `inbox`), registered with i18next as it starts, so the
// storefront's setup needs no line for them.
import i18n from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Namespace } from '../../../shared/i18n';

const zh = {
  title: '消息中心',
  link: '消息中心',
  unread: '{{count}} 条未读',
  empty: '还没有消息',
  coupon: '优惠券：{{name}}',
  viewCoupons: '查看我的优惠券',
  markRead: '标为已读',
  read: '已读',
  new: '未读',
};

const en: typeof zh = {
  title: 'Messages',
  link: 'Messages',
  unread: '{{count}} unread',
  empty: 'No messages yet',
  coupon: 'Coupon: {{name}}',
  viewCoupons: 'See my coupons',
  markRead: 'Mark as read',
  read: 'Read',
  new: 'New',
};

export const inbox: Namespace = { 'zh-CN': zh, en };

function register() {
  for (const lang of ['zh-CN', 'en'] as const) {
    if (!i18n.hasResourceBundle(lang, 'inbox')) i18n.addResourceBundle(lang, 'inbox', inbox[lang]);
  }
}
if (i18n.isInitialized) register();
else i18n.on('initialized', register);

export function useInboxT() {
  register();
  return useTranslation('inbox');
}
