// Checkout (结账): the one owner of a shop sale's life — the IPC channels, the CLI and the
// tests all come here (architecture.md "electron/checkout/").
//
//   open ──Pay──▶ paying (frozen: a tender at the bank, or part paid) ──covered──▶ completed
//     └──discard──▶ abandoned                  └── a paid part is undone only by voiding it
//
// The state is derived, never stored twice: `paying` is "a tender in flight (memory) or an
// approved journal row with this cart's order reference (SQLite)". A crash mid-tender leaves
// no paid row (the reversal record undoes the bank side), so the cart comes back open; a
// crash after the last tender and before the sale leaves the cart fully paid, and the next
// look at it completes the sale.
import type { Db } from '../../native/store/store.js';
import type { Logger } from '../../native/log/logger.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { PaymentResult } from '../contract.js';
import type { SupervisorApproval } from '../operators/operators.js';
import type { JournalRepo, JournalRow } from '../payments/journalRepo.js';
import type { Payments } from '../payments/payments.js';
import type { Receipts } from '../receipts/receipts.js';
import type { SalesServices } from '../sales/salesServices.js';
import type { CartView, DiscountInput, RefundView, SaleView, TenderInput, TenderKind } from '../sales/salesSchemas.js';
import { salesErrors } from '../sales/salesErrors.js';
import type { Terminal } from '../terminal/terminal.js';
import { toCashdeskError } from '../../native/errors.js';
import { checkoutErrors } from './checkoutErrors.js';
import type { CheckoutState, CheckoutTender, CheckoutView, PaidTenderView, ReceiptOutcome, ReturnTenderOutcome, SaleReturnView, TenderStatus } from './checkoutSchemas.js';
import type { ReceiptJobs } from './receiptJobs.js';
import { discountNeedsSupervisor, type CheckoutSettingsStore } from './checkoutSettings.js';

export interface CheckoutDeps {
  db: Db;
  shop: SalesServices;
  payments: Payments;
  journal: JournalRepo;
  terminal: Terminal;
  receipts: Receipts;
  receiptJobs: ReceiptJobs;
  settings: CheckoutSettingsStore;
  audit: AuditLog;
  logger: Logger;
  now: () => Date;
  /** 电签: after an approved card tender the customer display asks the cardholder to sign. */
  onCardApproved?: (r: PaymentResult) => void;
  /** The sale is recorded: the customer display thanks the customer and shows the change. */
  onCompleted?: (sale: SaleView, changeFen: number) => void;
}

const orderRefOf = (cartId: number): string => `cart:${cartId}`;
const journalRef = (id: number): string => `journal:${id}`;
const journalIdOf = (reference: string | null): number | null => {
  const m = /^journal:(\d+)$/.exec(reference ?? '');
  return m ? Number(m[1]) : null;
};

export class Checkout {
  /** Carts with a tender at the bank right now: one payment at a time per cart. */
  private readonly inFlight = new Map<number, TenderKind>();
  /** Direct amount charges (金额收款) by request id: a repeat never charges twice. */
  private readonly directCharges = new Map<string, Promise<PaymentResult>>();

  constructor(private readonly d: CheckoutDeps) {}

  // ---- the cart while it is built ------------------------------------------------------

  /** Every cart edit goes through here: refused while any tender is in flight or paid. */
  edit<T>(cartId: number, fn: () => T): T {
    this.assertEditable(cartId);
    return fn();
  }

  assertEditable(cartId: number): void {
    if (this.inFlight.has(cartId) || this.paidRows(cartId).length > 0) throw checkoutErrors.frozen();
  }

