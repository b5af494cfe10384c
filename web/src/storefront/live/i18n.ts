// The live room's words (namespace `live`), registered with i18next as it starts.
import i18n from 'i18next';
import type { Namespace } from '../../shared/i18n';

const zh = {
  title: '直播间',
  status: { scheduled: '未开播', live: '直播中', ended: '已结束' },
  startsAt: '开播时间 {{at}}',
  viewers: '{{count}} 人在看',
  likes: '{{count}} 赞',
  like: '点赞',
  pinned: '正在讲解',
  livePrice: '直播价',
  priceKind: { flash: '秒杀价', coupon: '券后价', list: '直播价' },
  listPrice: '原价',
  buy: '立即购买',
  coupon: '直播专享券',
  minSpend: '满 {{amount}} 可用',
  noMin: '无门槛',
  claim: '领取',
  claimed: '已领取',
  claimedToast: '领取成功，已放入“我的优惠券”',
  soldOut: '已抢光',
  chat: '聊天',
  say: '说点什么…',
  send: '发送',
  held: '发言正在审核，通过后大家才能看到',
  announcement: '公告',
  ended: '本场直播已结束，感谢观看',
  notStarted: '直播还没开始，稍后再来',
  empty: '还没有人发言，来说第一句吧',
  reconnecting: '正在重新连接…',
};

const en: typeof zh = {
  title: 'Live room',
  status: { scheduled: 'Not started', live: 'Live', ended: 'Ended' },
  startsAt: 'Starts {{at}}',
  viewers: '{{count}} watching',
  likes: '{{count}} likes',
  like: 'Like',
  pinned: 'On now',
  livePrice: 'Live price',
  priceKind: { flash: 'Flash price', coupon: 'With coupon', list: 'Live price' },
  listPrice: 'Was',
  buy: 'Buy now',
  coupon: 'Live-only coupon',
  minSpend: 'On orders over {{amount}}',
  noMin: 'No minimum',
  claim: 'Claim',
  claimed: 'Claimed',
  claimedToast: 'Claimed: it is in My coupons',
  soldOut: 'All claimed',
  chat: 'Chat',
  say: 'Say something…',
  send: 'Send',
  held: 'Your message is being reviewed; others see it once approved',
  announcement: 'Announcement',
  ended: 'This live session has ended. Thanks for watching',
  notStarted: 'The session has not started yet',
  empty: 'No messages yet: say hello',
  reconnecting: 'Reconnecting…',
};

export const live: Namespace = { 'zh-CN': zh, en };

const register = () => {
  for (const lang of ['zh-CN', 'en'] as const) if (!i18n.hasResourceBundle(lang, 'live')) i18n.addResourceBundle(lang, 'live', live[lang]);
};
if (i18n.isInitialized) register();
else i18n.on('initialized', register);
