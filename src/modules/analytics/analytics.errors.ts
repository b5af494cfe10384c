// The analytics module's error codes: HTTP status and what a person reads, in English and Chinese.
import { defineErrors, type ErrorCodes } from '../../platform/errors.ts';

export const analyticsErrors = defineErrors({
  ANALYTICS_DATE_INVALID: { status: 400, en: 'Pick a valid date (year-month-day).', zh: '日期格式不对，请按 年-月-日 选择日期' },
  ANALYTICS_RANGE_REVERSED: { status: 400, en: 'The start date must not be after the end date.', zh: '开始日期不能晚于结束日期' },
  ANALYTICS_RANGE_TOO_LONG: { status: 400, en: 'A report covers at most 366 days. Choose a shorter range.', zh: '一次最多查看 366 天的数据，请缩短日期范围' },
  ANALYTICS_EVENT_IN_FUTURE: { status: 400, en: 'An event is dated in the future; check the device clock.', zh: '事件时间晚于当前时间，请检查设备时间' },
  ANALYTICS_EVENT_TOO_OLD: { status: 400, en: 'An event is more than 72 hours old and was not recorded.', zh: '事件发生在 72 小时之前，未记录' },
  ANALYTICS_EVENT_TIME_INVALID: { status: 400, en: 'An event time is not a valid date and time.', zh: '事件时间格式不正确' },
  ANALYTICS_STEP_UNKNOWN: { status: 400, en: 'A funnel step is not a known event name.', zh: '漏斗步骤不是已知的事件名称' },
  ANALYTICS_TOO_MUCH_DATA: { status: 422, en: 'This report would read too many events. Choose a shorter range or add a filter.', zh: '该报表需要读取的事件过多，请缩短日期范围或增加筛选条件' },
});

declare module '../../platform/errors.ts' {
  interface ErrorCatalog extends ErrorCodes<typeof analyticsErrors> {}
}