  /**
   * A line discount (单品折扣) above the limit in the checkout settings needs a supervisor;
   * the approval, or the refusal, is in the audit log with who asked.
   */
  setLineDiscount(p: { cartId: number; lineId: number; discount: DiscountInput | null; operatorId: string }, approval?: SupervisorApproval): CartView {
    return this.edit(p.cartId, () => {
      const line = this.d.shop.carts.get({ cartId: p.cartId }).lines.find((l) => l.lineId === p.lineId);
      const base = line ? line.amountFen - line.promotionDiscountFen : 0;
      const needs = p.discount !== null && discountNeedsSupervisor(p.discount, base, this.d.settings.get());
      const detail = { line: p.lineId, discount: p.discount, baseFen: base, cashier: p.operatorId };
      if (needs && !approval) {
        this.d.audit.append({ actor: p.operatorId, action: 'cart.lineDiscount', target: `cart:${p.cartId}`, outcome: 'denied', detail });
        throw checkoutErrors.discountNeedsSupervisor('这个单品折扣', 'This line discount');
      }
      const view = this.d.shop.carts.setLineDiscount(p);
      if (needs) this.d.audit.append({ actor: approval!.operatorId, action: 'cart.lineDiscount', target: `cart:${p.cartId}`, outcome: 'ok', detail });
      return view;
    });
  }

  /** 整单取消: only while nothing is paid. */
  abandon(cartId: number, operatorId: string): CartView {
    if (this.inFlight.has(cartId)) throw checkoutErrors.paymentInProgress();
    if (this.paidRows(cartId).length) throw checkoutErrors.cannotAbandonPaid();
    return this.d.shop.carts.discard({ cartId, operatorId });
  }

  // ---- paying -----------------------------------------------------------------------------

  /** Where the cart stands: what is paid, what is due, the change, the sale once recorded. */
  async status(cartId: number): Promise<CheckoutView> {
    const v = this.view(cartId, null);
    // Fully paid but no sale (a crash between the last tender and the sale): finish it now.
    if (v.state === 'paying' && !v.inFlight && v.remainingFen === 0 && v.paidFen > 0) {
      this.inFlight.set(cartId, v.paid.at(-1)!.kind);
      try {
        return await this.complete(cartId, v.cart.operatorId, null, null);
      } finally {
        this.inFlight.delete(cartId);
      }
    }
    return v;
  }

  /**
   * One tender. Refused at once while another tender of the same cart is in flight (a
   * double press, ten parallel calls: exactly one charge). The tender's amount defaults to
   * what is due; cash may hand over more, and main works out the change.
   */
  async pay(cartId: number, tender: CheckoutTender, operatorId: string): Promise<CheckoutView> {
    if (this.inFlight.has(cartId)) throw checkoutErrors.paymentInProgress();
    this.inFlight.set(cartId, tender.kind);
    let payment: PaymentResult | null = null;
    try {
      const before = this.view(cartId, null);
      if (before.sale) return before;
      if (before.state === 'abandoned') throw salesErrors.cartNotOpen(cartId, before.cart.status);
      const due = before.remainingFen;
      if (due === 0 && before.paidFen > 0) return await this.complete(cartId, operatorId, null, null);
      if (due === 0) throw checkoutErrors.nothingDue();
      const ref = orderRefOf(cartId);
      switch (tender.kind) {
        case 'cash': {
          const amount = tender.amountFen ?? Math.min(tender.tenderedFen, due);
          if (amount > due) throw checkoutErrors.tooLarge(due);
          if (tender.tenderedFen < amount) throw checkoutErrors.cashShort(tender.tenderedFen, amount);
          payment = await this.d.payments.cashSale({ operatorId, amount, tendered: tender.tenderedFen, orderRef: ref });
          break;
        }
        case 'card': {
          const amount = tender.amountFen ?? due;
          if (amount > due) throw checkoutErrors.tooLarge(due);
          payment = await this.d.payments.cardSale({ operatorId, amount, orderRef: ref });
          if (payment.ok && payment.needsSignature) this.d.onCardApproved?.(payment);
          break;
        }
        case 'qr': {
          const amount = tender.amountFen ?? due;
          if (amount > due) throw checkoutErrors.tooLarge(due);
          payment = await this.d.payments.qrSale({ operatorId, amount, paymentCode: tender.paymentCode, orderRef: ref });
          break;
        }
        case 'storedValue': {
          // Stored value is debited with the sale itself (one transaction), so it pays the rest.
          if ((tender.amountFen ?? due) !== due) throw checkoutErrors.storedValueLast();
          return await this.complete(cartId, operatorId, { amountFen: due, password: tender.password }, null);
        }
      }
      // Still in flight until the sale and its receipt are done: a press now must not complete it twice.
      const after = this.view(cartId, payment);
      if (after.remainingFen === 0 && after.paidFen > 0) return await this.complete(cartId, operatorId, null, payment);
      return { ...after, inFlight: null, state: after.paidFen > 0 ? 'paying' : 'open' };
    } finally {
      this.inFlight.delete(cartId);
    }
  }

