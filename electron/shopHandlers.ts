// The shop's channels (issue 8) bound to the sales, members and reports services. The
// operator always comes from the signed-in session, never from the page; supervisor
// actions are checked here and passed on as an approval token.
import { CashdeskError } from '../native/errors.js';
import type { Db } from '../native/store/store.js';
import type { CheckoutView, PaymentResult } from './contract.js';
import type { Handlers } from './dispatch.js';
import type { MemberServices } from './members/membersServices.js';
import type { Operators, SupervisorApproval } from './operators/operators.js';
import type { JournalRepo, JournalRow } from './payments/journalRepo.js';
import type { Payments } from './payments/payments.js';
import type { ReportServices } from './reports/reportsServices.js';
import type { SalesServices } from './sales/salesServices.js';
import { yuan } from './money.js';

type ShopChannel = Extract<keyof Handlers, `product.${string}` | `stock.${string}` | `cart.${string}` | `sale.${string}` | `member.${string}` | `report.${string}`>;
export type ShopHandlers = Pick<Handlers, ShopChannel>;

export interface ShopDeps {
  db: Db;
  sales: SalesServices;
  members: MemberServices;
  reports: ReportServices;
  operators: Operators;
  payments: Payments;
  journal: JournalRepo;
  /** The operator for a payment (policy enforced: per-transaction asks the password). */
  operatorFor: (password?: string) => Promise<string>;
  /** The operator at the counter for anything else (signed in, not locked). */
  currentOperator: () => string;
  /** After an approved card sale the customer display asks for a signature. */
  onCardApproved: (r: PaymentResult) => void;
}

const orderRef = (cartId: number): string => `cart:${cartId}`;

const overpaid = (remaining: number): CashdeskError =>
  new CashdeskError('TENDER_TOO_LARGE', `支付金额超过了待付金额 ¥${yuan(remaining)}。`, `The tender is more than the ¥${yuan(remaining)} still due.`);

