// Not-found errors thrown by more than one part of the coupons service.
import { notFound } from '../../platform/errors.ts';

export const templateNotFound = (id: string) => notFound('COUPONS_TEMPLATE_NOT_FOUND', 'No such coupon', { templateId: id });
export const couponNotFound = (id: string) => notFound('COUPONS_NOT_FOUND', 'No such coupon', { couponId: id });
export const packNotFound = (id: string) => notFound('COUPONS_PACK_NOT_FOUND', 'No such coupon pack', { packId: id });