  /**
   * 金额收款 (an amount with no cart). The page names each request with an id: the same id
   * again — a double click, a retry after a lost reply — returns the first outcome and
   * never charges twice.
   */
  chargeAmount(requestId: string, run: (orderRef: string) => Promise<PaymentResult>): Promise<PaymentResult> {
    const orderRef = `amount:${requestId}`;
    const running = this.directCharges.get(orderRef);
    if (running) return running;
    const earlier = this.d.journal.byOrderRef(orderRef)[0];
    if (earlier) return Promise.resolve(this.d.payments.view(earlier, false));
    const p = run(orderRef);
    this.directCharges.set(orderRef, p);
    void p.catch(() => undefined).then(() => setTimeout(() => this.directCharges.delete(orderRef), 60_000).unref());
    return p;
  }

  private async complete(cartId: number, operatorId: string, storedValue: { amountFen: number; password: string } | null, payment: PaymentResult | null): Promise<CheckoutView> {
    const tenders: TenderInput[] = this.paidRows(cartId).map((row) => ({
      kind: row.tender as TenderKind,
      amountFen: row.amount,
      reference: journalRef(row.id),
      tenderedFen: row.tender === 'cash' ? (row.tendered ?? row.amount) : null,
    }));
    if (storedValue) tenders.push({ kind: 'storedValue', amountFen: storedValue.amountFen, reference: null, tenderedFen: null, password: storedValue.password });
    const sale = await this.d.shop.sales.completeSale({ cartId, operatorId, tenders });
    const cashTaken = sale.tenders.some((t) => t.kind === 'cash');
    this.d.receiptJobs.record(sale.id, cashTaken);
    const receipt = await this.deliverReceipt(sale);
    const view = { ...this.view(cartId, payment, receipt), inFlight: null };
    this.d.onCompleted?.(sale, view.changeFen);
    return view;
  }

  // ---- the shop receipt ---------------------------------------------------------------

  /**
   * Prints the receipt of a completed sale; the drawer opens first only when cash was taken
   * and only once, ever. Never throws: a printer fault leaves the job to be retried.
   */
  async deliverReceipt(sale: SaleView): Promise<ReceiptOutcome> {
    const job = this.d.receiptJobs.get(sale.id);
    const kick = job?.drawer === 'due';
    try {
      const r = await this.d.receipts.printSaleReceipt(sale, { name: this.d.terminal.config()?.merchantName ?? '' }, { kickDrawer: kick });
      if (kick && r.drawer !== 'not-needed') this.d.receiptJobs.drawerDone(sale.id, r.drawer === 'kicked' ? 'kicked' : 'failed');
      const failed = r.jobs.find((j) => j.state !== 'printed');
      const message = failed?.error ? `${failed.error.zh} / ${failed.error.en}` : null;
      this.d.receiptJobs.attempted(sale.id, r.printed, failed?.error?.code ?? null);
      return { printed: r.printed, drawer: r.drawer, message };
    } catch (e) {
      const err = toCashdeskError(e);
      if (kick) this.d.receiptJobs.drawerDone(sale.id, 'failed');
      this.d.receiptJobs.attempted(sale.id, false, err.code);
      this.d.logger.log('warn', 'receipt.not-printed', { saleNo: sale.saleNo, code: err.code });
      return { printed: false, drawer: kick ? 'failed' : 'not-needed', message: err.message };
    }
  }

