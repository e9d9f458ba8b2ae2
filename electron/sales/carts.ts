// The cart the cashier builds (issue 8): scan, quantities, price edits, line and
// whole-cart discounts, a member, points, suspend and resume (挂单/取单). Every change is
// in SQLite before the method returns; totals always come from pricing.ts.
//
// Prices: a line keeps the list and member price it was scanned at. Promotions are
// evaluated when the cart is priced, so a promotion that ends while a cart waits no
// longer applies when it is paid.
import type { Db } from '../../native/store/store.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { Members } from '../members/members.js';
import type { SupervisorApproval } from '../members/supervisorApproval.js';
import type { Catalog } from './catalog.js';
import { CartRepository, discountColumns, discountOf, type CartLineRow, type CartRow } from './cartRepository.js';
import { priceCart, type PricedCart } from './pricing.js';
import { toPricingPromotion, type Promotions } from './promotions.js';
import { SalesError, salesErrors } from './salesErrors.js';
import {
  CartAddByBarcodeSchema,
  CartAddProductSchema,
  CartAttachMemberSchema,
  CartDiscardSchema,
  CartDiscountSchema,
  CartLineDiscountSchema,
  CartOpenSchema,
  CartOverridePriceSchema,
  CartRedeemPointsSchema,
  CartRefSchema,
  CartRemoveLineSchema,
  CartResumeSchema,
  CartSetQuantitySchema,
  CartSuspendSchema,
  type CartAddByBarcodeInput,
  type CartAddProductInput,
  type CartAttachMemberInput,
  type CartDiscardInput,
  type CartDiscountInput,
  type CartLineDiscountInput,
  type CartOpenInput,
  type CartOverridePriceInput,
  type CartRedeemPointsInput,
  type CartRefInput,
  type CartRemoveLineInput,
  type CartResumeInput,
  type CartSetQuantityInput,
  type CartSuspendInput,
  type CartView,
  type ProductView,
  type SuspendedCartView,
} from './salesSchemas.js';
import { cartDiscountAboveLimit, type SalesSettingsStore } from './salesSettings.js';
import { yuan as yuanText } from '../money.js';

export interface PricedCartState {
  cart: CartRow;
  lines: CartLineRow[];
  priced: PricedCart;
  promotionNames: Map<number, string>;
}

