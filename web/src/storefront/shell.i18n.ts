import type { Namespace } from '../shared/i18n';

export const shell: Namespace = {
  'zh-CN': { skip: '跳到主要内容', tabs: '主导航', home: '首页', categories: '分类', feed: '社区', cart: '购物车', me: '我的', notFound: '页面不存在', goHome: '回到首页', more: '更多', sharePage: '分享此页', settings: '设置' },
  en: { skip: 'Skip to content', tabs: 'Main navigation', home: 'Home', categories: 'Categories', feed: 'Community', cart: 'Cart', me: 'Me', notFound: 'Page not found', goHome: 'Back to home', more: 'More', sharePage: 'Share this page', settings: 'Settings' },
};
