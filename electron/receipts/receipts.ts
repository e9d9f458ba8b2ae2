// Printing receipts and opening the cash drawer (issue 9). The drawer opens by itself
// only for cash; otherwise only a supervisor opens it, and that is audited. Printing
// never stands between the cashier and the sale: the sale is in the journal before
// anything is printed, and a failed print is a failed job the cashier can retry.
import type { ESlip, SettlementReport } from '../contract.js';
import { CashdeskError } from '../../native/errors.js';
import { silentLogger, type Logger } from '../../native/log/logger.js';
import type { PrinterMessage, PrintJobView, ReceiptPrinter } from '../../native/printer/receiptPrinter.js';
import { eSlipDocument, settlementReportDocument, type SettlementHeader, type SlipCopy } from './slipLayout.js';
import { saleReceiptDocument, testPageDocument, type SaleReceiptInput, type ShopHeader } from './saleReceipt.js';

/** What Receipts needs of the printer (a ReceiptPrinter, or a fake in tests). */
export type ReceiptPrinterPort = Pick<ReceiptPrinter, 'print' | 'kickDrawer' | 'name'>;

/** What Receipts needs of the audit log (electron/audit/auditLog.ts AuditLog.append). */
export interface AuditSink {
  append(entry: { actor: string; action: string; target?: string | null; outcome: 'ok' | 'denied' | 'failed'; detail?: Record<string, unknown> | null }): unknown;
}

/** Proof a supervisor entered their password (Operators.approveAsSupervisor makes it). */
export interface DrawerApproval {
  readonly operatorId: string;
}

export class ReceiptError extends CashdeskError {}

export const noPrinterError = (): ReceiptError =>
  new ReceiptError(
    'PRINTER_NOT_CONFIGURED',
    '未设置小票打印机，小票未打印。交易已保存；请在“设置 → 设备”中选择打印机后，从交易流水补打。',
    'No receipt printer is set up, so nothing was printed. The sale is saved; choose a printer under Settings → Devices, then reprint from the journal.',
  );

/** Tender kinds that put cash in the drawer (sales' 'cash', payments' 'cash'). */
const CASH_TENDERS = new Set(['cash']);

/**
 * The drawer kicks only when cash changes hands (issue 9): a sale paid by card, QR or
 * stored value never opens it; a split sale with any cash part does.
 */
export function shouldKickDrawer(tenders: string | ReadonlyArray<string | { kind: string }>): boolean {
  const list = typeof tenders === 'string' ? [tenders] : tenders;
  return list.some((t) => CASH_TENDERS.has(typeof t === 'string' ? t : t.kind));
}

/** Journal states a slip is printed for: the bank approved it (a voided sale's slip can still be reprinted). */
const PRINTABLE_STATUS = new Set<ESlip['status']>(['approved', 'voided']);

export interface ESlipPrintOptions {
  /** Default: the merchant copy only (the cardholder signed electronically; 电签 terminals print one). */
  copies?: readonly SlipCopy[];
  /** A later reprint: marked REPRINT and never opens the drawer. */
  reprint?: boolean;
  /** The sale's tenders, for the drawer (default: the slip's own tender). */
  tenders?: string | ReadonlyArray<string | { kind: string }>;
  qr?: string | null;
}

export interface ReceiptPrintResult {
  jobs: PrintJobView[];
  drawer: 'kicked' | 'not-needed' | 'failed';
  drawerError: PrinterMessage | null;
  /** Every job printed. When false, `jobs` says why and each failed job can be retried. */
  printed: boolean;
}

export interface ReceiptsDeps {
  /** The configured printer, or null when none is set up (the app may swap it at run time). */
  printer: () => ReceiptPrinterPort | null;
  audit: AuditSink;
  logger?: Logger;
  utcOffsetMinutes?: number;
}

export class Receipts {
  private readonly log: Logger;

  constructor(private readonly deps: ReceiptsDeps) {
    this.log = (deps.logger ?? silentLogger).child('receipts');
  }

  private printer(): ReceiptPrinterPort {
    const p = this.deps.printer();
    if (!p) throw noPrinterError();
    return p;
  }

