// Group buys after the tap: the confirm step of a carried action (到手价, shipping, address), the
// list's social proof and open teams, a completed team's next steps, flash-sale confirm, and the
// promoter centre's per-product commission and approval notice. Registered under the fission
// namespace as `teams`.
import type { Namespace } from '../../../shared/i18n';

export const teams: Namespace = {
  'zh-CN': {
    confirm: {
      title: '确认订单',
      goods: '商品金额',
      shipping: '运费',
      free: '包邮',
      delivered: '到手价',
      address: '收货地址',
      place: '确认并支付 · {{price}}',
      leaderSeat_other: '{{count}}人团 · 开团价',
      memberSeat_other: '{{count}}人团 · 参团价',
      flashSeat: '限时秒杀价',
      manageAddresses: '管理收货地址',
    },
    proof: {
      joined_other: '{{count}} 人在拼',
      sold_other: '已拼 {{count}} 件',
    },
    strip: {
      title: '这些团正在等人，直接参团',
      teamOf: '{{name}} 的团',
      needs_other: '还差 {{count}} 人',
      join: '去参团',
      yours: '我的团',
      joinAria: '参加 {{name}} 的团',
    },
    done: {
      viewOrder: '查看订单',
      again: '再开一团',
      share: '分享晒单',
      openOwn: '我也开一团',
    },
    promoter: {
      earn: '赚 {{amount}}',
      rate: '佣金 {{rate}}%',
      estimateNote: '按你的一级佣金比例估算：好友通过你的链接买一件（按最低售价）你能赚的钱。',
      approvedTitle: '申请已通过',
      approvedText: '{{date}} 审核通过，现在就可以分享商品赚佣金了。',
      approvedStatus: '推广员 · {{date}} 起',
      dismiss: '知道了',
    },
  },
  en: {
    confirm: {
      title: 'Confirm your order',
      goods: 'Item',
      shipping: 'Shipping',
      free: 'Free',
      delivered: 'You pay',
      address: 'Deliver to',
      place: 'Confirm and pay · {{price}}',
      leaderSeat_one: 'Team of {{count}} · leader price',
      leaderSeat_other: 'Team of {{count}} · leader price',
      memberSeat_one: 'Team of {{count}} · team price',
      memberSeat_other: 'Team of {{count}} · team price',
      flashSeat: 'Flash price',
      manageAddresses: 'Manage addresses',
    },
    proof: {
      joined_one: '{{count}} teaming up now',
      joined_other: '{{count}} teaming up now',
      sold_one: '{{count}} sold in teams',
      sold_other: '{{count}} sold in teams',
    },
    strip: {
      title: 'Teams waiting for you: join one',
      teamOf: "{{name}}'s team",
      needs_one: '{{count}} more needed',
      needs_other: '{{count}} more needed',
      join: 'Join',
      yours: 'Your team',
      joinAria: "Join {{name}}'s team",
    },
    done: {
      viewOrder: 'View order',
      again: 'Start another team',
      share: 'Share your buy',
      openOwn: 'Start my own team',
    },
    promoter: {
      earn: 'Earn {{amount}}',
      rate: '{{rate}}% commission',
      estimateNote: 'Estimated at your level-1 rate: what you earn when a friend buys one unit (at the lowest price) through your link.',
      approvedTitle: 'Application approved',
      approvedText: 'Approved on {{date}}. Share products now and earn commission.',
      approvedStatus: 'Promoter since {{date}}',
      dismiss: 'Got it',
    },
  },
};
