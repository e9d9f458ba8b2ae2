// The one IPC contract (architecture.md, style.md §1): every channel's name, the zod
// schema of its request and the type of its reply; every event's name and payload.
// preload.ts, ipc.ts, the test bridge and renderer/api.ts all derive from this file.
// It imports zod only, so the renderer can import its types without pulling in Node.
import { z } from 'zod';
// The shop services' request schemas and reply types live beside them and import zod only
// (test/unit/architecture.test.ts checks both); the contract re-uses them.
import * as sales from './sales/salesSchemas.js';
import * as members from './members/memberSchemas.js';
import * as reports from './reports/reportSchemas.js';
import * as checkout from './checkout/checkoutSchemas.js';

/** Phantom marker for a reply type: the schema validates requests; replies are typed only. */
function reply<T>(): T {
  return undefined as unknown as T;
}

export type LinkState = 'disconnected' | 'connecting' | 'connected' | 'error';
export type DeviceState = 'absent' | 'connecting' | 'ready' | 'busy' | 'disconnected' | 'error';

// ---- printer, drawer, scanner (issue 9) -------------------------------------------------
export interface DeviceMessage {
  code: string;
  zh: string;
  en: string;
}
export interface PrinterStatusView {
  state: 'connecting' | 'ready' | 'printing' | 'offline' | 'paper-out' | 'cover-open' | 'fault' | 'no-answer' | 'disconnected' | 'closed';
  name: string;
  paperWidth: 58 | 80;
  paperNearEnd: boolean;
  answersStatus: boolean | null;
  queued: number;
  failed: number;
  message: DeviceMessage | null;
  checkedAt: string | null;
}
export interface PrintJobView {
  id: string;
  kind: string;
  title: string;
  ref: string | null;
  state: 'queued' | 'printing' | 'printed' | 'failed';
  attempts: number;
  createdAt: string;
  finishedAt: string | null;
  error: DeviceMessage | null;
}
export interface ReceiptPrintResult {
  jobs: PrintJobView[];
  drawer: 'kicked' | 'not-needed' | 'failed';
  drawerError: DeviceMessage | null;
  printed: boolean;
}
export interface ScannerStatusView {
  state: 'connecting' | 'ready' | 'disconnected' | 'closed';
  name: string;
  suffix: 'CR' | 'LF' | 'CRLF' | 'TAB' | 'none';
  lastScanAt: string | null;
  rejected: number;
  message: DeviceMessage | null;
}
export interface PrinterSettings {
  /** none: no receipt printer; training mode uses its emulator. */
  kind: 'none' | 'tcp' | 'serial';
  host: string | null;
  port: number | null;
  path: string | null;
  baudRate: number | null;
  paperWidth: 58 | 80;
}

export interface AppStatus {
  version: string;
  dbPath: string;
  schemaVersion: number;
  training: boolean;
  startedAt: string;
  devices: { pinpad: DeviceState; printer: DeviceState; scanner: DeviceState };
  hostLink: LinkState;
}

// ---- operators (issue 5) ----------------------------------------------------------
export type Role = 'cashier' | 'supervisor' | 'admin';
export type SignInPolicy = 'per-shift' | 'per-transaction' | 'idle-lock';
export interface PolicySettings {
  policy: SignInPolicy;
  /** idle-lock: minutes without activity before the counter locks. */
  idleMinutes: number;
  /** A supervisor confirms each cashier's sign-in. */
  supervisorAtSignIn: boolean;
}
export interface Operator {
  id: string;
  role: Role;
  name: string;
  active: boolean;
  lockedUntil: string | null;
  accounts: string[];
}
export type OperatorSessionState = 'signed-out' | 'signed-in' | 'locked';
export interface OperatorSession {
  state: OperatorSessionState;
  operatorId: string | null;
  role: Role | null;
  accountId: string | null;
  since: string | null;
  policy: SignInPolicy;
}
export type SignInResult =
  | { status: 'signed-in'; session: OperatorSession }
  | { status: 'choose-account'; accounts: Array<{ id: string; name: string }> }
  | { status: 'needs-supervisor' };
export interface AuditVerification {
  ok: boolean;
  entries: number;
  brokenAt: number | null;
}
export interface AuditEntryView {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  outcome: string;
  detail: string | null;
}