  /**
   * Prints an e-slip; for a cash tender the drawer opens first, so the cashier gives change
   * while the slip prints. Resolves with the jobs whether they printed or not.
   */
  async printESlip(slip: ESlip, options: ESlipPrintOptions = {}): Promise<ReceiptPrintResult> {
    if (!PRINTABLE_STATUS.has(slip.status)) {
      throw new ReceiptError(
        'ESLIP_NOT_PRINTABLE',
        `该笔交易（流水号 ${slip.journalId}）未成功，没有签购单可打印。`,
        `Transaction ${slip.journalId} did not go through, so there is no slip to print.`,
      );
    }
    const printer = this.printer();
    const { drawer, drawerError } = options.reprint ? { drawer: 'not-needed' as const, drawerError: null } : await this.kickFor(printer, options.tenders ?? slip.tender, `journal ${slip.journalId}`);
    const jobs: PrintJobView[] = [];
    for (const copy of options.copies ?? ['merchant']) {
      const doc = eSlipDocument(slip, { copy, reprint: options.reprint, qr: options.qr, utcOffsetMinutes: this.deps.utcOffsetMinutes });
      jobs.push(await printer.print(doc, { kind: 'e-slip', ref: String(slip.journalId) }));
    }
    return { jobs, drawer, drawerError, printed: jobs.every((j) => j.state === 'printed') };
  }

  /**
   * The shop's receipt for a completed sale; the drawer opens first when any tender is
   * cash (a card-and-cash split opens it here, so do not pass tenders to printESlip as well).
   */
  async printSaleReceipt(sale: SaleReceiptInput, shop: ShopHeader, options: { reprint?: boolean; qr?: string | null; kickDrawer?: boolean } = {}): Promise<ReceiptPrintResult> {
    const printer = this.printer();
    // A reprint, or a retry after the drawer already opened, never opens it again.
    const { drawer, drawerError } = options.reprint || options.kickDrawer === false ? { drawer: 'not-needed' as const, drawerError: null } : await this.kickFor(printer, sale.tenders, `sale ${sale.saleNo}`);
    const job = await printer.print(saleReceiptDocument(sale, shop, options), { kind: 'sale-receipt', ref: sale.saleNo });
    return { jobs: [job], drawer, drawerError, printed: job.state === 'printed' };
  }

  /** The setup wizard's and diagnostics' test page. */
  async printTestPage(paperWidth: 58 | 80, at: string): Promise<PrintJobView> {
    const printer = this.printer();
    return printer.print(testPageDocument({ printerName: printer.name, paperWidth, at }), { kind: 'test' });
  }

  private async kickFor(printer: ReceiptPrinterPort, tenders: string | ReadonlyArray<string | { kind: string }>, what: string): Promise<Pick<ReceiptPrintResult, 'drawer' | 'drawerError'>> {
    if (!shouldKickDrawer(tenders)) return { drawer: 'not-needed', drawerError: null };
    try {
      await printer.kickDrawer();
      return { drawer: 'kicked', drawerError: null };
    } catch (e) {
      const err = e instanceof CashdeskError ? e : null;
      const drawerError = err ? { code: err.code, zh: err.zh, en: err.en } : { code: 'INTERNAL', zh: String(e), en: String(e) };
      this.log.log('warn', 'drawer-kick-failed', { for: what, code: drawerError.code });
      return { drawer: 'failed', drawerError };
    }
  }

  async printSettlement(report: SettlementReport, header: SettlementHeader): Promise<PrintJobView> {
    const doc = settlementReportDocument(report, { utcOffsetMinutes: this.deps.utcOffsetMinutes, ...header });
    return this.printer().print(doc, { kind: 'settlement', ref: report.batch });
  }

  /**
   * A supervisor opens the drawer without a sale (change for the float, a jammed note).
   * Audited whether it opens or not; the entry names the supervisor and the reason.
   */
  async openDrawer(approval: DrawerApproval | undefined, input: { reason: string; cashierId?: string | null }): Promise<void> {
    const detail = { reason: input.reason, cashier: input.cashierId ?? null };
    if (!approval?.operatorId) {
      this.deps.audit.append({ actor: input.cashierId ?? 'unknown', action: 'drawer.open', outcome: 'denied', detail });
      throw new ReceiptError('DRAWER_NEEDS_SUPERVISOR', '开钱箱需要主管授权，请主管输入密码。', 'Opening the drawer needs a supervisor: the supervisor enters their password.');
    }
    let printer: ReceiptPrinterPort;
    try {
      printer = this.printer();
      await printer.kickDrawer();
    } catch (e) {
      const code = e instanceof CashdeskError ? e.code : 'INTERNAL';
      this.deps.audit.append({ actor: approval.operatorId, action: 'drawer.open', target: this.deps.printer()?.name ?? null, outcome: 'failed', detail: { ...detail, code } });
      throw e;
    }
    this.deps.audit.append({ actor: approval.operatorId, action: 'drawer.open', target: printer.name, outcome: 'ok', detail });
    this.log.log('info', 'drawer-opened', { supervisor: approval.operatorId });
  }
}
