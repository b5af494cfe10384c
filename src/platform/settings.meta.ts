// What the console needs to show each setting as a labelled form field: its group (the page it
// sits on), its unit (how the stored integer reads: fen as yuan, basis points as %, minutes,
// days…), and its label, help and choice names in both languages. The allowed range is not
// repeated here: it is read from the setting's schema in settings.ts, the one the server checks.
// settings.ts holds this table to its own SettingKey, so a setting cannot be added without saying
// how it reads (and this file does not import settings.ts back).

export const SETTING_GROUPS = ['trade', 'shipping', 'affiliate', 'loyalty', 'sharing', 'marketing', 'compliance', 'security', 'system'] as const;
export type SettingGroup = (typeof SETTING_GROUPS)[number];

/**
 * How a stored value reads. fen: money, shown in yuan; bp: basis points, shown as % (1000 = 10%);
 * percent: whole percent; seconds…years: durations; count and points: plain integers; perMinute: a
 * rate; boolean: on/off; enum: one of `options`; text: a short string (min/max are its length).
 */
export const SETTING_UNITS = ['fen', 'bp', 'percent', 'seconds', 'minutes', 'hours', 'days', 'years', 'count', 'points', 'perMinute', 'boolean', 'enum', 'text'] as const;
export type SettingUnit = (typeof SETTING_UNITS)[number];

/** [zh-CN, en] */
type Words = readonly [string, string];

export interface SettingMeta {
  group: SettingGroup;
  unit: SettingUnit;
  label: Words;
  help: Words;
  /** For enum settings: each allowed value's name, in the order the choice is offered. */
  options?: Readonly<Record<string, Words>>;
}

