// The local sales adapter: an in-memory cart priced like the sales service prices it
// (list or member price, a line discount as percent or amount), over the demo catalogue.
// Line objects keep their identity when they do not change, so the cart table re-renders
// only the line a scan touched.
import { DEMO_MEMBERS, DEMO_PRODUCTS } from './demoData.js';
import type { SalesAdapter } from './salesAdapter.js';
import type { CartLineView, CartView, Discount, MemberView, ProductView, Result, SuspendedCartView } from './salesTypes.js';

/** Benchmarks and demos may feed their own catalogue here (a JSON array of ProductView). */
export const DEMO_CATALOGUE_KEY = 'cashdesk.demoCatalogue';

const fail = (code: string, zh: string, en: string): Result<never> => ({ ok: false, code, message: `${zh} / ${en}` });
const ok = <T>(value: T): Result<T> => ({ ok: true, value });

function loadCatalogue(): ProductView[] {
  try {
    const raw = localStorage.getItem(DEMO_CATALOGUE_KEY);
    if (raw) return JSON.parse(raw) as ProductView[];
  } catch {
    // a broken override falls back to the built-in demo catalogue
  }
  return [...DEMO_PRODUCTS];
}

export function matchesProduct(p: ProductView, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return false;
  return p.name.toLowerCase().includes(q) || p.pinyinInitials.startsWith(q) || p.pinyinInitials.includes(q) || p.barcodes.some((b) => b.startsWith(q));
}

interface LocalCart {
  id: number;
  status: CartView['status'];
  operatorId: string;
  label: string | null;
  member: MemberView | null;
  lines: CartLineView[];
  suspendedAt: string | null;
  view: CartView | null;
}

function price(line: CartLineView, product: ProductView | undefined, member: MemberView | null, override: number | null): CartLineView {
  const memberPrice = member && product?.memberPriceFen !== null && product?.memberPriceFen !== undefined ? product.memberPriceFen : null;
  const unitPriceFen = override ?? memberPrice ?? line.listPriceFen;
  const priceSource: CartLineView['priceSource'] = override !== null ? 'override' : memberPrice !== null ? 'member' : 'list';
  const amountFen = unitPriceFen * line.quantity;
  const d = line.lineDiscount;
  const lineDiscountFen = !d ? 0 : d.kind === 'percent' ? Math.round((amountFen * d.offBp) / 10_000) : Math.min(d.amountFen, amountFen);
  const next = { ...line, unitPriceFen, priceSource, amountFen, lineDiscountFen, discountFen: lineDiscountFen, netFen: amountFen - lineDiscountFen };
  const same = (Object.keys(next) as Array<keyof CartLineView>).every((k) => next[k] === line[k]);
  return same ? line : next;
}

