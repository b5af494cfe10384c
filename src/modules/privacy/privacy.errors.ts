// The privacy module's error codes: HTTP status and what a person reads, in English and Chinese.
import { defineErrors, type ErrorCodes } from '../../platform/errors.ts';

export const privacyErrors = defineErrors({
  PRIVACY_REQUEST_NOT_FOUND: { status: 404, en: 'No such privacy request.', zh: '找不到这个请求' },
  PRIVACY_EXPORT_NOT_READY: { status: 409, en: 'The export is not ready yet, or it has expired: ask for a new one.', zh: '导出尚未完成或已过期，请重新申请' },
  PRIVACY_POLICY_REQUIRED: { status: 400, en: 'Accept the current privacy policy.', zh: '请先同意当前的隐私政策' },
  PRIVACY_ERASURE_NOT_CONFIRMED: { status: 400, en: 'Confirm the erasure by typing the confirmation word.', zh: '请输入确认词以确认注销' },
});

declare module '../../platform/errors.ts' {
  interface ErrorCatalog extends ErrorCodes<typeof privacyErrors> {}
}
