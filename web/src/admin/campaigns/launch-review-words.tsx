// Words of the launch review (zh-CN and en), registered as the 'launchReview' namespace by the
// lazily loaded review itself, so they travel in its chunk and not in the console's entry.
import i18n from 'i18next';
import type { Namespace } from '../../shared/i18n';

const zh = {
  title: '发布前确认：{{name}}',
  steps: { rules: '活动规则', cost: '成本上限', card: '顾客看到的卡片', locks: '开始后锁定', checks: '上线前检查' },
  next: '下一步', back: '上一步', cancel: '取消', confirm: '确认开始', confirmScheduled: '确认发布（到点开始）',
  startsNow: '确认后立即开始，顾客马上可以参与。',
  startsLater: '开始时间是 {{at}}：确认后活动先显示为“未开始”，到点自动开始。',
  cannotStart: { CAMPAIGN_STATUS: '这个活动已经开始或结束，不能再次开始。', CAMPAIGN_ALREADY_OVER: '活动结束时间已过，不能开始。请修改时间后再发布。' },
  rulesIntro: '顾客在活动页看到的规则：',
  publishedRules: '已公示的活动规则（合规声明）',
  noPublishedRules: '尚未在合规声明中公示完整规则文本。',
  window: '活动时间：{{from}} – {{to}}',
  windowOpen: '活动时间：{{from}} 起，不限结束时间',
  cost: {
    ceiling: '最多花费', spent: '已花费', budget: '预算', mechanic: '按规则最多（数量 × 面值）',
    none: '没有成本上限：每笔优惠都会记入成本，但不会因预算被拒绝。建议在活动总览中设置预算。',
    basisBudget: '上限来自活动预算，用完后不再发放优惠。', basisMechanic: '上限来自活动规则：发放总量 × 每张最多优惠。',
  },
  cardNote: '示意：顾客在商城看到的活动卡片。',
  locks: {
    intro: '确认开始后，以下内容变为只读：',
    rules: '活动规则（价格、人数、奖品、面值、门槛等）', window: '开始和结束时间', declaration: '合规声明与公示规则', freeShipping: '包邮（已开启，不能再关闭）',
    editableIntro: '开始后仍可调整：',
    budget: '预算（不能低于已花费）', freeShippingOn: '开启包邮', pause: '暂停与恢复', end: '随时结束活动',
    after: '如需修改规则，请结束活动后新建一个。',
  },
  checks: { intro: '以下检查由服务器运行；有“阻止”项时不能开始。', none: '所有检查都已通过。', blocked: '有检查未通过，修正后才能开始。' },
  badge: { groupbuy: '{{n}}人团', bargain: '砍价', flashsale: '限时秒杀', lottery: '抽奖', referral: '邀请有礼', coupon: '优惠券', coupon_pack: '分享券包' },
  r: {
    groupbuy: { team: '{{n}} 人成团，拼团价 {{price}}', leader: '团长再减 {{amount}}（团长价 {{price}}）', expiry: '开团后 {{h}} 小时内未成团，自动退款', limit: '每人限参与 {{n}} 次', newOnly: '仅限新顾客参与', stock: '活动库存 {{n}} 件' },
    bargain: { cut: '邀请 {{n}} 位好友帮砍，最低可砍至 {{floor}}（原价 {{was}}）', expiry: '发起后 {{h}} 小时内有效', helper: '每位好友每天最多帮砍 {{n}} 次', stock: '活动库存 {{n}} 件', pay: '砍到底价后 {{m}} 分钟内付款' },
    flashsale: { item: '{{title}}：秒杀价 {{price}}（原价 {{was}}），限量 {{stock}} 件，每人限购 {{limit}} 件' },
    lottery: { free: '每天免费抽奖 {{n}} 次', share: '分享得 {{n}} 次，每天最多 {{cap}} 次', prize: '{{name}}：中奖概率 {{p}}' },
    referral: { hold: '被邀请人达成条件 {{h}} 小时后发放奖励', cap: '每位邀请人每天最多计 {{n}} 次邀请', milestones: '阶梯奖励 {{n}} 档' },
    coupon: { off: '立减 {{amount}}', threshold: '满 {{min}} 减 {{amount}}', percent: '{{discount}}', cap: '最多优惠 {{amount}}', min: '满 {{min}} 可用', free: '免运费', days: '领取后 {{n}} 天内有效', perUser: '每人限领 {{n}} 张', quota: '共 {{n}} 张，领完即止', scopeStore: '全店通用', scopeSome: '指定商品或分类可用' },
    coupon_pack: { friends: '分享给好友，{{n}} 位好友领券后你获得奖励券' },
  },
};

