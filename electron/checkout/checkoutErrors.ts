// What checkout tells the cashier when it refuses: what happened and what to do next.
import { CashdeskError } from '../../native/errors.js';
import { yuan } from '../money.js';

export class CheckoutError extends CashdeskError {}

export const checkoutErrors = {
  paymentInProgress: () =>
    new CheckoutError('PAYMENT_IN_PROGRESS', '这单正在收款，请等这笔支付结束后再操作。', 'A payment for this cart is in progress; wait for it to finish.'),
  frozen: () =>
    new CheckoutError(
      'CART_FROZEN',
      '这单正在收款或已收了部分款项，商品和优惠不能再改动；请收齐余款，或撤销已收的款项后再改。',
      'This cart is being paid or is partly paid, so its items and discounts can no longer change; take the rest, or void what was paid first.',
    ),
  cannotAbandonPaid: () =>
    new CheckoutError('CART_PARTLY_PAID', '这单已经收了部分款项，不能作废；请收齐余款，或撤销已收的款项。', 'Part of this cart is already paid, so it cannot be discarded; take the rest, or void what was paid.'),
  tooLarge: (remaining: number) =>
    new CheckoutError('TENDER_TOO_LARGE', `支付金额超过了待付金额 ¥${yuan(remaining)}。`, `The tender is more than the ¥${yuan(remaining)} still due.`),
  nothingDue: () => new CheckoutError('NOTHING_DUE', '这单没有待付金额。请先扫描商品。', 'Nothing is due on this cart. Scan an item first.'),
  cashShort: (tendered: number, due: number) =>
    new CheckoutError('CASH_SHORT', `收到的现金 ¥${yuan(tendered)} 少于这笔应收 ¥${yuan(due)}。`, `Cash tendered (¥${yuan(tendered)}) is less than the ¥${yuan(due)} due for it.`),
  storedValueLast: () =>
    new CheckoutError('STORED_VALUE_LAST', '储值卡支付须付清余款（作为最后一笔）。', 'Stored value pays the whole rest of the cart (as the last tender).'),
  saleNotFound: (no: string) => new CheckoutError('SALE_NOT_FOUND', `找不到销售单 ${no}。请核对小票上的单号。`, `Sale ${no} was not found. Check the number on the receipt.`),
  alreadyVoided: (no: string) => new CheckoutError('SALE_ALREADY_RETURNED', `销售单 ${no} 已经撤销或全部退货，不能再退。`, `Sale ${no} has already been voided or fully refunded.`),
  tenderNotBack: (no: string) =>
    new CheckoutError(
      'RETURN_INCOMPLETE',
      `销售单 ${no} 还有款项未能退回（见各支付方式的结果），商品和积分未退。处理后可再次撤销/退货，已退回的不会重复退。`,
      `Not all of sale ${no}'s money could be given back (see each tender); stock and points are unchanged. Try again once resolved: what already went back is not repeated.`,
    ),
  discountNeedsSupervisor: (what: string, whatEn: string) =>
    new CheckoutError('SUPERVISOR_REQUIRED', `${what}超过收银员权限，需要主管授权。`, `${whatEn} is beyond a cashier's limit and needs a supervisor.`),
};
