// The recommendations quality screen's words (namespace `recommend`). The console's i18n setup
// (admin/main.tsx) lists the other namespaces; this one adds itself once i18next is up.
import i18n from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Namespace } from '../../shared/i18n';

export const NS = 'recommend';

export const recommendAdmin: Namespace = {
  'zh-CN': {
    nav: { group: '个性化推荐', quality: '推荐质量' },
    quality: {
      title: '推荐质量（猜你喜欢）',
      hint: '每天 03:30（中国时间）用浏览、加购和订单训练一次：物品协同过滤（余弦相似度）与 EASE^R，另加好友购买信号。离线评估用留一法（每位顾客最近的一个商品留作测试），对比热销榜基线。',
      train: '立即训练', trainTitle: '立即训练推荐模型', trainMessage: '读取新的行为事件和订单，重新训练并替换正在使用的推荐列表。', trained: '训练完成',
      none: '还没有训练过。点“立即训练”开始。',
      lastRun: '最近一次训练', status: { running: '训练中', done: '完成', failed: '失败' }, failed: '最近一次训练失败：{{error}}',
      interactions: '顾客 × 商品 交互', users: '顾客', items: '在售商品', time: '训练耗时', model: '使用中的模型', finished: '完成时间', trigger: '触发方式',
      triggers: { schedule: '每日定时', operator: '运营手动', cli: '命令行', demo: '演示数据' },
      models: { popularity: '热销榜（基线）', item_item: '物品协同过滤', ease: 'EASE^R 潜在因子' },
      metrics: '离线指标（留一法）', testUsers: '{{count}} 位顾客参与测试', model_: '模型', recall: '召回率@10', ndcg: 'NDCG@10', vsPopular: '对比热销', modelTime: '训练耗时',
      goal: '目标：召回率@10 ≥ 热销榜的 1.5 倍', goalMet: '已达成（{{model}} {{ratio}}×）', goalNotMet: '未达成（最好 {{model}} {{ratio}}×）', noTest: '没有浏览过两个及以上商品的顾客，无法评估',
      chart: '各模型离线指标',
    },
    preview: {
      title: '单个顾客预览', hint: '输入顾客 ID、手机号或邮箱，查看他在首页会看到的推荐和原因。', customer: '顾客 ID / 手机号 / 邮箱', show: '查看', empty: '请输入顾客',
      personalised: '个性化推荐', notPersonalised: '该顾客关闭了个性化推荐（或无数据），显示热销商品', product: '商品', price: '价格', reason: '推荐原因',
      reasons: { because_viewed: '看过「{{title}}」', because_viewed_plain: '与看过的商品相似', in_cart: '购物车中有「{{title}}」', friends_bought: '{{count}} 位好友买过', popular: '热销' },
    },
  },
  en: {
    nav: { group: 'Recommendations', quality: 'Quality' },
    quality: {
      title: 'Recommendation quality (You may also like)',
      hint: 'Trained daily at 03:30 China time on views, add-to-carts and orders: item-to-item collaborative filtering (cosine) and EASE^R, plus a friends-bought signal. Offline evaluation is leave-last-out (each shopper’s most recent product held out), against a best-sellers baseline.',
      train: 'Train now', trainTitle: 'Train the recommenders now', trainMessage: 'Reads the new behavioural events and orders, retrains and replaces the lists being served.', trained: 'Training finished',
      none: 'Not trained yet. Press “Train now” to start.',
      lastRun: 'Latest training', status: { running: 'Running', done: 'Done', failed: 'Failed' }, failed: 'The latest training failed: {{error}}',
      interactions: 'Shopper × product interactions', users: 'Shoppers', items: 'Sellable products', time: 'Training time', model: 'Model serving', finished: 'Finished', trigger: 'Started by',
      triggers: { schedule: 'Daily schedule', operator: 'Operator', cli: 'Command line', demo: 'Demo data' },
      models: { popularity: 'Best sellers (baseline)', item_item: 'Item-to-item CF', ease: 'EASE^R latent factors' },
      metrics: 'Offline figures (leave-last-out)', testUsers: '{{count}} shoppers tested', model_: 'Model', recall: 'Recall@10', ndcg: 'NDCG@10', vsPopular: 'vs best sellers', modelTime: 'Training time',
      goal: 'Goal: recall@10 ≥ 1.5× best sellers', goalMet: 'met ({{model}} {{ratio}}×)', goalNotMet: 'not met (best {{model}} {{ratio}}×)', noTest: 'No shopper has two or more products yet: nothing to evaluate',
      chart: 'Offline figures per model',
    },
    preview: {
      title: 'Preview one customer', hint: 'Enter a customer id, phone or email to see what their home page recommends and why.', customer: 'Customer id / phone / email', show: 'Show', empty: 'Enter a customer',
      personalised: 'Personalised', notPersonalised: 'This customer turned personalisation off (or has no history): best sellers are shown', product: 'Product', price: 'Price', reason: 'Why',
      reasons: { because_viewed: 'Viewed “{{title}}”', because_viewed_plain: 'Like a product they viewed', in_cart: '“{{title}}” is in their cart', friends_bought: '{{count}} friend(s) bought it', popular: 'Best seller' },
    },
  },
};

function register(): void {
  for (const lang of ['zh-CN', 'en'] as const) {
    if (!i18n.hasResourceBundle(lang, NS)) i18n.addResourceBundle(lang, NS, recommendAdmin[lang], true, false);
  }
}

if (i18n.isInitialized) register();
else i18n.on('initialized', register);

/** useTranslation for this namespace, making sure its words are there first. */
export function useRecommendT() {
  if (i18n.isInitialized) register();
  return useTranslation(NS);
}
