// Request schemas and reply types of the reports service (issue 8). This file imports
// zod only, like contract.ts, so the IPC contract and the renderer can take it whole.
import { z } from 'zod';

const MAX_FEN = 9_999_999_999;
const fen = z.number().int().min(0).max(MAX_FEN);
const operatorIdSchema = z.string().regex(/^\d{2}$/, 'two digits / 两位数字');
const isoInstant = z.iso.datetime({ offset: true });
export const businessDaySchema = z.iso.date();

/** A business day in shop time, or any span of instants [from, to). */
export const ReportRangeSchema = z.union([
  z.object({ businessDay: businessDaySchema }).strict(),
  z
    .object({ from: isoInstant, to: isoInstant })
    .strict()
    .refine((r) => Date.parse(r.to) > Date.parse(r.from), 'to after from / 结束须晚于开始'),
]);
export type ReportRange = z.input<typeof ReportRangeSchema>;

/** 交班报表 (X): one cashier's shift so far, or a span of the counter's trading. Nothing is closed. */
export const ShiftReportSchema = z
  .object({ from: isoInstant, to: isoInstant.optional(), operatorId: operatorIdSchema.optional() })
  .strict();
export type ShiftReportInput = z.input<typeof ShiftReportSchema>;

export const DayEndReportSchema = z.object({ businessDay: businessDaySchema }).strict();
export type DayEndReportInput = z.input<typeof DayEndReportSchema>;

/** 日结 (Z): numbers and keeps the day's report; once per business day. */
export const CloseDaySchema = z.object({ businessDay: businessDaySchema, operatorId: operatorIdSchema }).strict();
export type CloseDayInput = z.input<typeof CloseDaySchema>;

export const journalEntryTypeSchema = z.enum(['sale', 'void', 'refund', 'recharge']);
export type JournalEntryType = z.infer<typeof journalEntryTypeSchema>;
const tenderKindSchema = z.enum(['cash', 'card', 'qr', 'storedValue']);

export const JournalQuerySchema = z
  .object({
    range: ReportRangeSchema,
    operatorId: operatorIdSchema.optional(),
    memberId: z.number().int().positive().optional(),
    types: z.array(journalEntryTypeSchema).min(1).optional(),
    tender: tenderKindSchema.optional(),
    /** Sale, refund or recharge number, or a tender reference (STAN / order number). */
    number: z.string().trim().min(1).max(64).optional(),
    limit: z.number().int().min(1).max(5000).default(200),
    offset: z.number().int().min(0).default(0),
  })
  .strict();
export type JournalQueryInput = z.input<typeof JournalQuerySchema>;

export const bankTotalsSchema = z.object({ count: z.number().int().min(0), amountFen: fen }).strict();
export type BankTotals = z.infer<typeof bankTotalsSchema>;

/**
 * The bank side of the batch, as the settlement (0500) reply or the acquirer's statement
 * gives it. Debit = money taken from cardholders (sales, recharges); credit = money given
 * back (refunds). Voids (撤销) cancel their sale inside the batch and are in neither.
 */
export const BankBatchTotalsSchema = z
  .object({
    cardDebit: bankTotalsSchema,
    cardCredit: bankTotalsSchema,
    qrDebit: bankTotalsSchema.default({ count: 0, amountFen: 0 }),
    qrCredit: bankTotalsSchema.default({ count: 0, amountFen: 0 }),
  })
  .strict();
export type BankBatchTotals = z.input<typeof BankBatchTotalsSchema>;

export const ReconcileSchema = z.object({ range: ReportRangeSchema, bank: BankBatchTotalsSchema }).strict();
export type ReconcileInput = z.input<typeof ReconcileSchema>;

export const PdfOptionsSchema = z
  .object({
    /** A TTF/OTF/TTC with Chinese glyphs; default: the first found of the usual system fonts. */
    fontPath: z.string().min(1).optional(),
    /** PostScript name of the face inside a .ttc (default: its first face). */
    fontName: z.string().min(1).optional(),
    shopName: z.string().max(60).optional(),
  })
  .strict();
export type PdfOptions = z.input<typeof PdfOptionsSchema>;

// ---- replies ------------------------------------------------------------------------------

export type TenderKind = z.infer<typeof tenderKindSchema>;

export interface Figures {
  salesCount: number;
  salesFen: number;
  returnsCount: number;
  returnsFen: number;
  netFen: number;
}

export interface SalesReport {
  kind: 'shift' | 'dayEnd';
  title: { zh: string; en: string };
  /** UTC instants [from, to). */
  from: string;
  to: string;
  businessDay: string | null;
  operatorId: string | null;
  generatedAt: string;
  /** Set on a closed day-end report. */
  zNo: number | null;
  summary: {
    salesCount: number;
    /** Σ sale totals, as paid. */
    salesFen: number;
    /** Σ line amounts before discounts, and the discounts taken off them. */
    amountFen: number;
    discountFen: number;
    voidCount: number;
    voidFen: number;
    refundCount: number;
    refundFen: number;
    netFen: number;
    itemsSold: number;
    itemsReturned: number;
    costFen: number;
    grossProfitFen: number;
  };
  byTender: Array<Figures & { kind: TenderKind }>;
  byHour: Array<Figures & { hour: number }>;
  byOperator: Array<Figures & { operatorId: string }>;
  byCategory: Array<{ category: string | null; quantity: number; salesFen: number; returnsFen: number; netFen: number }>;
  topProducts: Array<{ productId: number; name: string; quantity: number; netFen: number }>;
  storedValue: { rechargeCount: number; rechargeFen: number; bonusFen: number; byPaidBy: Record<'cash' | 'card' | 'qr', number>; spentFen: number; returnedFen: number };
  cashDrawer: { cashSalesFen: number; cashReturnsFen: number; cashRechargeFen: number; expectedFen: number };
}

export interface JournalEntry {
  type: JournalEntryType;
  id: number;
  no: string;
  at: string;
  localAt: string;
  operatorId: string;
  memberId: number | null;
  amountFen: number;
  /** For a sale: completed / voided / partiallyRefunded / refunded. */
  status: string | null;
  /** For a void or refund: the sale it gives back. */
  saleId: number | null;
  tenders: Array<{ kind: TenderKind; amountFen: number; reference: string | null }>;
}

export interface JournalPage {
  entries: JournalEntry[];
  total: number;
}

export type ReconcileChannel = 'cardDebit' | 'cardCredit' | 'qrDebit' | 'qrCredit';

export interface ReconciliationLine {
  channel: ReconcileChannel;
  shop: BankTotals;
  bank: BankTotals;
  /** shop − bank. */
  diff: { count: number; amountFen: number };
  matched: boolean;
}

export interface Reconciliation {
  from: string;
  to: string;
  lines: ReconciliationLine[];
  balanced: boolean;
}

export interface DayEndClose {
  zNo: number;
  businessDay: string;
  closedAt: string;
  operatorId: string;
  report: SalesReport;
}
