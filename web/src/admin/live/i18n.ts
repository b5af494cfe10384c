// The live-session screens' words (namespace `live`); adds itself to i18next once it is initialised.
import i18n from 'i18next';
import type { Namespace } from '../../shared/i18n';

const zh = {
  nav: { group: '直播', list: '直播场次' },
  status: { scheduled: '未开播', live: '直播中', ended: '已结束' },
  list: {
    title: '直播场次', hint: '排期一场直播（标题、封面、商品），开播后在直播间置顶商品、发放直播专享券、发布公告；观众通过分享链接进入直播间。',
    name: '标题', status: '状态', scheduled: '计划开播', products: '商品数', peak: '峰值观众', empty: '还没有直播场次',
    create: '排期直播', titleField: '直播标题', cover: '封面图片地址', coverHint: '以 / 或 https:// 开头', at: '开播时间', pick: '直播商品', search: '搜索商品', done: '直播已排期',
  },
  detail: {
    start: '开播', end: '结束直播', started: '已开播', ended: '直播已结束', openRoom: '打开直播间',
    pinned: '置顶商品', pin: '置顶', unpin: '取消置顶', livePrice: '直播价', listPrice: '原价', priceKind: { flash: '秒杀价', coupon: '券后价', list: '售价' },
    coupons: '直播专享券', couponName: '券名称', discount: '面额（元）', minSpend: '使用门槛（元，0 为无门槛）', quota: '发放总量', addCoupon: '添加直播券',
    release: '发券', withdraw: '停止发券', released: '发放中', notReleased: '未发放', remaining: '剩余 {{n}} 张', unlimited: '不限量',
    announce: '发布公告', announcement: '公告内容', announced: '公告已发布',
    record: '直播数据', viewers: '当前观众', peak: '峰值观众', likes: '点赞', messages: '弹幕', moderated: '被拦截发言', claims: '领券', ordersPlaced: '下单数', ordersPaid: '支付订单', gmv: '成交额（GMV）', fromRoom: '直播间下单', fromShares: '分享链接下单',
  },
};

const en: typeof zh = {
  nav: { group: 'Live', list: 'Live sessions' },
  status: { scheduled: 'Scheduled', live: 'Live', ended: 'Ended' },
  list: {
    title: 'Live sessions', hint: 'Schedule a live session (title, cover, products); once live, pin a product, release a live-only coupon and post announcements in the room. Viewers join through share links.',
    name: 'Title', status: 'Status', scheduled: 'Scheduled for', products: 'Products', peak: 'Peak viewers', empty: 'No live sessions yet',
    create: 'Schedule a session', titleField: 'Title', cover: 'Cover image URL', coverHint: 'starts with / or https://', at: 'Starts at', pick: 'Products', search: 'Search products', done: 'Session scheduled',
  },
  detail: {
    start: 'Go live', end: 'End session', started: 'Live now', ended: 'Session ended', openRoom: 'Open the room',
    pinned: 'Pinned product', pin: 'Pin', unpin: 'Unpin', livePrice: 'Live price', listPrice: 'Price', priceKind: { flash: 'Flash price', coupon: 'With coupon', list: 'Price' },
    coupons: 'Live coupons', couponName: 'Coupon name', discount: 'Amount off (yuan)', minSpend: 'Minimum spend (yuan, 0 for none)', quota: 'Quantity', addCoupon: 'Add live coupon',
    release: 'Release', withdraw: 'Withdraw', released: 'Released', notReleased: 'Not released', remaining: '{{n}} left', unlimited: 'Unlimited',
    announce: 'Post announcement', announcement: 'Announcement', announced: 'Announcement posted',
    record: 'Session record', viewers: 'Viewers now', peak: 'Peak viewers', likes: 'Likes', messages: 'Chat lines', moderated: 'Lines stopped by moderation', claims: 'Coupons claimed', ordersPlaced: 'Orders placed', ordersPaid: 'Orders paid', gmv: 'GMV', fromRoom: 'From the room', fromShares: 'From share links',
  },
};

export const live: Namespace = { 'zh-CN': zh, en };

const register = () => {
  for (const lang of ['zh-CN', 'en'] as const) if (!i18n.hasResourceBundle(lang, 'live')) i18n.addResourceBundle(lang, 'live', live[lang]);
};
if (i18n.isInitialized) register();
else i18n.on('initialized', register);
