// The supply module's error codes: HTTP status and what a person reads, in English and Chinese.
import { defineErrors, type ErrorCodes } from '../../platform/errors.ts';

export const supplyErrors = defineErrors({
  SUPPLY_SKU_NOT_FOUND: { status: 404, en: 'No such product option.', zh: '找不到这个商品规格' },
  SUPPLY_SETTINGS_INVALID: { status: 400, en: 'These supply settings are out of range.', zh: '补货参数超出允许范围' },
  SUPPLY_NO_FORECAST: { status: 404, en: 'No forecast for this option yet: run the recompute first.', zh: '该规格还没有需求预测，请先重新计算' },
  SUPPLY_NO_RUN: { status: 404, en: 'The forecast has not been computed yet.', zh: '尚未计算过需求预测' },
});

declare module '../../platform/errors.ts' {
  interface ErrorCatalog extends ErrorCodes<typeof supplyErrors> {}
}
