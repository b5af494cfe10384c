// Words of the storefront's sign-in and sign-up code steps and password screens (namespace `account`).
import type { Namespace } from '../../../shared/i18n';

export const account: Namespace = {
  'zh-CN': {
    signup: {
      sent: '验证码已发送到 {{email}}（15 分钟内有效）。如果这个邮箱已经注册过，你会收到登录提醒而不是验证码，请直接登录或重置密码。',
      code: '验证码', codeRule: '请输入 6 位数字验证码', resend: '重新发送验证码',
    },
    signin: {
      byCode: '验证码登录', byPassword: '密码登录', phone: '手机号', phoneRule: '请输入正确的手机号', login: '手机号或邮箱', loginRule: '请输入正确的手机号或邮箱',
      getCode: '获取验证码', resend: '重新获取', resendIn: '{{seconds}} 秒后重发', phoneTab: '手机号注册', emailTab: '邮箱注册',
      sent: '如果 {{phone}} 已注册，短信验证码已发出，15 分钟内有效。', sentSignup: '短信验证码已发送到 {{phone}}（15 分钟内有效）。如果这个手机号已经注册过，你会收到登录提醒而不是验证码，请直接登录。',
    },
    forgot: {
      link: '忘记密码？', title: '重置密码', hello: '输入注册时用的邮箱或手机号，我们会发送 6 位验证码。', login: '邮箱或手机号', send: '发送验证码',
      sent: '如果该账号存在，验证码已发送到 {{login}}，15 分钟内有效。', code: '验证码', codeRule: '6 位数字', newPassword: '新密码', confirm: '设置新密码', resend: '重新获取验证码',
      done: '密码已重置，请用新密码登录。',
    },
    change: {
      title: '修改密码', current: '当前密码', next: '新密码', save: '保存新密码', done: '密码已修改，其他设备上的登录已退出。', forgot: '忘记当前密码？',
    },
  },
  en: {
    signup: {
      sent: 'We sent a code to {{email}} (it works for 15 minutes). If that email already has an account, you will get a sign-in reminder instead: sign in or reset your password.',
      code: 'Verification code', codeRule: 'Enter the 6-digit code', resend: 'Send a new code',
    },
    signin: {
      byCode: 'SMS code', byPassword: 'Password', phone: 'Phone number', phoneRule: 'Enter a valid phone number', login: 'Phone or email', loginRule: 'Enter a valid phone number or email',
      getCode: 'Get code', resend: 'Get a new code', resendIn: 'New code in {{seconds}} s', phoneTab: 'With phone', emailTab: 'With email',
      sent: 'If {{phone}} has an account, a text message with the code is on its way. It works for 15 minutes.', sentSignup: 'We texted a code to {{phone}} (it works for 15 minutes). If that number already has an account, you will get a sign-in reminder instead: sign in.',
    },
    forgot: {
      link: 'Forgot your password?', title: 'Reset your password', hello: 'Enter the email or phone you signed up with and we will send a 6-digit code.', login: 'Email or phone', send: 'Send the code',
      sent: 'If an account uses {{login}}, a code is on its way there. It works for 15 minutes.', code: 'Code', codeRule: '6 digits', newPassword: 'New password', confirm: 'Set the new password', resend: 'Send a new code',
      done: 'Your password was reset. Sign in with the new one.',
    },
    change: {
      title: 'Change password', current: 'Current password', next: 'New password', save: 'Save the new password', done: 'Password changed. You were signed out on your other devices.', forgot: 'Forgot the current one?',
    },
  },
};