  /** Receipts that did not print (printer off, a restart): print them now, oldest first. */
  async printPendingReceipts(): Promise<number> {
    const since = new Date(this.d.now().getTime() - 24 * 3600_000).toISOString();
    this.d.receiptJobs.adoptOrphans(since);
    let printed = 0;
    for (const job of this.d.receiptJobs.unprinted(since)) {
      const r = await this.deliverReceipt(this.d.shop.sales.get(job.saleId));
      if (!r.printed) break;
      printed++;
    }
    return printed;
  }

  // ---- giving money back ----------------------------------------------------------------

  saleByNo(saleNo: string): SaleView {
    const row = this.d.shop.sales.repo.bySaleNo(saleNo);
    if (!row) throw checkoutErrors.saleNotFound(saleNo);
    return this.d.shop.sales.get(row.id);
  }

  /**
   * 整单撤销: every tender's money back — a card or QR tender voided at the bank while its
   * batch is open, refunded after settlement; cash out of the drawer; stored value back
   * with the shop record — then stock, points and stored value in one transaction. A tender
   * the bank does not give back stops the void before the shop record; the next try skips
   * what already went back.
   */
  async voidSale(p: { saleId: number; operatorId: string; approval: SupervisorApproval; reason: string }): Promise<SaleReturnView> {
    const sale = this.d.shop.sales.get(p.saleId);
    if (sale.status !== 'completed') throw checkoutErrors.alreadyVoided(sale.saleNo);
    // Refuse early (wrong day, already refunded) before any money moves.
    this.d.shop.sales.assertVoidable(sale.id);
    const plan = sale.tenders.map((t) => ({ kind: t.kind, amountFen: t.amountFen, origin: journalIdOf(t.reference) }));
    return this.giveBack(sale, 'void', plan, p, (tenders) => this.d.shop.sales.voidSale({ saleId: sale.id, operatorId: p.operatorId, reason: p.reason, tenders }));
  }

  /**
   * 退货 against the original receipt: some lines or all, by quantity, to the original
   * tenders (card and QR refunded at the bank, stored value back, cash out), never more
   * than a line was paid and never twice for the same quantity.
   */
  async refundSale(p: { saleId: number; lines?: Array<{ saleLineId: number; quantity: number }>; operatorId: string; approval: SupervisorApproval; reason: string }): Promise<SaleReturnView> {
    const sale = this.d.shop.sales.get(p.saleId);
    const quote = this.d.shop.sales.quoteRefund({ saleId: sale.id, ...(p.lines ? { lines: p.lines } : {}) });
    const plan = this.refundPlan(sale, quote.suggestedTenders);
    const lines = quote.lines.map((l) => ({ saleLineId: l.saleLineId, quantity: l.quantity }));
    return this.giveBack(sale, 'refund', plan, p, (tenders) => this.d.shop.sales.refundSale({ saleId: sale.id, operatorId: p.operatorId, reason: p.reason, lines, tenders }));
  }

  /** The quote's amounts by kind, split over the sale's own tenders of that kind by what each has left. */
  private refundPlan(sale: SaleView, byKind: Array<{ kind: TenderKind; amountFen: number }>): Array<{ kind: TenderKind; amountFen: number; origin: number | null }> {
    const plan: Array<{ kind: TenderKind; amountFen: number; origin: number | null }> = [];
    for (const want of byKind) {
      let left = want.amountFen;
      if (want.kind === 'card' || want.kind === 'qr') {
        for (const t of sale.tenders.filter((x) => x.kind === want.kind)) {
          const origin = journalIdOf(t.reference);
          if (origin === null || left === 0) continue;
          const room = t.amountFen - this.d.journal.refundedOf(origin);
          const take = Math.min(room, left);
          if (take > 0) plan.push({ kind: want.kind, amountFen: take, origin });
          left -= Math.max(0, take);
        }
        if (left > 0) plan.push({ kind: 'cash', amountFen: left, origin: null });
      } else plan.push({ kind: want.kind, amountFen: left, origin: null });
    }
    return plan;
  }