export function shopHandlers(d: ShopDeps): ShopHandlers {
  const { catalog, stock, carts, sales } = d.sales;
  const { members } = d.members;
  const { reports, exports } = d.reports;
  const session = async (): Promise<string> => d.currentOperator();
  const approve = (s: { operatorId: string; password: string }, purpose: string): Promise<SupervisorApproval> => d.operators.approveAsSupervisor(s.operatorId, s.password, purpose);

  /** What a cart has been paid so far: approved journal rows carrying its order reference (durable). */
  const paidRows = (cartId: number): JournalRow[] => d.journal.paidFor(orderRef(cartId));

  /** Edits of a cart stop once any of it is paid: the total must not move under a tender. */
  const editable = async (cartId: number): Promise<void> => {
    await session();
    if (paidRows(cartId).length) {
      throw new CashdeskError('CART_PARTLY_PAID', '这单已经收了部分款项，不能再改动；请收齐余款。', 'Part of this cart is already paid, so it can no longer change; take the rest of the payment.');
    }
  };

  // One tender at a time per cart: a double press must not charge twice.
  const cartLocks = new Map<number, Promise<unknown>>();
  const withCartLock = <T>(cartId: number, fn: () => Promise<T>): Promise<T> => {
    const prev = cartLocks.get(cartId) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const tail = run.catch(() => undefined);
    cartLocks.set(cartId, tail);
    void tail.then(() => {
      if (cartLocks.get(cartId) === tail) cartLocks.delete(cartId);
    });
    return run;
  };

  const checkout = (cartId: number, payment: PaymentResult | null, sale: CheckoutView['sale'] = null): CheckoutView => {
    const cart = carts.get({ cartId });
    const rows = paidRows(cartId);
    const paid = rows.map((r) => ({ kind: r.tender as 'cash' | 'card' | 'qr', amountFen: r.amount, journalId: r.id }));
    const paidFen = paid.reduce((s, p) => s + p.amountFen, 0);
    const changeFen = rows.reduce((s, r) => s + (r.changeGiven ?? 0), 0);
    const saleView = sale ?? (cart.saleId ? sales.get(cart.saleId) : null);
    return { cart, paid, paidFen, remainingFen: saleView ? 0 : Math.max(0, cart.totals.totalFen - paidFen), payment, sale: saleView, changeFen };
  };

  return {
    'product.search': (r) => catalog.search(r),
    'product.lookup': (r) => catalog.lookupBarcode(r.barcode),
    'product.get': (r) => catalog.get(r.productId),
    'product.categories': () => catalog.categories(),
    'product.create': async (r) => catalog.create({ ...r, operatorId: await session() }),
    'product.update': async (r) => catalog.update({ ...r, operatorId: await session() }),
    'product.importCsv': async (r) => catalog.importCsv({ content: Buffer.from(r.contentBase64, 'base64'), encoding: r.encoding, operatorId: await session() }),
    'product.exportCsv': (r) => ({ contentBase64: catalog.exportCsv({ encoding: r.encoding }).toString('base64') }),
    'stock.adjust': async (r) => stock.adjust({ ...r, operatorId: await session() }),
    'stock.moves': (r) => stock.moves(r),

    'cart.open': async () => carts.open({ operatorId: await session() }),
    'cart.get': (r) => carts.get(r),
    'cart.addByBarcode': async (r) => (await editable(r.cartId), carts.addByBarcode(r)),
    'cart.addProduct': async (r) => (await editable(r.cartId), carts.addProduct(r)),
    'cart.setQuantity': async (r) => (await editable(r.cartId), carts.setQuantity(r)),
    'cart.removeLine': async (r) => (await editable(r.cartId), carts.removeLine(r)),
    'cart.overridePrice': async (r) => {
      await editable(r.cartId);
      // issue 7: a price override needs a supervisor; the audit names them.
      const { supervisor, ...rest } = r;
      const approval = await approve(supervisor, 'cart.overridePrice');
      return carts.overridePrice({ ...rest, operatorId: approval.operatorId });
    },
    'cart.setLineDiscount': async (r) => (await editable(r.cartId), carts.setLineDiscount(r)),
    'cart.setCartDiscount': async (r) => {
      await editable(r.cartId);
      const operatorId = await session();
      const { supervisor, ...rest } = r;
      const approval = supervisor ? await approve(supervisor, 'cart.setCartDiscount') : undefined;
      return carts.setCartDiscount({ ...rest, operatorId }, approval);
    },
    'cart.attachMember': async (r) => (await editable(r.cartId), carts.attachMember(r)),
    'cart.detachMember': async (r) => (await editable(r.cartId), carts.detachMember(r)),
    'cart.redeemPoints': async (r) => (await editable(r.cartId), carts.redeemPoints(r)),
    'cart.suspend': async (r) => (await editable(r.cartId), carts.suspend(r)),
    'cart.listSuspended': () => carts.listSuspended(),
    'cart.resume': async (r) => carts.resume({ cartId: r.cartId, operatorId: await session() }),
    'cart.discard': async (r) => {
      if (paidRows(r.cartId).length) {
        throw new CashdeskError('CART_PARTLY_PAID', '这单已经收了部分款项，不能作废；请收齐余款，或撤销已收的款项。', 'Part of this cart is already paid, so it cannot be discarded; take the rest, or void what was paid.');
      }
      return carts.discard({ cartId: r.cartId, operatorId: await session() });
    },
    'cart.checkout': (r) => checkout(r.cartId, null),

    /**
     * Mixed tender, one tender at a time: each card/QR/cash tender is a journal row that
     * carries the cart's reference, so what was paid survives a restart; when the cart is
     * fully paid the sale is recorded (stock, points, stored value) in one transaction.
     */
    'cart.pay': (r) => withCartLock(r.cartId, async () => {
      const operatorId = await d.operatorFor(r.operatorPassword);
      const before = checkout(r.cartId, null);
      if (before.sale) return before;
      const remaining = before.remainingFen;
      const t = r.tender;
      if (t.amountFen > remaining) throw overpaid(remaining);
      let payment: PaymentResult | null = null;
      if (t.kind === 'storedValue') {
        if (t.amountFen !== remaining) {
          throw new CashdeskError('STORED_VALUE_LAST', '储值卡支付须付清余款（最后一笔）。', 'Stored value pays the whole rest of the cart (as the last tender).');
        }
      } else if (t.kind === 'cash') {
        payment = await d.payments.cashSale({ operatorId, amount: t.amountFen, tendered: t.tenderedFen, orderRef: orderRef(r.cartId) });
      } else if (t.kind === 'card') {
        payment = await d.payments.cardSale({ operatorId, amount: t.amountFen, orderRef: orderRef(r.cartId) });
        if (payment.ok && payment.needsSignature) d.onCardApproved(payment);
      } else {
        payment = await d.payments.qrSale({ operatorId, amount: t.amountFen, paymentCode: t.paymentCode, orderRef: orderRef(r.cartId) });
      }
      const now = checkout(r.cartId, payment);
      if (t.kind !== 'storedValue' && now.remainingFen > 0) return now;
      const tenders = paidRows(r.cartId).map((row) => ({
        kind: row.tender as 'cash' | 'card' | 'qr',
        amountFen: row.amount,
        reference: `journal:${row.id}`,
        ...(row.tender === 'cash' ? { tenderedFen: row.tendered ?? row.amount } : {}),
      }));
      if (t.kind === 'storedValue') tenders.push({ kind: 'storedValue' as never, amountFen: t.amountFen, reference: null as never, password: t.password } as never);
      const sale = await sales.completeSale({ cartId: r.cartId, operatorId, tenders });
      return checkout(r.cartId, payment, sale);
    }),
    'sale.get': (r) => sales.get(r.saleId),

    'member.create': async (r) => members.create({ ...r, operatorId: await session() }),
    'member.find': (r) => members.find(r),
    'member.get': (r) => members.get(r.memberId),
    'member.lookup': (r) => members.lookup(r.phoneOrCard),
    'member.update': async (r) => {
      const operatorId = await session();
      const { supervisor, ...rest } = r;
      return members.update({ ...rest, operatorId }, supervisor ? await approve(supervisor, 'member.update') : undefined);
    },
    'member.setPassword': async (r) => {
      const operatorId = await session();
      const { supervisor, ...rest } = r;
      await members.setPassword({ ...rest, operatorId }, supervisor ? await approve(supervisor, 'member.setPassword') : undefined);
      return { ok: true as const };
    },
    'member.recharge': async (r) => {
      const operatorId = await session();
      if (r.paidBy === 'cash') return members.recharge({ ...r, operatorId });
      // A card or QR recharge points at an approved payment of the same amount that paid
      // for nothing else; it is claimed in the same transaction, so it pays once.
      const id = /^journal:(\d+)$/.exec(r.reference ?? '')?.[1];
      const row = id ? d.journal.get(Number(id)) : null;
      const notPaid = new CashdeskError('RECHARGE_NOT_PAID', '找不到与充值金额相符、且未被使用过的成功刷卡/扫码交易。请先收款再充值。', 'No approved, unused card or QR payment of this amount was found; take the payment first, then recharge.');
      if (!row || row.status !== 'approved' || row.type !== 'sale' || row.amount !== r.amountFen || row.tender !== r.paidBy) throw notPaid;
      return d.db.transaction(() => {
        if (!d.journal.claim(row.id, `recharge:${r.memberId}`)) throw notPaid;
        return members.recharge({ ...r, operatorId });
      })();
    },
    'member.ledger': (r) => members.ledger(r),

    'report.shift': (r) => reports.shiftReport(r),
    'report.dayEnd': (r) => reports.dayEndReport(r),
    'report.closeDay': async (r) => reports.closeDay({ ...r, operatorId: await session() }),
    'report.journal': (r) => reports.journal(r),
    'report.reconcile': (r) => {
      // The bank's side: this terminal's card and QR transactions in the range, counted the
      // way the shop's side is (reports/reconciliation.ts): a voided sale and its void
      // cancel out and count nowhere; refunds are credit.
      const span = reports.bounds(r.range);
      const rows = d.journal.query({ from: span.from, to: span.to, limit: 100_000 });
      const sum = (tender: 'card' | 'qr', types: string[]) => {
        const hit = rows.filter((x) => x.tender === tender && types.includes(x.type) && x.status === 'approved');
        return { count: hit.length, amountFen: hit.reduce((s, x) => s + x.amount, 0) };
      };
      return reports.reconcile({ range: r.range, bank: { cardDebit: sum('card', ['sale']), cardCredit: sum('card', ['refund']), qrDebit: sum('qr', ['sale']), qrCredit: sum('qr', ['refund']) } });
    },
    'report.export': async (r) => {
      const report = r.report === 'dayEnd' ? reports.dayEndReport({ businessDay: r.businessDay ?? new Date().toISOString().slice(0, 10) }) : reports.shiftReport({ from: r.from ?? new Date(Date.now() - 12 * 3600_000).toISOString(), ...(r.to ? { to: r.to } : {}) });
      const body = r.format === 'csv' ? exports.reportCsv(report, r.encoding ?? 'utf8') : await exports.reportPdf(report);
      return { fileName: `cashdesk-${r.report}-${new Date().toISOString().slice(0, 10)}.${r.format}`, contentBase64: body.toString('base64') };
    },
  };
}
