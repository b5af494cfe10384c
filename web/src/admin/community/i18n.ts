// The community console's words (namespace `communityAdmin`), added to i18next as soon as it is
// initialised, so the console's i18n setup needs no line for it.
import i18n from 'i18next';
import type { Namespace } from '../../shared/i18n';

const zh = {
  nav: { group: '社区', kols: '达人认证', notes: '笔记管理' },
  kolStatus: { applied: '待审核', verified: '已认证', rejected: '未通过', revoked: '已撤销' },
  noteStatus: { published: '已发布', held: '审核中', hidden: '已隐藏', deleted: '已删除' },
  kols: {
    title: '达人认证', hint: '顾客申请成为达人（KOL）后在此审核；也可直接认证一位顾客。认证后，其主页显示完整昵称、认证标识以及笔记分享带来的订单与成交额。',
    status: '状态', name: '顾客', intro: '自我介绍', followers: '粉丝', notes: '笔记', sales: '笔记带货', applied: '申请时间', decided: '处理时间', empty: '没有记录',
    verify: '认证', reject: '拒绝', revoke: '撤销认证', verifyDirect: '直接认证顾客', userId: '顾客 ID', verified: '已认证', rejected: '已拒绝', revoked: '已撤销',
    confirmVerify: '认证 {{name}} 为达人？', confirmReject: '拒绝 {{name}} 的申请？', confirmRevoke: '撤销 {{name}} 的达人认证？', salesValue: '{{orders}} 单 · {{gmv}}',
  },
  notes: {
    title: '笔记管理', hint: '所有笔记（含审核中与已隐藏的）。隐藏后仅作者本人可见；审核中的内容在「内容审核」队列处理。',
    status: '状态', titleCol: '标题', author: '作者', kind: '类型', note: '笔记', order: '晒单', engagement: '赞 / 藏 / 评', sales: '分享带货', created: '发布时间', empty: '没有笔记',
    hide: '隐藏', show: '恢复显示', hidden: '已隐藏', shown: '已恢复显示', confirmHide: '隐藏「{{title}}」？作者本人仍可见。', authorId: '作者 ID', open: '查看',
  },
};

const en: typeof zh = {
  nav: { group: 'Community', kols: 'KOL verification', notes: 'Notes' },
  kolStatus: { applied: 'Applied', verified: 'Verified', rejected: 'Rejected', revoked: 'Revoked' },
  noteStatus: { published: 'Published', held: 'Under review', hidden: 'Hidden', deleted: 'Deleted' },
  kols: {
    title: 'KOL verification', hint: 'Shoppers apply to be KOLs and are reviewed here; you can also verify a shopper directly. A verified KOL’s page shows their full name, a badge, and the orders and GMV their notes’ shares brought.',
    status: 'Status', name: 'Shopper', intro: 'Introduction', followers: 'Followers', notes: 'Notes', sales: 'Sales from notes', applied: 'Applied', decided: 'Decided', empty: 'Nothing here',
    verify: 'Verify', reject: 'Reject', revoke: 'Revoke', verifyDirect: 'Verify a shopper directly', userId: 'Shopper ID', verified: 'Verified', rejected: 'Rejected', revoked: 'Revoked',
    confirmVerify: 'Verify {{name}} as a KOL?', confirmReject: 'Reject {{name}}’s application?', confirmRevoke: 'Revoke {{name}}’s KOL verification?', salesValue: '{{orders}} orders · {{gmv}}',
  },
  notes: {
    title: 'Notes', hint: 'Every note, held and hidden ones included. A hidden note is seen by its author alone; held content is decided in the moderation queue.',
    status: 'Status', titleCol: 'Title', author: 'Author', kind: 'Kind', note: 'Note', order: 'Haul (晒单)', engagement: 'Likes / saves / comments', sales: 'Sales from shares', created: 'Posted', empty: 'No notes',
    hide: 'Hide', show: 'Show again', hidden: 'Hidden', shown: 'Shown again', confirmHide: 'Hide “{{title}}”? Its author still sees it.', authorId: 'Author ID', open: 'Open',
  },
};

export const communityAdmin: Namespace = { 'zh-CN': zh, en };

const register = () => {
  for (const lang of ['zh-CN', 'en'] as const) if (!i18n.hasResourceBundle(lang, 'communityAdmin')) i18n.addResourceBundle(lang, 'communityAdmin', communityAdmin[lang]);
};
if (i18n.isInitialized) register();
else i18n.on('initialized', register);
