// Who takes the money for the payment dialog. A cart pays through cart.pay: every tender
// is journalled with the cart's reference, so what was paid survives a restart and the
// sale is recorded when the cart is fully paid. An amount with no cart (金额收款, F6) pays
// through the payment channels directly.
import type { CheckoutTender, PaymentResult, Result } from '../../../electron/contract.js';
import { invoke } from '../api.js';

export interface PaidTender {
  kind: 'cash' | 'card' | 'qr' | 'storedValue';
  amountFen: number;
  journalId: number | null;
}

export interface PayOutcome {
  /** The bank's or the till's answer to the tender just tried (null: none tried yet). */
  payment: PaymentResult | null;
  paid: PaidTender[];
  paidFen: number;
  remainingFen: number;
  changeFen: number;
  /** Set when the sale is complete: the sale number (cart) or null (amount only). */
  saleNo: string | null;
  complete: boolean;
}

export interface Payer {
  readonly total: number;
  /** Stored value (储值) needs a member on the cart. */
  readonly storedValueFen: number | null;
  status(): Promise<Result<PayOutcome>>;
  pay(tender: CheckoutTender, operatorPassword?: string): Promise<Result<PayOutcome>>;
}

export function cartPayer(cartId: number, total: number, storedValueFen: number | null): Payer {
  const view = (v: Awaited<ReturnType<typeof invoke<'cart.checkout'>>>): Result<PayOutcome> => {
    if (!v.ok) return v;
    const c = v.value;
    const paid: PaidTender[] = c.paid.map((p) => ({ kind: p.kind, amountFen: p.amountFen, journalId: p.journalId }));
    const sv = c.sale?.tenders.find((t) => t.kind === 'storedValue');
    if (sv) paid.push({ kind: 'storedValue', amountFen: sv.amountFen, journalId: null });
    return { ok: true, value: { payment: c.payment, paid, paidFen: c.paidFen + (sv?.amountFen ?? 0), remainingFen: c.remainingFen, changeFen: c.changeFen, saleNo: c.sale?.saleNo ?? null, complete: c.sale !== null } };
  };
  return {
    total,
    storedValueFen,
    status: async () => view(await invoke('cart.checkout', { cartId })),
    pay: async (tender, operatorPassword) => view(await invoke('cart.pay', { cartId, tender, ...(operatorPassword ? { operatorPassword } : {}) })),
  };
}

export function amountPayer(total: number): Payer {
  const paid: PaidTender[] = [];
  let change = 0;
  const outcome = (payment: PaymentResult | null): PayOutcome => {
    const paidFen = paid.reduce((s, p) => s + p.amountFen, 0);
    return { payment, paid: [...paid], paidFen, remainingFen: total - paidFen, changeFen: change, saleNo: null, complete: paidFen >= total };
  };
  return {
    total,
    storedValueFen: null,
    status: async () => ({ ok: true, value: outcome(null) }),
    pay: async (tender, operatorPassword) => {
      // One request id per press: a double click or a retry of a lost reply never charges twice.
      const pw = { requestId: crypto.randomUUID(), ...(operatorPassword ? { operatorPassword } : {}) };
      const amount = tender.amountFen ?? total - paid.reduce((s, p) => s + p.amountFen, 0);
      let r: Result<PaymentResult>;
      if (tender.kind === 'card') r = await invoke('payment.cardSale', { amount, ...pw });
      else if (tender.kind === 'qr') r = await invoke('payment.qrSale', { amount, paymentCode: tender.paymentCode, ...pw });
      else if (tender.kind === 'cash') r = await invoke('payment.cashSale', { amount, tendered: tender.tenderedFen, ...pw });
      else return { ok: false, code: 'NO_STORED_VALUE', message: '金额收款不能用储值支付。 / An amount charge cannot be paid with stored value.' };
      if (!r.ok) return r;
      if (r.value.ok) {
        paid.push({ kind: tender.kind, amountFen: amount, journalId: r.value.journalId });
        change += r.value.change ?? 0;
      }
      return { ok: true, value: outcome(r.value) };
    },
  };
}