const en: typeof zh = {
  title: 'Review before launch: {{name}}',
  steps: { rules: 'Rules', cost: 'Cost ceiling', card: 'What shoppers see', locks: 'What locks', checks: 'Pre-launch checks' },
  next: 'Next', back: 'Back', cancel: 'Cancel', confirm: 'Confirm and start', confirmScheduled: 'Confirm and schedule',
  startsNow: 'It goes live as soon as you confirm: shoppers can take part at once.',
  startsLater: 'It starts at {{at}}: until then it reads “Scheduled”, then goes live by itself.',
  cannotStart: { CAMPAIGN_STATUS: 'This campaign has already started or ended; it cannot start again.', CAMPAIGN_ALREADY_OVER: 'Its end time has passed, so it cannot start. Change its dates first.' },
  rulesIntro: 'The rules shoppers read on the campaign page:',
  publishedRules: 'Published rules (compliance declaration)',
  noPublishedRules: 'No full rules text is published in the compliance declaration yet.',
  window: 'Runs {{from}} – {{to}}',
  windowOpen: 'Runs from {{from}}, no end time',
  cost: {
    ceiling: 'At most', spent: 'Spent', budget: 'Budget', mechanic: 'By its rules (quantity × value)',
    none: 'No cost ceiling: every discount is booked as cost, none is refused for budget. Consider setting a budget in All campaigns.',
    basisBudget: 'The ceiling is the budget: once spent, no more discounts are given.', basisMechanic: 'The ceiling comes from the rules: quantity × the most each coupon takes off.',
  },
  cardNote: 'Preview of the campaign card shoppers see in the store.',
  locks: {
    intro: 'Once started, these become read-only:',
    rules: 'The rules (prices, team size, prizes, values, minimum spend…)', window: 'Start and end times', declaration: 'The compliance declaration and published rules', freeShipping: 'Free shipping (on, cannot be turned off)',
    editableIntro: 'You can still change:',
    budget: 'The budget (never below what was spent)', freeShippingOn: 'Turn on free shipping', pause: 'Pause and resume', end: 'End it at any time',
    after: 'To change the rules, end the campaign and create a new one.',
  },
  checks: { intro: 'The server runs these checks; a blocking one stops the launch.', none: 'Every check passed.', blocked: 'A check failed: fix it before starting.' },
  badge: { groupbuy: 'Team of {{n}}', bargain: 'Price-cut', flashsale: 'Flash sale', lottery: 'Lucky draw', referral: 'Invite friends', coupon: 'Coupon', coupon_pack: 'Coupon pack' },
  r: {
    groupbuy: { team: 'Teams of {{n}} buy at {{price}}', leader: 'The leader saves {{amount}} more (pays {{price}})', expiry: 'A team not full within {{h}} h is refunded automatically', limit: 'Up to {{n}} per customer', newOnly: 'New customers only', stock: '{{n}} in stock for the campaign' },
    bargain: { cut: 'Ask {{n}} friends to help cut the price down to {{floor}} (from {{was}})', expiry: 'Valid for {{h}} h after starting', helper: 'Each friend helps at most {{n}} times a day', stock: '{{n}} in stock for the campaign', pay: 'Pay within {{m}} min of reaching the floor' },
    flashsale: { item: '{{title}}: {{price}} (was {{was}}), {{stock}} available, up to {{limit}} per customer' },
    lottery: { free: '{{n}} free draws a day', share: '{{n}} more per share, up to {{cap}} a day', prize: '{{name}}: {{p}} chance' },
    referral: { hold: 'Rewards are given {{h}} h after the friend qualifies', cap: 'Up to {{n}} invites counted per inviter a day', milestones: '{{n}} milestone rewards' },
    coupon: { off: '{{amount}} off', threshold: '{{amount}} off orders over {{min}}', percent: '{{discount}}', cap: 'at most {{amount}} off', min: 'on orders over {{min}}', free: 'Free shipping', days: 'Valid {{n}} days after claiming', perUser: 'Up to {{n}} per customer', quota: '{{n}} in total, while they last', scopeStore: 'Store-wide', scopeSome: 'On selected products or categories' },
    coupon_pack: { friends: 'Share it: once {{n}} friends claim, you get the reward coupon' },
  },
};

export const launchReviewWords: Namespace = { 'zh-CN': zh, en };

const register = () => {
  for (const lang of ['zh-CN', 'en'] as const) if (!i18n.hasResourceBundle(lang, 'launchReview')) i18n.addResourceBundle(lang, 'launchReview', launchReviewWords[lang]);
};
if (i18n.isInitialized) register();
else i18n.on('initialized', register);
