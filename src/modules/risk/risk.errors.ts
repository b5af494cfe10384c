// The risk module's error codes: HTTP status and what a person reads, in English and Chinese.
import { defineErrors, type ErrorCodes } from '../../platform/errors.ts';

export const riskErrors = defineErrors({
  RISK_BLOCKED: { status: 403, en: 'This action was refused by our risk checks.', zh: '该操作未通过风控校验' },
  RISK_HELD: { status: 403, en: 'This is under review; you will get it once it is approved.', zh: '该操作正在审核中，审核通过后发放' },
  RISK_DECISION_NOT_FOUND: { status: 404, en: 'No such risk case.', zh: '找不到该风控案件' },
  RISK_NOT_HELD: { status: 409, en: 'Only a held case can be released or cancelled.', zh: '只有待审核的案件可以放行或取消' },
  RISK_BLACKLIST_INVALID: { status: 400, en: 'That is not a valid blacklist entry.', zh: '黑名单条目无效' },
  RISK_BLACKLIST_DUPLICATE: { status: 409, en: 'That entry is already on the blacklist.', zh: '该条目已在黑名单中' },
  RISK_BLACKLIST_NOT_FOUND: { status: 404, en: 'No such blacklist entry.', zh: '找不到该黑名单条目' },
});

declare module '../../platform/errors.ts' {
  interface ErrorCatalog extends ErrorCodes<typeof riskErrors> {}
}
