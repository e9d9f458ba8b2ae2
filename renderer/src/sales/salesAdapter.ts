// The one door between the counter screens and the sales side. Today the cart., product.
// and member. channels are not in electron/contract.ts yet, so the counter runs on the
// local adapter (localSales.ts: an in-memory cart over a demo catalogue). When the
// channels arrive, a contract adapter implements this same interface and `salesAdapter()`
// picks it; no screen changes.
import type { CartView, CompletedSale, Discount, MemberView, ProductView, Result, SaleTender, SupervisorCredentials, SuspendedCartView } from './salesTypes.js';
import { createLocalSales } from './localSales.js';

export interface SalesAdapter {
  /** 'local': demo data in this window; 'contract': the shop's real catalogue in main. */
  readonly kind: 'local' | 'contract';
  open(operatorId: string): Promise<Result<CartView>>;
  addByBarcode(cartId: number, barcode: string, quantity: number): Promise<Result<CartView>>;
  addProduct(cartId: number, productId: number, quantity: number): Promise<Result<CartView>>;
  setQuantity(cartId: number, lineId: number, quantity: number): Promise<Result<CartView>>;
  removeLine(cartId: number, lineId: number): Promise<Result<CartView>>;
  /** A price edit needs a supervisor; null puts the catalogue price back. */
  overridePrice(cartId: number, lineId: number, unitPriceFen: number | null, reason: string, operatorId: string, supervisor: SupervisorCredentials): Promise<Result<CartView>>;
  setLineDiscount(cartId: number, lineId: number, discount: Discount | null, operatorId: string): Promise<Result<CartView>>;
  attachMember(cartId: number, phoneOrCard: string): Promise<Result<CartView>>;
  detachMember(cartId: number): Promise<Result<CartView>>;
  suspend(cartId: number, label: string | null): Promise<Result<SuspendedCartView>>;
  listSuspended(): Promise<Result<SuspendedCartView[]>>;
  resume(cartId: number, operatorId: string): Promise<Result<CartView>>;
  discard(cartId: number, operatorId: string): Promise<Result<CartView>>;
  completeSale(cartId: number, operatorId: string, tenders: SaleTender[]): Promise<Result<CompletedSale>>;
  searchProducts(query: string, limit?: number): Promise<Result<ProductView[]>>;
  listProducts(): Promise<Result<ProductView[]>>;
  findMembers(query: string): Promise<Result<MemberView[]>>;
  listMembers(): Promise<Result<MemberView[]>>;
}

let adapter: SalesAdapter | null = null;

export function salesAdapter(): SalesAdapter {
  adapter ??= createLocalSales();
  return adapter;
}
