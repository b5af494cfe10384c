// The identity module's error codes: HTTP status and what a person reads, in English and Chinese.
import { defineErrors, type ErrorCodes } from '../../platform/errors.ts';

export const identityErrors = defineErrors({
  AUTH_ACCOUNT_LOCKED: { status: 429, en: 'Too many failed sign-ins: this account is locked for a while. Try again later or reset your password.', zh: '登录失败次数过多，该账号已暂时锁定，请稍后再试或重置密码' },
  AUTH_ACCOUNT_SUSPENDED: { status: 403, en: 'This account is suspended. Please contact customer support.', zh: '该账号已被停用，请联系客服' },
  IDENTITY_ADDRESS_LIMIT: { status: 422, en: 'You can keep at most 20 addresses. Delete one you no longer use first.', zh: '最多只能保存 20 个收货地址，请先删除不用的地址' },
  IDENTITY_ADDRESS_NOT_FOUND: { status: 404, en: 'This address could not be found.', zh: '找不到这个收货地址' },
  IDENTITY_ALREADY_REGISTERED: { status: 409, en: 'An account with that email or phone number already exists. Sign in instead.', zh: '该邮箱或手机号已注册，请直接登录' },
  IDENTITY_ALREADY_SUSPENDED: { status: 409, en: 'This account is already suspended.', zh: '该账号已经是停用状态' },
  IDENTITY_BAD_CREDENTIALS: { status: 401, en: 'Wrong email, phone number or password. Please try again.', zh: '账号或密码错误，请重新输入' },
  IDENTITY_CODE_INVALID: { status: 400, en: 'That code is wrong or has expired. Ask for a new one.', zh: '验证码错误或已过期，请重新获取' },
  IDENTITY_EMAIL_INVALID: { status: 400, en: 'That email address is not valid.', zh: '邮箱地址格式不正确' },
  IDENTITY_FRIENDSHIP_SELF: { status: 400, en: 'You cannot be your own friend.', zh: '不能添加自己为好友' },
  IDENTITY_IMPORT_INVALID_LOGIN: { status: 400, en: 'An imported user needs a valid email or phone number.', zh: '导入的用户缺少有效的邮箱或手机号' },
  IDENTITY_LOGIN_REQUIRED: { status: 400, en: 'Enter an email address or a phone number.', zh: '请填写邮箱或手机号' },
  IDENTITY_NAME_REQUIRED: { status: 400, en: 'Enter a display name.', zh: '请填写昵称' },
  IDENTITY_NOT_SUSPENDED: { status: 409, en: 'This account is not suspended.', zh: '该账号没有被停用' },
  IDENTITY_PASSWORD_WEAK: { status: 400, en: 'The password must be 8 to 128 characters long and contain both a letter and a digit.', zh: '密码需为 8 到 128 个字符，且同时包含字母和数字' },
  IDENTITY_PASSWORD_WRONG: { status: 400, en: 'The current password is wrong.', zh: '当前密码不正确' },
  IDENTITY_PHONE_INVALID: { status: 400, en: 'That phone number is not valid.', zh: '手机号格式不正确' },
  IDENTITY_REASON_REQUIRED: { status: 400, en: 'Please give a reason.', zh: '请填写原因' },
  IDENTITY_ROLES_EMPTY: { status: 400, en: 'A user needs at least one role.', zh: '用户至少需要一个角色' },
  IDENTITY_STAFF_PASSWORD_WEAK: { status: 400, en: 'An operator password needs at least 12 characters and must not be common or easy to guess.', zh: '运营账号的密码至少 12 位，且不能是常见或容易猜到的密码' },
  IDENTITY_SUSPEND_STAFF: { status: 422, en: 'Operator and admin accounts cannot be suspended; remove their roles first.', zh: '运营和管理员账号不能停用，请先移除其角色' },
  IDENTITY_USER_NOT_FOUND: { status: 404, en: 'This customer could not be found.', zh: '找不到这个用户' },
});

declare module '../../platform/errors.ts' {
  interface ErrorCatalog extends ErrorCodes<typeof identityErrors> {}
}
