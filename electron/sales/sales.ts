// Completed sales, voids and refunds (issue 8) — the calls the payments module makes once
// the money is in (or back out). Each is one transaction: the sale and its lines, the
// tenders, the stock moves and the member's points and stored value all land together or
// not at all. Tender references are the payments module's (journal id, STAN, QR order);
// they are stored as given and never interpreted here.
import type { Db } from '../../native/store/store.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { Members } from '../members/members.js';
import { businessDayOf, shopLocalStamp, type ShopClock } from '../members/shopTime.js';
import type { CatalogRepository } from './catalogRepository.js';
import type { Carts } from './carts.js';
import { mulDivFloor, mulDivHalfUp } from './fen.js';
import { SaleRepository, type SaleLineRow, type SaleRow } from './saleRepository.js';
import { SalesError, salesErrors } from './salesErrors.js';
import {
  CompleteSaleSchema,
  RefundQuoteSchema,
  RefundSaleSchema,
  SaleRefSchema,
  VoidSaleSchema,
  type CompleteSaleInput,
  type RefundQuoteInput,
  type RefundQuoteView,
  type RefundSaleInput,
  type RefundView,
  type SaleView,
  type TenderKind,
  type VoidSaleInput,
} from './salesSchemas.js';
import { cartDiscountAboveLimit, type SalesSettingsStore } from './salesSettings.js';
import { yuan } from '../money.js';

interface ReturnTender {
  kind: TenderKind;
  amountFen: number;
  reference: string | null;
}

interface RefundPlanLine {
  line: SaleLineRow;
  quantity: number;
  amountFen: number;
}

