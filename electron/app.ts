// createApp(config): the one composition root (style.md §7). It builds everything in a
// fixed order — store → devices → host link → services — and close() undoes it in
// reverse. No module creates its own singletons.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openStore, type Store } from '../native/store/store.js';
import { createLogger, type Logger } from '../native/log/logger.js';
import { AppEvents } from './appEvents.js';
import { Settings } from '../native/store/settings.js';
import { AuditLog } from './audit/auditLog.js';
import type { AppStatus } from './contract.js';
import type { Handlers } from './dispatch.js';
import { Operators } from './operators/operators.js';
import { HostLink } from './host/link.js';
import type { PinpadDriver, PinpadStateEvent } from '../native/pinpad/driver.js';
import { connectPinpad, type PinpadConnection } from './devices/pinpadConnection.js';
import { seedTraining, startTrainingDevices, type TrainingDevices } from './devices/training.js';
import { Terminal } from './terminal/terminal.js';
import { TERMINAL_DEFAULTS, type TerminalConfig } from './terminal/terminalRepo.js';
import type { CustomerDisplayState, DeviceState, LinkState, PinpadStateView } from './contract.js';

/** How long the cardholder has to sign on the customer display before it counts as timed out. */
export const SIGNATURE_TIMEOUT_S = 90;
import { CashdeskError, toCashdeskError } from '../native/errors.js';
import { PanVault } from '../native/crypto/panVault.js';
import { JournalRepo } from './payments/journalRepo.js';
import { ReversalQueue } from './payments/reversalQueue.js';
import { BankExchange } from './payments/bankExchange.js';
import { Payments } from './payments/payments.js';
import { Settlement } from './payments/settlement.js';
import { Signatures } from './payments/signatures.js';
import { buildESlip } from './payments/eSlip.js';
import { notFound } from './payments/paymentErrors.js';
import { connectPrinter, printerSettings, PRINTER_SETTINGS_KEY, type PrinterConnection } from './devices/printerConnection.js';
import { Receipts } from './receipts/receipts.js';
import { printerDeviceState, scannerDeviceState } from './receipts/deviceStatus.js';
import { createMemberServices } from './members/membersServices.js';
import { createSalesServices, type SalesServices } from './sales/salesServices.js';
import { createReportServices } from './reports/reportsServices.js';
import { shopHandlers } from './shopHandlers.js';
import { Checkout } from './checkout/checkout.js';
import { CheckoutSettingsStore } from './checkout/checkoutSettings.js';
import { ReceiptJobs } from './checkout/receiptJobs.js';
import { createSerialScanner, type SerialScanner } from '../native/scanner/serialScanner.js';
import type { ScanSuffix } from '../native/scanner/scanDecoder.js';

export interface AppConfig {
  /** Folder for the database and logs. */
  dataDir: string;
  /** Training mode (培训): simulated bank host and emulated PIN pad; its own database file. */
  training: boolean;
  /** Overrides the database file (tests, CLI --db). */
  dbPath?: string;
  logger?: Logger;
  /**
   * 'auto' (the app): open the PIN pad and the host link, sign in by itself.
   * 'none' (CLI commands that only read or write the database): touch no device.
   */
  devices?: 'auto' | 'none';
  /** With devices 'auto': sign in by itself at start (the app); the CLI signs in on request. */
  autoSignIn?: boolean;
  /** Tests shorten the QR payment's query interval and window (profile §4.6: 2 s, 60 s). */
  qrTiming?: { intervalMs: number; windowMs: number };
  /** Tests shorten the sign-in back-off (issue 5: 1, 2, 4 … 60 s). */
  signInBackoffMs?: readonly number[];
  /** The clock; tests move it to check lockouts and the idle lock. */
  clock?: () => Date;
  /** Opens the reversal vault from its key file's path (default: that owner-only file; Electron: the OS keychain). */
  openVault?: (keyFile: string) => PanVault;
}

