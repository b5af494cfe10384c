// The moderation screens' words (namespace `moderation`): added to i18next once it is initialised.
import i18n from 'i18next';
import type { Namespace } from '../../shared/i18n';

const zh = {
  nav: { group: '内容审核', queue: '审核队列', words: '敏感词库', alerts: '负面预警', reviews: '商品评价' },
  kind: { review: '评价', note: '笔记', comment: '评论', chat: '直播弹幕' },
  status: { pending: '待审核', approved: '已通过', refused: '已拒绝', published: '已发布', held: '待审核', hidden: '已隐藏' },
  reason: { EMPTY: '内容为空', REFUSED_WORDS: '禁用词', HELD_WORDS: '需审核词', CONTACT_DETAILS: '联系方式 / 站外引流', MARKUP_REMOVED: '已清除 HTML' },
  queue: {
    title: '审核队列', hint: '规则拦下的内容（命中敏感词、含联系方式等）。通过后发布，拒绝后保持隐藏；所属模块会收到 moderation.decided 事件。',
    pending: '{{n}} 条待审核', kind: '类型', text: '内容', reasons: '原因', sentiment: '情感', created: '时间', status: '状态', empty: '队列是空的',
    approve: '通过', refuse: '拒绝', approved: '已通过', refused: '已拒绝', all: '全部', more: '加载更多',
  },
  words: {
    title: '敏感词库', hint: '匹配时忽略空格、标点、全角和大小写（"加 微 信" 也会命中 "加微信"）。修改立即对所有进程生效。',
    word: '词', action: '处理', note: '备注', created: '添加时间', hold: '转人工审核', refuse: '直接拒绝', add: '添加', remove: '删除', removed: '已删除', added: '已保存', empty: '词库为空',
    preview: '试一试', previewHint: '输入一段文字，看规则会怎么处理（不会保存）。', check: '检测', verdict: '结果', verdicts: { approved: '通过', held: '转人工', refused: '拒绝' },
  },
  alerts: {
    title: '负面预警', hint: '今天关于某商品的负面内容占比，明显高于它过去 28 天的常态（至少 3 条负面、且为常态的 2 倍以上、高出 15 个百分点）。',
    product: '商品', recent: '今日负面 / 总数', usual: '常态负面率', now: '今日负面率', empty: '没有异常', storeRate: '全店负面率 {{rate}}',
  },
  reviews: {
    title: '商品评价', hint: '最新评价。回复会显示在评价下方；隐藏后评价从商品页移除（保留记录）。', rating: '评分', text: '内容', product: '商品', status: '状态',
    reply: '回复', replyTitle: '回复评价', replyText: '回复内容', replied: '已回复', hide: '隐藏', hideTitle: '隐藏评价', hideReason: '原因', hidden: '已隐藏', restore: '恢复', restored: '已恢复', empty: '还没有评价',
  },
};

const en: typeof zh = {
  nav: { group: 'Moderation', queue: 'Queue', words: 'Word list', alerts: 'Negative spikes', reviews: 'Reviews' },
  kind: { review: 'Review', note: 'Note', comment: 'Comment', chat: 'Live chat' },
  status: { pending: 'Pending', approved: 'Approved', refused: 'Refused', published: 'Published', held: 'Held', hidden: 'Hidden' },
  reason: { EMPTY: 'Empty', REFUSED_WORDS: 'Refused words', HELD_WORDS: 'Words to check', CONTACT_DETAILS: 'Contact details / off-site traffic', MARKUP_REMOVED: 'HTML removed' },
  queue: {
    title: 'Moderation queue', hint: 'Content the rules stopped (listed words, contact details…). Approving publishes it, refusing keeps it hidden; the owning module hears moderation.decided.',
    pending: '{{n}} pending', kind: 'Kind', text: 'Content', reasons: 'Reasons', sentiment: 'Sentiment', created: 'Time', status: 'Status', empty: 'The queue is empty',
    approve: 'Approve', refuse: 'Refuse', approved: 'Approved', refused: 'Refused', all: 'All', more: 'Load more',
  },
  words: {
    title: 'Word list', hint: 'Matching ignores spaces, punctuation, full-width forms and case ("加 微 信" matches "加微信"). Changes apply to every process at once.',
    word: 'Word', action: 'Action', note: 'Note', created: 'Added', hold: 'Hold for review', refuse: 'Refuse', add: 'Add', remove: 'Remove', removed: 'Removed', added: 'Saved', empty: 'The list is empty',
    preview: 'Try it', previewHint: 'Type a text to see what the rules would do (nothing is saved).', check: 'Check', verdict: 'Verdict', verdicts: { approved: 'Approved', held: 'Held', refused: 'Refused' },
  },
  alerts: {
    title: 'Negative spikes', hint: 'Products whose share of negative content today is well above their usual share over the past 28 days (at least 3 negatives, at least twice the usual rate and 15 points above it).',
    product: 'Product', recent: 'Negative / total today', usual: 'Usual negative rate', now: 'Negative rate today', empty: 'Nothing unusual', storeRate: 'Store-wide negative rate {{rate}}',
  },
  reviews: {
    title: 'Reviews', hint: 'Latest reviews. A reply shows under the review; hiding takes it off the product page (the record stays).', rating: 'Rating', text: 'Text', product: 'Product', status: 'Status',
    reply: 'Reply', replyTitle: 'Reply to the review', replyText: 'Reply', replied: 'Replied', hide: 'Hide', hideTitle: 'Hide the review', hideReason: 'Reason', hidden: 'Hidden', restore: 'Restore', restored: 'Restored', empty: 'No reviews yet',
  },
};

export const moderation: Namespace = { 'zh-CN': zh, en };

const register = () => {
  for (const lang of ['zh-CN', 'en'] as const) if (!i18n.hasResourceBundle(lang, 'moderation')) i18n.addResourceBundle(lang, 'moderation', moderation[lang]);
};
if (i18n.isInitialized) register();
else i18n.on('initialized', register);