export const SETTING_META = {
  // 交易
  'orders.unpaidTimeoutMinutes': { group: 'trade', unit: 'minutes', label: ['未付款订单自动取消', 'Cancel unpaid orders after'], help: ['下单后超过这段时间仍未付款的订单会自动取消，并释放库存', 'Orders not paid within this time are cancelled and their stock is released'] },
  'orders.autoCompleteDays': { group: 'trade', unit: 'days', label: ['发货后自动确认收货', 'Complete shipped orders after'], help: ['发货后经过这么多天，订单自动变为已完成', 'Shipped orders complete automatically after this many days'] },
  'aftersales.windowDays': { group: 'trade', unit: 'days', label: ['售后申请期限', 'After-sales window'], help: ['订单完成后这么多天内，顾客可以申请售后（0 表示完成后不再受理）', 'Days after completion in which a customer may open an after-sales request (0: none after completion)'] },
  // 配送
  'shipping.flatFeeAmount': { group: 'shipping', unit: 'fen', label: ['运费', 'Shipping fee'], help: ['未达到包邮门槛的订单统一收取的运费', 'The flat shipping fee for orders below the free-shipping threshold'] },
  'shipping.freeThresholdAmount': { group: 'shipping', unit: 'fen', label: ['包邮门槛', 'Free shipping from'], help: ['商品金额达到此金额的订单免运费；填 0 表示不包邮', 'Orders whose goods total reaches this ship free; 0 turns free shipping off'] },
  // 分销
  'affiliate.promoterMode': {
    group: 'affiliate', unit: 'enum', label: ['推广员加入方式', 'Who becomes a promoter'], help: ['申请成为推广员从不需要付费或购买', 'Applying never requires a fee or a purchase'],
    options: { open: ['申请即通过', 'Anyone who applies'], application: ['申请后由运营审核', 'Applicants an operator approves'], after_first_paid_order: ['首笔订单付款后自动成为', 'Customers after their first paid order'] },
  },
  'affiliate.level1RateBp': { group: 'affiliate', unit: 'bp', label: ['一级佣金比例', 'Level-1 commission'], help: ['直接推广成交的佣金，按订单行实付金额计算', 'Commission on sales a promoter brings directly, of the amount paid for the line'] },
  'affiliate.level2RateBp': { group: 'affiliate', unit: 'bp', label: ['二级佣金比例', 'Level-2 commission'], help: ['推广员所邀请的推广员成交时的佣金；不设三级', 'Commission on sales by the promoters a promoter invited; there is never a level 3'] },
  'affiliate.bindingDays': { group: 'affiliate', unit: 'days', label: ['客户绑定期', 'Customer binding period'], help: ['顾客与推广员保持绑定的天数（0 表示永久绑定）', 'A customer stays bound to their promoter this many days (0: permanently)'] },
  'affiliate.bindingOverride': { group: 'affiliate', unit: 'boolean', label: ['允许新链接改绑', 'Newer links re-bind'], help: ['开启后，顾客点击新的推广链接会改绑到新推广员；关闭时以首次绑定为准', 'On: a newer share link re-binds the customer. Off: the first binding wins'] },
  'affiliate.selfPurchaseCommission': { group: 'affiliate', unit: 'boolean', label: ['自购返佣', 'Commission on own purchases'], help: ['开启后，推广员自己下单也可获得一级佣金', 'On: promoters earn level-1 commission on their own purchases'] },
  'affiliate.settlementDays': { group: 'affiliate', unit: 'days', label: ['佣金结算期', 'Commission settles after'], help: ['订单完成后经过这么多天，佣金才可提现', 'Commission settles this many days after the order completes'] },
  'affiliate.withdrawMinAmount': { group: 'affiliate', unit: 'fen', label: ['最低提现金额', 'Smallest withdrawal'], help: ['推广员单次提现不得低于此金额', 'A promoter cannot withdraw less than this at once'] },
  'affiliate.withdrawFeeBp': { group: 'affiliate', unit: 'bp', label: ['提现手续费', 'Withdrawal fee'], help: ['按提现金额收取的比例', 'Taken from each withdrawal as a share of its amount'] },
  // 积分
  'loyalty.pointsPerYuan': { group: 'loyalty', unit: 'points', label: ['每消费 ¥1 获得积分', 'Points per ¥1 paid'], help: ['顾客每实付 1 元获得的积分', 'Points a customer earns for every ¥1 paid'] },
  'loyalty.pointValueFen': { group: 'loyalty', unit: 'fen', label: ['每积分抵扣', 'One point is worth'], help: ['结算时 1 积分可抵扣的金额（¥0.01 即 100 积分抵 ¥1）', 'What one point pays at checkout (¥0.01: 100 points = ¥1)'] },
  'loyalty.maxDeductionPercent': { group: 'loyalty', unit: 'percent', label: ['积分最多抵扣', 'Points pay at most'], help: ['积分最多可支付商品金额的这一比例', 'Points may pay at most this share of the goods'] },
  'loyalty.reviewPoints': { group: 'loyalty', unit: 'points', label: ['评价奖励积分', 'Points for a review'], help: ['每个订单商品发表一次评价可得的积分（0 表示不奖励）', 'Points for a published review, once per order line (0: none)'] },
  'loyalty.checkinPoints': { group: 'loyalty', unit: 'points', label: ['每日签到积分', 'Daily check-in points'], help: ['每天签到一次获得的积分', 'Points for a daily check-in'] },
  'loyalty.checkinStreakBonusEvery': { group: 'loyalty', unit: 'days', label: ['连续签到奖励周期', 'Streak bonus every'], help: ['每连续签到这么多天，额外获得一次连签奖励', 'Every this many consecutive check-in days earns the streak bonus'] },
  'loyalty.checkinStreakBonusPoints': { group: 'loyalty', unit: 'points', label: ['连续签到奖励积分', 'Streak bonus points'], help: ['每达到一次连签周期额外获得的积分', 'Extra points each time a streak completes'] },
  'loyalty.expiryYears': { group: 'loyalty', unit: 'years', label: ['积分有效期', 'Points expire after'], help: ['积分在获得后第这么多年的年底过期（0 表示永不过期）', 'Points expire at the end of the year this many years after they were earned (0: never)'] },
  // 分享与邀请
  'sharing.attributionWindowDays': { group: 'sharing', unit: 'days', label: ['分享归因期', 'Share attribution window'], help: ['注册和下单归属于这么多天内最后一次点击的分享', 'Sign-ups and orders count for the last share clicked within this many days'] },
  'sharing.shareClickPoints': { group: 'sharing', unit: 'points', label: ['分享带来点击奖励积分', 'Points per share click'], help: ['分享被新访客点击时，分享人获得的积分', 'Points for a share that brings a click from a new visitor'] },
  'sharing.shareClickDailyCap': { group: 'sharing', unit: 'points', label: ['分享积分每日上限', 'Daily share-click points cap'], help: ['每位分享人每天通过分享点击最多获得的积分', 'At most this many share-click points per sharer per day'] },
  'referral.qualifyOn': {
    group: 'sharing', unit: 'enum', label: ['邀请生效条件', 'An invite counts on'], help: ['被邀请人满足此条件时，邀请才算成功并发放奖励', 'When an invite counts and its reward is given'],
    options: { first_paid_order: ['被邀请人首笔订单付款', 'The invitee’s first paid order'], signup: ['被邀请人注册', 'The invitee’s sign-up'] },
  },
  'referral.holdHours': { group: 'sharing', unit: 'hours', label: ['邀请奖励审核期', 'Hold referral rewards for'], help: ['邀请奖励发放前等待审核的时长（0 表示立即发放）', 'Referral rewards wait this long for review before release (0: at once)'] },
  'referral.inviterDailyCap': { group: 'sharing', unit: 'count', label: ['每人每日奖励邀请上限', 'Rewarded invites per day'], help: ['每位邀请人每天最多获得奖励的邀请数', 'At most this many rewarded invites per inviter per day'] },
  // 营销活动
  'coupons.maxStoreCoupons': { group: 'marketing', unit: 'count', label: ['每单可用全店券', 'Store-wide coupons per order'], help: ['一个订单最多可同时使用的全店通用券张数', 'Store-wide coupons one order may use'] },
  'coupons.maxProductCoupons': { group: 'marketing', unit: 'count', label: ['每单可用商品券', 'Product coupons per order'], help: ['一个订单最多可同时使用的指定商品或品类券张数', 'Product- or category-scoped coupons one order may use'] },
  'flashsale.payWithinMinutes': { group: 'marketing', unit: 'minutes', label: ['秒杀订单付款时限', 'Pay flash-sale orders within'], help: ['秒杀订单超时未付款将取消，库存退回秒杀库存', 'An unpaid flash-sale order is cancelled after this and its unit returns to the flash stock'] },
  'lottery.maxPrizeValueAmount': { group: 'marketing', unit: 'fen', label: ['单个抽奖奖品最高价值', 'Most a lucky-draw prize may be worth'], help: ['保存奖池时检查；中国法规上限为 ¥50,000', 'Checked when a prize pool is saved (China: ¥50,000)'] },
  // 合规与隐私
  'compliance.market': {
    group: 'compliance', unit: 'enum', label: ['价格合规市场', 'Price rules of'], help: ['划线价（原价）须遵守的市场规则', 'The market whose rules a reference (“original”) price follows'],
    options: { CN: ['中国（不高于 7 天内最低成交价）', 'China (at most the lowest charged in 7 days)'], EU: ['欧盟（不高于 30 天内最低成交价）', 'EU (at most the lowest charged in 30 days)'] },
  },
  'compliance.referenceDays': { group: 'compliance', unit: 'days', label: ['划线价参考天数', 'Reference price days'], help: ['划线价不得高于这么多天内的最低成交价；0 表示按市场规则（中国 7 天，欧盟 30 天）', 'A reference price may not exceed the lowest charged in this many days; 0: the market’s own (CN 7, EU 30)'] },
  'privacy.policyVersion': { group: 'compliance', unit: 'text', label: ['隐私政策版本', 'Privacy policy version'], help: ['顾客注册时同意的隐私政策版本，每条同意记录都会记下此版本', 'The version shoppers accept at sign-up; each consent records it'] },
  'privacy.visitorEventRetentionDays': { group: 'compliance', unit: 'days', label: ['访客行为数据保留', 'Keep visitor events for'], help: ['超过这么多天的访客行为数据由每日任务删除', 'Visitor events older than this are deleted by the daily retention job'] },
  'privacy.sessionRetentionDays': { group: 'compliance', unit: 'days', label: ['已结束会话保留', 'Keep ended sessions for'], help: ['已过期或已退出的登录会话超过这么多天后删除', 'Sessions that ended (expired or signed out) are deleted after this'] },
  'privacy.exportExpiryDays': { group: 'compliance', unit: 'days', label: ['个人数据导出有效期', 'Data exports expire after'], help: ['顾客的个人数据导出文件可下载的天数，到期删除', 'A shopper’s data export can be downloaded this long, then it is deleted'] },
  // 账户安全
  'identity.signInMaxFailures': { group: 'security', unit: 'count', label: ['登录失败锁定次数', 'Failed sign-ins before a lock'], help: ['同一账号在统计时段内登录失败这么多次后暂时锁定', 'Failed sign-ins to one account within the window before it is locked for a while'] },
  'identity.signInWindowMinutes': { group: 'security', unit: 'minutes', label: ['登录失败统计时段', 'Failed sign-in window'], help: ['在这段时间内统计同一账号的登录失败次数', 'The window in which failed sign-ins to one account are counted'] },
  'identity.signInLockMinutes': { group: 'security', unit: 'minutes', label: ['首次锁定时长', 'First lock lasts'], help: ['之后每次锁定时长翻倍，最长一天', 'Each further lock doubles it, up to a day'] },
  'identity.codeValidityMinutes': { group: 'security', unit: 'minutes', label: ['重置密码验证码有效期', 'Password-reset code valid for'], help: ['重置密码验证码在这段时间内有效', 'A password-reset code works for this long'] },
  'identity.codeMaxAttempts': { group: 'security', unit: 'count', label: ['验证码最多尝试次数', 'Wrong guesses per code'], help: ['一个重置密码验证码允许输错的次数', 'Wrong guesses a password-reset code survives'] },
  'identity.codesPerHour': { group: 'security', unit: 'count', label: ['每小时最多发送验证码', 'Reset codes per hour'], help: ['每个账号每小时最多发送的重置密码验证码数', 'At most this many password-reset codes are sent to one account per hour'] },
  // 系统
  'webhooks.timeoutSeconds': { group: 'system', unit: 'seconds', label: ['Webhook 响应超时', 'Webhook timeout'], help: ['Webhook 地址须在这段时间内响应，否则本次推送记为失败', 'A webhook endpoint must answer within this or the attempt counts as failed'] },
  'webhooks.disableAfterDays': { group: 'system', unit: 'days', label: ['Webhook 持续失败后停用', 'Disable failing webhooks after'], help: ['连续这么多天全部推送失败的地址将被停用', 'An endpoint whose every delivery has failed for this many days is disabled'] },
  'rateLimits.authPerIp': { group: 'system', unit: 'perMinute', label: ['登录注册频率（每 IP）', 'Sign-in requests per IP'], help: ['同一 IP 每分钟的登录、注册和重置密码请求数；设置了环境变量 FISSION_RATE_LIMIT_AUTH_PER_IP 时以其为准', 'Sign-in, sign-up and password-reset requests per minute from one IP (FISSION_RATE_LIMIT_AUTH_PER_IP wins when set)'] },
  'rateLimits.ordersPerUser': { group: 'system', unit: 'perMinute', label: ['下单频率（每位顾客）', 'Orders per shopper'], help: ['每位顾客每分钟的下单次数；环境变量 FISSION_RATE_LIMIT_ORDERS_PER_USER 优先', 'Order placements per minute by one shopper (FISSION_RATE_LIMIT_ORDERS_PER_USER wins when set)'] },
  'rateLimits.ordersPerIp': { group: 'system', unit: 'perMinute', label: ['下单频率（每 IP）', 'Orders per IP'], help: ['同一 IP 每分钟的下单次数；环境变量 FISSION_RATE_LIMIT_ORDERS_PER_IP 优先', 'Order placements per minute from one IP (FISSION_RATE_LIMIT_ORDERS_PER_IP wins when set)'] },
  'rateLimits.flashsalePerUser': { group: 'system', unit: 'perMinute', label: ['秒杀请求频率（每位顾客）', 'Flash-sale attempts per shopper'], help: ['每位顾客每分钟的秒杀抢购次数；环境变量 FISSION_RATE_LIMIT_FLASHSALE_PER_USER 优先', 'Flash-sale purchase attempts per minute by one shopper (FISSION_RATE_LIMIT_FLASHSALE_PER_USER wins when set)'] },
  'rateLimits.flashsalePerIp': { group: 'system', unit: 'perMinute', label: ['秒杀请求频率（每 IP）', 'Flash-sale attempts per IP'], help: ['同一 IP 每分钟的秒杀抢购次数，校园等共用出口的场景可调高；环境变量 FISSION_RATE_LIMIT_FLASHSALE_PER_IP 优先', 'Flash-sale attempts per minute from one IP; raise it for shoppers behind one NAT (FISSION_RATE_LIMIT_FLASHSALE_PER_IP wins when set)'] },
  'rateLimits.shareLinkPerIp': { group: 'system', unit: 'perMinute', label: ['分享链接打开频率（每 IP）', 'Share-link opens per IP'], help: ['同一 IP 每分钟打开分享链接（/s/…）的次数；环境变量 FISSION_RATE_LIMIT_SHARE_LINK_PER_IP 优先', 'Share-link (/s/…) opens per minute from one IP (FISSION_RATE_LIMIT_SHARE_LINK_PER_IP wins when set)'] },
  'rateLimits.eventsPerIp': { group: 'system', unit: 'perMinute', label: ['行为上报频率（每 IP）', 'Event batches per IP'], help: ['同一 IP 每分钟的行为数据上报次数，一个页面约几秒上报一次；环境变量 FISSION_RATE_LIMIT_EVENTS_PER_IP 优先', 'Storefront event batches per minute from one IP; a page sends about one every few seconds (FISSION_RATE_LIMIT_EVENTS_PER_IP wins when set)'] },
} as const satisfies Record<string, SettingMeta>;
