// The reviews' words (namespace `reviews`), registered with i18next as it starts, so the
// storefront's setup needs no line for them.
import i18n from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Namespace } from '../../shared/i18n';

const zh = {
  title: '商品评价',
  count_one: '{{count}} 条评价',
  count_other: '{{count}} 条评价',
  average: '{{avg}} 分',
  none: '还没有评价，买过的朋友来说说吧',
  stars: '{{n}} 星',
  withImages: '有图 {{n}}',
  verified: '已购买',
  helpful: '有用 {{n}}',
  helpfulDone: '已标记有用',
  reply: '商家回复：',
  more: '查看更多评价',
  write: '写评价',
  reviewed: '已评价',
  held: '审核中',
  hidden: '未公开',
  reviewTitle: '评价这件商品',
  rating: '评分',
  ratingN: '{{n}} 星',
  text: '说说你的使用感受',
  textHint: '质量、物流、服务都可以说说（最多 2000 字）',
  photos: '添加图片（最多 {{max}} 张）',
  removePhoto: '删除图片',
  uploading: '上传中…',
  submit: '发表评价',
  submitted: '评价已发表',
  submittedHeld: '评价已提交，审核通过后展示',
  needText: '请写几句评价',
  points: '评价成功可获得积分',
  section: '评价晒单',
  sectionHint: '确认收货后即可评价，每件商品可评价一次。',
};

const en: typeof zh = {
  title: 'Reviews',
  count_one: '{{count}} review',
  count_other: '{{count}} reviews',
  average: '{{avg}} / 5',
  none: 'No reviews yet. Bought it? Tell others what you think.',
  stars: '{{n}} stars',
  withImages: 'With photos {{n}}',
  verified: 'Verified purchase',
  helpful: 'Helpful {{n}}',
  helpfulDone: 'Marked helpful',
  reply: 'Store reply: ',
  more: 'More reviews',
  write: 'Write a review',
  reviewed: 'Reviewed',
  held: 'Under review',
  hidden: 'Not public',
  reviewTitle: 'Review this item',
  rating: 'Rating',
  ratingN: '{{n}} stars',
  text: 'How was it?',
  textHint: 'Quality, delivery, service… (up to 2,000 characters)',
  photos: 'Add photos (up to {{max}})',
  removePhoto: 'Remove photo',
  uploading: 'Uploading…',
  submit: 'Post review',
  submitted: 'Review posted',
  submittedHeld: 'Review sent: it shows once it has been checked',
  needText: 'Write a few words',
  points: 'Earn points for a review',
  section: 'Reviews',
  sectionHint: 'Once you have confirmed receipt you can review each item once.',
};

export const reviews: Namespace = { 'zh-CN': zh, en };

const register = () => {
  for (const lang of ['zh-CN', 'en'] as const) if (!i18n.hasResourceBundle(lang, 'reviews')) i18n.addResourceBundle(lang, 'reviews', reviews[lang]);
};
if (i18n.isInitialized) register();
else i18n.on('initialized', register);

export const useReviewsT = () => useTranslation('reviews');
