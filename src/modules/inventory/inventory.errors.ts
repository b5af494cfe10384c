// The inventory module's error codes: HTTP status and what a person reads, in English and Chinese.
import { defineErrors, type ErrorCodes } from '../../platform/errors.ts';

export const inventoryErrors = defineErrors({
  INVENTORY_BELOW_RESERVED: { status: 409, en: 'On-hand stock cannot go below what open orders have reserved.', zh: '库存不能低于未完成订单已占用的数量' },
  INVENTORY_CURSOR_INVALID: { status: 400, en: 'This list has changed. Refresh and load it again.', zh: '列表已变化，请刷新后重新加载' },
  INVENTORY_INSUFFICIENT: { status: 409, en: 'Not enough stock: {{available}} left and you asked for {{requested}}. Lower the quantity and try again.', zh: '库存不足：仅剩 {{available}} 件，你选择了 {{requested}} 件，请减少数量后再试' },
  INVENTORY_QUANTITY_INVALID: { status: 400, en: 'That quantity is not valid. Enter a non-zero whole number within the allowed range.', zh: '数量无效，请填写不为 0 且在允许范围内的整数' },
  INVENTORY_REASON_REQUIRED: { status: 400, en: 'Say why the stock changes (at most 200 characters).', zh: '请填写库存调整原因（最多 200 个字）' },
  INVENTORY_REF_INVALID: { status: 400, en: 'A valid reference is missing.', zh: '缺少有效的关联单号' },
  INVENTORY_RESERVATION_MISMATCH: { status: 409, en: 'Stock for this was already reserved with a different quantity. Refresh and try again.', zh: '这笔库存已按不同数量预留过，请刷新后重试' },
  INVENTORY_SKU_NOT_FOUND: { status: 404, en: 'No stock is kept for this product option.', zh: '这个商品规格没有库存记录' },
});

declare module '../../platform/errors.ts' {
  interface ErrorCatalog extends ErrorCodes<typeof inventoryErrors> {}
}
