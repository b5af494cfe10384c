// The risk screens' words, under `risk` in the console's namespace (admin/i18n.ts).
export const riskZh = {
  nav: { group: '风控', queue: '审核队列', blacklist: '黑名单', summary: '活动风控汇总' },
  queue: {
    title: '风控审核队列', hint: '被暂扣的奖励在此审核：放行即发放（只发一次），取消则永不发放。每项操作记入操作日志。',
    status: '状态', kind: '类型', user: '账号', campaign: '活动', score: '风险分', atStake: '涉及金额', reasons: '原因', at: '时间', empty: '没有待审核的案件',
    select: '选择', selectAll: '全选', reason: '审核理由', release: '放行', cancel: '取消发放', bulkDone: '已处理 {{done}} 件，跳过 {{skipped}} 件', needReason: '请填写审核理由', needSelection: '请先选择案件',
    detail: '案件详情', explanation: '说明', signals: '信号', cluster: '关联账号图', clusterHint: '节点是账号（红色为本案账号，橙色为对方），连线是共享的设备、网段、地址或卡。', why: '团伙依据：{{why}}', close: '关闭',
    recompute: '重新计算关联图', recomputed: '关联图已更新：{{accounts}} 个账号，标记 {{flagged}} 个',
  },
  status: { held: '待审核', released: '已放行', cancelled: '已取消', blocked: '已拦截', allowed: '放行', pending: '待发放' },
  blacklist: { title: '黑名单', hint: '命中黑名单的操作在任何级别都会被拦截。IP 可填单个地址或网段（CIDR），地址按规范化后的哈希保存。', kind: '类型', value: '值', note: '备注', add: '加入黑名单', added: '已加入黑名单', remove: '移除', removed: '已移除', empty: '黑名单为空', at: '加入时间',
    kinds: { device: '设备', ip: 'IP / 网段', phone: '手机号', card: '卡指纹', address: '收货地址' } },
  summary: { title: '活动风控汇总', hint: '最近 30 天各活动的暂扣金额、拦截次数与审核结果。', campaign: '活动', kind: '类型', held: '待审核', heldAmount: '暂扣金额', blocked: '拦截次数', blockedAmount: '拦截金额', released: '放行', cancelled: '取消', cancelledAmount: '挽回金额', allowed: '放行（自动）', empty: '暂无数据', none: '（无活动）' },
  levels: { title: '风控级别', hint: '按玩法或按活动设置：严格更早暂扣和拦截，宽松更晚。未设置即为适中。', scope: '范围', key: '玩法或活动 ID', level: '级别', save: '保存', saved: '级别已保存', mechanic: '玩法', campaignScope: '活动', strict: '严格', moderate: '适中', relaxed: '宽松', off: '关闭（不做风控）', clear: '（清除）' },
  tuning: { title: '规则阈值', hint: '规则据此计数：同一设备上多少个账号算设备农场，同一网段在突发窗口内多少个新账号算突发，注册多久以内算新账号。保存即对下一次判定生效，并记入操作日志。', deviceFarmAccounts: '设备农场账号数', networkBurstAccounts: '网段突发账号数', newAccountHours: '新账号时长（小时）', range: '{{min}} – {{max}}', save: '保存阈值', saved: '阈值已保存' },
  alerts: { title: '突发告警', hint: '最近 24 小时内，同一活动或同一网段在 10 分钟内出现 5 次及以上暂扣或拦截。', none: '暂无告警', campaign: '活动 {{key}}', network: '网段 {{key}}', line: '{{count}} 次暂扣/拦截，涉及 {{money}}（{{kinds}}），{{from}} – {{to}}' },
};

export const riskEn: typeof riskZh = {
  nav: { group: 'Risk', queue: 'Review queue', blacklist: 'Blacklist', summary: 'Campaign risk' },
  queue: {
    title: 'Risk review queue', hint: 'Rewards held by the risk checks wait here: release pays them (once), cancel means they are never paid. Every review is audited.',
    status: 'Status', kind: 'Kind', user: 'Account', campaign: 'Campaign', score: 'Score', atStake: 'At stake', reasons: 'Reasons', at: 'When', empty: 'No cases waiting',
    select: 'Select', selectAll: 'Select all', reason: 'Reason for the review', release: 'Release', cancel: 'Cancel', bulkDone: '{{done}} done, {{skipped}} skipped', needReason: 'Enter a reason', needSelection: 'Select cases first',
    detail: 'Case', explanation: 'Explanation', signals: 'Signals', cluster: 'Linked accounts', clusterHint: 'Nodes are accounts (red: this case, orange: the other party); edges are shared devices, networks, addresses or cards.', why: 'Why a ring: {{why}}', close: 'Close',
    recompute: 'Recompute the graph', recomputed: 'Graph updated: {{accounts}} accounts, {{flagged}} flagged',
  },
  status: { held: 'Held', released: 'Released', cancelled: 'Cancelled', blocked: 'Blocked', allowed: 'Allowed', pending: 'Pays later' },
  blacklist: { title: 'Blacklist', hint: 'An action that hits the blacklist is blocked at every level. IPs may be one address or a CIDR range; addresses are stored as a normalised hash.', kind: 'Kind', value: 'Value', note: 'Note', add: 'Add to blacklist', added: 'Added to the blacklist', remove: 'Remove', removed: 'Removed', empty: 'The blacklist is empty', at: 'Added',
    kinds: { device: 'Device', ip: 'IP / range', phone: 'Phone', card: 'Card fingerprint', address: 'Shipping address' } },
  summary: { title: 'Campaign risk', hint: 'Held value, blocked attempts and reviews per campaign over the last 30 days.', campaign: 'Campaign', kind: 'Kind', held: 'Held', heldAmount: 'Held value', blocked: 'Blocked', blockedAmount: 'Blocked value', released: 'Released', cancelled: 'Cancelled', cancelledAmount: 'Saved', allowed: 'Allowed', empty: 'Nothing yet', none: '(no campaign)' },
  levels: { title: 'Risk levels', hint: 'Per mechanic or per campaign: strict holds and blocks sooner, relaxed later. Unset means moderate.', scope: 'Scope', key: 'Mechanic or campaign id', level: 'Level', save: 'Save', saved: 'Level saved', mechanic: 'Mechanic', campaignScope: 'Campaign', strict: 'Strict', moderate: 'Moderate', relaxed: 'Relaxed', off: 'Off (no risk checks)', clear: '(clear)' },
  tuning: { title: 'Rule thresholds', hint: 'What the rules count against: accounts on one device that make a farm, new accounts from one network within the burst window that make a burst, and how young an account counts as new. A save applies to the next decision and is audited.', deviceFarmAccounts: 'Accounts per device for a farm', networkBurstAccounts: 'New accounts per network for a burst', newAccountHours: 'New account for (hours)', range: '{{min}} – {{max}}', save: 'Save thresholds', saved: 'Thresholds saved' },
  alerts: { title: 'Burst alerts', hint: 'Over the last 24 hours: 5 or more holds or blocks on one campaign or from one network within 10 minutes.', none: 'No alerts', campaign: 'Campaign {{key}}', network: 'Network {{key}}', line: '{{count}} holds/blocks, {{money}} at stake ({{kinds}}), {{from}} – {{to}}' },
};