// ---- terminal (issue 5, the bank side) ------------------------------------------------
export type SignInStep =
  | 'not-configured'
  | 'idle'
  | 'probing-pad'
  | 'selecting-key'
  | 'contacting-host'
  | 'loading-keys'
  | 'signed-in'
  | 'retry-wait'
  | 'failed'
  | 'signing-off'
  | 'signed-off';
export type KeyLabel = 'PIK' | 'MAK' | 'TDK';
export interface TerminalStatus {
  step: SignInStep;
  signedIn: boolean;
  accountId: string;
  merchantId: string | null;
  terminalId: string | null;
  merchantName: string | null;
  batchNo: string | null;
  signedInAt: string | null;
  hostTime: string | null;
  /** Seconds the host clock is ahead of ours at sign-in (F12/F13). */
  clockDriftSeconds: number | null;
  keys: KeyLabel[];
  pad: { protocol: string; model: string | null; serial: string | null } | null;
  /** Why the last attempt failed, in words (Chinese / English). */
  failure: { code: string; message: string } | null;
  attempts: number;
  nextRetryAt: string | null;
  /** The session came back from the database without a new 0800. */
  restored: boolean;
}
export interface TerminalSignInView {
  ok: true;
  batch: string;
  keys: KeyLabel[];
  hostTime: string | null;
  restored: boolean;
}
export interface TerminalConfigView {
  accountId: string;
  merchantId: string;
  terminalId: string;
  merchantName: string;
  host: string;
  port: number;
  tls: boolean;
  caFile: string | null;
  tpdu: string;
  header: string;
  netCode: '001' | '003' | '004';
  pinpadPort: string | null;
  pinpadBaud: number;
  pinpadFormat: '8N1' | '7E1';
  masterKeySlot: number;
  replyTimeoutMs: number;
  reversalRetries: number;
  dailySignInAt: string | null;
  signOffAfterSettle: boolean;
}
export interface PinpadStateView {
  state: 'absent' | 'disconnected' | 'connecting' | 'ready' | 'busy' | 'awaiting-card' | 'awaiting-pin' | 'closed';
  message: string | null;
}

// ---- payments (issue 6) ------------------------------------------------------------------
export type JournalStatus = 'pending' | 'approved' | 'declined' | 'failed' | 'unknown' | 'reversal-pending' | 'reversed' | 'voided';
export type TenderKind = 'card' | 'qr' | 'cash' | 'stored-value';
export type PaymentStep = 'checking' | 'reversing' | 'awaiting-card' | 'awaiting-pin' | 'authorising' | 'qr-pending' | 'signing-in' | 'approved' | 'declined' | 'unknown';
export interface PaymentProgress {
  step: PaymentStep;
  amount: number;
  message: string | null;
  /** qr-pending: when the terminal gives up waiting. */
  deadline?: string;
}
export interface PaymentResult {
  ok: boolean;
  journalId: number;
  status: JournalStatus;
  responseCode: string | null;
  /** The bank's answer in words, Chinese / English. */
  message: string;
  stan: string;
  batch: string;
  rrn: string | null;
  authCode: string | null;
  maskedPan: string | null;
  amount: number;
  /** Card sales ask the cardholder to sign on the customer display. */
  needsSignature: boolean;
  change?: number;
  balance?: number | null;
}
export interface JournalEntry {
  id: number;
  batchNo: string;
  stan: string;
  type: 'sale' | 'void' | 'refund' | 'balance' | 'cash' | 'stored-value';
  tender: TenderKind;
  amount: number;
  status: JournalStatus;
  maskedPan: string | null;
  responseCode: string | null;
  responseZh: string | null;
  responseEn: string | null;
  rrn: string | null;
  authCode: string | null;
  hostDate: string | null;
  operatorId: string;
  originalId: number | null;
  orderRef: string | null;
  createdAt: string;
}
export interface ReversalView {
  journalId: number;
  stan: string;
  amount: number;
  maskedPan: string | null;
  reason: '98' | '96' | 'A0' | '06';
  attempts: number;
  lastError: string | null;
  exhausted: boolean;
}
export interface SideTotalsView {
  debitAmount: number;
  debitCount: number;
  creditAmount: number;
  creditCount: number;
}
export interface SettlementReport {
  ok: boolean;
  balanced: boolean;
  batch: string;
  nextBatch: string;
  debit: { count: number; amount: number };
  credit: { count: number; amount: number };
  totals: { domestic: SideTotalsView; foreign: SideTotalsView };
  uploaded: number;
  failedReversals: ReversalView[];
  failedSignatureUploads: Array<{ journalId: number; stan: string; error: string | null }>;
  settledAt: string;
  signedOff: boolean;
}
export interface SignatureRecord {
  journalId: number;
  status: 'signed' | 'refused' | 'timed-out';
  pngBase64: string | null;
  uploadStatus: 'none' | 'queued' | 'uploaded' | 'failed';
  uploadAttempts: number;
  uploadError: string | null;
}
export interface ESlip {
  journalId: number;
  merchantName: string;
  merchantId: string;
  terminalId: string;
  operatorId: string;
  maskedPan: string | null;
  tender: TenderKind;
  typeZh: string;
  typeEn: string;
  batchNo: string;
  stan: string;
  rrn: string | null;
  authCode: string | null;
  dateTime: string;
  hostDate: string | null;
  hostTime: string | null;
  amount: number;
  status: JournalStatus;
  signatureStatus: 'signed' | 'refused' | 'timed-out' | null;
  signaturePngBase64: string | null;
}