export interface App {
  readonly config: AppConfig;
  readonly store: Store;
  readonly events: AppEvents;
  readonly handlers: Handlers;
  readonly logger: Logger;
  readonly audit: AuditLog;
  readonly settings: Settings;
  readonly operators: Operators;
  readonly terminal: Terminal;
  readonly payments: Payments;
  readonly settlement: Settlement;
  readonly signatures: Signatures;
  readonly reversals: ReversalQueue;
  readonly journal: JournalRepo;
  readonly receipts: Receipts;
  readonly shop: SalesServices;
  readonly checkout: Checkout;
  /** The receipt printer, when one is set up (training: the ESC/POS emulator's line). */
  printer(): PrinterConnection | null;
  /** Training mode only: the simulated host and the emulated pad. */
  readonly training: TrainingDevices | null;
  pinpad(): PinpadDriver | null;
  hostLink(): HostLink | null;
  status(): AppStatus;
  close(): Promise<void>;
}

export function packageVersion(): string {
  const url = new URL('../package.json', import.meta.url);
  const fallback = new URL('../../package.json', import.meta.url);
  for (const u of [url, fallback]) {
    try {
      return (JSON.parse(readFileSync(u, 'utf8')) as { version: string }).version;
    } catch {
      // dist/electron/app.js is one level deeper than electron/app.ts
    }
  }
  return '0.0.0';
}

/** Training and live data never share a file (issue 5: leaving training never mixes them). */
export function defaultDbPath(config: Pick<AppConfig, 'dataDir' | 'training'>): string {
  return resolve(join(config.dataDir, config.training ? 'cashdesk-training.db' : 'cashdesk.db'));
}

