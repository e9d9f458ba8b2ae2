// Reports (issue 8): the journal, the shift report (X, 交班) and the day-end report (Z, 日结),
// and the reconciliation of card and QR takings with the bank's batch totals.
import type { Db } from '../../native/store/store.js';
import type { AuditLog } from '../audit/auditLog.js';
import { businessDayBounds, businessDayOf, type ShopClock } from '../members/shopTime.js';
import { CashdeskError } from '../../native/errors.js';
import { reconcile } from './reconciliation.js';
import { ReportQueries, type Span } from './reportQueries.js';
import {
  CloseDaySchema,
  DayEndReportSchema,
  JournalQuerySchema,
  ReconcileSchema,
  ReportRangeSchema,
  ShiftReportSchema,
  type CloseDayInput,
  type DayEndClose,
  type DayEndReportInput,
  type Figures,
  type JournalEntryType,
  type JournalPage,
  type JournalQueryInput,
  type ReconcileInput,
  type Reconciliation,
  type ReportRange,
  type SalesReport,
  type ShiftReportInput,
  type TenderKind,
} from './reportSchemas.js';

export class ReportError extends CashdeskError {}

const TOP_PRODUCTS = 10;
const TENDER_ORDER: readonly TenderKind[] = ['cash', 'card', 'qr', 'storedValue'];

export class Reports {
  private readonly q: ReportQueries;

  constructor(
    private readonly db: Db,
    private readonly clock: ShopClock,
    private readonly audit: AuditLog,
  ) {
    this.q = new ReportQueries(db);
  }

  /** [from, to) in UTC for a business day or a span. */
  bounds(range: ReportRange): { from: string; to: string; businessDay: string | null } {
    const r = ReportRangeSchema.parse(range);
    if ('businessDay' in r) return { ...businessDayBounds(r.businessDay, this.clock.utcOffsetMinutes), businessDay: r.businessDay };
    return { from: new Date(r.from).toISOString(), to: new Date(r.to).toISOString(), businessDay: null };
  }

  journal(input: JournalQueryInput): JournalPage {
    const v = JournalQuerySchema.parse(input);
    const { from, to } = this.bounds(v.range);
    const types: JournalEntryType[] = v.types ?? ['sale', 'void', 'refund', 'recharge'];
    return this.q.journal({ from, to, op: v.operatorId ?? null, memberId: v.memberId ?? null, types, tender: v.tender ?? null, number: v.number ?? null, limit: v.limit, offset: v.offset });
  }

  /** 交班报表 (X): from the start of the shift to now (or `to`); reading it changes nothing. */
  shiftReport(input: ShiftReportInput): SalesReport {
    const v = ShiftReportSchema.parse(input);
    const from = new Date(v.from).toISOString();
    const to = v.to ? new Date(v.to).toISOString() : new Date(this.clock.now().getTime() + 1).toISOString();
    return this.build('shift', { from, to, op: v.operatorId ?? null }, null, null);
  }

  /** 日结报表 (Z) for a business day: the kept copy once the day is closed, else as of now. */
  dayEndReport(input: DayEndReportInput): SalesReport {
    const v = DayEndReportSchema.parse(input);
    const closed = this.q.closedDay(v.businessDay);
    if (closed) return JSON.parse(closed.reportJson) as SalesReport;
    const b = businessDayBounds(v.businessDay, this.clock.utcOffsetMinutes);
    return this.build('dayEnd', { ...b, op: null }, v.businessDay, null);
  }