  private async giveBack(
    sale: SaleView,
    kind: 'void' | 'refund',
    plan: Array<{ kind: TenderKind; amountFen: number; origin: number | null }>,
    p: { operatorId: string; approval: SupervisorApproval },
    record: (tenders: Array<{ kind: TenderKind; amountFen: number; reference: string | null }>) => RefundView,
  ): Promise<SaleReturnView> {
    const outcomes: ReturnTenderOutcome[] = [];
    const back: Array<{ kind: TenderKind; amountFen: number; reference: string | null }> = [];
    let stopped = false;
    for (const t of plan) {
      if (stopped) {
        outcomes.push({ kind: t.kind, amountFen: t.amountFen, status: 'pending', journalId: null, stan: null, rrn: null, message: null });
        continue;
      }
      if ((t.kind === 'card' || t.kind === 'qr') && t.origin !== null) {
        const r = await this.bankReturn(kind, t.origin, t.amountFen, p);
        outcomes.push(r.outcome);
        if (r.reference === undefined) stopped = true;
        else back.push({ kind: t.kind, amountFen: t.amountFen, reference: r.reference });
      } else {
        outcomes.push({ kind: t.kind, amountFen: t.amountFen, status: kind === 'void' ? 'voided' : 'refunded', journalId: null, stan: null, rrn: null, message: null });
        back.push({ kind: t.kind, amountFen: t.amountFen, reference: null });
      }
    }
    const amountFen = plan.reduce((s, t) => s + t.amountFen, 0);
    if (stopped) {
      this.d.audit.append({ actor: p.approval.operatorId, action: `sale.${kind}`, target: sale.saleNo, outcome: 'failed', detail: { cashier: p.operatorId, tenders: outcomes.map((o) => [o.kind, o.amountFen, o.status]) } });
      const err = checkoutErrors.tenderNotBack(sale.saleNo);
      return { saleId: sale.id, saleNo: sale.saleNo, kind, complete: false, amountFen, tenders: outcomes, refund: null, message: err.message };
    }
    const refund = record(back);
    if (back.some((t) => t.kind === 'cash')) {
      // The cash goes back out of the drawer; the supervisor who approved is on record.
      await this.d.receipts.openDrawer(p.approval, { reason: `sale.${kind} ${sale.saleNo}`, cashierId: p.operatorId }).catch((e: unknown) => {
        this.d.logger.log('warn', 'drawer.not-opened', { saleNo: sale.saleNo, code: toCashdeskError(e).code });
      });
    }
    const zh = kind === 'void' ? `销售单 ${sale.saleNo} 已整单撤销` : `销售单 ${sale.saleNo} 已退货`;
    const en = kind === 'void' ? `Sale ${sale.saleNo} is voided` : `Sale ${sale.saleNo} is refunded`;
    return { saleId: sale.id, saleNo: sale.saleNo, kind, complete: true, amountFen, tenders: outcomes, refund, message: `${zh}，款项已退回。 / ${en}; the money is back.` };
  }

