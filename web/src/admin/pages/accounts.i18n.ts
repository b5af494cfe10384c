// Words of the console's account screens (namespace `accounts`): account status, suspension, outbox.
import type { Namespace } from '../../shared/i18n';

export const accounts: Namespace = {
  'zh-CN': {
    nav: { outbox: '消息发件箱' },
    status: { active: '正常', suspended: '已停用' },
    suspend: {
      suspend: '停用账号', reactivate: '恢复账号', reason: '原因（必填）', reasonRequired: '请填写原因',
      suspendMessage: '停用后该账号立即退出所有设备，无法登录；订单、积分和佣金保持不变。',
      reactivateMessage: '恢复后该账号可以重新登录。',
      suspended: '账号已停用', reactivated: '账号已恢复', since: '停用时间', why: '停用原因', staffNote: '运营和管理员账号不能停用。',
    },
    outbox: {
      title: '消息发件箱', hint: '内置发送器发出的每条消息（验证码、安全通知）。接入真实的短信或邮件服务后，消息由服务商发送。', empty: '还没有消息',
      time: '时间', channel: '渠道', to: '收件人', template: '模板', content: '内容', email: '邮件', sms: '短信',
    },
  },
  en: {
    nav: { outbox: 'Message outbox' },
    status: { active: 'Active', suspended: 'Suspended' },
    suspend: {
      suspend: 'Suspend account', reactivate: 'Reactivate account', reason: 'Reason (required)', reasonRequired: 'Enter a reason',
      suspendMessage: 'The account is signed out everywhere at once and cannot sign in; its orders, points and commission stay as they are.',
      reactivateMessage: 'The account can sign in again.',
      suspended: 'Account suspended', reactivated: 'Account reactivated', since: 'Suspended at', why: 'Reason', staffNote: 'Operator and admin accounts cannot be suspended.',
    },
    outbox: {
      title: 'Message outbox', hint: 'Every message the built-in sender sent (codes, security notices). With a real SMS or email provider plugged in, the provider sends them.', empty: 'No messages yet',
      time: 'Time', channel: 'Channel', to: 'To', template: 'Template', content: 'Content', email: 'Email', sms: 'SMS',
    },
  },
};
