// The contract of placing an order, owned by orders: what a shopper asks for, what a campaign
// engine adds, and the function that does it. The place-order workflow implements it; campaign
// modules depend on this type, never on the workflow.
import type { ItemInput, PricingOptions } from '../checkout/index.ts';
import type { OrdersService } from './orders.service.ts';
import type { AnyExecutor } from '../../platform/tables.ts';

export interface PlaceOrderInput extends PricingOptions {
  items?: ItemInput[];
  fromCart?: boolean;
  addressId: string;
  note?: string;
}

/**
 * What a campaign engine (group buying, price-cut, flash sale) adds to a placement: its trusted
 * price, its order kind, whether payment holds the order, whether it keeps its own stock, and a
 * `commit` that takes its scarce thing (a seat, a flash unit) in the same transaction.
 */
export interface CampaignPlacement {
  kind: string;
  unitAmount: number;
  label: string;
  code: string;
  ref: string;
  fulfilmentHold?: string | null;
  reserveInventory?: boolean;
  payWithinMinutes?: number;
  /** The kernel campaign whose price this is: the discount below list price is booked on its budget. */
  campaignId?: string;
  /** Runs in the placement's transaction. */
  commit(trx: AnyExecutor, orderId: string): Promise<void>;
}

export interface PlacedOrder {
  /** false when an Idempotency-Key replayed an earlier placement. */
  created: boolean;
  order: Awaited<ReturnType<OrdersService['getOwnOrder']>>;
}

export type PlaceOrder = (userId: string, input: PlaceOrderInput, idempotencyKey: string | null, campaign?: CampaignPlacement) => Promise<PlacedOrder>;