export function createLocalSales(): SalesAdapter {
  const catalogue = loadCatalogue();
  const byBarcode = new Map<string, ProductView>();
  for (const p of catalogue) for (const b of p.barcodes) byBarcode.set(b, p);
  const byId = new Map(catalogue.map((p) => [p.id, p]));
  const carts = new Map<number, LocalCart>();
  const overrides = new Map<number, number>();
  let nextCart = 1;
  let nextLine = 1;
  let saleNo = 1;

  const view = (c: LocalCart): CartView => {
    if (c.view) return c.view;
    const totals = c.lines.reduce(
      (t, l) => ({
        itemCount: t.itemCount + l.quantity,
        listAmountFen: t.listAmountFen + l.listPriceFen * l.quantity,
        memberSavingsFen: t.memberSavingsFen + (l.priceSource === 'member' ? (l.listPriceFen - l.unitPriceFen) * l.quantity : 0),
        amountFen: t.amountFen + l.amountFen,
        discountFen: t.discountFen + l.discountFen,
        totalFen: t.totalFen + l.netFen,
      }),
      { itemCount: 0, listAmountFen: 0, memberSavingsFen: 0, amountFen: 0, discountFen: 0, totalFen: 0 },
    );
    const member = c.member ? { id: c.member.id, name: c.member.name, phone: c.member.phone, tier: c.member.tier.name, points: c.member.points, storedValueFen: c.member.storedValueFen } : null;
    c.view = { id: c.id, status: c.status, operatorId: c.operatorId, label: c.label, member, lines: c.lines, totals };
    return c.view;
  };
  const changed = (c: LocalCart, lines: CartLineView[]): Result<CartView> => {
    c.lines = lines.map((l) => price(l, byId.get(l.productId), c.member, overrides.get(l.lineId) ?? null));
    c.view = null;
    return ok(view(c));
  };
  const openCart = (cartId: number): LocalCart | null => {
    const c = carts.get(cartId);
    return c && c.status === 'open' ? c : null;
  };
  const noCart = (): Result<never> => fail('CART_NOT_OPEN', '购物车不存在或已结束，请重新开始。', 'The cart does not exist or is closed; start again.');
  const add = (cartId: number, product: ProductView, barcode: string | null, quantity: number): Result<CartView> => {
    const c = openCart(cartId);
    if (!c) return noCart();
    if (!product.active) return fail('PRODUCT_INACTIVE', `商品“${product.name}”已停售。`, `"${product.name}" is no longer sold.`);
    // The same product scanned again adds to its line when that line is the last one.
    const last = c.lines[c.lines.length - 1];
    if (last && last.productId === product.id && last.lineDiscount === null && !overrides.has(last.lineId)) {
      return changed(c, [...c.lines.slice(0, -1), { ...last, quantity: last.quantity + quantity }]);
    }
    const line: CartLineView = {
      lineId: nextLine++,
      productId: product.id,
      barcode,
      name: product.name,
      unit: product.unit,
      quantity,
      listPriceFen: product.priceFen,
      unitPriceFen: product.priceFen,
      priceSource: 'list',
      amountFen: 0,
      promotion: null,
      promotionDiscountFen: 0,
      lineDiscount: null,
      lineDiscountFen: 0,
      discountFen: 0,
      netFen: 0,
    };
    return changed(c, [...c.lines, line]);
  };
  const editLine = (cartId: number, lineId: number, edit: (l: CartLineView) => CartLineView): Result<CartView> => {
    const c = openCart(cartId);
    if (!c) return noCart();
    if (!c.lines.some((l) => l.lineId === lineId)) return fail('LINE_NOT_FOUND', '该商品行已不在购物车中。', 'That line is no longer in the cart.');
    return changed(
      c,
      c.lines.map((l) => (l.lineId === lineId ? edit(l) : l)),
    );
  };
  const suspendedView = (c: LocalCart): SuspendedCartView => {
    const v = view(c);
    return { id: c.id, operatorId: c.operatorId, label: c.label, lineCount: c.lines.length, itemCount: v.totals.itemCount, totalFen: v.totals.totalFen, memberName: c.member?.name ?? null, suspendedAt: c.suspendedAt ?? '' };
  };
  const findMember = (q: string): MemberView[] => {
    const s = q.trim();
    return DEMO_MEMBERS.filter((m) => m.phone === s || m.cardNo === s || (s.length === 4 && m.phone.endsWith(s)) || (s.length > 0 && m.name.startsWith(s)));
  };

  return {
    kind: 'local',
    async open(operatorId) {
      const c: LocalCart = { id: nextCart++, status: 'open', operatorId, label: null, member: null, lines: [], suspendedAt: null, view: null };
      carts.set(c.id, c);
      return ok(view(c));
    },
    async addByBarcode(cartId, barcode, quantity) {
      const p = byBarcode.get(barcode.trim());
      if (!p) return fail('BARCODE_UNKNOWN', `没有条码为 ${barcode} 的商品，请核对或按 F3 查询。`, `No product has barcode ${barcode}; check it or search with F3.`);
      return add(cartId, p, barcode.trim(), quantity);
    },
    async addProduct(cartId, productId, quantity) {
      const p = byId.get(productId);
      if (!p) return fail('PRODUCT_NOT_FOUND', '商品不存在。', 'No such product.');
      return add(cartId, p, p.barcodes[0] ?? null, quantity);
    },
    async setQuantity(cartId, lineId, quantity) {
      if (!Number.isInteger(quantity) || quantity < 1 || quantity > 99_999) return fail('INVALID_QUANTITY', '数量应为 1 到 99999 的整数。', 'The quantity must be a whole number from 1 to 99999.');
      return editLine(cartId, lineId, (l) => ({ ...l, quantity }));
    },
    async removeLine(cartId, lineId) {
      const c = openCart(cartId);
      if (!c) return noCart();
      overrides.delete(lineId);
      return changed(
        c,
        c.lines.filter((l) => l.lineId !== lineId),
      );
    },
    async overridePrice(cartId, lineId, unitPriceFen, _reason, _operatorId, supervisor) {
      // The local adapter cannot check a password; the contract's cart.overridePrice will.
      if (!/^\d{2}$/.test(supervisor.operatorId) || supervisor.password.length < 4) return fail('NOT_SUPERVISOR', '此操作需要主管授权。', 'This needs a supervisor.');
      if (unitPriceFen === null) overrides.delete(lineId);
      else overrides.set(lineId, unitPriceFen);
      return editLine(cartId, lineId, (l) => ({ ...l }));
    },
    async setLineDiscount(cartId, lineId, discount: Discount | null) {
      return editLine(cartId, lineId, (l) => ({ ...l, lineDiscount: discount }));
    },
    async attachMember(cartId, phoneOrCard) {
      const c = openCart(cartId);
      if (!c) return noCart();
      const m = findMember(phoneOrCard).find((x) => x.phone === phoneOrCard.trim() || x.cardNo === phoneOrCard.trim());
      if (!m) return fail('MEMBER_NOT_FOUND', `没有手机号或卡号为 ${phoneOrCard} 的会员。`, `No member has phone or card ${phoneOrCard}.`);
      c.member = m;
      return changed(c, c.lines);
    },
    async detachMember(cartId) {
      const c = openCart(cartId);
      if (!c) return noCart();
      c.member = null;
      return changed(c, c.lines);
    },
    async suspend(cartId, label) {
      const c = openCart(cartId);
      if (!c) return noCart();
      if (c.lines.length === 0) return fail('CART_EMPTY', '购物车是空的，无需挂单。', 'The cart is empty; nothing to suspend.');
      c.status = 'suspended';
      c.label = label;
      c.suspendedAt = new Date().toISOString();
      c.view = null;
      return ok(suspendedView(c));
    },
    async listSuspended() {
      return ok([...carts.values()].filter((c) => c.status === 'suspended').map(suspendedView));
    },
    async resume(cartId) {
      const c = carts.get(cartId);
      if (!c || c.status !== 'suspended') return fail('CART_NOT_SUSPENDED', '这张挂单已被取回或不存在。', 'That suspended cart was already resumed or does not exist.');
      c.status = 'open';
      c.suspendedAt = null;
      c.view = null;
      return ok(view(c));
    },
    async discard(cartId) {
      const c = carts.get(cartId);
      if (!c) return noCart();
      c.status = 'discarded';
      c.view = null;
      return ok(view(c));
    },
    async completeSale(cartId, _operatorId, tenders) {
      const c = openCart(cartId);
      if (!c) return noCart();
      const total = view(c).totals.totalFen;
      const paid = tenders.reduce((s, t) => s + t.amountFen, 0);
      if (paid !== total) return fail('TENDER_MISMATCH', `收款合计 ¥${(paid / 100).toFixed(2)} 与应收 ¥${(total / 100).toFixed(2)} 不符。`, `Tenders total ¥${(paid / 100).toFixed(2)}, the sale is ¥${(total / 100).toFixed(2)}.`);
      c.status = 'completed';
      c.view = null;
      const no = `L${String(saleNo++).padStart(6, '0')}`;
      return ok({ saleNo: no, totalFen: total, pointsEarned: c.member ? Math.floor(total / 100) : 0 });
    },
    async searchProducts(query, limit = 20) {
      return ok(catalogue.filter((p) => p.active && matchesProduct(p, query)).slice(0, limit));
    },
    async listProducts() {
      return ok([...catalogue]);
    },
    async findMembers(query) {
      return ok(findMember(query));
    },
    async listMembers() {
      return ok([...DEMO_MEMBERS]);
    },
  };
}
