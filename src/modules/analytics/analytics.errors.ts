// The analytics module's error codes: HTTP status and what a person reads, in English and Chinese.
import { defineErrors, type ErrorCodes } from '../../platform/errors.ts';

export const analyticsErrors = defineErrors({
  ANALYTICS_DATE_INVALID: { status: 400, en: 'Pick a valid date (year-month-day).', zh: '日期格式不对，请按 年-月-日 选择日期' },
  ANALYTICS_RANGE_REVERSED: { status: 400, en: 'The start date must not be after the end date.', zh: '开始日期不能晚于结束日期' },
  ANALYTICS_RANGE_TOO_LONG: { status: 400, en: 'A report covers at most 366 days. Choose a shorter range.', zh: '一次最多查看 366 天的数据，请缩短日期范围' },
});

declare module '../../platform/errors.ts' {
  interface ErrorCatalog extends ErrorCodes<typeof analyticsErrors> {}
}