// ---- customer display, diagnostics, training drills -----------------------------------------
export type CustomerDisplayMode = 'idle' | 'amount' | 'qr' | 'signature' | 'thanks';
export interface CustomerDisplayState {
  mode: CustomerDisplayMode;
  /** Fen to show (amount, qr, signature, thanks). */
  amount: number | null;
  /** signature: the approved card sale the cardholder signs for. */
  journalId: number | null;
  /** Lines of the cart to show the customer. */
  lines: Array<{ name: string; quantity: number; amount: number }>;
  /** signature: seconds before the request times out (recorded as timed-out). */
  signatureTimeoutSeconds: number | null;
}
export interface HostFrameView {
  at: string;
  direction: 'sent' | 'received';
  bytes: number;
  mti?: string;
  /** Field values with the PAN masked and F35/F36/F52/F55/F62 redacted. */
  fields?: Record<string, string>;
  error?: string;
}

// ---- shop: catalogue, carts, sales, members, reports (issue 8) -------------------------------
export type {
  CartLineView,
  CartView,
  CategoryView,
  CsvImportReport,
  ProductView,
  SaleView,
  StockMoveView,
  SuspendedCartView,
} from './sales/salesSchemas.js';
export type { LedgerEntryView, MemberView, RechargeView } from './members/memberSchemas.js';
export type { JournalPage, Reconciliation, SalesReport } from './reports/reportSchemas.js';

export type { CartChange, CheckoutTender, CheckoutView, CheckoutState, PaidTenderView, ReceiptOutcome, ReturnTenderOutcome, SaleReturnView, TenderStatus } from './checkout/checkoutSchemas.js';
export type { RefundQuoteView, RefundView } from './sales/salesSchemas.js';

/** A service's request schema with the operator taken from the signed-in session, not the page. */
function bySession<T extends z.ZodRawShape>(schema: { shape: T }) {
  const { operatorId: _dropped, ...rest } = schema.shape as T & { operatorId?: unknown };
  return z.object(rest as unknown as Omit<T, 'operatorId'>).strict();
}

const empty = z.object({}).strict();
const fen = z.number().int('whole fen / 整数分').positive().max(999_999_999_999);
const operatorId = z.string().regex(/^\d{2}$/, 'two digits / 两位数字');
const password = z.string().min(4).max(12).regex(/^\d+$/, 'digits only / 仅限数字');
const supervisor = z.object({ operatorId, password }).strict();
const requestId = z.uuid('a request id (UUID) / 请求编号（UUID）').optional();

