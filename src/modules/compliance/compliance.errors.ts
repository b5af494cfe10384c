// The compliance module's error codes: HTTP status and what a person reads, in English and Chinese.
import { defineErrors, type ErrorCodes } from '../../platform/errors.ts';

export const complianceErrors = defineErrors({
  COMPLIANCE_CHANNEL_REFUSED: { status: 422, en: 'This campaign breaks the sharing rules of that channel: share it as a plain link or on another channel.', zh: '该活动不符合这个渠道的分享规则：请以普通链接分享或换一个渠道' },
  COMPLIANCE_CHANNEL_UNKNOWN: { status: 404, en: 'No such sharing channel.', zh: '没有这个分享渠道' },
  COMPLIANCE_POLICY_INVALID: { status: 400, en: 'That channel policy is not valid.', zh: '渠道规则无效' },
  COMPLIANCE_PROFILE_INVALID: { status: 400, en: 'That compliance declaration is not valid.', zh: '合规声明无效' },
  COMPLIANCE_TOTP_REQUIRED: { status: 401, en: 'Enter the code from your authenticator app.', zh: '请输入身份验证器中的动态码' },
  COMPLIANCE_TOTP_INVALID: { status: 401, en: 'That authenticator code is not valid.', zh: '动态码不正确' },
  COMPLIANCE_TOTP_LOCKED: { status: 429, en: 'Too many wrong codes. Try again in a few minutes.', zh: '动态码错误次数过多，请稍后再试' },
  COMPLIANCE_TOTP_NOT_ENROLLED: { status: 409, en: 'Start two-factor enrolment first.', zh: '请先开始绑定身份验证器' },
  COMPLIANCE_TOTP_ENABLED: { status: 409, en: 'Two-factor sign-in is already on.', zh: '已开启两步验证' },
  COMPLIANCE_SKUS_INVALID: { status: 400, en: 'Give between 1 and 100 product option ids.', zh: '请提供 1 到 100 个商品规格编号' },
});

declare module '../../platform/errors.ts' {
  interface ErrorCatalog extends ErrorCodes<typeof complianceErrors> {}
}