  /**
   * One card or QR tender back: the void is used while its batch is open and the whole
   * tender goes back; otherwise a refund. `reference` is undefined when it did not go back.
   */
  private async bankReturn(kind: 'void' | 'refund', originId: number, amountFen: number, p: { operatorId: string; approval: SupervisorApproval }): Promise<{ outcome: ReturnTenderOutcome; reference?: string }> {
    const row = this.d.journal.get(originId)!;
    const done = (status: TenderStatus, r: { journalId: number | null; stan: string | null; rrn: string | null }, reference: string): { outcome: ReturnTenderOutcome; reference: string } => ({
      outcome: { kind: row.tender as TenderKind, amountFen, status, ...r, message: null },
      reference,
    });
    // Already back from an earlier try of this same void.
    if (kind === 'void' && row.status === 'voided') {
      const v = this.d.journal.voidOf(row.id);
      return done('voided', { journalId: v?.id ?? null, stan: v?.stan ?? null, rrn: v?.rrn ?? null }, journalRef(v?.id ?? row.id));
    }
    const refunded = this.d.journal.refundedOf(row.id);
    if (kind === 'void' && refunded >= row.amount) {
      const r = this.d.journal.refundsOf(row.id).at(-1)!;
      return done('refunded', { journalId: r.id, stan: r.stan, rrn: r.rrn }, journalRef(r.id));
    }
    const openBatch = this.d.terminal.repo.session('default').batchNo === row.batchNo && !row.settled;
    let result: PaymentResult;
    try {
      result =
        kind === 'void' && openBatch && refunded === 0
          ? await this.d.payments.void({ operatorId: p.operatorId, stan: row.stan, approval: p.approval })
          : await this.d.payments.refund({ operatorId: p.operatorId, rrn: row.rrn ?? '', amount: kind === 'void' ? row.amount - refunded : amountFen, date: originalDate(row), approval: p.approval });
    } catch (e) {
      const err = toCashdeskError(e);
      return { outcome: { kind: row.tender as TenderKind, amountFen, status: 'declined', journalId: null, stan: null, rrn: null, message: err.message } };
    }
    const status: TenderStatus = result.ok ? (result.journalId && this.d.journal.get(result.journalId)?.type === 'void' ? 'voided' : 'refunded') : result.status === 'declined' ? 'declined' : result.status === 'reversed' ? 'reversed' : 'unknown';
    const outcome: ReturnTenderOutcome = { kind: row.tender as TenderKind, amountFen, status, journalId: result.journalId, stan: result.stan, rrn: result.rrn, message: result.ok ? null : result.message };
    return result.ok ? { outcome, reference: journalRef(result.journalId) } : { outcome };
  }

  // ---- views ------------------------------------------------------------------------------

  private paidRows(cartId: number): JournalRow[] {
    return this.d.journal.paidFor(orderRefOf(cartId));
  }

  view(cartId: number, payment: PaymentResult | null, receipt: ReceiptOutcome | null = null): CheckoutView {
    const cart = this.d.shop.carts.get({ cartId });
    const sale = cart.saleId ? this.d.shop.sales.get(cart.saleId) : null;
    const rows = this.paidRows(cartId);
    const paid: PaidTenderView[] = sale
      ? sale.tenders.map((t) => {
          const row = journalIdOf(t.reference) !== null ? this.d.journal.get(journalIdOf(t.reference)!) : null;
          return { kind: t.kind, amountFen: t.amountFen, tenderedFen: t.tenderedFen, changeFen: t.changeFen, journalId: row?.id ?? null, stan: row?.stan || null, rrn: row?.rrn ?? null, maskedPan: row?.maskedPan ?? null };
        })
      : rows.map((r) => ({ kind: r.tender as TenderKind, amountFen: r.amount, tenderedFen: r.tendered, changeFen: r.changeGiven, journalId: r.id, stan: r.stan || null, rrn: r.rrn, maskedPan: r.maskedPan }));
    const paidFen = paid.reduce((s, t) => s + t.amountFen, 0);
    const totalFen = sale ? sale.totalFen : cart.totals.totalFen;
    const inFlight = this.inFlight.get(cartId) ?? null;
    const state: CheckoutState = sale ? 'completed' : cart.status === 'discarded' ? 'abandoned' : inFlight || rows.length ? 'paying' : 'open';
    const changeFen = paid.reduce((s, t) => s + (t.changeFen ?? 0), 0);
    return { cartId, state, cart, inFlight, paid, totalFen, paidFen, remainingFen: Math.max(0, totalFen - paidFen), changeFen, payment, sale, receipt };
  }
}

/** F61's original date (MMDD): the host's date of the original, else its local day. */
function originalDate(row: JournalRow): string {
  if (row.hostDate && /^\d{4}$/.test(row.hostDate)) return row.hostDate;
  return row.createdAt.slice(5, 7) + row.createdAt.slice(8, 10);
}
