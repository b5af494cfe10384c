// The platform's own error codes (requests, authentication, limits): status and messages.
import { defineErrors, type ErrorCodes } from './errors.ts';

export const platformErrors = defineErrors({
  AUTH_CSRF_ORIGIN_MISMATCH: { status: 403, en: 'This request came from another site and was refused. Please try again from this site.', zh: '请求来源异常，已被拒绝。请在本站页面内重新操作' },
  AUTH_FORBIDDEN: { status: 403, en: 'You are not allowed to do that.', zh: '没有权限执行此操作' },
  AUTH_REQUIRED: { status: 401, en: 'Please sign in first.', zh: '请先登录' },
  AUTH_SCOPE_MISSING: { status: 403, en: 'This API key does not have the permission this needs.', zh: '此 API 密钥没有执行该操作所需的权限' },
  BAD_JSON: { status: 400, en: 'The data sent could not be read. Refresh the page and try again.', zh: '提交的数据格式有误，请刷新页面后重试' },
  BAD_REQUEST: { status: 400, en: 'The request could not be handled. Refresh the page and try again.', zh: '请求无法处理，请刷新页面后重试' },
  BAD_URL: { status: 400, en: 'That address is not valid. Check the link and try again.', zh: '链接地址有误，请检查后重试' },
  BODY_TOO_LARGE: { status: 413, en: 'What you sent is too large. Make it smaller and try again.', zh: '提交的内容太大，请精简后再试' },
  INTERNAL: { status: 500, en: 'Something went wrong on our side. Please try again later (reference: {{requestId}}).', zh: '服务器出了点问题，请稍后再试（问题编号：{{requestId}}）' },
  RATE_LIMITED: { status: 429, en: 'Too many attempts. Please wait a moment and try again.', zh: '操作太频繁，请稍后再试' },
  REQUEST_CONTROL_CHARACTER: { status: 400, en: 'Some of what you entered contains invisible control characters. Remove them and try again.', zh: '填写的内容里有无法识别的控制字符，请删除后重新输入' },
  REQUEST_HOST_NOT_ALLOWED: { status: 400, en: 'This address is not one the shop answers on. Open the shop from its usual address.', zh: '访问的网址不正确，请从本站的正式地址打开' },
  ROUTE_NOT_FOUND: { status: 404, en: 'What you asked for does not exist. Refresh the page and try again.', zh: '找不到请求的内容，请刷新页面后重试' },
  SETTINGS_INVALID_VALUE: { status: 400, en: 'The value for {{key}} is not allowed. Check it and save again.', zh: '设置项 {{key}} 的值不符合要求，请检查后再保存' },
  SETTINGS_UNKNOWN_KEY: { status: 400, en: 'There is no setting called {{key}}.', zh: '没有名为 {{key}} 的设置项' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, en: 'That kind of data is not accepted. Refresh the page and try again.', zh: '提交的数据格式不受支持，请刷新页面后重试' },
  VALIDATION_FAILED: { status: 400, en: 'Some of the details are not valid. Please check and try again.', zh: '填写的内容有误，请检查后再提交' },
});

declare module './errors.ts' {
  interface ErrorCatalog extends ErrorCodes<typeof platformErrors> {}
}