export class Carts {
  readonly repo: CartRepository;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly catalog: Catalog,
    private readonly promotions: Promotions,
    private readonly members: Members,
    private readonly settings: SalesSettingsStore,
    private readonly now: () => Date,
  ) {
    this.repo = new CartRepository(db);
  }

  /** The operator's open cart (the one left by a crash or restart), or a new one. */
  open(input: CartOpenInput): CartView {
    const v = CartOpenSchema.parse(input);
    const id = this.db.transaction(() => this.repo.openOf(v.operatorId)?.id ?? this.repo.insert(v.operatorId, this.nowIso()))();
    return this.view(id);
  }

  get(input: CartRefInput): CartView {
    return this.view(CartRefSchema.parse(input).cartId);
  }

  addByBarcode(input: CartAddByBarcodeInput): CartView {
    const v = CartAddByBarcodeSchema.parse(input);
    const product = this.catalog.lookupBarcode(v.barcode);
    if (!product) throw salesErrors.barcodeUnknown(v.barcode);
    return this.addLine(v.cartId, product, v.barcode, v.quantity);
  }

  addProduct(input: CartAddProductInput): CartView {
    const v = CartAddProductSchema.parse(input);
    return this.addLine(v.cartId, this.catalog.get(v.productId), null, v.quantity);
  }

  /** Scanning the same item again adds to its line, unless that line has its own price or discount. */
  private addLine(cartId: number, product: ProductView, barcode: string | null, quantity: number): CartView {
    if (!product.active) throw salesErrors.productInactive(product.name);
    this.mutate(cartId, () => {
      const existing = this.repo.mergeableLine(cartId, product.id, barcode);
      if (existing !== undefined) this.repo.addQuantity(existing, quantity);
      else this.repo.insertLine({ cartId, productId: product.id, barcode, quantity, listPriceFen: product.priceFen, memberPriceFen: product.memberPriceFen, categoryId: product.categoryId });
    });
    return this.view(cartId);
  }

  setQuantity(input: CartSetQuantityInput): CartView {
    const v = CartSetQuantitySchema.parse(input);
    this.mutate(v.cartId, () => {
      this.requireLine(v.cartId, v.lineId);
      this.repo.setQuantity(v.lineId, v.quantity);
    });
    return this.view(v.cartId);
  }

  removeLine(input: CartRemoveLineInput): CartView {
    const v = CartRemoveLineSchema.parse(input);
    this.mutate(v.cartId, () => {
      this.requireLine(v.cartId, v.lineId);
      this.repo.deleteLine(v.lineId);
    });
    return this.view(v.cartId);
  }

  /** A price edit at the counter (改价): always audited with the old and new price and the reason. */
  overridePrice(input: CartOverridePriceInput): CartView {
    const v = CartOverridePriceSchema.parse(input);
    this.mutate(v.cartId, () => {
      const line = this.requireLine(v.cartId, v.lineId);
      this.repo.setOverride(v.lineId, v.unitPriceFen, v.unitPriceFen === null ? null : v.operatorId);
      this.audit.append({
        actor: v.operatorId,
        action: 'cart.overridePrice',
        target: `cart:${v.cartId}/line:${v.lineId}`,
        outcome: 'ok',
        detail: { productId: line.product_id, listPriceFen: line.list_price_fen, fromFen: line.override_price_fen, toFen: v.unitPriceFen, reason: v.reason },
      });
    });
    return this.view(v.cartId);
  }

  setLineDiscount(input: CartLineDiscountInput): CartView {
    const v = CartLineDiscountSchema.parse(input);
    this.mutate(v.cartId, () => {
      this.requireLine(v.cartId, v.lineId);
      this.repo.setLineDiscount(v.lineId, v.discount);
    });
    return this.view(v.cartId);
  }

  /**
   * A whole-cart discount (整单折扣). Above the limit in salesSettings it needs a supervisor's
   * approval (made by the operators module); the refusal and the approval are both audited.
   * The limit is checked again when the sale completes, since removing lines can push a
   * fixed discount over it.
   */
  setCartDiscount(input: CartDiscountInput, approval?: SupervisorApproval): CartView {
    const v = CartDiscountSchema.parse(input);
    const at = this.nowIso();
    const denied = this.db.transaction(() => {
      const cart = this.requireOpen(v.cartId);
      const cols = discountColumns(v.discount);
      const { priced } = this.pricedState({ ...cart, discount_kind: cols.kind, discount_value: cols.value });
      const t = priced.totals;
      const base = t.amountFen - t.promotionDiscountFen - t.lineDiscountFen;
      const above = v.discount !== null && cartDiscountAboveLimit(t.cartDiscountFen, base, this.settings.get());
      const detail = { discount: v.discount, discountFen: t.cartDiscountFen, baseFen: base, cashier: v.operatorId };
      if (above && !approval) return detail;
      this.repo.setCartDiscount(v.cartId, v.discount, above ? approval!.operatorId : null, at);
      if (above) this.audit.append({ actor: approval!.operatorId, action: 'cart.discount', target: `cart:${v.cartId}`, outcome: 'ok', detail });
      return null;
    })();
    if (denied) {
      this.audit.append({ actor: v.operatorId, action: 'cart.discount', target: `cart:${v.cartId}`, outcome: 'denied', detail: denied });
      const yuan = yuanText(denied.discountFen);
      throw salesErrors.supervisorRequired(`整单优惠 ¥${yuan} 超过限额，`, `A cart discount of ¥${yuan} is above the limit and`);
    }
    return this.view(v.cartId);
  }

  attachMember(input: CartAttachMemberInput): CartView {
    const v = CartAttachMemberSchema.parse(input);
    const member = v.memberId !== undefined ? this.members.get(v.memberId) : this.members.lookup(v.phoneOrCard!);
    this.members.requireActive(member.id);
    this.mutate(v.cartId, () => this.repo.setMember(v.cartId, member.id, this.nowIso()));
    return this.view(v.cartId);
  }

  detachMember(input: CartRefInput): CartView {
    const v = CartRefSchema.parse(input);
    this.mutate(v.cartId, () => this.repo.setMember(v.cartId, null, this.nowIso()));
    return this.view(v.cartId);
  }

  /** Points to spend as money on this cart (积分抵现); capped at the member's points and the total. */
  redeemPoints(input: CartRedeemPointsInput): CartView {
    const v = CartRedeemPointsSchema.parse(input);
    this.mutate(v.cartId, () => {
      const cart = this.repo.byId(v.cartId)!;
      if (cart.member_id === null) throw salesErrors.noMember();
      const member = this.members.get(cart.member_id);
      if (v.points > member.points) throw new SalesError('POINTS_NOT_ENOUGH', `会员只有 ${member.points} 积分，不能抵用 ${v.points} 分。`, `The member has only ${member.points} points, not ${v.points}.`);
      this.repo.setPoints(v.cartId, v.points, this.nowIso());
    });
    return this.view(v.cartId);
  }

  /** 挂单: the cart waits, in the file, until someone resumes it. */
  suspend(input: CartSuspendInput): SuspendedCartView {
    const v = CartSuspendSchema.parse(input);
    this.db.transaction(() => {
      this.requireOpen(v.cartId);
      if (this.repo.lineCount(v.cartId) === 0) throw salesErrors.cartEmpty();
      this.repo.suspend(v.cartId, v.label, this.nowIso());
    })();
    return this.summary(this.repo.byId(v.cartId)!);
  }

  listSuspended(): SuspendedCartView[] {
    return this.repo.suspended().map((c) => this.summary(c));
  }

  /**
   * 取单: the resuming cashier takes the cart over. Their own open cart must be empty (it is
   * then dropped) — suspend or finish it first, so two carts never mix.
   */
  resume(input: CartResumeInput): CartView {
    const v = CartResumeSchema.parse(input);
    const at = this.nowIso();
    this.db.transaction(() => {
      const cart = this.requireCart(v.cartId);
      if (cart.status !== 'suspended') throw salesErrors.cartNotSuspended(v.cartId);
      const mine = this.repo.openOf(v.operatorId);
      if (mine && this.repo.lineCount(mine.id) > 0) {
        throw new SalesError('CART_OPEN_NOT_EMPTY', `当前购物车 #${mine.id} 还有商品。请先挂单或结账，再取单。`, `Your current cart #${mine.id} still has items. Suspend or finish it before resuming another.`);
      }
      if (mine) this.repo.setStatus(mine.id, 'discarded', at);
      this.repo.resume(v.cartId, v.operatorId, at);
    })();
    return this.view(v.cartId);
  }

  /** 整单取消: the customer leaves without paying. Audited when the cart had items. */
  discard(input: CartDiscardInput): CartView {
    const { cartId, operatorId } = CartDiscardSchema.parse(input);
    this.db.transaction(() => {
      const cart = this.requireCart(cartId);
      if (cart.status !== 'open' && cart.status !== 'suspended') throw salesErrors.cartNotOpen(cartId, cart.status);
      const { priced } = this.pricedState(cart);
      this.repo.setStatus(cartId, 'discarded', this.nowIso());
      if (priced.lines.length) this.audit.append({ actor: operatorId, action: 'cart.discard', target: `cart:${cartId}`, outcome: 'ok', detail: { lines: priced.lines.length, totalFen: priced.totals.totalFen } });
    })();
    return this.view(cartId);
  }

  // ---- pricing, shared with sales.ts ------------------------------------------------

  pricedState(cart: CartRow): PricedCartState {
    const lines = this.repo.lines(cart.id);
    const now = this.now();
    const member = cart.member_id !== null ? this.members.get(cart.member_id) : null;
    const promotions = this.promotions.activeAt(now);
    const points = member && member.status === 'active' ? Math.min(cart.points_to_redeem, member.points) : 0;
    const priced = priceCart({
      at: now.toISOString(),
      member: member !== null && member.status === 'active',
      lines: lines.map((l) => ({
        lineId: l.id,
        productId: l.product_id,
        categoryId: l.category_id,
        quantity: l.quantity,
        listPriceFen: l.list_price_fen,
        memberPriceFen: l.member_price_fen,
        overridePriceFen: l.override_price_fen,
        discount: discountOf(l.discount_kind, l.discount_value),
      })),
      promotions: promotions.map(toPricingPromotion),
      cartDiscount: discountOf(cart.discount_kind, cart.discount_value),
      pointsRedemption: points > 0 ? { points, fenPerPoint: this.members.settings().fenPerPoint } : null,
    });
    return { cart, lines, priced, promotionNames: new Map(promotions.map((p) => [p.id, p.name])) };
  }

  requireCart(cartId: number): CartRow {
    const c = this.repo.byId(cartId);
    if (!c) throw salesErrors.cartNotFound(cartId);
    return c;
  }

  view(cartId: number): CartView {
    const { cart, lines, priced, promotionNames } = this.pricedState(this.requireCart(cartId));
    const member = cart.member_id !== null ? this.members.get(cart.member_id) : null;
    return {
      id: cart.id,
      status: cart.status,
      operatorId: cart.operator_id,
      label: cart.label,
      member: member ? { id: member.id, name: member.name, phone: member.phone, tier: member.tier.name, points: member.points, storedValueFen: member.storedValueFen } : null,
      lines: lines.map((l, i) => {
        const p = priced.lines[i]!;
        return {
          lineId: l.id,
          productId: l.product_id,
          barcode: l.barcode,
          name: l.name,
          unit: l.unit,
          quantity: l.quantity,
          listPriceFen: l.list_price_fen,
          unitPriceFen: p.unitPriceFen,
          priceSource: p.priceSource,
          amountFen: p.amountFen,
          promotion: p.promotionId !== null ? { id: p.promotionId, name: promotionNames.get(p.promotionId) ?? '' } : null,
          promotionDiscountFen: p.promotionDiscountFen,
          lineDiscount: discountOf(l.discount_kind, l.discount_value),
          lineDiscountFen: p.lineDiscountFen,
          cartDiscountFen: p.cartDiscountFen,
          pointsDiscountFen: p.pointsDiscountFen,
          discountFen: p.discountFen,
          netFen: p.netFen,
        };
      }),
      cartDiscount: discountOf(cart.discount_kind, cart.discount_value),
      cartDiscountApprovedBy: cart.discount_approved_by,
      pointsToRedeem: cart.points_to_redeem,
      totals: priced.totals,
      createdAt: cart.created_at,
      updatedAt: cart.updated_at,
      suspendedAt: cart.suspended_at,
      saleId: cart.sale_id,
    };
  }

  private summary(cart: CartRow): SuspendedCartView {
    const { priced } = this.pricedState(cart);
    const member = cart.member_id !== null ? this.members.get(cart.member_id) : null;
    return {
      id: cart.id,
      operatorId: cart.operator_id,
      label: cart.label,
      lineCount: priced.lines.length,
      itemCount: priced.totals.itemCount,
      totalFen: priced.totals.totalFen,
      memberName: member?.name ?? null,
      suspendedAt: cart.suspended_at ?? cart.updated_at,
    };
  }

  private requireOpen(cartId: number): CartRow {
    const c = this.requireCart(cartId);
    if (c.status !== 'open') throw salesErrors.cartNotOpen(cartId, c.status);
    return c;
  }

  private requireLine(cartId: number, lineId: number): CartLineRow {
    const l = this.repo.line(cartId, lineId);
    if (!l) throw salesErrors.lineNotFound(lineId);
    return l;
  }

  private mutate(cartId: number, fn: () => void): void {
    this.db.transaction(() => {
      this.requireOpen(cartId);
      fn();
      this.repo.touch(cartId, this.nowIso());
    })();
  }

  private nowIso(): string {
    return this.now().toISOString();
  }
}
