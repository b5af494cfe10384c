// The recommend module's error codes: HTTP status and what a person reads, in English and Chinese.
import { defineErrors, type ErrorCodes } from '../../platform/errors.ts';

export const recommendErrors = defineErrors({
  RECOMMEND_PRODUCT_REQUIRED: { status: 400, en: 'Recommendations on a product page need the productId.', zh: '商品页推荐需要提供商品 ID' },
  RECOMMEND_PRODUCT_NOT_FOUND: { status: 404, en: 'No such product.', zh: '找不到这个商品' },
  RECOMMEND_TRAINING_RUNNING: { status: 409, en: 'A training run is already under way: wait for it to finish.', zh: '推荐模型正在训练，请等待完成' },
  RECOMMEND_CUSTOMER_REQUIRED: { status: 400, en: 'Enter a customer id, phone or email.', zh: '请输入顾客 ID、手机号或邮箱' },
  RECOMMEND_CUSTOMER_NOT_FOUND: { status: 404, en: 'No customer matches that id, phone or email.', zh: '找不到匹配该 ID、手机号或邮箱的顾客' },
});

declare module '../../platform/errors.ts' {
  interface ErrorCatalog extends ErrorCodes<typeof recommendErrors> {}
}