export class Sales {
  readonly repo: SaleRepository;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly carts: Carts,
    private readonly catalog: CatalogRepository,
    private readonly members: Members,
    private readonly settings: SalesSettingsStore,
    private readonly clock: ShopClock,
  ) {
    this.repo = new SaleRepository(db);
  }

  get(saleId: number): SaleView {
    return this.repo.saleView(this.requireSale(SaleRefSchema.parse({ saleId }).saleId));
  }

  refunds(saleId: number): RefundView[] {
    const sale = this.get(saleId);
    return this.repo.refundIds(saleId).map((id) => this.repo.refundView(id, sale));
  }

  /**
   * Records a paid cart as a sale. The tenders must add up to the cart's total exactly
   * (cash change is outside: `tenderedFen` − `amountFen`). A stored-value tender debits the
   * cart's member after the member's password is checked.
   *
   * Calling it again for a cart already completed with the same tenders returns that sale,
   * so the payments module may retry after a crash without selling twice.
   */
  async completeSale(input: CompleteSaleInput): Promise<SaleView> {
    const v = CompleteSaleSchema.parse(input);
    const cart = this.carts.requireCart(v.cartId);
    if (cart.status === 'completed') return this.alreadyCompleted(cart.id, v.tenders);
    if (cart.status !== 'open') throw salesErrors.cartNotOpen(cart.id, cart.status);

    const storedValue = v.tenders.filter((t) => t.kind === 'storedValue');
    if (storedValue.length) {
      if (cart.member_id === null) throw salesErrors.storedValueNeedsMember();
      this.members.requireActive(cart.member_id);
      for (const password of new Set(storedValue.map((t) => t.password!))) await this.members.checkPassword(cart.member_id, password);
    }

    const saleId = this.db.transaction(() => {
      // Read again inside the transaction: the cart may have changed while scrypt ran.
      const fresh = this.carts.requireCart(v.cartId);
      if (fresh.status !== 'open') throw salesErrors.cartNotOpen(fresh.id, fresh.status);
      const { lines, priced } = this.carts.pricedState(fresh);
      if (lines.length === 0) throw salesErrors.cartEmpty();
      const t = priced.totals;
      if (cartDiscountAboveLimit(t.cartDiscountFen, t.amountFen - t.promotionDiscountFen - t.lineDiscountFen, this.settings.get()) && fresh.discount_approved_by === null) {
        throw salesErrors.supervisorRequired('整单优惠超过限额，', 'The cart discount is above the limit and');
      }
      const tendered = v.tenders.reduce((s, x) => s + x.amountFen, 0);
      if (tendered !== t.totalFen) throw salesErrors.tendersMismatch(tendered, t.totalFen);

      const now = this.clock.now();
      const at = now.toISOString();
      const localAt = shopLocalStamp(now, this.clock.utcOffsetMinutes);
      const memberId = fresh.member_id;
      const memberActive = memberId !== null && this.members.get(memberId).status === 'active';

      const id = this.repo.insertSale({
        saleNo: this.repo.nextSaleNo(localAt.slice(0, 10)),
        cartId: fresh.id,
        operatorId: v.operatorId,
        memberId,
        totals: t,
        discountApprovedBy: t.cartDiscountFen > 0 ? fresh.discount_approved_by : null,
        at,
        localAt,
      });
      lines.forEach((l, i) => {
        const p = priced.lines[i]!;
        const product = this.catalog.byId(l.product_id);
        this.repo.insertLine({
          saleId: id,
          lineNo: i + 1,
          productId: l.product_id,
          barcode: l.barcode ?? product?.barcodes?.split('\n')[0] ?? null,
          name: l.name,
          categoryId: l.category_id,
          categoryName: l.category_id !== null ? (this.catalog.category(l.category_id)?.name ?? null) : null,
          unit: l.unit,
          costFen: product?.cost_fen ?? 0,
          line: p,
          listPriceFen: l.list_price_fen,
        });
        this.catalog.moveStock({ productId: l.product_id, delta: -l.quantity, kind: 'sale', saleId: id, operatorId: v.operatorId, at });
      });
      for (const x of v.tenders) {
        const change = x.kind === 'cash' && x.tenderedFen !== null ? x.tenderedFen - x.amountFen : null;
        this.repo.insertTender({ saleId: id, kind: x.kind, amountFen: x.amountFen, tenderedFen: x.tenderedFen, changeFen: change, reference: x.reference });
      }
      if (memberId !== null && memberActive) {
        if (t.pointsUsed > 0) this.members.post({ memberId, account: 'points', delta: -t.pointsUsed, kind: 'redeem', saleId: id, operatorId: v.operatorId });
        for (const x of storedValue) this.members.post({ memberId, account: 'storedValue', delta: -x.amountFen, kind: 'payment', saleId: id, operatorId: v.operatorId, note: x.reference });
        const earned = this.members.pointsFor(memberId, t.totalFen);
        if (earned > 0) this.members.post({ memberId, account: 'points', delta: earned, kind: 'earn', saleId: id, operatorId: v.operatorId });
        this.repo.setPointsEarned(id, earned);
        this.members.addSpend(memberId, t.totalFen);
      }
      this.carts.repo.complete(fresh.id, id, at);
      return id;
    })();
    return this.get(saleId);
  }

  private alreadyCompleted(cartId: number, tenders: ReadonlyArray<{ kind: TenderKind; amountFen: number; reference: string | null }>): SaleView {
    const sale = this.repo.byCart(cartId)!;
    const key = (xs: ReadonlyArray<{ kind: string; amountFen: number; reference: string | null }>): string =>
      JSON.stringify(xs.map((x) => [x.kind, x.amountFen, x.reference]).sort());
    if (key(this.repo.tenders(sale.id)) !== key(tenders)) throw salesErrors.cartAlreadyCompleted(sale.sale_no);
    return this.repo.saleView(sale);
  }

  /**
   * 撤销: the whole sale, on its own business day, before any refund. Stock comes back, the
   * member's earned points go, redeemed points and stored value come back. `tenders`
   * defaults to the sale's own tenders (the payments module passes its void references).
   */
  voidSale(input: VoidSaleInput): RefundView {
    const v = VoidSaleSchema.parse(input);
    const refundId = this.db.transaction(() => {
      const sale = this.requireVoidable(v.saleId);
      const tenders: ReturnTender[] = v.tenders ?? this.repo.tenders(sale.id).map((t) => ({ kind: t.kind, amountFen: t.amountFen, reference: null }));
      const plan = this.repo.lines(sale.id).map((line) => ({ line, quantity: line.quantity, amountFen: line.net_fen }));
      return this.writeReturn(sale, 'void', plan, tenders, v.operatorId, v.reason);
    })();
    return this.repo.refundView(refundId, this.get(v.saleId));
  }

  /** Refuses a void (wrong status, another business day) before any money moves. */
  assertVoidable(saleId: number): void {
    this.requireVoidable(saleId);
  }

  private requireVoidable(saleId: number): SaleRow {
    const sale = this.requireSale(saleId);
    if (sale.status !== 'completed') throw salesErrors.saleNotVoidable(sale.sale_no, 'status');
    if (sale.local_at.slice(0, 10) !== businessDayOf(this.clock.now(), this.clock.utcOffsetMinutes)) throw salesErrors.saleNotVoidable(sale.sale_no, 'day');
    return sale;
  }

  /** What a refund of these lines (default: all that is left) gives back, without writing anything. */
  quoteRefund(input: RefundQuoteInput): RefundQuoteView {
    const v = RefundQuoteSchema.parse(input);
    const sale = this.requireSale(v.saleId);
    const plan = this.refundPlan(sale, v.lines);
    const amountFen = plan.reduce((s, p) => s + p.amountFen, 0);
    // Back where it came from, up to what each tender kind has left to give back; cash for the rest.
    const paid = new Map<TenderKind, number>();
    for (const t of this.repo.tenders(sale.id)) paid.set(t.kind, (paid.get(t.kind) ?? 0) + t.amountFen);
    const returned = this.repo.returnedByKind(sale.id);
    const suggested = new Map<TenderKind, number>();
    let left = amountFen;
    for (const [kind, p] of paid) {
      const take = Math.min(left, Math.max(0, p - (returned.get(kind) ?? 0)));
      if (take > 0) suggested.set(kind, take);
      left -= take;
    }
    if (left > 0) suggested.set('cash', (suggested.get('cash') ?? 0) + left);
    return { saleId: sale.id, amountFen, lines: plan.map((p) => ({ saleLineId: p.line.id, quantity: p.quantity, amountFen: p.amountFen })), suggestedTenders: [...suggested].map(([kind, fen]) => ({ kind, amountFen: fen })) };
  }

  /**
   * 退货: some or all of what is left of a sale, on any later day. Each line gives back its
   * share of what was paid for it, after every discount (see refundPlan); stock comes back,
   * and the member loses the points the refunded amount earned.
   */
  refundSale(input: RefundSaleInput): RefundView {
    const v = RefundSaleSchema.parse(input);
    const refundId = this.db.transaction(() => {
      const sale = this.requireSale(v.saleId);
      const plan = this.refundPlan(sale, v.lines);
      return this.writeReturn(sale, 'refund', plan, v.tenders, v.operatorId, v.reason);
    })();
    return this.repo.refundView(refundId, this.get(v.saleId));
  }

  /**
   * Amounts are cumulative so that partial refunds never add up to more than the line's
   * net and the last unit takes the remainder: after refunding r of Q units, the line has
   * given back round-half-up(net × r ÷ Q) in total.
   */
  private refundPlan(sale: SaleRow, wanted: ReadonlyArray<{ saleLineId: number; quantity: number }> | undefined): RefundPlanLine[] {
    if (sale.status === 'voided' || sale.status === 'refunded') throw salesErrors.saleNotRefundable(sale.sale_no);
    const lines = this.repo.lines(sale.id);
    const byId = new Map(lines.map((l) => [l.id, l]));
    const asked = new Map<number, number>();
    if (wanted) {
      for (const w of wanted) {
        if (!byId.has(w.saleLineId)) throw salesErrors.refundLineUnknown(w.saleLineId);
        asked.set(w.saleLineId, (asked.get(w.saleLineId) ?? 0) + w.quantity);
      }
    } else {
      for (const l of lines) if (l.quantity > l.refunded_quantity) asked.set(l.id, l.quantity - l.refunded_quantity);
    }
    const plan: RefundPlanLine[] = [];
    for (const [id, quantity] of asked) {
      const line = byId.get(id)!;
      const left = line.quantity - line.refunded_quantity;
      if (quantity > left) throw salesErrors.refundTooMuch(line.line_no, left);
      const cumulative = mulDivHalfUp(line.net_fen, line.refunded_quantity + quantity, line.quantity);
      plan.push({ line, quantity, amountFen: cumulative - line.refunded_fen });
    }
    if (plan.length === 0) throw salesErrors.saleNotRefundable(sale.sale_no);
    return plan;
  }

  private writeReturn(sale: SaleRow, kind: 'void' | 'refund', plan: readonly RefundPlanLine[], tenders: readonly ReturnTender[], operatorId: string, reason: string): number {
    const amountFen = plan.reduce((s, p) => s + p.amountFen, 0);
    const given = tenders.reduce((s, t) => s + t.amountFen, 0);
    if (given !== amountFen) throw salesErrors.tendersMismatch(given, amountFen);
    this.checkReturnTenders(sale, tenders);

    const now = this.clock.now();
    const at = now.toISOString();
    const localAt = shopLocalStamp(now, this.clock.utcOffsetMinutes);
    const refundId = this.repo.insertRefund({ refundNo: this.repo.nextRefundNo(localAt.slice(0, 10)), saleId: sale.id, kind, amountFen, operatorId, approvedBy: null, reason, at, localAt });
    for (const p of plan) {
      this.repo.insertRefundLine(refundId, p.line.id, p.quantity, p.amountFen);
      this.catalog.moveStock({ productId: p.line.product_id, delta: p.quantity, kind, saleId: sale.id, refundId, operatorId, at });
    }
    for (const t of tenders) this.repo.insertRefundTender(refundId, t.kind, t.amountFen, t.reference);

    const refundedAfter = sale.refunded_fen + amountFen;
    const allBack = this.repo.lines(sale.id).every((l) => l.refunded_quantity === l.quantity);
    this.repo.markRefunded(sale.id, amountFen, kind === 'void' ? 'voided' : allBack ? 'refunded' : 'partiallyRefunded');

    let reversed = 0;
    let restored = 0;
    if (sale.member_id !== null) {
      const memberId = sale.member_id;
      const soFar = this.repo.pointsBackSoFar(sale.id);
      // The points the sale still deserves are those its remaining amount earns; a member
      // who has spent them meanwhile goes down to zero, not below.
      const keep = sale.total_fen === 0 ? 0 : mulDivFloor(sale.points_earned, sale.total_fen - refundedAfter, sale.total_fen);
      const due = sale.points_earned - keep - soFar.reversed;
      reversed = Math.min(Math.max(0, due), this.members.get(memberId).points);
      if (reversed > 0) this.members.post({ memberId, account: 'points', delta: -reversed, kind: 'reverse', saleId: sale.id, refundId, operatorId });
      // Points spent on the sale come back only when the whole sale has come back.
      if (allBack) {
        restored = sale.points_redeemed - soFar.restored;
        if (restored > 0) this.members.post({ memberId, account: 'points', delta: restored, kind: 'restore', saleId: sale.id, refundId, operatorId });
      }
      for (const t of tenders) {
        if (t.kind === 'storedValue') this.members.post({ memberId, account: 'storedValue', delta: t.amountFen, kind: 'refund', saleId: sale.id, refundId, operatorId, note: t.reference });
      }
      this.members.addSpend(memberId, -amountFen);
      this.repo.setRefundPoints(refundId, reversed, restored);
    }
    this.audit.append({ actor: operatorId, action: kind === 'void' ? 'sale.void' : 'sale.refund', target: sale.sale_no, outcome: 'ok', detail: { refundId, amountFen, reason } });
    return refundId;
  }

  /**
   * Money goes back the way it came: card, QR and stored value no more than the sale took
   * that way (less what earlier refunds gave back); cash may make up any difference, as
   * the counter can always pay out cash.
   */
  private checkReturnTenders(sale: SaleRow, tenders: readonly ReturnTender[]): void {
    const paid = new Map<TenderKind, number>();
    for (const t of this.repo.tenders(sale.id)) paid.set(t.kind, (paid.get(t.kind) ?? 0) + t.amountFen);
    const returned = this.repo.returnedByKind(sale.id);
    const now = new Map<TenderKind, number>();
    for (const t of tenders) now.set(t.kind, (now.get(t.kind) ?? 0) + t.amountFen);
    for (const [kind, amount] of now) {
      if (kind === 'cash') continue;
      if (kind === 'storedValue' && sale.member_id === null) throw salesErrors.storedValueNeedsMember();
      const room = (paid.get(kind) ?? 0) - (returned.get(kind) ?? 0);
      if (amount > room) {
        const zh = { card: '银行卡', qr: '扫码', storedValue: '储值' }[kind];
        throw new SalesError('RETURN_TENDER_TOO_LARGE', `退回${zh}的金额 ¥${yuan(amount)} 超过该笔销售以${zh}支付且尚未退回的 ¥${yuan(Math.max(0, room))}。请改用现金退回差额。`, `¥${yuan(amount)} back to ${kind} is more than the ¥${yuan(Math.max(0, room))} this sale took by ${kind} and has not yet returned. Give the difference back in cash.`);
      }
    }
  }

  private requireSale(saleId: number): SaleRow {
    const s = this.repo.byId(saleId);
    if (!s) throw salesErrors.saleNotFound(saleId);
    return s;
  }
}