export async function createApp(config: AppConfig): Promise<App> {
  const logger = config.logger ?? createLogger({ file: join(config.dataDir, 'logs', 'cashdesk.log') });
  const dbPath = config.dbPath ? resolve(config.dbPath) : defaultDbPath(config);
  const store = openStore(dbPath);
  const events = new AppEvents();
  const now = config.clock ?? (() => new Date());
  const audit = new AuditLog(store.db, now);
  const settings = new Settings(store.db);
  const operators = new Operators({ db: store.db, audit, settings, now, onSessionChange: (s) => events.emit('operator.session', s) });
  const startedAt = new Date().toISOString();
  const version = packageVersion();
  const useDevices = (config.devices ?? 'auto') === 'auto';

  // Devices, then the host link (style.md §7), each rebuilt when the configuration changes.
  let training: TrainingDevices | null = null;
  let padConnection: PinpadConnection | null = null;
  let pad: PinpadDriver | null = null;
  let link: HostLink | null = null;
  let offPadState: (() => void) | undefined;
  let lastPadError: string | null = null;

  const padView = (): PinpadStateView => ({ state: pad ? pad.state : 'absent', message: lastPadError });
  const attachPad = (driver: PinpadDriver | null): void => {
    offPadState?.();
    pad = driver;
    offPadState = driver?.onState((e: PinpadStateEvent) => {
      lastPadError = e.error ? e.error.message : null;
      events.emit('pinpad.state', padView());
      events.emit('app.status', status());
    });
  };
  const openPad = async (c: TerminalConfig): Promise<PinpadDriver | null> => {
    if (training) return training.driver;
    try {
      padConnection = await connectPinpad(c, logger);
      lastPadError = null;
      return padConnection.driver;
    } catch (e) {
      lastPadError = toCashdeskError(e).message;
      throw e;
    }
  };
  const openLink = (c: TerminalConfig): HostLink =>
    new HostLink({ host: c.host, port: c.port, tls: c.tls ? { caFile: c.caFile ?? undefined } : undefined, replyTimeoutMs: c.replyTimeoutMs, logger });

  const terminal = new Terminal({
    db: store.db,
    audit,
    accountId: 'default',
    pinpad: () => pad,
    connectPinpad: async () => {
      const c = terminal.repo.config('default');
      if (!c || !useDevices) return null;
      attachPad(await openPad(c));
      return pad;
    },
    hostLink: () => link,
    logger,
    now,
    alwaysFreshSignIn: config.training,
    backoffMs: config.signInBackoffMs,
    onStatus: (s) => {
      events.emit('terminal.status', s);
      events.emit('app.status', status());
    },
  });

  // Payments (issue 6).
  const openVault = config.openVault ?? ((file: string) => PanVault.open(file));
  const vault = config.dbPath === ':memory:' ? PanVault.ephemeral() : openVault(join(resolve(dbPath, '..'), 'reversal-vault.key'));
  const journal = new JournalRepo(store.db, now);
  const reversals = new ReversalQueue({ db: store.db, journal, terminal, hostLink: () => link, vault, audit, logger, maxAttempts: () => terminal.config()?.reversalRetries ?? 3 });
  const bank = new BankExchange({ db: store.db, journal, reversals, terminal, hostLink: () => link, audit, logger });
  const payments = new Payments({
    db: store.db,
    journal,
    bank,
    reversals,
    terminal,
    pinpad: () => pad,
    hostLink: () => link,
    audit,
    logger,
    now,
    qrIntervalMs: config.qrTiming?.intervalMs,
    qrWindowMs: config.qrTiming?.windowMs,
    onProgress: (p) => {
      events.emit('payment.progress', p);
      if (p.step === 'checking' && p.amount > 0) showCustomer({ mode: 'amount', amount: p.amount, journalId: null, lines: customer.lines });
    },
  });
  const signatures = new Signatures({ db: store.db, journal, terminal, hostLink: () => link, logger, now });
  const settlement = new Settlement({ db: store.db, journal, reversals, terminal, hostLink: () => link, audit, logger, now, failedSignatureUploads: () => signatures.failedUploads() });
  // What the customer-facing display shows (a second window of the same app).
  let customer: CustomerDisplayState = { mode: 'idle', amount: null, journalId: null, lines: [], signatureTimeoutSeconds: null };
  const showCustomer = (next: Omit<CustomerDisplayState, 'signatureTimeoutSeconds'>): CustomerDisplayState => {
    customer = { ...next, signatureTimeoutSeconds: next.mode === 'signature' ? SIGNATURE_TIMEOUT_S : null };
    events.emit('customer.display', customer);
    return customer;
  };
  const requirePrinter = () => {
    if (!printerConn) throw new CashdeskError('NO_PRINTER', '没有设置小票打印机。请在“设置”中选择打印机。', 'No receipt printer is set up. Choose one in Settings.');
    return printerConn.printer;
  };
  const operatorFor = async (password?: string): Promise<string> => (await operators.authorizeTransaction(password)).operatorId;
  const uploadSignaturesSoon = (): void => {
    void signatures.uploadPending().catch((e: unknown) => logger.log('warn', 'signature.upload-error', { error: e as Error }));
  };

  // Receipt printer and serial scanner (issue 9). Failed prints never touch a sale.
  let printerConn: PrinterConnection | null = null;
  let scanner: SerialScanner | null = null;
  const receipts = new Receipts({ printer: () => printerConn?.printer ?? null, audit, logger });
  const receiptJobs = new ReceiptJobs(store.db, now);
  const openPrinter = (): void => {
    printerConn = connectPrinter(printerSettings(settings), config.training, logger);
    printerConn?.printer.onStatus((st) => {
      events.emit('printer.status', st);
      events.emit('app.status', status());
    });
    printerConn?.printer.onJob((job, removed) => {
      // A receipt that reached the printer later (the cashier's retry) is printed for good.
      if (job.kind === 'sale-receipt' && job.state === 'printed' && job.ref) receiptJobs.printedBySaleNo(job.ref);
      events.emit('printer.job', { job, removed });
    });
  };
  const openScanner = (): void => {
    const sc = settings.get<{ path?: string; baudRate?: number; suffix?: ScanSuffix } | null>('scanner', null);
    if (!sc?.path) return;
    scanner = createSerialScanner({ connection: { kind: 'serial', path: sc.path, baudRate: sc.baudRate ?? 9600 }, suffix: sc.suffix ?? 'CR' });
    scanner.onScan((code) => events.emit('scanner.scan', { code }));
  };

  if (useDevices) {
    openPrinter();
    openScanner();
    if (config.training) {
      training = await startTrainingDevices(logger);
      await seedTraining(terminal.repo, operators, training.host.port, now());
      attachPad(training.driver);
    }
    const c = terminal.repo.config('default');
    if (c) link = openLink(c);
  }

  const deviceState = (): DeviceState => {
    if (!pad) return 'absent';
    switch (pad.state) {
      case 'ready':
        return 'ready';
      case 'busy':
      case 'awaiting-card':
      case 'awaiting-pin':
        return 'busy';
      case 'connecting':
        return 'connecting';
      case 'disconnected':
        return 'disconnected';
      case 'closed':
        return 'absent';
    }
  };
  const linkState = (): LinkState => {
    if (!link) return 'disconnected';
    return link.state === 'connected' ? 'connected' : link.state === 'connecting' ? 'connecting' : 'disconnected';
  };

  const status = (): AppStatus => ({
    version,
    dbPath,
    schemaVersion: store.schemaVersion,
    training: config.training,
    startedAt,
    devices: { pinpad: deviceState(), printer: printerDeviceState(printerConn?.printer.status() ?? null), scanner: scannerDeviceState(scanner?.status() ?? null) },
    hostLink: linkState(),
  });

  const reconfigureDevices = async (): Promise<void> => {
    if (!useDevices || training) return;
    await link?.close();
    await padConnection?.close().catch(() => undefined);
    padConnection = null;
    attachPad(null);
    const c = terminal.repo.config('default');
    link = c ? openLink(c) : null;
  };

  // The shop (issue 8): catalogue, carts, sales, members, reports, on the same clock.
  const memberServices = createMemberServices({ db: store.db, audit, settings, now });
  const salesServices = createSalesServices({ db: store.db, audit, members: memberServices.members, clock: memberServices.clock, settings });
  const reportServices = createReportServices({ db: store.db, audit, clock: memberServices.clock });
  const checkout = new Checkout({
    db: store.db,
    shop: salesServices,
    payments,
    journal,
    terminal,
    receipts,
    receiptJobs,
    settings: new CheckoutSettingsStore(settings),
    audit,
    logger,
    now,
    // 电签: the customer display asks the cardholder to sign for an approved card tender.
    onCardApproved: (result) => showCustomer({ mode: 'signature', amount: result.amount, journalId: result.journalId, lines: customer.lines }),
    // A signature still being asked for stays on the display; otherwise thank the customer.
    onCompleted: (sale) => {
      if (customer.mode !== 'signature') showCustomer({ mode: 'thanks', amount: sale.totalFen, journalId: null, lines: [] });
    },
  });

  const handlers: Handlers = {
    ...shopHandlers({
      db: store.db,
      sales: salesServices,
      members: memberServices,
      reports: reportServices,
      operators,
      checkout,
      journal,
      operatorFor,
      currentOperator: () => operators.requireOperator().operatorId,
    }),
    'app.status': () => status(),

    'operator.setupNeeded': () => ({ needed: !operators.isSetUp() }),
    'operator.firstSetup': async (r) => {
      await operators.firstSetup(r);
      return { ok: true as const };
    },
    'operator.signIn': (r) => operators.signIn(r),
    'operator.session': () => operators.session(),
    'operator.signOut': () => operators.signOut('sign-out'),
    'operator.switch': () => operators.signOut('switch'),
    'operator.lock': () => operators.lock(),
    'operator.unlock': (r) => operators.unlock(r.password),
    'operator.authorizeTransaction': (r) => operators.authorizeTransaction(r.password),
    'operator.list': () => operators.list(),
    'operator.add': async (r) => {
      const approval = await operators.approveAsSupervisor(r.supervisor.operatorId, r.supervisor.password, 'operator.add');
      return operators.add({ id: r.id, name: r.name, password: r.password }, approval);
    },
    'operator.unlockOperator': async (r) => {
      const approval = await operators.approveAsSupervisor(r.supervisor.operatorId, r.supervisor.password, 'operator.unlock');
      operators.unlockOperator(r.id, approval);
      return { ok: true as const };
    },
    'operator.policy': () => operators.policy(),
    'operator.setPolicy': async (r) => {
      const { supervisor, ...change } = r;
      const approval = await operators.approveAsSupervisor(supervisor.operatorId, supervisor.password, 'operator.setPolicy');
      return operators.setPolicy(change, approval);
    },
    'terminal.status': () => terminal.status(),
    'terminal.signIn': () => terminal.signIn('manual'),
    'terminal.signOff': async (r) => {
      const approval = await operators.approveAsSupervisor(r.supervisor.operatorId, r.supervisor.password, 'terminal.signOff');
      return terminal.signOff(approval.operatorId);
    },
    'terminal.config': () => terminal.config(),
    'terminal.configure': async (r) => {
      const { supervisor, ...change } = r;
      const approval = await operators.approveAsSupervisor(supervisor.operatorId, supervisor.password, 'terminal.configure');
      const current = terminal.config();
      const next = {
        ...TERMINAL_DEFAULTS,
        accountId: 'default',
        ...current,
        ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)),
      } as TerminalConfig;
      next.tpdu = next.tpdu.toUpperCase();
      next.header = next.header.toUpperCase();
      const keysChange = !current || (['merchantId', 'terminalId', 'host', 'port', 'netCode', 'masterKeySlot', 'tpdu'] as const).some((k) => current[k] !== next[k]);
      store.db.transaction(() => {
        terminal.repo.saveConfig(next, now());
        // Another terminal, host or master key: the stored session and its keys belong to the old one.
        if (keysChange) terminal.repo.clearSession('default', null);
        audit.append({ actor: approval.operatorId, action: 'terminal.configure', outcome: 'ok', detail: { merchantId: next.merchantId, terminalId: next.terminalId, host: `${next.host}:${next.port}` } });
      })();
      await reconfigureDevices();
      return terminal.config()!;
    },
    'device.reset': async () => {
      // Reset never touches a transaction: the operator session ends and the automatic
      // sign-in runs again.
      const operator = operators.signOut('reset');
      terminal.repo.clearSession('default', null);
      void terminal.signIn('reset').catch(() => undefined);
      return { operator, terminal: terminal.status() };
    },
    'pinpad.state': () => padView(),

    // 金额收款: an amount with no cart; never a cart's tender (those go through cart.pay).
    'payment.cardSale': async (r) => {
      const operatorId = await operatorFor(r.operatorPassword);
      const result = await checkout.chargeAmount(r.requestId ?? randomUUID(), (orderRef) => payments.cardSale({ operatorId, amount: r.amount, orderRef }));
      // 电签: the customer display asks the cardholder to sign for an approved card sale.
      if (result.ok && result.needsSignature) showCustomer({ mode: 'signature', amount: result.amount, journalId: result.journalId, lines: customer.lines });
      return result;
    },
    'payment.qrSale': async (r) => {
      const operatorId = await operatorFor(r.operatorPassword);
      return checkout.chargeAmount(r.requestId ?? randomUUID(), (orderRef) => payments.qrSale({ operatorId, amount: r.amount, paymentCode: r.paymentCode, orderRef }));
    },
    'payment.cashSale': async (r) => {
      const operatorId = await operatorFor(r.operatorPassword);
      return checkout.chargeAmount(r.requestId ?? randomUUID(), (orderRef) => payments.cashSale({ operatorId, amount: r.amount, tendered: r.tendered, orderRef }));
    },
    'payment.void': async (r) => {
      const operatorId = operators.requireOperator().operatorId;
      const approval = await operators.approveAsSupervisor(r.supervisor.operatorId, r.supervisor.password, 'payment.void');
      return payments.void({ operatorId, stan: r.stan, approval });
    },
    'payment.refund': async (r) => {
      const operatorId = operators.requireOperator().operatorId;
      const approval = await operators.approveAsSupervisor(r.supervisor.operatorId, r.supervisor.password, 'payment.refund');
      return payments.refund({ operatorId, rrn: r.rrn, amount: r.amount, date: r.date, approval });
    },
    'payment.balance': async (r) => payments.balance({ operatorId: await operatorFor(r.operatorPassword) }),
    'payment.cancel': async () => {
      await pad?.cancel();
      return { ok: true as const };
    },
    'payment.signature': async (r) => {
      operators.requireOperator();
      const rec = signatures.submit(r.journalId, { status: r.status, strokes: r.strokes });
      if (customer.journalId === r.journalId) showCustomer({ mode: 'thanks', amount: customer.amount, journalId: null, lines: [] });
      uploadSignaturesSoon();
      // The merchant copy of the e-slip prints once the cardholder signed (or did not):
      // main does it, so a reload of the page never loses or doubles it.
      const row = journal.get(r.journalId);
      if (row && printerConn) {
        void receipts.printESlip(buildESlip(row, terminal.config(), signatures.get(r.journalId)), {}).catch((e: unknown) => logger.log('warn', 'eslip.not-printed', { journalId: r.journalId, code: toCashdeskError(e).code }));
      }
      return rec;
    },
    'payment.eSlip': (r) => {
      const row = journal.get(r.journalId);
      if (!row) throw notFound(`#${r.journalId}`);
      return buildESlip(row, terminal.config(), signatures.get(r.journalId));
    },
    'payment.journal': (r) => journal.query({ ...r, maskedPanLast4: r.cardLast4 }),
    'payment.reversals': () => reversals.list(),
    'payment.settle': async (r) => {
      const operatorId = await operatorFor(r.operatorPassword);
      await signatures.uploadPending().catch(() => undefined);
      // In the payments queue: never while a sale's outcome is still open (its reversal
      // record would otherwise be sent as a leftover, and the sale missed from the totals).
      return payments.serial(() => settlement.settle(operatorId));
    },
    'payment.settlements': () => settlement.history(),
    'customer.show': (r) => showCustomer({ mode: r.mode, amount: r.amount ?? null, journalId: r.journalId ?? null, lines: r.lines ?? [] }),
    'customer.state': () => customer,
    'diagnostics.hostFrames': () => (link ? link.trace.entries().slice(-100).map((e) => ({ ...e, fields: e.fields as Record<string, string> | undefined })) : []),
    'training.drill': async (r) => {
      if (!training) {
        throw new CashdeskError('NOT_TRAINING', '只有培训模式可以做故障演练。', 'Drills are only available in training mode.');
      }
      switch (r.action) {
        case 'host-down':
          await training.hostDown();
          break;
        case 'host-up':
          await training.hostUp();
          break;
        case 'pad-unplug':
          training.padUnplug();
          break;
        case 'pad-replug':
          training.padReplug();
          break;
      }
      audit.append({ actor: 'training', action: `training.${r.action}`, outcome: 'ok' });
      return { ok: true as const };
    },
    'printer.status': () => printerConn?.printer.status() ?? null,
    'printer.settings': () => printerSettings(settings),
    'printer.configure': async (r) => {
      const { supervisor, ...rest } = r;
      const approval = await operators.approveAsSupervisor(supervisor.operatorId, supervisor.password, 'printer.configure');
      const next = { host: null, port: null, path: null, baudRate: null, ...rest };
      store.db.transaction(() => {
        settings.set(PRINTER_SETTINGS_KEY, next);
        audit.append({ actor: approval.operatorId, action: 'printer.configure', outcome: 'ok', detail: { kind: next.kind, paperWidth: next.paperWidth } });
      })();
      if (useDevices) {
        await printerConn?.close().catch(() => undefined);
        openPrinter();
      }
      return printerSettings(settings);
    },
    'printer.jobs': () => printerConn?.printer.jobs() ?? [],
    'printer.retry': (r) => requirePrinter().retry(r.jobId),
    'printer.dismiss': (r) => {
      requirePrinter().dismiss(r.jobId);
      return { ok: true as const };
    },
    'printer.testPage': () => receipts.printTestPage(printerSettings(settings).paperWidth, now().toISOString()),
    'receipt.printESlip': (r) => {
      const row = journal.get(r.journalId);
      if (!row) throw notFound(`#${r.journalId}`);
      return receipts.printESlip(buildESlip(row, terminal.config(), signatures.get(r.journalId)), { copies: r.copies, reprint: r.reprint });
    },
    'receipt.printSale': (r) => {
      // The shop's receipt (购物小票): printed when the sale completes; this prints it again
      // (marked REPRINT when asked). The drawer opened with the sale, never here.
      const sale = salesServices.sales.get(r.saleId);
      return receipts.printSaleReceipt(sale, { name: terminal.config()?.merchantName ?? '' }, { reprint: r.reprint, kickDrawer: false });
    },
    'receipt.printSettlement': (r) => {
      const report = settlement.history(100).find((h) => (r.batchNo ? h.batch === r.batchNo : true));
      if (!report) throw notFound(r.batchNo ? `批次/batch ${r.batchNo}` : '结算记录/settlement');
      const c = terminal.config();
      return receipts.printSettlement(report, { merchantName: c?.merchantName ?? '', merchantId: c?.merchantId ?? '', terminalId: c?.terminalId ?? '', operatorId: operators.session().operatorId, reprint: Boolean(r.batchNo) });
    },
    'drawer.open': async (r) => {
      const approval = await operators.approveAsSupervisor(r.supervisor.operatorId, r.supervisor.password, 'drawer.open');
      await receipts.openDrawer(approval, { reason: r.reason, cashierId: operators.session().operatorId });
      return { ok: true as const };
    },
    'scanner.status': () => scanner?.status() ?? null,
    'audit.verify': () => audit.verify(),
    'audit.recent': (r) => audit.recent(r.limit ?? 100),
  };

  logger.log('info', 'app.started', { version, dbPath, training: config.training });
  if (useDevices && (config.autoSignIn ?? true)) void terminal.start();
  // Receipts a printer fault or a restart left unprinted go out now, oldest first.
  if (useDevices && printerConn) void checkout.printPendingReceipts().catch((e: unknown) => logger.log('warn', 'receipt.pending-failed', { error: e as Error }));

  let closed = false;
  return {
    config,
    store,
    events,
    handlers,
    logger,
    audit,
    settings,
    operators,
    terminal,
    payments,
    settlement,
    signatures,
    reversals,
    journal,
    receipts,
    shop: salesServices,
    checkout,
    printer: () => printerConn,
    training,
    pinpad: () => pad,
    hostLink: () => link,
    status,
    async close() {
      if (closed) return;
      closed = true;
      terminal.close();
      offPadState?.();
      await link?.close().catch(() => undefined);
      await padConnection?.close().catch(() => undefined);
      await training?.close().catch(() => undefined);
      await scanner?.close().catch(() => undefined);
      await printerConn?.close().catch(() => undefined);
      store.close();
      logger.log('info', 'app.closed');
    },
  };
}
