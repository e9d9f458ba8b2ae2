// The sales shapes the counter screens work with: the contract's own reply types.
import type { CartLineView, CartView, CheckoutView, MemberView, ProductView, Result, SaleView, SuspendedCartView } from '../../../electron/contract.js';

export type { CartLineView, CartView, CheckoutView, MemberView, ProductView, Result, SaleView, SuspendedCartView };

/** 1% = 100 bp; 八折 (pay 80%) = 2000 bp off. */
export type Discount = NonNullable<CartLineView['lineDiscount']>;

export interface SupervisorCredentials {
  operatorId: string;
  password: string;
}
