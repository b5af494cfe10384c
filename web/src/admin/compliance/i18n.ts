// The compliance screens' words, under `compliance` in the console's namespace (admin/i18n.ts).
export const complianceZh = {
  nav: { group: '合规与安全', audit: '操作日志', channels: '渠道规则', security: '两步验证' },
  declaration: {
    title: '合规声明：{{name}}', open: '合规声明', intro: '说明活动会在哪些渠道分享、是否奖励分享等；上线前检查据此判断。活动开始后声明随规则一起锁定。',
    channels: '分享渠道', facts: '活动做法', rewardsSharing: '分享即奖励（券、积分、现金）', shareForChances: '分享得更多机会', helpPrompts: '邀好友助力 / 砍价', lottery: '本店自办抽奖', rewardsFollowing: '关注、点赞奖励',
    rules: '活动规则全文', rulesPublished: '发布规则（开始前必须发布）', publishedAt: '发布于 {{at}}',
    virtualMembers: '虚拟成团人数', virtualMembersDisclosed: '已向顾客公示虚拟成团', maxPrize: '最高奖品价值（元，无奖品留空）', commissionDepth: '佣金层级', entryFee: '成为推广员的费用（元）',
    references: '展示的划线价（每行：SKU 编号 空格 金额元）', badReference: '第 {{line}} 行格式不对', saved: '声明已保存', check: '上线前合规检查', back: '返回全部活动',
  },
  outcome: { pass: '通过', warn: '提醒', fail: '不通过' },
  source: '依据：{{law}} · {{article}}',
  override: { title: '管理员强制开始', hint: '有不通过的检查。管理员可以填写理由后强制开始，理由会记入操作日志。', reason: '理由（至少 10 个字）', submit: '仍然开始' },
  audit: { title: '操作日志', hint: '运营人员的每一次操作：谁、何时、对什么做了什么。', action: '操作', actionHint: '以 . 结尾按前缀匹配，如 campaign.', actor: '操作人 ID', subjectType: '对象类型', subjectId: '对象 ID', from: '开始时间', to: '结束时间', time: '时间', details: '详情', empty: '没有符合条件的记录', filter: '筛选' },
  channels: { title: '渠道分享规则', hint: '每个渠道的规则以数据保存；活动上线前和每次分享都按它检查。只有管理员可以修改。', rule: '规则', severity: '级别', fail: '不允许', warn: '仅提醒', saved: '已保存', code: {
    no_share_reward: '不得奖励分享行为', no_share_for_chances: '不得分享得机会', no_help_prompts: '不得助力 / 砍价诱导', rules_in_full: '须完整公示规则', no_private_lottery: '不得自办抽奖', no_follow_reward: '不得奖励关注点赞' } },
  security: { title: '两步验证', hint: '开启后，登录后台时除密码外还要输入身份验证器中的 6 位动态码。', on: '已开启（{{at}}）', off: '未开启', enrol: '开始绑定', scan: '用身份验证器扫描二维码，或手动输入密钥：', code: '6 位动态码', confirm: '确认开启', disable: '关闭两步验证', enabled: '两步验证已开启', disabled: '两步验证已关闭',
    codeOrRecovery: '6 位动态码或恢复码', codesTitle: '恢复码', codesOnce: '手机丢失时，每个恢复码可代替动态码登录一次。它们只显示这一次：请现在抄下或保存到安全的地方。', codesSaved: '我已保存', codesLeft: '剩余 {{count}} 个恢复码', renew: '重新生成恢复码', renewed: '已生成新的恢复码，旧的已失效' },
  totpRequired: '请输入身份验证器中的动态码',
};

export const complianceEn: typeof complianceZh = {
  nav: { group: 'Compliance & security', audit: 'Audit log', channels: 'Channel policies', security: 'Two-factor sign-in' },
  declaration: {
    title: 'Compliance declaration: {{name}}', open: 'Compliance declaration', intro: 'Where the campaign will be shared and what it rewards; the pre-launch check reads this. It locks with the rules once the campaign starts.',
    channels: 'Sharing channels', facts: 'What the campaign does', rewardsSharing: 'Rewards the act of sharing (coupons, points, cash)', shareForChances: 'More chances for sharing', helpPrompts: 'Asks friends to help / cut the price', lottery: 'Runs its own prize draw', rewardsFollowing: 'Rewards following or liking',
    rules: 'Full rules text', rulesPublished: 'Publish the rules (required before the start)', publishedAt: 'Published {{at}}',
    virtualMembers: 'Virtual team members', virtualMembersDisclosed: 'Virtual members are disclosed to shoppers', maxPrize: 'Top prize value (yuan; blank when no prizes)', commissionDepth: 'Commission levels', entryFee: 'Fee to become a promoter (yuan)',
    references: 'Reference prices shown (one per line: SKU id, space, amount in yuan)', badReference: 'Line {{line}} is not "SKU-id amount"', saved: 'Declaration saved', check: 'Pre-launch compliance check', back: 'Back to all campaigns',
  },
  outcome: { pass: 'Pass', warn: 'Warning', fail: 'Fail' },
  source: 'Source: {{law}} · {{article}}',
  override: { title: 'Admin override', hint: 'A check fails. An admin may start anyway with a reason, which is kept in the audit log.', reason: 'Reason (at least 10 characters)', submit: 'Start anyway' },
  audit: { title: 'Audit log', hint: 'Every operator action: who did what to which subject, and when.', action: 'Action', actionHint: 'End with . to match a prefix, e.g. campaign.', actor: 'Actor ID', subjectType: 'Subject type', subjectId: 'Subject ID', from: 'From', to: 'To', time: 'Time', details: 'Details', empty: 'No entries match', filter: 'Filter' },
  channels: { title: 'Channel sharing policies', hint: 'Each channel’s rules are data; campaigns are checked against them before launch and at every share. Admins only can change them.', rule: 'Rule', severity: 'Severity', fail: 'Not allowed', warn: 'Warning only', saved: 'Saved', code: {
    no_share_reward: 'No reward for sharing', no_share_for_chances: 'No chances for sharing', no_help_prompts: 'No help / price-cut prompts', rules_in_full: 'Rules published in full', no_private_lottery: 'No store-run prize draws', no_follow_reward: 'No reward for following or liking' } },
  security: { title: 'Two-factor sign-in', hint: 'When on, signing in to the console needs the 6-digit code from your authenticator app as well as your password.', on: 'On (since {{at}})', off: 'Off', enrol: 'Set up', scan: 'Scan the QR code with your authenticator app, or type the key:', code: '6-digit code', confirm: 'Turn on', disable: 'Turn off two-factor sign-in', enabled: 'Two-factor sign-in is on', disabled: 'Two-factor sign-in is off',
    codeOrRecovery: '6-digit code or recovery code', codesTitle: 'Recovery codes', codesOnce: 'If you lose your phone, each recovery code signs you in once instead of a code. They are shown only now: write them down or store them somewhere safe.', codesSaved: 'I have saved them', codesLeft: '{{count}} recovery codes left', renew: 'New recovery codes', renewed: 'New recovery codes made; the old ones no longer work' },
  totpRequired: 'Enter the code from your authenticator app',
};
