// SQL of carts and their lines. Every change is written at once, so the cart on screen is
// the cart in the file: a crash or a restart loses nothing (issue 8).
import type { Db } from '../../native/store/store.js';
import type { CartStatus, DiscountInput } from './salesSchemas.js';

export interface CartRow {
  id: number;
  status: CartStatus;
  operator_id: string;
  member_id: number | null;
  discount_kind: 'percent' | 'amount' | null;
  discount_value: number | null;
  discount_approved_by: string | null;
  points_to_redeem: number;
  label: string | null;
  sale_id: number | null;
  created_at: string;
  updated_at: string;
  suspended_at: string | null;
}

export interface CartLineRow {
  id: number;
  cart_id: number;
  product_id: number;
  barcode: string | null;
  quantity: number;
  list_price_fen: number;
  member_price_fen: number | null;
  category_id: number | null;
  override_price_fen: number | null;
  override_by: string | null;
  discount_kind: 'percent' | 'amount' | null;
  discount_value: number | null;
  name: string;
  unit: string;
}

export function discountOf(kind: 'percent' | 'amount' | null, value: number | null): DiscountInput | null {
  if (kind === null || value === null) return null;
  return kind === 'percent' ? { kind, offBp: value } : { kind, amountFen: value };
}

export function discountColumns(d: DiscountInput | null): { kind: 'percent' | 'amount' | null; value: number | null } {
  if (!d) return { kind: null, value: null };
  return d.kind === 'percent' ? { kind: 'percent', value: d.offBp } : { kind: 'amount', value: d.amountFen };
}