export const contract = {
  'app.status': { req: empty, res: reply<AppStatus>() },

  'operator.setupNeeded': { req: empty, res: reply<{ needed: boolean }>() },
  'operator.firstSetup': {
    req: z.object({ supervisorPassword: password, adminPassword: password }).strict(),
    res: reply<{ ok: true }>(),
  },
  'operator.signIn': {
    req: z.object({ operatorId, password, accountId: z.string().min(1).max(32).optional(), supervisor: supervisor.optional() }).strict(),
    res: reply<SignInResult>(),
  },
  'operator.session': { req: empty, res: reply<OperatorSession>() },
  'operator.signOut': { req: empty, res: reply<OperatorSession>() },
  'operator.switch': { req: empty, res: reply<OperatorSession>() },
  'operator.lock': { req: empty, res: reply<OperatorSession>() },
  'operator.unlock': { req: z.object({ password }).strict(), res: reply<OperatorSession>() },
  'operator.authorizeTransaction': { req: z.object({ password: password.optional() }).strict(), res: reply<{ operatorId: string; accountId: string }>() },
  'operator.list': { req: empty, res: reply<Operator[]>() },
  'operator.add': {
    req: z.object({ id: operatorId, name: z.string().max(32).optional(), password, supervisor }).strict(),
    res: reply<Operator>(),
  },
  'operator.unlockOperator': { req: z.object({ id: operatorId, supervisor }).strict(), res: reply<{ ok: true }>() },
  'operator.policy': { req: empty, res: reply<PolicySettings>() },
  'operator.setPolicy': {
    req: z
      .object({
        policy: z.enum(['per-shift', 'per-transaction', 'idle-lock']).optional(),
        idleMinutes: z.number().int().min(1).max(240).optional(),
        supervisorAtSignIn: z.boolean().optional(),
        supervisor,
      })
      .strict(),
    res: reply<PolicySettings>(),
  },
  'terminal.status': { req: empty, res: reply<TerminalStatus>() },
  'terminal.signIn': { req: empty, res: reply<TerminalSignInView>() },
  'terminal.signOff': { req: z.object({ supervisor }).strict(), res: reply<{ ok: true }>() },
  'terminal.config': { req: empty, res: reply<TerminalConfigView | null>() },
  'terminal.configure': {
    req: z
      .object({
        merchantId: z.string().length(15, '15 characters / 15 位'),
        terminalId: z.string().length(8, '8 characters / 8 位'),
        merchantName: z.string().max(40).optional(),
        host: z.string().min(1).max(253),
        port: z.number().int().min(1).max(65535),
        tls: z.boolean().optional(),
        caFile: z.string().max(1024).nullable().optional(),
        tpdu: z.string().regex(/^60[0-9A-Fa-f]{8}$/, 'TPDU: 60 + 8 hex digits').optional(),
        header: z.string().regex(/^[0-9A-Fa-f]{12}$/, 'header: 12 hex digits').optional(),
        netCode: z.enum(['001', '003', '004']).optional(),
        pinpadPort: z.string().max(256).nullable().optional(),
        pinpadBaud: z.number().int().min(1200).max(115200).optional(),
        pinpadFormat: z.enum(['8N1', '7E1']).optional(),
        masterKeySlot: z.number().int().min(0).max(9).optional(),
        replyTimeoutMs: z.number().int().min(1000).max(120000).optional(),
        reversalRetries: z.number().int().min(1).max(10).optional(),
        dailySignInAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM').nullable().optional(),
        signOffAfterSettle: z.boolean().optional(),
        supervisor,
      })
      .strict(),
    res: reply<TerminalConfigView>(),
  },
  'device.reset': { req: empty, res: reply<{ operator: OperatorSession; terminal: TerminalStatus }>() },
  'pinpad.state': { req: empty, res: reply<PinpadStateView>() },

  // 金额收款 (an amount with no cart). The page names each request (a UUID): the same id
  // again never charges twice (the counter always sends one). A cart is paid only through cart.pay.
  'payment.cardSale': { req: z.object({ amount: fen, requestId, operatorPassword: password.optional() }).strict(), res: reply<PaymentResult>() },
  'payment.qrSale': {
    req: z.object({ amount: fen, paymentCode: z.string().regex(/^\d{18,19}$/, '18-19 digits / 18-19 位数字'), requestId, operatorPassword: password.optional() }).strict(),
    res: reply<PaymentResult>(),
  },
  'payment.cashSale': { req: z.object({ amount: fen, tendered: fen, requestId, operatorPassword: password.optional() }).strict(), res: reply<PaymentResult>() },
  'payment.void': { req: z.object({ stan: z.string().regex(/^\d{6}$/), supervisor }).strict(), res: reply<PaymentResult>() },
  'payment.refund': {
    req: z.object({ rrn: z.string().min(1).max(12), amount: fen, date: z.string().regex(/^\d{4}$/, 'MMDD'), supervisor }).strict(),
    res: reply<PaymentResult>(),
  },
  'payment.balance': { req: z.object({ operatorPassword: password.optional() }).strict(), res: reply<PaymentResult>() },
  'payment.cancel': { req: empty, res: reply<{ ok: true }>() },
  'payment.signature': {
    req: z
      .object({
        journalId: z.number().int().positive(),
        status: z.enum(['signed', 'refused', 'timed-out']),
        strokes: z.array(z.object({ points: z.array(z.object({ x: z.number().finite(), y: z.number().finite() })).max(5000) })).max(200).optional(),
      })
      .strict(),
    res: reply<SignatureRecord>(),
  },
  'payment.eSlip': { req: z.object({ journalId: z.number().int().positive() }).strict(), res: reply<ESlip>() },
  'payment.journal': {
    req: z
      .object({
        batchNo: z.string().regex(/^\d{6}$/).optional(),
        stan: z.string().regex(/^\d{6}$/).optional(),
        rrn: z.string().max(12).optional(),
        cardLast4: z.string().regex(/^\d{4}$/).optional(),
        amount: z.number().int().nonnegative().optional(),
        from: z.string().max(32).optional(),
        to: z.string().max(32).optional(),
        limit: z.number().int().min(1).max(5000).optional(),
      })
      .strict(),
    res: reply<JournalEntry[]>(),
  },
  'payment.reversals': { req: empty, res: reply<ReversalView[]>() },
  'payment.settle': { req: z.object({ operatorPassword: password.optional() }).strict(), res: reply<SettlementReport>() },
  'payment.settlements': { req: empty, res: reply<SettlementReport[]>() },

  'customer.show': {
    req: z
      .object({
        mode: z.enum(['idle', 'amount', 'qr', 'signature', 'thanks']),
        amount: z.number().int().nonnegative().max(999_999_999_999).nullable().optional(),
        journalId: z.number().int().positive().nullable().optional(),
        lines: z.array(z.object({ name: z.string().max(64), quantity: z.number().int().positive(), amount: z.number().int() })).max(500).optional(),
      })
      .strict(),
    res: reply<CustomerDisplayState>(),
  },
  'customer.state': { req: empty, res: reply<CustomerDisplayState>() },
  'diagnostics.hostFrames': { req: empty, res: reply<HostFrameView[]>() },
  'training.drill': {
    req: z.object({ action: z.enum(['host-down', 'host-up', 'pad-unplug', 'pad-replug']) }).strict(),
    res: reply<{ ok: true }>(),
  },

  'printer.status': { req: empty, res: reply<PrinterStatusView | null>() },
  'printer.settings': { req: empty, res: reply<PrinterSettings>() },
  'printer.configure': {
    req: z
      .object({
        kind: z.enum(['none', 'tcp', 'serial']),
        host: z.string().max(253).nullable().optional(),
        port: z.number().int().min(1).max(65535).nullable().optional(),
        path: z.string().max(256).nullable().optional(),
        baudRate: z.number().int().min(1200).max(115200).nullable().optional(),
        paperWidth: z.union([z.literal(58), z.literal(80)]),
        supervisor,
      })
      .strict(),
    res: reply<PrinterSettings>(),
  },
  'printer.jobs': { req: empty, res: reply<PrintJobView[]>() },
  'printer.retry': { req: z.object({ jobId: z.string().regex(/^job-\d+$/) }).strict(), res: reply<PrintJobView>() },
  'printer.dismiss': { req: z.object({ jobId: z.string().regex(/^job-\d+$/) }).strict(), res: reply<{ ok: true }>() },
  'printer.testPage': { req: empty, res: reply<PrintJobView>() },
  'receipt.printESlip': {
    req: z.object({ journalId: z.number().int().positive(), copies: z.array(z.enum(['merchant', 'cardholder'])).min(1).max(2).optional(), reprint: z.boolean().optional() }).strict(),
    res: reply<ReceiptPrintResult>(),
  },
  'receipt.printSale': { req: z.object({ saleId: z.number().int().positive(), reprint: z.boolean().optional() }).strict(), res: reply<ReceiptPrintResult>() },
  'receipt.printSettlement': { req: z.object({ batchNo: z.string().regex(/^\d{6}$/).optional() }).strict(), res: reply<PrintJobView>() },
  'drawer.open': { req: z.object({ supervisor, reason: z.string().min(1).max(100) }).strict(), res: reply<{ ok: true }>() },
  'scanner.status': { req: empty, res: reply<ScannerStatusView | null>() },

  'product.search': { req: sales.ProductSearchSchema, res: reply<sales.ProductView[]>() },
  'product.lookup': { req: z.object({ barcode: sales.barcodeSchema }).strict(), res: reply<sales.ProductView | null>() },
  'product.get': { req: z.object({ productId: sales.idSchema }).strict(), res: reply<sales.ProductView>() },
  'product.categories': { req: empty, res: reply<sales.CategoryView[]>() },
  'product.create': { req: bySession(sales.ProductCreateSchema), res: reply<sales.ProductView>() },
  'product.update': { req: bySession(sales.ProductUpdateSchema), res: reply<sales.ProductView>() },
  'product.importCsv': {
    req: z.object({ contentBase64: z.string().max(200 * 1024 * 1024), encoding: sales.csvEncodingSchema.default('auto') }).strict(),
    res: reply<sales.CsvImportReport>(),
  },
  'product.exportCsv': { req: z.object({ encoding: z.enum(['utf8', 'gbk']).default('utf8') }).strict(), res: reply<{ contentBase64: string }>() },
  'stock.adjust': { req: bySession(sales.StockAdjustSchema), res: reply<sales.ProductView>() },
  'stock.moves': { req: sales.StockMovesQuerySchema, res: reply<sales.StockMoveView[]>() },

  'cart.open': { req: empty, res: reply<sales.CartView>() },
  'cart.get': { req: sales.CartRefSchema, res: reply<sales.CartView>() },
  'cart.addByBarcode': { req: sales.CartAddByBarcodeSchema, res: reply<checkout.CartChange>() },
  'cart.addProduct': { req: sales.CartAddProductSchema, res: reply<checkout.CartChange>() },
  'cart.setQuantity': { req: sales.CartSetQuantitySchema, res: reply<checkout.CartChange>() },
  'cart.removeLine': { req: sales.CartRemoveLineSchema, res: reply<checkout.CartChange>() },
  'cart.overridePrice': { req: bySession(sales.CartOverridePriceSchema).extend({ supervisor }).strict(), res: reply<checkout.CartChange>() },
  'cart.setLineDiscount': { req: bySession(sales.CartLineDiscountSchema).extend({ supervisor: supervisor.optional() }).strict(), res: reply<checkout.CartChange>() },
  'cart.setCartDiscount': { req: bySession(sales.CartDiscountSchema).extend({ supervisor: supervisor.optional() }).strict(), res: reply<checkout.CartChange>() },
  'cart.attachMember': {
    req: z.object({ cartId: sales.idSchema, memberId: sales.idSchema.optional(), phoneOrCard: z.string().trim().min(4).max(32).optional() }).strict(),
    res: reply<checkout.CartChange>(),
  },
  'cart.detachMember': { req: sales.CartRefSchema, res: reply<checkout.CartChange>() },
  'cart.redeemPoints': { req: sales.CartRedeemPointsSchema, res: reply<checkout.CartChange>() },
  'cart.suspend': { req: sales.CartSuspendSchema, res: reply<sales.SuspendedCartView>() },
  'cart.listSuspended': { req: empty, res: reply<sales.SuspendedCartView[]>() },
  'cart.resume': { req: z.object({ cartId: sales.idSchema }).strict(), res: reply<sales.CartView>() },
  'cart.discard': { req: z.object({ cartId: sales.idSchema }).strict(), res: reply<sales.CartView>() },
  'cart.checkout': { req: z.object({ cartId: sales.idSchema }).strict(), res: reply<checkout.CheckoutView>() },
  'cart.pay': {
    req: z.object({ cartId: sales.idSchema, tender: checkout.CheckoutTenderSchema, operatorPassword: password.optional() }).strict(),
    res: reply<checkout.CheckoutView>(),
  },
  'sale.get': { req: sales.SaleRefSchema, res: reply<sales.SaleView>() },
  'sale.byNo': { req: z.object({ saleNo: z.string().regex(/^\d{8,20}$/, 'the number on the receipt / 小票上的单号') }).strict(), res: reply<sales.SaleView>() },
  'sale.refundQuote': { req: sales.RefundQuoteSchema, res: reply<sales.RefundQuoteView>() },
  'sale.void': { req: checkout.SaleVoidSchema.extend({ supervisor }).strict(), res: reply<checkout.SaleReturnView>() },
  'sale.refund': { req: checkout.SaleRefundSchema.extend({ supervisor }).strict(), res: reply<checkout.SaleReturnView>() },

  'member.create': { req: bySession(members.MemberCreateSchema), res: reply<members.MemberView>() },
  'member.find': { req: members.MemberFindSchema, res: reply<members.MemberView[]>() },
  'member.get': { req: z.object({ memberId: members.memberIdSchema }).strict(), res: reply<members.MemberView>() },
  'member.lookup': { req: z.object({ phoneOrCard: z.string().trim().min(4).max(32) }).strict(), res: reply<members.MemberView>() },
  'member.update': { req: bySession(members.MemberUpdateSchema).extend({ supervisor: supervisor.optional() }).strict(), res: reply<members.MemberView>() },
  'member.setPassword': { req: bySession(members.MemberSetPasswordSchema).extend({ supervisor: supervisor.optional() }).strict(), res: reply<{ ok: true }>() },
  'member.recharge': { req: bySession(members.RechargeSchema), res: reply<members.RechargeView>() },
  'member.ledger': { req: members.LedgerQuerySchema, res: reply<members.LedgerEntryView[]>() },

  'report.shift': { req: reports.ShiftReportSchema, res: reply<reports.SalesReport>() },
  'report.dayEnd': { req: reports.DayEndReportSchema, res: reply<reports.SalesReport>() },
  'report.closeDay': { req: bySession(reports.CloseDaySchema), res: reply<unknown>() },
  'report.journal': { req: reports.JournalQuerySchema, res: reply<reports.JournalPage>() },
  'report.reconcile': { req: z.object({ range: reports.ReportRangeSchema }).strict(), res: reply<reports.Reconciliation>() },
  'report.export': {
    req: z.object({ report: z.enum(['shift', 'dayEnd']), format: z.enum(['csv', 'pdf']), encoding: z.enum(['utf8', 'gbk']).optional(), from: z.string().max(40).optional(), to: z.string().max(40).optional(), businessDay: reports.businessDaySchema.optional() }).strict(),
    res: reply<{ fileName: string; contentBase64: string }>(),
  },

  'audit.verify': { req: empty, res: reply<AuditVerification>() },
  'audit.recent': { req: z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict(), res: reply<AuditEntryView[]>() },
} as const;

