// The one door between the counter screens and the sales side: the cart., product. and
// member. channels of the contract. Screens call these and never build requests
// themselves, so a change in the contract stays here.
import type { CartChange } from '../../../electron/contract.js';
import { invoke } from '../api.js';
import type { CartView, Discount, MemberView, ProductView, Result, SupervisorCredentials, SuspendedCartView } from './salesTypes.js';

/**
 * Edits reply with a change (the header, changed lines, removed ids), applied here to the
 * cart the page last got whole; a change that does not fit that copy (another window, a
 * lost reply) is answered by asking for the whole cart again.
 */
let held: CartView | null = null;

const whole = async (p: Promise<Result<CartView>>): Promise<Result<CartView>> => {
  const r = await p;
  if (r.ok) held = r.value;
  return r;
};

const changed = async (cartId: number, p: Promise<Result<CartChange>>): Promise<Result<CartView>> => {
  const r = await p;
  if (!r.ok) return r;
  const merged = held && held.id === cartId ? applyChange(held, r.value) : null;
  if (!merged) return whole(invoke('cart.get', { cartId }));
  held = merged;
  return { ok: true, value: merged };
};

export function applyChange(cart: CartView, change: CartChange): CartView | null {
  const { lines: changedLines, removedLineIds, lineCount, ...header } = change;
  const gone = new Set(removedLineIds);
  const byId = new Map(changedLines.map((l) => [l.lineId, l]));
  const lines = cart.lines.filter((l) => !gone.has(l.lineId)).map((l) => byId.get(l.lineId) ?? l);
  const known = new Set(lines.map((l) => l.lineId));
  for (const l of changedLines) if (!known.has(l.lineId)) lines.push(l);
  return lines.length === lineCount ? { ...header, lines } : null;
}

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
  open: () => whole(invoke('cart.open', {})),
  get: (cartId) => whole(invoke('cart.get', { cartId })),
  addByBarcode: (cartId, barcode, quantity) => changed(cartId, invoke('cart.addByBarcode', { cartId, barcode, quantity })),
  addProduct: (cartId, productId, quantity) => changed(cartId, invoke('cart.addProduct', { cartId, productId, quantity })),
  setQuantity: (cartId, lineId, quantity) => changed(cartId, invoke('cart.setQuantity', { cartId, lineId, quantity })),
  removeLine: (cartId, lineId) => changed(cartId, invoke('cart.removeLine', { cartId, lineId })),
  overridePrice: (cartId, lineId, unitPriceFen, reason, supervisor) => changed(cartId, invoke('cart.overridePrice', { cartId, lineId, unitPriceFen, reason, supervisor })),
  setLineDiscount: (cartId, lineId, discount, supervisor) => changed(cartId, invoke('cart.setLineDiscount', { cartId, lineId, discount, ...(supervisor ? { supervisor } : {}) })),
  attachMember: (cartId, phoneOrCard) => changed(cartId, invoke('cart.attachMember', { cartId, phoneOrCard })),
  detachMember: (cartId) => changed(cartId, invoke('cart.detachMember', { cartId })),
  suspend: (cartId, label) => invoke('cart.suspend', { cartId, label }),
  listSuspended: () => invoke('cart.listSuspended', {}),
  resume: (cartId) => whole(invoke('cart.resume', { cartId })),
  discard: (cartId) => whole(invoke('cart.discard', { cartId })),
  searchProducts: (query, limit = 20) => invoke('product.search', { query, limit }),
  findMembers: (query) => invoke('member.find', { query, limit: 20 }),
};

export function salesAdapter(): SalesAdapter {
  return contractSales;
}
