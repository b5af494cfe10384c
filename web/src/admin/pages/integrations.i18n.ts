// Words of the console's integrations screen (namespace `integrations`): webhooks and API keys.
import type { Namespace } from '../../shared/i18n';

export const integrations: Namespace = {
  'zh-CN': {
    nav: { integrations: '开放接口' },
    title: '开放接口',
    intro: '把店铺事件推送到你的系统（Webhook，按 Standard Webhooks 签名），或用 API 密钥调用后台接口。',
    reveal: {
      once: '只显示这一次，关闭后无法再查看。请现在复制并妥善保存。',
      copy: '复制', copied: '已复制', copyFailed: '无法复制，请手动选中复制', saved: '我已保存',
    },
    endpoints: {
      title: 'Webhook 端点', create: '添加端点', created: '端点已添加', empty: '还没有端点',
      url: '接收地址', description: '说明', eventTypes: '事件类型', state: '状态',
      eventTypesHint: '用逗号或空格分隔，例如 order.paid, order.shipped；* 表示全部事件',
      urlInvalid: '请输入 http:// 或 https:// 开头的地址', typesInvalid: '请填写事件类型，如 order.paid，或 *',
      secretTitle: '签名密钥',
      disabledAt: '{{at}} 已自动停用', failingSince: '自 {{at}} 起投递一直失败',
      test: '发送测试', testMessage: '向这个端点发送一条 webhook.test 事件。', testSent: '测试事件已排队发送',
      enable: '启用', enableMessage: '重新启用后，新事件会再次投递到这个端点，失败计时清零。',
      disable: '停用', disableMessage: '停用后不再向这个端点投递事件，排队中的重试也会停止。',
      rotate: '更换密钥', rotateMessage: '生成新的签名密钥，旧密钥立即失效。接收方需要同时更新。',
      delete: '删除', deleteMessage: '删除端点及其全部投递记录，无法恢复。',
    },
    deliveries: {
      title: '投递记录', empty: '还没有投递', status: '状态', created: '时间', event: '事件',
      attemptCount: '尝试次数', statusCode: 'HTTP 状态', latency: '耗时', ms: '{{ms}} 毫秒',
      next: '下次重试：{{at}}', attempts: '尝试记录', attemptsTitle: '每次尝试', at: '时间', response: '响应 / 错误', manual: '手动',
      redeliver: '重新投递', redeliverMessage: '立即再发送一次，webhook-id 不变，接收方可以识别为重发。', redelivered: '已排队重新投递',
    },
    keys: {
      title: 'API 密钥', create: '创建密钥', created: '密钥已创建', empty: '还没有 API 密钥',
      hint: '密钥以你的身份调用后台接口，但只能访问勾选的权限范围。运营人员管理自己的密钥，管理员可查看和吊销所有密钥。',
      name: '名称', scopes: '权限范围', state: '状态', lastUsed: '最近使用', expires: '到期时间', never: '从未使用',
      expiresInDays: '有效天数（可选）', expiresHint: '留空表示长期有效', daysInvalid: '请输入 0–3650 之间的整数',
      nameRequired: '请填写名称', scopesRequired: '请至少选择一项权限',
      keyTitle: 'API 密钥',
      revoke: '吊销', revokeMessage: '吊销“{{name}}”后，使用它的请求会立即被拒绝。', revoked: '密钥已吊销',
    },
    scope: {
      orders_read: '查看订单', orders_write: '发货、完成、取消订单', catalog_read: '查看商品和类目', catalog_write: '编辑商品和类目',
      inventory_read: '查看库存', inventory_write: '调整库存', customers_read: '查看客户', coupons_write: '管理优惠券',
      webhooks_manage: '管理 Webhook', analytics_read: '查看数据',
    },
  },
  en: {
    nav: { integrations: 'Integrations' },
    title: 'Integrations',
    intro: 'Push store events to your systems (webhooks, signed the Standard Webhooks way) or call the admin API with an API key.',
    reveal: {
      once: 'Shown this once only: it cannot be seen again after you close this. Copy it now and keep it safe.',
      copy: 'Copy', copied: 'Copied', copyFailed: 'Could not copy; select it and copy by hand', saved: 'I have saved it',
    },
    endpoints: {
      title: 'Webhook endpoints', create: 'Add endpoint', created: 'Endpoint added', empty: 'No endpoints yet',
      url: 'URL', description: 'Description', eventTypes: 'Event types', state: 'State',
      eventTypesHint: 'Separated by commas or spaces, e.g. order.paid, order.shipped; * for every event',
      urlInvalid: 'Enter a URL starting with http:// or https://', typesInvalid: 'Enter event types such as order.paid, or *',
      secretTitle: 'Signing secret',
      disabledAt: 'Disabled automatically at {{at}}', failingSince: 'Every delivery has failed since {{at}}',
      test: 'Send test', testMessage: 'Send a webhook.test event to this endpoint.', testSent: 'Test event queued',
      enable: 'Enable', enableMessage: 'New events go to this endpoint again and its failure clock starts afresh.',
      disable: 'Disable', disableMessage: 'No more events go to this endpoint; queued retries stop too.',
      rotate: 'Rotate secret', rotateMessage: 'A new signing secret replaces the old one at once. Update the receiver too.',
      delete: 'Delete', deleteMessage: 'The endpoint and all its deliveries are deleted for good.',
    },
    deliveries: {
      title: 'Deliveries', empty: 'No deliveries yet', status: 'Status', created: 'Time', event: 'Event',
      attemptCount: 'Attempts', statusCode: 'HTTP status', latency: 'Latency', ms: '{{ms}} ms',
      next: 'Next retry: {{at}}', attempts: 'Attempts', attemptsTitle: 'Every attempt', at: 'Time', response: 'Response / error', manual: 'manual',
      redeliver: 'Redeliver', redeliverMessage: 'Send it again now with the same webhook-id, so the receiver can tell it is a replay.', redelivered: 'Redelivery queued',
    },
    keys: {
      title: 'API keys', create: 'Create key', created: 'Key created', empty: 'No API keys yet',
      hint: 'A key calls the admin API as you, limited to the scopes ticked. Operators manage their own keys; admins see and revoke everyone\'s.',
      name: 'Name', scopes: 'Scopes', state: 'State', lastUsed: 'Last used', expires: 'Expires', never: 'Never',
      expiresInDays: 'Valid for days (optional)', expiresHint: 'Leave empty for no expiry', daysInvalid: 'Enter a whole number from 0 to 3650',
      nameRequired: 'Enter a name', scopesRequired: 'Tick at least one scope',
      keyTitle: 'API key',
      revoke: 'Revoke', revokeMessage: 'Requests with “{{name}}” are refused from now on.', revoked: 'Key revoked',
    },
    scope: {
      orders_read: 'read orders', orders_write: 'ship, complete and cancel orders', catalog_read: 'read products and categories', catalog_write: 'edit products and categories',
      inventory_read: 'read stock', inventory_write: 'adjust stock', customers_read: 'read customers', coupons_write: 'manage coupons',
      webhooks_manage: 'manage webhooks', analytics_read: 'read analytics',
    },
  },
};