export const events = {
  'app.status': reply<AppStatus>(),
  'operator.session': reply<OperatorSession>(),
  'terminal.status': reply<TerminalStatus>(),
  'pinpad.state': reply<PinpadStateView>(),
  'payment.progress': reply<PaymentProgress>(),
  'customer.display': reply<CustomerDisplayState>(),
  'printer.status': reply<PrinterStatusView>(),
  'printer.job': reply<{ job: PrintJobView; removed: boolean }>(),
  'scanner.scan': reply<{ code: string }>(),
} as const;

export type Channel = keyof typeof contract;
export type EventName = keyof typeof events;
export type Request<C extends Channel> = z.input<(typeof contract)[C]['req']>;
export type ParsedRequest<C extends Channel> = z.output<(typeof contract)[C]['req']>;
export type Reply<C extends Channel> = (typeof contract)[C]['res'];
export type EventPayload<E extends EventName> = (typeof events)[E];

export type Failure = { ok: false; code: string; message: string };
export type Result<T> = { ok: true; value: T } | Failure;

export const channelNames = Object.keys(contract) as Channel[];
export const eventNames = Object.keys(events) as EventName[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

/** The API the renderer sees as `window.cashdesk` (preload) or through the bridge. */
export interface CashdeskApi {
  invoke<C extends Channel>(channel: C, payload: Request<C>): Promise<Result<Reply<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
