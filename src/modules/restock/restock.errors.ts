// The restock module's error codes: HTTP status and what a person reads, in English and Chinese.
import { defineErrors, type ErrorCodes } from '../../platform/errors.ts';

export const restockErrors = defineErrors({
  RESTOCK_ALERT_NOT_FOUND: { status: 404, en: 'You have no back-in-stock alert for this option.', zh: '你没有订阅这个规格的到货提醒' },
  RESTOCK_IN_STOCK: { status: 409, en: 'This option is in stock: you can buy it now.', zh: '该规格有货，可以直接购买' },
  RESTOCK_SKU_NOT_FOUND: { status: 404, en: 'No such product option.', zh: '找不到这个商品规格' },
});

declare module '../../platform/errors.ts' {
  interface ErrorCatalog extends ErrorCodes<typeof restockErrors> {}
}
