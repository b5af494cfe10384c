// 猜你喜欢's words (namespace `recommend`). The storefront's i18n setup (main.tsx) lists the other
// namespaces; this one adds itself once i18next is up, so the component needs no edit there.
import i18n from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Namespace } from '../../../shared/i18n';

export const NS = 'recommend';

export const recommendShop: Namespace = {
  'zh-CN': {
    title: '猜你喜欢',
    hint: { personal: '根据你的浏览、购物车和好友购买推荐', popular: '本店热销' },
    reason: { because_viewed: '因为你看过「{{title}}」', because_viewed_plain: '和你看过的相似', in_cart: '和购物车里的「{{title}}」搭配', friends_bought: '{{count}} 位好友买过', popular: '热销' },
    loading: '正在加载推荐',
    settings: '推荐设置',
  },
  en: {
    title: 'You may also like',
    hint: { personal: 'Picked from what you viewed, your cart and what friends bought', popular: 'Best sellers in this store' },
    reason: { because_viewed: 'Because you viewed “{{title}}”', because_viewed_plain: 'Like something you viewed', in_cart: 'Goes with “{{title}}” in your cart', friends_bought: '{{count}} friend(s) bought this', popular: 'Best seller' },
    loading: 'Loading recommendations',
    settings: 'Recommendation settings',
  },
};

function register(): void {
  for (const lang of ['zh-CN', 'en'] as const) {
    if (!i18n.hasResourceBundle(lang, NS)) i18n.addResourceBundle(lang, NS, recommendShop[lang], true, false);
  }
}

if (i18n.isInitialized) register();
else i18n.on('initialized', register);

/** useTranslation for this namespace, making sure its words are there first. */
export function useRecommendT() {
  if (i18n.isInitialized) register();
  return useTranslation(NS);
}
