// Response schemas for orders, shared by the shopper and operator routes.
import { MoneySchema, Nullable, Type } from '../../platform/schema.ts';
import { ORDER_STATUSES } from './orders.rules.ts';

export const OrderStatusSchema = Type.Union(ORDER_STATUSES.map((s) => Type.Literal(s)));

export const OrderAddressSchema = Type.Object({
  recipient: Type.String(),
  phone: Type.String(),
  province: Type.String(),
  city: Type.String(),
  district: Type.String(),
  line1: Type.String(),
  postalCode: Nullable(Type.String()),
});

export const OrderSchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  status: Type.String(),
  kind: Type.String(),
  lines: Type.Array(
    Type.Object({
      id: Type.String(),
      skuId: Type.String(),
      productId: Type.String(),
      title: Type.String(),
      skuLabel: Type.String(),
      image: Nullable(Type.String()),
      quantity: Type.Integer(),
      listUnitPrice: MoneySchema,
      unitPrice: MoneySchema,
      discount: MoneySchema,
      total: MoneySchema,
      refundedQuantity: Type.Integer(),
      refunded: MoneySchema,
    }),
  ),
  adjustments: Type.Array(Type.Object({ step: Type.String(), code: Type.String(), label: Type.String(), amount: MoneySchema, skuId: Nullable(Type.String()) })),
  goods: MoneySchema,
  discount: MoneySchema,
  shipping: MoneySchema,
  total: MoneySchema,
  paid: MoneySchema,
  refunded: MoneySchema,
  /** The shopper's own orders show it in full; operators' answers mask recipient, phone and line1. */
  address: OrderAddressSchema,
  note: Nullable(Type.String()),
  tracking: Nullable(Type.Object({ carrier: Type.String(), trackingNo: Type.String() })),
  userId: Type.String({ format: 'uuid', description: 'the buyer' }),
  placedAt: Type.String(),
  expiresAt: Nullable(Type.String()),
  paidAt: Nullable(Type.String()),
  shippedAt: Nullable(Type.String()),
  completedAt: Nullable(Type.String()),
  cancelledAt: Nullable(Type.String()),
  cancelReason: Nullable(Type.String()),
  refundedAt: Nullable(Type.String()),
  nextActions: Type.Array(Type.String()),
});
