// SQL of completed sales, their lines and tenders, and of voids and refunds.
import type { Db } from '../../native/store/store.js';
import type { PricedLine, PricedTotals } from './pricing.js';
import type { RefundView, SaleLineView, SaleStatus, SaleView, TenderKind, TenderView } from './salesSchemas.js';

export interface SaleRow {
  id: number;
  sale_no: string;
  cart_id: number;
  operator_id: string;
  member_id: number | null;
  status: SaleStatus;
  list_amount_fen: number;
  amount_fen: number;
  promotion_discount_fen: number;
  line_discount_fen: number;
  cart_discount_fen: number;
  points_discount_fen: number;
  discount_fen: number;
  total_fen: number;
  discount_approved_by: string | null;
  points_redeemed: number;
  points_earned: number;
  refunded_fen: number;
  at: string;
  local_at: string;
}

export interface SaleLineRow {
  id: number;
  sale_id: number;
  line_no: number;
  product_id: number;
  barcode: string | null;
  name: string;
  category_id: number | null;
  category_name: string | null;
  unit: string;
  quantity: number;
  list_price_fen: number;
  unit_price_fen: number;
  price_source: 'list' | 'member' | 'override';
  amount_fen: number;
  promotion_id: number | null;
  discount_fen: number;
  net_fen: number;
  cost_fen: number;
  refunded_quantity: number;
  refunded_fen: number;
}

interface RefundRow {
  id: number;
  refund_no: string;
  sale_id: number;
  kind: 'void' | 'refund';
  amount_fen: number;
  operator_id: string;
  reason: string;
  points_reversed: number;
  points_restored: number;
  at: string;
}

export interface SaleLineInsert {
  saleId: number;
  lineNo: number;
  productId: number;
  barcode: string | null;
  name: string;
  categoryId: number | null;
  categoryName: string | null;
  unit: string;
  costFen: number;
  line: PricedLine;
  listPriceFen: number;
}