export class CartRepository {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      insert: db.prepare(`INSERT INTO carts (status, operator_id, created_at, updated_at) VALUES ('open', @operatorId, @at, @at)`),
      byId: db.prepare('SELECT * FROM carts WHERE id = ?'),
      openOf: db.prepare(`SELECT * FROM carts WHERE status = 'open' AND operator_id = ? ORDER BY id DESC LIMIT 1`),
      suspended: db.prepare(`SELECT * FROM carts WHERE status = 'suspended' ORDER BY suspended_at, id`),
      lines: db.prepare(
        `SELECT l.*, p.name, p.unit FROM cart_lines l JOIN products p ON p.id = l.product_id WHERE l.cart_id = ? ORDER BY l.id`,
      ),
      lineCount: db.prepare('SELECT count(*) FROM cart_lines WHERE cart_id = ?').pluck(),
      line: db.prepare('SELECT l.*, p.name, p.unit FROM cart_lines l JOIN products p ON p.id = l.product_id WHERE l.id = @lineId AND l.cart_id = @cartId'),
      mergeable: db.prepare(
        `SELECT id FROM cart_lines WHERE cart_id = @cartId AND product_id = @productId AND barcode IS @barcode
           AND override_price_fen IS NULL AND discount_kind IS NULL ORDER BY id DESC LIMIT 1`,
      ).pluck(),
      insertLine: db.prepare(
        `INSERT INTO cart_lines (cart_id, product_id, barcode, quantity, list_price_fen, member_price_fen, category_id)
         VALUES (@cartId, @productId, @barcode, @quantity, @listPriceFen, @memberPriceFen, @categoryId)`,
      ),
      addQuantity: db.prepare('UPDATE cart_lines SET quantity = quantity + @quantity WHERE id = @lineId'),
      setQuantity: db.prepare('UPDATE cart_lines SET quantity = @quantity WHERE id = @lineId'),
      setOverride: db.prepare('UPDATE cart_lines SET override_price_fen = @price, override_by = @by WHERE id = @lineId'),
      setLineDiscount: db.prepare('UPDATE cart_lines SET discount_kind = @kind, discount_value = @value WHERE id = @lineId'),
      deleteLine: db.prepare('DELETE FROM cart_lines WHERE id = @lineId'),
      setMember: db.prepare('UPDATE carts SET member_id = @memberId, points_to_redeem = CASE WHEN @memberId IS NULL THEN 0 ELSE points_to_redeem END, updated_at = @at WHERE id = @cartId'),
      setCartDiscount: db.prepare('UPDATE carts SET discount_kind = @kind, discount_value = @value, discount_approved_by = @approvedBy, updated_at = @at WHERE id = @cartId'),
      setPoints: db.prepare('UPDATE carts SET points_to_redeem = @points, updated_at = @at WHERE id = @cartId'),
      suspend: db.prepare(`UPDATE carts SET status = 'suspended', label = @label, suspended_at = @at, updated_at = @at WHERE id = @cartId`),
      resume: db.prepare(`UPDATE carts SET status = 'open', operator_id = @operatorId, suspended_at = NULL, updated_at = @at WHERE id = @cartId`),
      setStatus: db.prepare('UPDATE carts SET status = @status, updated_at = @at WHERE id = @cartId'),
      complete: db.prepare(`UPDATE carts SET status = 'completed', sale_id = @saleId, updated_at = @at WHERE id = @cartId`),
      touch: db.prepare('UPDATE carts SET updated_at = @at WHERE id = @cartId'),
    };
  }

  insert(operatorId: string, at: string): number {
    return Number(this.s.insert.run({ operatorId, at }).lastInsertRowid);
  }
  byId(id: number): CartRow | undefined {
    return this.s.byId.get(id) as CartRow | undefined;
  }
  openOf(operatorId: string): CartRow | undefined {
    return this.s.openOf.get(operatorId) as CartRow | undefined;
  }
  suspended(): CartRow[] {
    return this.s.suspended.all() as CartRow[];
  }
  lines(cartId: number): CartLineRow[] {
    return this.s.lines.all(cartId) as CartLineRow[];
  }
  lineCount(cartId: number): number {
    return this.s.lineCount.get(cartId) as number;
  }
  line(cartId: number, lineId: number): CartLineRow | undefined {
    return this.s.line.get({ cartId, lineId }) as CartLineRow | undefined;
  }
  mergeableLine(cartId: number, productId: number, barcode: string | null): number | undefined {
    return this.s.mergeable.get({ cartId, productId, barcode }) as number | undefined;
  }
  insertLine(l: { cartId: number; productId: number; barcode: string | null; quantity: number; listPriceFen: number; memberPriceFen: number | null; categoryId: number | null }): number {
    return Number(this.s.insertLine.run(l).lastInsertRowid);
  }
  addQuantity(lineId: number, quantity: number): void {
    this.s.addQuantity.run({ lineId, quantity });
  }
  setQuantity(lineId: number, quantity: number): void {
    this.s.setQuantity.run({ lineId, quantity });
  }
  setOverride(lineId: number, price: number | null, by: string | null): void {
    this.s.setOverride.run({ lineId, price, by });
  }
  setLineDiscount(lineId: number, d: DiscountInput | null): void {
    this.s.setLineDiscount.run({ lineId, ...discountColumns(d) });
  }
  deleteLine(lineId: number): void {
    this.s.deleteLine.run({ lineId });
  }
  setMember(cartId: number, memberId: number | null, at: string): void {
    this.s.setMember.run({ cartId, memberId, at });
  }
  setCartDiscount(cartId: number, d: DiscountInput | null, approvedBy: string | null, at: string): void {
    this.s.setCartDiscount.run({ cartId, ...discountColumns(d), approvedBy, at });
  }
  setPoints(cartId: number, points: number, at: string): void {
    this.s.setPoints.run({ cartId, points, at });
  }
  suspend(cartId: number, label: string | null, at: string): void {
    this.s.suspend.run({ cartId, label, at });
  }
  resume(cartId: number, operatorId: string, at: string): void {
    this.s.resume.run({ cartId, operatorId, at });
  }
  setStatus(cartId: number, status: CartStatus, at: string): void {
    this.s.setStatus.run({ cartId, status, at });
  }
  complete(cartId: number, saleId: number, at: string): void {
    this.s.complete.run({ cartId, saleId, at });
  }
  touch(cartId: number, at: string): void {
    this.s.touch.run({ cartId, at });
  }
}
