// The one door between the counter screens and the sales side: the cart., product. and
// member. channels of the contract. Screens call these and never build requests
// themselves, so a change in the contract stays here.
import { invoke } from '../api.js';
import type { CartView, Discount, MemberView, ProductView, Result, SupervisorCredentials, SuspendedCartView } from './salesTypes.js';

export interface SalesAdapter {
  open(): Promise<Result<CartView>>;
  get(cartId: number): Promise<Result<CartView>>;
  addByBarcode(cartId: number, barcode: string, quantity: number): Promise<Result<CartView>>;
  addProduct(cartId: number, productId: number, quantity: number): Promise<Result<CartView>>;
  setQuantity(cartId: number, lineId: number, quantity: number): Promise<Result<CartView>>;
  removeLine(cartId: number, lineId: number): Promise<Result<CartView>>;
  /** A price edit needs a supervisor; null puts the catalogue price back. */
  overridePrice(cartId: number, lineId: number, unitPriceFen: number | null, reason: string, supervisor: SupervisorCredentials): Promise<Result<CartView>>;
  setLineDiscount(cartId: number, lineId: number, discount: Discount | null, supervisor?: { operatorId: string; password: string }): Promise<Result<CartView>>;
  attachMember(cartId: number, phoneOrCard: string): Promise<Result<CartView>>;
  detachMember(cartId: number): Promise<Result<CartView>>;
  suspend(cartId: number, label: string | null): Promise<Result<SuspendedCartView>>;
  listSuspended(): Promise<Result<SuspendedCartView[]>>;
  resume(cartId: number): Promise<Result<CartView>>;
  discard(cartId: number): Promise<Result<CartView>>;
  searchProducts(query: string, limit?: number): Promise<Result<ProductView[]>>;
  findMembers(query: string): Promise<Result<MemberView[]>>;
}

const contractSales: SalesAdapter = {
  open: () => invoke('cart.open', {}),
  get: (cartId) => invoke('cart.get', { cartId }),
  addByBarcode: (cartId, barcode, quantity) => invoke('cart.addByBarcode', { cartId, barcode, quantity }),
  addProduct: (cartId, productId, quantity) => invoke('cart.addProduct', { cartId, productId, quantity }),
  setQuantity: (cartId, lineId, quantity) => invoke('cart.setQuantity', { cartId, lineId, quantity }),
  removeLine: (cartId, lineId) => invoke('cart.removeLine', { cartId, lineId }),
  overridePrice: (cartId, lineId, unitPriceFen, reason, supervisor) => invoke('cart.overridePrice', { cartId, lineId, unitPriceFen, reason, supervisor }),
  setLineDiscount: (cartId, lineId, discount, supervisor) => invoke('cart.setLineDiscount', { cartId, lineId, discount, ...(supervisor ? { supervisor } : {}) }),
  attachMember: (cartId, phoneOrCard) => invoke('cart.attachMember', { cartId, phoneOrCard }),
  detachMember: (cartId) => invoke('cart.detachMember', { cartId }),
  suspend: (cartId, label) => invoke('cart.suspend', { cartId, label }),
  listSuspended: () => invoke('cart.listSuspended', {}),
  resume: (cartId) => invoke('cart.resume', { cartId }),
  discard: (cartId) => invoke('cart.discard', { cartId }),
  searchProducts: (query, limit = 20) => invoke('product.search', { query, limit }),
  findMembers: (query) => invoke('member.find', { query, limit: 20 }),
};

export function salesAdapter(): SalesAdapter {
  return contractSales;
}
