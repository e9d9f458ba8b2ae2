// Request schemas and reply types of checkout (结账): paying a cart tender by tender, and
// giving a completed sale's money back (整单撤销 / 退货). zod only, like contract.ts, so the
// contract and the renderer can take it whole.
import { z } from 'zod';
import type { PaymentResult } from '../contract.js';
import type { CartView, RefundView, SaleView, TenderKind } from '../sales/salesSchemas.js';
import { idSchema, quantitySchema, reasonSchema } from '../sales/salesSchemas.js';

const MAX_FEN = 999_999_999_999;
const amount = z.number().int('whole fen / 整数分').positive().max(MAX_FEN);
const memberPassword = z.string().regex(/^\d{6}$/, 'six digits / 6 位数字');

/**
 * One tender. `amountFen` is how much of the cart it pays; without it the tender pays the
 * rest. Cash may hand over more than it pays (`tenderedFen`); main works out the change.
 */
export const CheckoutTenderSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cash'), tenderedFen: amount, amountFen: amount.optional() }).strict(),
  z.object({ kind: z.literal('card'), amountFen: amount.optional() }).strict(),
  z.object({ kind: z.literal('qr'), paymentCode: z.string().regex(/^\d{18,19}$/, '18-19 digits / 18-19 位数字'), amountFen: amount.optional() }).strict(),
  z.object({ kind: z.literal('storedValue'), password: memberPassword, amountFen: amount.optional() }).strict(),
]);
export type CheckoutTender = z.infer<typeof CheckoutTenderSchema>;

export const SaleVoidSchema = z.object({ saleId: idSchema, reason: reasonSchema.default('整单撤销 / whole-sale void') }).strict();
export type SaleVoidInput = z.input<typeof SaleVoidSchema>;

export const SaleRefundLineSchema = z.object({ saleLineId: idSchema, quantity: quantitySchema }).strict();
export const SaleRefundSchema = z
  .object({
    saleId: idSchema,
    /** Omitted: everything of the sale not refunded yet. */
    lines: z.array(SaleRefundLineSchema).min(1).max(500).optional(),
    reason: reasonSchema.default('退货 / refund'),
  })
  .strict();
export type SaleRefundInput = z.input<typeof SaleRefundSchema>;

/** Where a cart is in its life. `paying`: a tender is at the bank or part is paid; edits are refused. */
export type CheckoutState = 'open' | 'paying' | 'completed' | 'abandoned';

/** Status words of a tender (spec/cli.md "tenders"). */
export type TenderStatus = 'approved' | 'declined' | 'voided' | 'refunded' | 'reversed' | 'unknown' | 'pending';

export interface PaidTenderView {
  kind: TenderKind;
  /** What this tender paid of the total. */
  amountFen: number;
  /** Cash: what was handed over; change = tendered − amount. */
  tenderedFen: number | null;
  changeFen: number | null;
  journalId: number | null;
  stan: string | null;
  rrn: string | null;
  maskedPan: string | null;
}

export interface ReceiptOutcome {
  /** The shop receipt reached the printer and printed. False: it is kept and reprintable. */
  printed: boolean;
  /** The drawer opens only when cash was taken. */
  drawer: 'kicked' | 'not-needed' | 'failed';
  /** Why it did not print, for the cashier (bilingual). */
  message: string | null;
}

export interface CheckoutView {
  cartId: number;
  state: CheckoutState;
  cart: CartView;
  /** The tender at the bank now (another Pay is refused until it ends). */
  inFlight: TenderKind | null;
  paid: PaidTenderView[];
  totalFen: number;
  paidFen: number;
  remainingFen: number;
  changeFen: number;
  /** The bank's or the till's answer to the tender just tried. */
  payment: PaymentResult | null;
  /** Set once the cart is fully paid and the sale is recorded. */
  sale: SaleView | null;
  receipt: ReceiptOutcome | null;
}

export interface ReturnTenderOutcome {
  kind: TenderKind;
  amountFen: number;
  status: TenderStatus;
  journalId: number | null;
  stan: string | null;
  rrn: string | null;
  /** What the bank or the till said (bilingual), for a tender that did not go back. */
  message: string | null;
}

/** The outcome of a whole-sale void or a refund: each tender's money, and the shop record once all is back. */
export interface SaleReturnView {
  saleId: number;
  saleNo: string;
  kind: 'void' | 'refund';
  /** Every tender's money went back and the shop record (stock, points, stored value) is written. */
  complete: boolean;
  amountFen: number;
  tenders: ReturnTenderOutcome[];
  refund: RefundView | null;
  message: string;
}

/**
 * The reply to a cart edit: the cart's header and totals, and only the lines that changed
 * since the cart was last sent to the page (added or repriced), plus the ids of lines gone.
 * The page keeps the cart it got from cart.get / cart.open and applies each change in turn;
 * on any doubt (an error, a reload) it asks cart.get again.
 */
export type CartChange = Omit<CartView, 'lines'> & {
  lines: CartView['lines'];
  removedLineIds: number[];
  /** How many lines the cart has after the change (a check for the page's copy). */
  lineCount: number;
};