  /**
   * 日结: numbers the day's Z report and keeps it. Once per day; a day that has not ended
   * cannot be closed before its last hour, so its figures are final.
   */
  closeDay(input: CloseDayInput): DayEndClose {
    const v = CloseDaySchema.parse(input);
    const now = this.clock.now();
    const today = businessDayOf(now, this.clock.utcOffsetMinutes);
    if (v.businessDay > today) {
      throw new ReportError('DAY_NOT_STARTED', `营业日 ${v.businessDay} 还没有开始，不能日结。`, `Business day ${v.businessDay} has not started; it cannot be closed.`);
    }
    return this.db.transaction(() => {
      const existing = this.q.closedDay(v.businessDay);
      if (existing) {
        throw new ReportError('DAY_ALREADY_CLOSED', `营业日 ${v.businessDay} 已于 ${existing.closedAt} 日结（Z${existing.zNo}）。如需再看，请重印该日结报表。`, `Business day ${v.businessDay} was already closed at ${existing.closedAt} (Z${existing.zNo}). Reprint that report instead.`);
      }
      const zNo = this.q.nextZ();
      const b = businessDayBounds(v.businessDay, this.clock.utcOffsetMinutes);
      const report = this.build('dayEnd', { ...b, op: null }, v.businessDay, zNo);
      const closedAt = now.toISOString();
      this.q.insertZ({ businessDay: v.businessDay, zNo, closedAt, operatorId: v.operatorId, reportJson: JSON.stringify(report) });
      this.audit.append({ actor: v.operatorId, action: 'report.closeDay', target: v.businessDay, outcome: 'ok', detail: { zNo, netFen: report.summary.netFen } });
      return { zNo, businessDay: v.businessDay, closedAt, operatorId: v.operatorId, report };
    })();
  }

  /** The shop's card and QR takings beside the bank's batch totals, channel by channel. */
  reconcile(input: ReconcileInput): Reconciliation {
    const v = ReconcileSchema.parse(input);
    const { from, to } = this.bounds(v.range);
    const span = { from, to, op: null };
    const card = this.q.bankSide(span, 'card');
    const qr = this.q.bankSide(span, 'qr');
    return reconcile(
      {
        cardDebit: { count: card.debit.n, amountFen: card.debit.fen },
        cardCredit: { count: card.credit.n, amountFen: card.credit.fen },
        qrDebit: { count: qr.debit.n, amountFen: qr.debit.fen },
        qrCredit: { count: qr.credit.n, amountFen: qr.credit.fen },
      },
      v.bank,
      { from, to },
    );
  }

