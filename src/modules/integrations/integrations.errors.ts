// The module's error codes as data: HTTP status and what a person reads, in both languages.
import { defineErrors, type ErrorCodes } from '../../platform/errors.ts';

export const integrationsErrors = defineErrors({
  API_KEYS_EXPIRY_IN_PAST: { status: 400, en: 'The expiry must be in the future.', zh: '到期时间必须晚于现在' },
  API_KEYS_NAME_REQUIRED: { status: 400, en: 'Give the key a name.', zh: '请填写密钥名称' },
  API_KEYS_NOT_FOUND: { status: 404, en: 'No such API key.', zh: '找不到这个 API 密钥' },
  API_KEYS_SCOPE_UNKNOWN: { status: 400, en: 'One of the scopes does not exist.', zh: '包含不存在的权限范围' },
  API_KEYS_SCOPES_REQUIRED: { status: 400, en: 'Choose at least one scope.', zh: '请至少选择一项权限' },
  WEBHOOKS_DELIVERY_NOT_FOUND: { status: 404, en: 'No such webhook delivery.', zh: '找不到这条投递记录' },
  WEBHOOKS_ENDPOINT_DISABLED: { status: 409, en: 'This endpoint is disabled; enable it first.', zh: '该端点已停用，请先启用' },
  WEBHOOKS_ENDPOINT_NOT_FOUND: { status: 404, en: 'No such webhook endpoint.', zh: '找不到这个 Webhook 端点' },
  WEBHOOKS_EVENT_TYPE_UNKNOWN: { status: 400, en: 'One of the event types does not exist.', zh: '包含不存在的事件类型' },
  WEBHOOKS_EVENT_TYPES_REQUIRED: { status: 400, en: 'Choose at least one event type, or * for all.', zh: '请至少选择一种事件类型，或用 * 表示全部' },
  WEBHOOKS_URL_INVALID: { status: 400, en: 'The URL must start with http:// or https:// and carry no user name or password.', zh: '地址必须以 http:// 或 https:// 开头，且不能包含用户名或密码' },
});

declare module '../../platform/errors.ts' {
  interface ErrorCatalog extends ErrorCodes<typeof integrationsErrors> {}
}
