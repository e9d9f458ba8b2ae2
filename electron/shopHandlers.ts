// The shop's channels (issue 8) bound to the sales, members and reports services. The
// operator always comes from the signed-in session, never from the page; supervisor
// actions are checked here and passed on as an approval token.
import { CashdeskError } from '../native/errors.js';
import type { Db } from '../native/store/store.js';
import type { Checkout } from './checkout/checkout.js';
import { CartChanges } from './checkout/cartChanges.js';
import type { CartChange } from './checkout/checkoutSchemas.js';
import type { CartView } from './sales/salesSchemas.js';
import type { Handlers } from './dispatch.js';
import type { MemberServices } from './members/membersServices.js';
import type { Operators, SupervisorApproval } from './operators/operators.js';
import type { JournalRepo } from './payments/journalRepo.js';
import type { ReportServices } from './reports/reportsServices.js';
import type { SalesServices } from './sales/salesServices.js';

type ShopChannel = Extract<keyof Handlers, `product.${string}` | `stock.${string}` | `cart.${string}` | `sale.${string}` | `member.${string}` | `report.${string}`>;
export type ShopHandlers = Pick<Handlers, ShopChannel>;

export interface ShopDeps {
  db: Db;
  sales: SalesServices;
  members: MemberServices;
  reports: ReportServices;
  operators: Operators;
  checkout: Checkout;
  journal: JournalRepo;
  /** The operator for a payment (policy enforced: per-transaction asks the password). */
  operatorFor: (password?: string) => Promise<string>;
  /** The operator at the counter for anything else (signed in, not locked). */
  currentOperator: () => string;
}

export function shopHandlers(d: ShopDeps): ShopHandlers {
  const { catalog, stock, carts, sales } = d.sales;
  const { members } = d.members;
  const { reports, exports } = d.reports;
  const session = async (): Promise<string> => d.currentOperator();
  const approve = (s: { operatorId: string; password: string }, purpose: string): Promise<SupervisorApproval> => d.operators.approveAsSupervisor(s.operatorId, s.password, purpose);

  const { checkout } = d;
  const changes = new CartChanges();
  /** Cart edits: a signed-in operator, refused by checkout while the cart is being paid; the reply is the change. */
  const edit = async (cartId: number, fn: () => CartView): Promise<CartChange> => {
    await session();
    return changes.change(checkout.edit(cartId, fn));
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

    'cart.open': async () => changes.full(carts.open({ operatorId: await session() })),
    'cart.get': (r) => changes.full(carts.get(r)),
    'cart.addByBarcode': (r) => edit(r.cartId, () => carts.addByBarcode(r)),
    'cart.addProduct': (r) => edit(r.cartId, () => carts.addProduct(r)),
    'cart.setQuantity': (r) => edit(r.cartId, () => carts.setQuantity(r)),
    'cart.removeLine': (r) => edit(r.cartId, () => carts.removeLine(r)),
    'cart.overridePrice': async (r) => {
      checkout.assertEditable(r.cartId);
      // issue 7: a price override needs a supervisor; the audit names them.
      const { supervisor, ...rest } = r;
      const approval = await approve(supervisor, 'cart.overridePrice');
      return edit(r.cartId, () => carts.overridePrice({ ...rest, operatorId: approval.operatorId }));
    },
    'cart.setLineDiscount': async (r) => {
      const operatorId = await session();
      const { supervisor, ...rest } = r;
      const approval = supervisor ? await approve(supervisor, 'cart.setLineDiscount') : undefined;
      return changes.change(checkout.setLineDiscount({ ...rest, operatorId }, approval));
    },
    'cart.setCartDiscount': async (r) => {
      const operatorId = await session();
      checkout.assertEditable(r.cartId);
      const { supervisor, ...rest } = r;
      const approval = supervisor ? await approve(supervisor, 'cart.setCartDiscount') : undefined;
      return changes.change(checkout.edit(r.cartId, () => carts.setCartDiscount({ ...rest, operatorId }, approval)));
    },
    'cart.attachMember': (r) => edit(r.cartId, () => carts.attachMember(r)),
    'cart.detachMember': (r) => edit(r.cartId, () => carts.detachMember(r)),
    'cart.redeemPoints': (r) => edit(r.cartId, () => carts.redeemPoints(r)),
    'cart.suspend': async (r) => (await session(), checkout.edit(r.cartId, () => carts.suspend(r))),
    'cart.listSuspended': () => carts.listSuspended(),
    'cart.resume': async (r) => changes.full(carts.resume({ cartId: r.cartId, operatorId: await session() })),
    'cart.discard': async (r) => checkout.abandon(r.cartId, await session()),
    'cart.checkout': (r) => checkout.status(r.cartId),
    'cart.pay': async (r) => checkout.pay(r.cartId, r.tender, await d.operatorFor(r.operatorPassword)),

    'sale.get': (r) => sales.get(r.saleId),
    'sale.byNo': (r) => checkout.saleByNo(r.saleNo),
    'sale.refundQuote': (r) => sales.quoteRefund(r),
    'sale.void': async (r) => {
      const operatorId = await session();
      const approval = await approve(r.supervisor, 'sale.void');
      return checkout.voidSale({ saleId: r.saleId, operatorId, approval, reason: r.reason });
    },
    'sale.refund': async (r) => {
      const operatorId = await session();
      const approval = await approve(r.supervisor, 'sale.refund');
      return checkout.refundSale({ saleId: r.saleId, ...(r.lines ? { lines: r.lines } : {}), operatorId, approval, reason: r.reason });
    },

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