  private build(kind: 'shift' | 'dayEnd', span: Span, businessDay: string | null, zNo: number | null): SalesReport {
    return this.db.transaction(() => {
      const sales = this.q.sales(span);
      const returns = this.q.returnsByKind(span);
      const voids = returns.find((r) => r.kind === 'void') ?? { n: 0, fen: 0 };
      const refunds = returns.find((r) => r.kind === 'refund') ?? { n: 0, fen: 0 };
      const items = this.q.items(span);
      const netFen = sales.fen - voids.fen - refunds.fen;

      const tender = this.figures(this.q.grouped('Tender', span));
      const byTender = TENDER_ORDER.filter((k) => tender.has(k)).map((k) => ({ kind: k, ...tender.get(k)! }));
      const byHour = [...this.figures(this.q.grouped('Hour', span))].map(([k, f]) => ({ hour: Number(k), ...f })).sort((a, b) => a.hour - b.hour);
      const byOperator = [...this.figures(this.q.grouped('Operator', span))].map(([k, f]) => ({ operatorId: String(k), ...f })).sort((a, b) => a.operatorId.localeCompare(b.operatorId));
      const cat = this.q.grouped('Category', span);
      const categories = new Map<string | null, { category: string | null; quantity: number; salesFen: number; returnsFen: number; netFen: number }>();
      const catOf = (k: string | number | null) => {
        const key = k === null ? null : String(k);
        let c = categories.get(key);
        if (!c) categories.set(key, (c = { category: key, quantity: 0, salesFen: 0, returnsFen: 0, netFen: 0 }));
        return c;
      };
      for (const r of cat.sales) {
        const c = catOf(r.k);
        c.quantity += r.n;
        c.salesFen += r.fen;
      }
      for (const r of cat.returns) {
        const c = catOf(r.k);
        c.quantity -= r.n;
        c.returnsFen += r.fen;
      }
      const byCategory = [...categories.values()].map((c) => ({ ...c, netFen: c.salesFen - c.returnsFen })).sort((a, b) => b.netFen - a.netFen);

      const prod = this.q.products(span);
      const products = new Map<number, { productId: number; name: string; quantity: number; netFen: number }>();
      for (const r of prod.sales) products.set(r.k, { productId: r.k, name: r.name, quantity: r.n, netFen: r.fen });
      for (const r of prod.returns) {
        const p = products.get(r.k) ?? { productId: r.k, name: r.name, quantity: 0, netFen: 0 };
        products.set(r.k, { ...p, quantity: p.quantity - r.n, netFen: p.netFen - r.fen });
      }
      const topProducts = [...products.values()].sort((a, b) => b.netFen - a.netFen || b.quantity - a.quantity || a.productId - b.productId).slice(0, TOP_PRODUCTS);

      const recharges = this.q.recharges(span);
      const byPaidBy = { cash: 0, card: 0, qr: 0 };
      for (const r of recharges) byPaidBy[r.k] = r.fen;
      const sv = tender.get('storedValue');
      const cash = tender.get('cash') ?? { salesFen: 0, returnsFen: 0 };

      const zh = kind === 'shift' ? '交班报表' : '日结报表';
      const en = kind === 'shift' ? 'Shift report (X)' : 'Day-end report (Z)';
      return {
        kind,
        title: { zh: zNo ? `${zh} Z${zNo}` : zh, en: zNo ? `${en} #${zNo}` : en },
        from: span.from,
        to: span.to,
        businessDay,
        operatorId: span.op,
        generatedAt: this.clock.now().toISOString(),
        zNo,
        summary: {
          salesCount: sales.n,
          salesFen: sales.fen,
          amountFen: sales.amount,
          discountFen: sales.discount,
          voidCount: voids.n,
          voidFen: voids.fen,
          refundCount: refunds.n,
          refundFen: refunds.fen,
          netFen,
          itemsSold: items.sold,
          itemsReturned: items.returned,
          costFen: items.cost,
          grossProfitFen: netFen - items.cost,
        },
        byTender,
        byHour,
        byOperator,
        byCategory,
        topProducts,
        storedValue: {
          rechargeCount: recharges.reduce((s, r) => s + r.n, 0),
          rechargeFen: recharges.reduce((s, r) => s + r.fen, 0),
          bonusFen: recharges.reduce((s, r) => s + r.bonus, 0),
          byPaidBy,
          spentFen: sv?.salesFen ?? 0,
          returnedFen: sv?.returnsFen ?? 0,
        },
        cashDrawer: {
          cashSalesFen: cash.salesFen,
          cashReturnsFen: cash.returnsFen,
          cashRechargeFen: byPaidBy.cash,
          expectedFen: cash.salesFen - cash.returnsFen + byPaidBy.cash,
        },
      };
    })();
  }

  private figures(g: { sales: Array<{ k: string | number | null; n: number; fen: number }>; returns: Array<{ k: string | number | null; n: number; fen: number }> }): Map<string | number, Figures> {
    const m = new Map<string | number, Figures>();
    const at = (k: string | number | null): Figures => {
      const key = k ?? '';
      let f = m.get(key);
      if (!f) m.set(key, (f = { salesCount: 0, salesFen: 0, returnsCount: 0, returnsFen: 0, netFen: 0 }));
      return f;
    };
    for (const r of g.sales) Object.assign(at(r.k), { salesCount: r.n, salesFen: r.fen });
    for (const r of g.returns) Object.assign(at(r.k), { returnsCount: r.n, returnsFen: r.fen });
    for (const f of m.values()) f.netFen = f.salesFen - f.returnsFen;
    return m;
  }
}
