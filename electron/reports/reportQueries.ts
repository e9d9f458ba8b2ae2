// SQL of the reports: aggregates over sales, refunds and recharges between two UTC
// instants, optionally for one operator. A sale counts when it was made; a void or refund
// counts when it was made (not on the day of the sale it gives back), so a closed day's
// figures never change afterwards.
import type { Db } from '../../native/store/store.js';
import type { JournalEntry, JournalEntryType, TenderKind } from './reportSchemas.js';

export interface Span {
  from: string;
  to: string;
  op: string | null;
}

type Grouped<K extends string> = Array<{ [P in K]: string | number | null } & { n: number; fen: number }>;

const SALES_IN = `s.at >= @from AND s.at < @to AND (@op IS NULL OR s.operator_id = @op)`;
const REFUNDS_IN = `r.at >= @from AND r.at < @to AND (@op IS NULL OR r.operator_id = @op)`;

export class ReportQueries {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      sales: db.prepare(
        `SELECT count(*) AS n, coalesce(sum(total_fen), 0) AS fen, coalesce(sum(amount_fen), 0) AS amount, coalesce(sum(discount_fen), 0) AS discount
         FROM sales s WHERE ${SALES_IN}`,
      ),
      returnsByKind: db.prepare(`SELECT kind, count(*) AS n, coalesce(sum(amount_fen), 0) AS fen FROM refunds r WHERE ${REFUNDS_IN} GROUP BY kind`),
      items: db.prepare(
        `SELECT coalesce(sum(l.quantity), 0) AS qty, coalesce(sum(l.cost_fen * l.quantity), 0) AS cost FROM sale_lines l JOIN sales s ON s.id = l.sale_id WHERE ${SALES_IN}`,
      ),
      itemsReturned: db.prepare(
        `SELECT coalesce(sum(rl.quantity), 0) AS qty, coalesce(sum(l.cost_fen * rl.quantity), 0) AS cost
         FROM refund_lines rl JOIN refunds r ON r.id = rl.refund_id JOIN sale_lines l ON l.id = rl.sale_line_id WHERE ${REFUNDS_IN}`,
      ),
      salesByTender: db.prepare(`SELECT t.kind AS k, count(*) AS n, sum(t.amount_fen) AS fen FROM sale_tenders t JOIN sales s ON s.id = t.sale_id WHERE ${SALES_IN} GROUP BY t.kind`),
      returnsByTender: db.prepare(
        `SELECT t.kind AS k, count(*) AS n, sum(t.amount_fen) AS fen FROM refund_tenders t JOIN refunds r ON r.id = t.refund_id WHERE ${REFUNDS_IN} GROUP BY t.kind`,
      ),
      salesByHour: db.prepare(`SELECT CAST(substr(s.local_at, 12, 2) AS INTEGER) AS k, count(*) AS n, sum(s.total_fen) AS fen FROM sales s WHERE ${SALES_IN} GROUP BY k`),
      returnsByHour: db.prepare(`SELECT CAST(substr(r.local_at, 12, 2) AS INTEGER) AS k, count(*) AS n, sum(r.amount_fen) AS fen FROM refunds r WHERE ${REFUNDS_IN} GROUP BY k`),
      salesByOperator: db.prepare(`SELECT s.operator_id AS k, count(*) AS n, sum(s.total_fen) AS fen FROM sales s WHERE ${SALES_IN} GROUP BY k`),
      returnsByOperator: db.prepare(`SELECT r.operator_id AS k, count(*) AS n, sum(r.amount_fen) AS fen FROM refunds r WHERE ${REFUNDS_IN} GROUP BY k`),
      salesByCategory: db.prepare(
        `SELECT l.category_name AS k, sum(l.quantity) AS n, sum(l.net_fen) AS fen FROM sale_lines l JOIN sales s ON s.id = l.sale_id WHERE ${SALES_IN} GROUP BY k`,
      ),
      returnsByCategory: db.prepare(
        `SELECT l.category_name AS k, sum(rl.quantity) AS n, sum(rl.amount_fen) AS fen
         FROM refund_lines rl JOIN refunds r ON r.id = rl.refund_id JOIN sale_lines l ON l.id = rl.sale_line_id WHERE ${REFUNDS_IN} GROUP BY k`,
      ),
      salesByProduct: db.prepare(
        `SELECT l.product_id AS k, max(l.name) AS name, sum(l.quantity) AS n, sum(l.net_fen) AS fen FROM sale_lines l JOIN sales s ON s.id = l.sale_id WHERE ${SALES_IN} GROUP BY k`,
      ),
      returnsByProduct: db.prepare(
        `SELECT l.product_id AS k, max(l.name) AS name, sum(rl.quantity) AS n, sum(rl.amount_fen) AS fen
         FROM refund_lines rl JOIN refunds r ON r.id = rl.refund_id JOIN sale_lines l ON l.id = rl.sale_line_id WHERE ${REFUNDS_IN} GROUP BY k`,
      ),
      recharges: db.prepare(
        `SELECT paid_by AS k, count(*) AS n, sum(amount_fen) AS fen, sum(bonus_fen) AS bonus FROM member_recharges r WHERE ${REFUNDS_IN} GROUP BY paid_by`,
      ),
      // The bank side of the batch: card/QR tenders of sales not voided, card/QR recharges,
      // and card/QR given back by refunds (a void cancels its sale and is in neither).
      bankDebit: db.prepare(
        `SELECT count(*) AS n, coalesce(sum(fen), 0) AS fen FROM (
           SELECT t.amount_fen AS fen FROM sale_tenders t JOIN sales s ON s.id = t.sale_id
             WHERE t.kind = @kind AND s.status <> 'voided' AND ${SALES_IN}
           UNION ALL
           SELECT r.amount_fen FROM member_recharges r WHERE r.paid_by = @kind AND ${REFUNDS_IN})`,
      ),
      bankCredit: db.prepare(
        `SELECT count(*) AS n, coalesce(sum(t.amount_fen), 0) AS fen FROM refund_tenders t JOIN refunds r ON r.id = t.refund_id
         WHERE t.kind = @kind AND r.kind = 'refund' AND ${REFUNDS_IN}`,
      ),
      closed: db.prepare('SELECT business_day AS businessDay, z_no AS zNo, closed_at AS closedAt, operator_id AS operatorId, report_json AS reportJson FROM day_end_reports WHERE business_day = ?'),
      nextZ: db.prepare('SELECT coalesce(max(z_no), 0) + 1 FROM day_end_reports').pluck(),
      insertZ: db.prepare('INSERT INTO day_end_reports (business_day, z_no, closed_at, operator_id, report_json) VALUES (@businessDay, @zNo, @closedAt, @operatorId, @reportJson)'),
      tendersOfSale: db.prepare('SELECT kind, amount_fen AS amountFen, reference FROM sale_tenders WHERE sale_id = ? ORDER BY id'),
      tendersOfRefund: db.prepare('SELECT kind, amount_fen AS amountFen, reference FROM refund_tenders WHERE refund_id = ? ORDER BY id'),
    };
  }

  sales(p: Span): { n: number; fen: number; amount: number; discount: number } {
    return this.s.sales.get(p) as { n: number; fen: number; amount: number; discount: number };
  }
  returnsByKind(p: Span): Array<{ kind: 'void' | 'refund'; n: number; fen: number }> {
    return this.s.returnsByKind.all(p) as Array<{ kind: 'void' | 'refund'; n: number; fen: number }>;
  }
  items(p: Span): { sold: number; returned: number; cost: number } {
    const a = this.s.items.get(p) as { qty: number; cost: number };
    const b = this.s.itemsReturned.get(p) as { qty: number; cost: number };
    return { sold: a.qty, returned: b.qty, cost: a.cost - b.cost };
  }
  grouped(kind: 'Tender' | 'Hour' | 'Operator' | 'Category', p: Span): { sales: Grouped<'k'>; returns: Grouped<'k'> } {
    return { sales: this.s[`salesBy${kind}`].all(p) as Grouped<'k'>, returns: this.s[`returnsBy${kind}`].all(p) as Grouped<'k'> };
  }
  products(p: Span): { sales: Array<{ k: number; name: string; n: number; fen: number }>; returns: Array<{ k: number; name: string; n: number; fen: number }> } {
    type Row = { k: number; name: string; n: number; fen: number };
    return { sales: this.s.salesByProduct.all(p) as Row[], returns: this.s.returnsByProduct.all(p) as Row[] };
  }
  recharges(p: Span): Array<{ k: 'cash' | 'card' | 'qr'; n: number; fen: number; bonus: number }> {
    return this.s.recharges.all(p) as Array<{ k: 'cash' | 'card' | 'qr'; n: number; fen: number; bonus: number }>;
  }
  bankSide(p: Span, kind: 'card' | 'qr'): { debit: { n: number; fen: number }; credit: { n: number; fen: number } } {
    return { debit: this.s.bankDebit.get({ ...p, kind }) as { n: number; fen: number }, credit: this.s.bankCredit.get({ ...p, kind }) as { n: number; fen: number } };
  }
  closedDay(day: string): { businessDay: string; zNo: number; closedAt: string; operatorId: string; reportJson: string } | undefined {
    return this.s.closed.get(day) as { businessDay: string; zNo: number; closedAt: string; operatorId: string; reportJson: string } | undefined;
  }
  nextZ(): number {
    return this.s.nextZ.get() as number;
  }
  insertZ(z: { businessDay: string; zNo: number; closedAt: string; operatorId: string; reportJson: string }): void {
    this.s.insertZ.run(z);
  }

  /**
   * The journal: sales, voids, refunds and stored-value recharges in time order, filtered.
   * Built per request because the filters change the shape; every value is still bound.
   */
  journal(q: { from: string; to: string; op: string | null; memberId: number | null; types: readonly JournalEntryType[]; tender: TenderKind | null; number: string | null; limit: number; offset: number }): { entries: JournalEntry[]; total: number } {
    const parts: string[] = [];
    const has = (t: JournalEntryType): boolean => q.types.includes(t);
    if (has('sale')) {
      parts.push(`SELECT 'sale' AS type, s.id, s.sale_no AS no, s.at, s.local_at AS localAt, s.operator_id AS operatorId, s.member_id AS memberId,
          s.total_fen AS amountFen, s.status, NULL AS saleId FROM sales s
        WHERE ${SALES_IN} AND (@memberId IS NULL OR s.member_id = @memberId)
          AND (@tender IS NULL OR EXISTS (SELECT 1 FROM sale_tenders t WHERE t.sale_id = s.id AND t.kind = @tender))
          AND (@number IS NULL OR s.sale_no = @number OR EXISTS (SELECT 1 FROM sale_tenders t WHERE t.sale_id = s.id AND t.reference = @number))`);
    }
    const returnKinds = (['void', 'refund'] as const).filter(has);
    if (returnKinds.length) {
      parts.push(`SELECT r.kind AS type, r.id, r.refund_no AS no, r.at, r.local_at AS localAt, r.operator_id AS operatorId, s.member_id AS memberId,
          r.amount_fen AS amountFen, NULL AS status, r.sale_id AS saleId FROM refunds r JOIN sales s ON s.id = r.sale_id
        WHERE ${REFUNDS_IN} AND r.kind IN (${returnKinds.map((k) => `'${k}'`).join(', ')}) AND (@memberId IS NULL OR s.member_id = @memberId)
          AND (@tender IS NULL OR EXISTS (SELECT 1 FROM refund_tenders t WHERE t.refund_id = r.id AND t.kind = @tender))
          AND (@number IS NULL OR r.refund_no = @number OR s.sale_no = @number OR EXISTS (SELECT 1 FROM refund_tenders t WHERE t.refund_id = r.id AND t.reference = @number))`);
    }
    if (has('recharge')) {
      parts.push(`SELECT 'recharge' AS type, r.id, 'C' || r.id AS no, r.at, r.local_at AS localAt, r.operator_id AS operatorId, r.member_id AS memberId,
          r.amount_fen AS amountFen, NULL AS status, NULL AS saleId FROM member_recharges r
        WHERE ${REFUNDS_IN} AND (@memberId IS NULL OR r.member_id = @memberId)
          AND (@tender IS NULL OR r.paid_by = @tender)
          AND (@number IS NULL OR 'C' || r.id = @number OR r.reference = @number)`);
    }
    if (parts.length === 0) return { entries: [], total: 0 };
    const union = parts.join(' UNION ALL ');
    const params = { from: q.from, to: q.to, op: q.op, memberId: q.memberId, tender: q.tender, number: q.number };
    const total = this.db.prepare(`SELECT count(*) FROM (${union})`).pluck().get(params) as number;
    const rows = this.db.prepare(`${union} ORDER BY at, type, id LIMIT @limit OFFSET @offset`).all({ ...params, limit: q.limit, offset: q.offset }) as Array<Omit<JournalEntry, 'tenders'>>;
    const rechargeTender = this.db.prepare('SELECT paid_by AS kind, amount_fen AS amountFen, reference FROM member_recharges WHERE id = ?');
    const entries = rows.map((r) => ({
      ...r,
      tenders: (r.type === 'sale' ? this.s.tendersOfSale.all(r.id) : r.type === 'recharge' ? [rechargeTender.get(r.id)] : this.s.tendersOfRefund.all(r.id)) as JournalEntry['tenders'],
    }));
    return { entries, total };
  }
}