export class SaleRepository {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      // Counting, not max(): sales and refunds are never deleted, and a count stays right past 9999 a day.
      countNo: db.prepare('SELECT count(*) FROM sales WHERE sale_no >= @from AND sale_no < @to').pluck(),
      countRefundNo: db.prepare('SELECT count(*) FROM refunds WHERE refund_no >= @from AND refund_no < @to').pluck(),
      insertSale: db.prepare(
        `INSERT INTO sales (sale_no, cart_id, operator_id, member_id, status, list_amount_fen, amount_fen, promotion_discount_fen, line_discount_fen,
           cart_discount_fen, points_discount_fen, discount_fen, total_fen, discount_approved_by, points_redeemed, points_earned, at, local_at)
         VALUES (@saleNo, @cartId, @operatorId, @memberId, 'completed', @listAmountFen, @amountFen, @promotionDiscountFen, @lineDiscountFen,
           @cartDiscountFen, @pointsDiscountFen, @discountFen, @totalFen, @discountApprovedBy, @pointsUsed, 0, @at, @localAt)`,
      ),
      setPointsEarned: db.prepare('UPDATE sales SET points_earned = @points WHERE id = @saleId'),
      insertLine: db.prepare(
        `INSERT INTO sale_lines (sale_id, line_no, product_id, barcode, name, category_id, category_name, unit, quantity, list_price_fen, unit_price_fen,
           price_source, amount_fen, promotion_id, promotion_discount_fen, line_discount_fen, cart_discount_fen, points_discount_fen, discount_fen, net_fen, cost_fen)
         VALUES (@saleId, @lineNo, @productId, @barcode, @name, @categoryId, @categoryName, @unit, @quantity, @listPriceFen, @unitPriceFen,
           @priceSource, @amountFen, @promotionId, @promotionDiscountFen, @lineDiscountFen, @cartDiscountFen, @pointsDiscountFen, @discountFen, @netFen, @costFen)`,
      ),
      insertTender: db.prepare(
        'INSERT INTO sale_tenders (sale_id, kind, amount_fen, tendered_fen, change_fen, reference) VALUES (@saleId, @kind, @amountFen, @tenderedFen, @changeFen, @reference)',
      ),
      byId: db.prepare('SELECT * FROM sales WHERE id = ?'),
      byCart: db.prepare('SELECT * FROM sales WHERE cart_id = ?'),
      bySaleNo: db.prepare('SELECT * FROM sales WHERE sale_no = ?'),
      lines: db.prepare('SELECT * FROM sale_lines WHERE sale_id = ? ORDER BY line_no'),
      tenders: db.prepare('SELECT kind, amount_fen AS amountFen, reference, tendered_fen AS tenderedFen, change_fen AS changeFen FROM sale_tenders WHERE sale_id = ? ORDER BY id'),
      returnedByKind: db.prepare(
        `SELECT rt.kind, sum(rt.amount_fen) AS amountFen FROM refund_tenders rt JOIN refunds r ON r.id = rt.refund_id WHERE r.sale_id = ? GROUP BY rt.kind`,
      ),
      pointsBackSoFar: db.prepare('SELECT coalesce(sum(points_reversed), 0) AS reversed, coalesce(sum(points_restored), 0) AS restored FROM refunds WHERE sale_id = ?'),
      insertRefund: db.prepare(
        `INSERT INTO refunds (refund_no, sale_id, kind, amount_fen, operator_id, approved_by, reason, at, local_at)
         VALUES (@refundNo, @saleId, @kind, @amountFen, @operatorId, @approvedBy, @reason, @at, @localAt)`,
      ),
      setRefundPoints: db.prepare('UPDATE refunds SET points_reversed = @reversed, points_restored = @restored WHERE id = @refundId'),
      insertRefundLine: db.prepare('INSERT INTO refund_lines (refund_id, sale_line_id, quantity, amount_fen) VALUES (@refundId, @saleLineId, @quantity, @amountFen)'),
      insertRefundTender: db.prepare('INSERT INTO refund_tenders (refund_id, kind, amount_fen, reference) VALUES (@refundId, @kind, @amountFen, @reference)'),
      refundLine: db.prepare('UPDATE sale_lines SET refunded_quantity = refunded_quantity + @quantity, refunded_fen = refunded_fen + @amountFen WHERE id = @id'),
      refundSale: db.prepare('UPDATE sales SET refunded_fen = refunded_fen + @amountFen, status = @status WHERE id = @id'),
      refundById: db.prepare('SELECT * FROM refunds WHERE id = ?'),
      refundsOf: db.prepare('SELECT id FROM refunds WHERE sale_id = ? ORDER BY id').pluck(),
      refundLines: db.prepare('SELECT sale_line_id AS saleLineId, quantity, amount_fen AS amountFen FROM refund_lines WHERE refund_id = ? ORDER BY id'),
      refundTenders: db.prepare('SELECT kind, amount_fen AS amountFen, reference FROM refund_tenders WHERE refund_id = ? ORDER BY id'),
    };
  }

  /** Next number of the day: 'YYYYMMDD' + 4 digits, e.g. 202501150007. */
  nextSaleNo(day: string): string {
    const prefix = day.replaceAll('-', '');
    return nextNo(this.s.countNo.get({ from: prefix, to: prefix + ':' }) as number, prefix);
  }
  nextRefundNo(day: string): string {
    const prefix = 'R' + day.replaceAll('-', '');
    return nextNo(this.s.countRefundNo.get({ from: prefix, to: prefix + ':' }) as number, prefix);
  }

  insertSale(s: { saleNo: string; cartId: number; operatorId: string; memberId: number | null; totals: PricedTotals; discountApprovedBy: string | null; at: string; localAt: string }): number {
    const { totals, ...rest } = s;
    return Number(this.s.insertSale.run({ ...rest, ...totals }).lastInsertRowid);
  }
  setPointsEarned(saleId: number, points: number): void {
    this.s.setPointsEarned.run({ saleId, points });
  }
  insertLine(l: SaleLineInsert): void {
    const p = l.line;
    this.s.insertLine.run({
      saleId: l.saleId,
      lineNo: l.lineNo,
      productId: l.productId,
      barcode: l.barcode,
      name: l.name,
      categoryId: l.categoryId,
      categoryName: l.categoryName,
      unit: l.unit,
      quantity: p.quantity,
      listPriceFen: l.listPriceFen,
      unitPriceFen: p.unitPriceFen,
      priceSource: p.priceSource,
      amountFen: p.amountFen,
      promotionId: p.promotionId,
      promotionDiscountFen: p.promotionDiscountFen,
      lineDiscountFen: p.lineDiscountFen,
      cartDiscountFen: p.cartDiscountFen,
      pointsDiscountFen: p.pointsDiscountFen,
      discountFen: p.discountFen,
      netFen: p.netFen,
      costFen: l.costFen,
    });
  }
  insertTender(t: { saleId: number; kind: TenderKind; amountFen: number; tenderedFen: number | null; changeFen: number | null; reference: string | null }): void {
    this.s.insertTender.run(t);
  }
  byId(id: number): SaleRow | undefined {
    return this.s.byId.get(id) as SaleRow | undefined;
  }
  byCart(cartId: number): SaleRow | undefined {
    return this.s.byCart.get(cartId) as SaleRow | undefined;
  }
  /** The number printed on the receipt (sale_no is unique). */
  bySaleNo(saleNo: string): SaleRow | undefined {
    return this.s.bySaleNo.get(saleNo) as SaleRow | undefined;
  }
  lines(saleId: number): SaleLineRow[] {
    return this.s.lines.all(saleId) as SaleLineRow[];
  }
  tenders(saleId: number): TenderView[] {
    return this.s.tenders.all(saleId) as TenderView[];
  }
  returnedByKind(saleId: number): Map<TenderKind, number> {
    return new Map((this.s.returnedByKind.all(saleId) as Array<{ kind: TenderKind; amountFen: number }>).map((r) => [r.kind, r.amountFen]));
  }
  pointsBackSoFar(saleId: number): { reversed: number; restored: number } {
    return this.s.pointsBackSoFar.get(saleId) as { reversed: number; restored: number };
  }
  insertRefund(r: { refundNo: string; saleId: number; kind: 'void' | 'refund'; amountFen: number; operatorId: string; approvedBy: string | null; reason: string; at: string; localAt: string }): number {
    return Number(this.s.insertRefund.run(r).lastInsertRowid);
  }
  setRefundPoints(refundId: number, reversed: number, restored: number): void {
    this.s.setRefundPoints.run({ refundId, reversed, restored });
  }
  insertRefundLine(refundId: number, saleLineId: number, quantity: number, amountFen: number): void {
    this.s.insertRefundLine.run({ refundId, saleLineId, quantity, amountFen });
    this.s.refundLine.run({ id: saleLineId, quantity, amountFen });
  }
  insertRefundTender(refundId: number, kind: TenderKind, amountFen: number, reference: string | null): void {
    this.s.insertRefundTender.run({ refundId, kind, amountFen, reference });
  }
  markRefunded(saleId: number, amountFen: number, status: SaleStatus): void {
    this.s.refundSale.run({ id: saleId, amountFen, status });
  }
  refundIds(saleId: number): number[] {
    return this.s.refundsOf.all(saleId) as number[];
  }

  saleView(row: SaleRow): SaleView {
    return {
      id: row.id,
      saleNo: row.sale_no,
      cartId: row.cart_id,
      operatorId: row.operator_id,
      memberId: row.member_id,
      status: row.status,
      amountFen: row.amount_fen,
      listAmountFen: row.list_amount_fen,
      discountFen: row.discount_fen,
      promotionDiscountFen: row.promotion_discount_fen,
      lineDiscountFen: row.line_discount_fen,
      cartDiscountFen: row.cart_discount_fen,
      pointsDiscountFen: row.points_discount_fen,
      totalFen: row.total_fen,
      refundedFen: row.refunded_fen,
      pointsEarned: row.points_earned,
      pointsRedeemed: row.points_redeemed,
      discountApprovedBy: row.discount_approved_by,
      at: row.at,
      localAt: row.local_at,
      lines: this.lines(row.id).map(lineView),
      tenders: this.tenders(row.id),
    };
  }

  refundView(refundId: number, sale: SaleView): RefundView {
    const r = this.s.refundById.get(refundId) as RefundRow;
    return {
      id: r.id,
      refundNo: r.refund_no,
      saleId: r.sale_id,
      kind: r.kind,
      amountFen: r.amount_fen,
      operatorId: r.operator_id,
      reason: r.reason,
      pointsReversed: r.points_reversed,
      pointsRestored: r.points_restored,
      at: r.at,
      lines: this.s.refundLines.all(refundId) as RefundView['lines'],
      tenders: this.s.refundTenders.all(refundId) as RefundView['tenders'],
      sale,
    };
  }
}

function nextNo(count: number, prefix: string): string {
  return prefix + String(count + 1).padStart(4, '0');
}

function lineView(l: SaleLineRow): SaleLineView {
  return {
    id: l.id,
    lineNo: l.line_no,
    productId: l.product_id,
    barcode: l.barcode,
    name: l.name,
    category: l.category_name,
    unit: l.unit,
    quantity: l.quantity,
    listPriceFen: l.list_price_fen,
    unitPriceFen: l.unit_price_fen,
    priceSource: l.price_source,
    amountFen: l.amount_fen,
    promotionId: l.promotion_id,
    discountFen: l.discount_fen,
    netFen: l.net_fen,
    refundedQuantity: l.refunded_quantity,
    refundedFen: l.refunded_fen,
  };
}
