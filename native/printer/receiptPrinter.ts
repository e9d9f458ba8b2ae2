// The receipt printer (小票打印机, issue 9): a queue of print jobs over one line (serial or
// TCP 9100), the printer's status from DLE EOT where it answers, and the cash drawer
// wired to the printer's drawer port. A job that fails keeps its document and its error
// and waits for retry(): a failed print never loses a sale, and there is no print dialog.
import { ListenerSet, type ByteTransport } from '../serial/byteTransport.js';
import { createHotplugTransport } from '../serial/hotplugTransport.js';
import type { CashdeskError } from '../errors.js';
import { silentLogger, type Logger } from '../log/logger.js';
import { escpos, renderEscPos } from './escpos.js';
import { PrinterError } from './errors.js';
import type { PaperWidth, PrintDocument } from './printDocument.js';
import { isStatusByte, parseOfflineCause, parsePaperSensor, parsePrinterStatus } from './printerStatus.js';
import { createTcpTransport, RAW_PRINT_PORT } from './tcpTransport.js';

/** How long a job waits for a line that is reconnecting before it fails as disconnected. */
export const PRINTER_CONNECT_TIMEOUT_MS = 3_000;
/** How long a real-time status query (DLE EOT) waits for its one-byte answer. */
export const PRINTER_STATUS_TIMEOUT_MS = 1_000;
/**
 * The status check after a job waits this much longer per byte sent: a printer reads a
 * real-time command only once the bytes before it are in, and at 9600 baud a byte takes
 * about 1 ms on the wire.
 */
export const PRINTER_MS_PER_BYTE = 1;
/** How often an idle printer is asked its status, so paper-out shows before the next sale. */
export const PRINTER_STATUS_POLL_MS = 15_000;
/** Failed jobs kept for retry; past this the oldest is dropped (its sale is still in the journal). */
export const MAX_FAILED_JOBS = 50;
/** Printed jobs kept in the list for the cashier to see. */
export const MAX_PRINTED_JOBS = 20;

export type PrinterState = 'connecting' | 'ready' | 'printing' | 'offline' | 'paper-out' | 'cover-open' | 'fault' | 'no-answer' | 'disconnected' | 'closed';

export interface PrinterMessage {
  code: string;
  zh: string;
  en: string;
}

export interface PrinterStatus {
  state: PrinterState;
  /** The line: `tcp:192.168.1.50:9100`, `/dev/ttyUSB0`. */
  name: string;
  paperWidth: PaperWidth;
  paperNearEnd: boolean;
  /** null: not asked yet; false: the printer never answered DLE EOT, so it is printed to blind. */
  answersStatus: boolean | null;
  queued: number;
  failed: number;
  /** Why the printer is not ready, in words. */
  message: PrinterMessage | null;
  checkedAt: string | null;
}

export type JobState = 'queued' | 'printing' | 'printed' | 'failed';

export interface PrintJobView {
  id: string;
  /** What is printed: 'e-slip', 'settlement', 'receipt', 'test' … */
  kind: string;
  title: string;
  /** What the job is for, to find it again (a journal id). Never card data. */
  ref: string | null;
  state: JobState;
  attempts: number;
  createdAt: string;
  finishedAt: string | null;
  error: PrinterMessage | null;
}

export type PrinterConnection =
  | { kind: 'tcp'; host: string; port?: number }
  | { kind: 'serial'; path: string; baudRate?: number }
  | { kind: 'transport'; transport: ByteTransport };

export interface PrinterTimeouts {
  connectMs: number;
  statusMs: number;
  msPerByte: number;
}

export interface ReceiptPrinterOptions {
  connection: PrinterConnection;
  paperWidth: PaperWidth;
  /**
   * 'if-answered' (default): ask DLE EOT; a printer that has never answered is printed to
   * blind (some serial printers have no return line), one that answered before and stops
   * answering is reported. 'required': no answer is always a failure. 'off': never ask.
   */
  statusQueries?: 'if-answered' | 'required' | 'off';
  timeouts?: Partial<PrinterTimeouts>;
  /** Idle status poll; 0 turns it off. */
  pollMs?: number;
  logger?: Logger;
  now?: () => Date;
}

export interface PrintOptions {
  kind?: string;
  ref?: string | null;
}

export interface ReceiptPrinter {
  readonly name: string;
  status(): PrinterStatus;
  onStatus(listener: (status: PrinterStatus) => void): () => void;
  /** Every change of a job (queued, printing, printed, failed, dismissed as `null`). */
  onJob(listener: (job: PrintJobView, removed: boolean) => void): () => void;
  /** Queues the document; resolves when it printed or failed. Never rejects: a failure is in the job. */
  print(document: PrintDocument, options?: PrintOptions): Promise<PrintJobView>;
  jobs(): PrintJobView[];
  /** The document a job prints (for a preview); undefined once the job is gone. */
  documentOf(jobId: string): PrintDocument | undefined;
  /** Puts a failed job back in the queue; resolves as print() does. */
  retry(jobId: string): Promise<PrintJobView>;
  /** Forgets a failed job (the cashier decided not to print it). */
  dismiss(jobId: string): void;
  /** Pulses the drawer port. Rejects with a PrinterError when the printer cannot. Not a job: never retried later. */
  kickDrawer(): Promise<void>;
  /** Asks the printer now (between jobs). */
  checkStatus(): Promise<PrinterStatus>;
  close(): Promise<void>;
}

interface Job {
  view: PrintJobView;
  document: PrintDocument;
  waiters: Array<(v: PrintJobView) => void>;
}

interface LineExtras {
  whenOpen?: () => Promise<void>;
  drop?: () => void;
}

/** A condition the printer reported, or the line being gone. */
type Check = { ok: true } | { ok: false; error: PrinterError; state: PrinterState };

export function createReceiptPrinter(options: ReceiptPrinterOptions): ReceiptPrinter {
  return new EscPosPrinter(options);
}

function openLine(c: PrinterConnection, logger: Logger): ByteTransport & LineExtras {
  switch (c.kind) {
    case 'tcp':
      return createTcpTransport({ host: c.host, port: c.port ?? RAW_PRINT_PORT, logger });
    case 'serial':
      return createHotplugTransport({ path: c.path, baudRate: c.baudRate ?? 9600, format: '8N1', logger });
    case 'transport':
      return c.transport;
  }
}

function messageOf(e: CashdeskError): PrinterMessage {
  return { code: e.code, zh: e.zh, en: e.en };
}

class EscPosPrinter implements ReceiptPrinter {
  readonly name: string;
  private readonly line: ByteTransport & LineExtras;
  private readonly log: Logger;
  private readonly t: PrinterTimeouts;
  private readonly now: () => Date;
  private readonly statusListeners = new ListenerSet<[PrinterStatus]>();
  private readonly jobListeners = new ListenerSet<[PrintJobView, boolean]>();
  private readonly jobList: Job[] = [];
  private readonly detach: Array<() => void> = [];
  /** One thing at a time on the line: jobs, drawer kicks and status polls run in this chain. */
  private chain: Promise<void> = Promise.resolve();
  private seq = 0;
  private closed = false;
  private st: PrinterStatus;
  private statusWaiter: { resolve: (b: number) => void; reject: (e: Error) => void } | undefined;
  private pollTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: ReceiptPrinterOptions) {
    this.log = (options.logger ?? silentLogger).child('printer');
    this.line = openLine(options.connection, this.log);
    this.name = this.line.name;
    this.t = { connectMs: PRINTER_CONNECT_TIMEOUT_MS, statusMs: PRINTER_STATUS_TIMEOUT_MS, msPerByte: PRINTER_MS_PER_BYTE, ...options.timeouts };
    this.now = options.now ?? (() => new Date());
    this.st = {
      state: this.line.isOpen ? 'ready' : 'connecting',
      name: this.name,
      paperWidth: options.paperWidth,
      paperNearEnd: false,
      answersStatus: options.statusQueries === 'off' ? false : null,
      queued: 0,
      failed: 0,
      message: null,
      checkedAt: null,
    };
    this.detach.push(
      this.line.onData((chunk) => this.onBytes(chunk)),
      this.line.onState((s) => {
        if (this.closed) return;
        if (s === 'open') {
          this.setState('ready', null);
          void this.checkStatus().catch(() => undefined);
        } else {
          this.statusWaiter?.reject(new PrinterError('PRINTER_INTERRUPTED', { name: this.name }));
          this.setState('disconnected', messageOf(new PrinterError('PRINTER_DISCONNECTED', { name: this.name })));
        }
      }),
    );
    const pollMs = options.pollMs ?? PRINTER_STATUS_POLL_MS;
    if (pollMs > 0 && options.statusQueries !== 'off') {
      this.pollTimer = setInterval(() => {
        if (this.line.isOpen && this.st.queued === 0) void this.checkStatus().catch(() => undefined);
      }, pollMs);
      this.pollTimer.unref();
    }
  }

  // ---- status ------------------------------------------------------------------------

  status(): PrinterStatus {
    return { ...this.st };
  }

  onStatus(listener: (status: PrinterStatus) => void): () => void {
    return this.statusListeners.add(listener);
  }

  onJob(listener: (job: PrintJobView, removed: boolean) => void): () => void {
    return this.jobListeners.add(listener);
  }

  private setState(state: PrinterState, message: PrinterMessage | null, extra: Partial<PrinterStatus> = {}): void {
    const next: PrinterStatus = { ...this.st, ...extra, state, message, ...this.counts() };
    const changed = JSON.stringify({ ...next, checkedAt: null }) !== JSON.stringify({ ...this.st, checkedAt: null });
    this.st = next;
    if (changed) {
      if (state !== 'printing') this.log.log(state === 'ready' ? 'info' : 'warn', 'status', { state, code: message?.code });
      this.statusListeners.emit(this.status());
    }
  }

  private counts(): { queued: number; failed: number } {
    let queued = 0;
    let failed = 0;
    for (const j of this.jobList) {
      if (j.view.state === 'queued' || j.view.state === 'printing') queued++;
      else if (j.view.state === 'failed') failed++;
    }
    return { queued, failed };
  }

  private onBytes(chunk: Buffer): void {
    // Only a byte shaped like a status answer settles a query; anything else (automatic
    // status back, noise on a serial line) is not an answer to what we asked.
    for (const b of chunk) {
      if (this.statusWaiter && isStatusByte(b)) {
        const w = this.statusWaiter;
        this.statusWaiter = undefined;
        w.resolve(b);
      }
    }
  }

  /** One DLE EOT n round trip; undefined when nothing answered in time. */
  private async ask(n: 1 | 2 | 4, timeoutMs: number): Promise<number | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const answer = new Promise<number | undefined>((resolve, reject) => {
      this.statusWaiter = { resolve, reject };
      timer = setTimeout(() => {
        this.statusWaiter = undefined;
        resolve(undefined);
      }, timeoutMs);
    });
    try {
      await this.line.write(escpos.statusQuery(n));
      return await answer;
    } finally {
      clearTimeout(timer);
      this.statusWaiter = undefined;
    }
  }

  /** Asks the printer how it is; `timeoutMs` for the first answer (after a job, the job's bytes come first). */
  private async query(firstTimeoutMs: number): Promise<Check> {
    if (this.options.statusQueries === 'off') return { ok: true };
    const s1 = await this.ask(1, firstTimeoutMs);
    const checkedAt = this.now().toISOString();
    if (s1 === undefined) {
      if (this.st.answersStatus === true || this.options.statusQueries === 'required') {
        // A socket to a printer switched off without a goodbye takes writes and never answers.
        this.line.drop?.();
        return { ok: false, state: 'no-answer', error: new PrinterError('PRINTER_NO_ANSWER', { name: this.name, timeout: firstTimeoutMs }) };
      }
      if (this.st.answersStatus === null) this.log.log('info', 'no-status-replies', { printer: this.name });
      this.st = { ...this.st, answersStatus: false, checkedAt };
      return { ok: true };
    }
    this.st = { ...this.st, answersStatus: true, checkedAt };
    const paper = await this.ask(4, this.t.statusMs);
    const sensor = paper === undefined ? { nearEnd: false, paperEnd: false } : parsePaperSensor(paper);
    this.st = { ...this.st, paperNearEnd: sensor.nearEnd };
    if (parsePrinterStatus(s1).offline) {
      const s2 = await this.ask(2, this.t.statusMs);
      const cause = s2 === undefined ? undefined : parseOfflineCause(s2);
      if (cause?.paperEndStop || sensor.paperEnd) return { ok: false, state: 'paper-out', error: new PrinterError('PRINTER_PAPER_OUT', { name: this.name }) };
      if (cause?.coverOpen) return { ok: false, state: 'cover-open', error: new PrinterError('PRINTER_COVER_OPEN', { name: this.name }) };
      if (cause?.error) return { ok: false, state: 'fault', error: new PrinterError('PRINTER_FAULT', { name: this.name }) };
      return { ok: false, state: 'offline', error: new PrinterError('PRINTER_OFFLINE', { name: this.name }) };
    }
    if (sensor.paperEnd) return { ok: false, state: 'paper-out', error: new PrinterError('PRINTER_PAPER_OUT', { name: this.name }) };
    return { ok: true };
  }

  checkStatus(): Promise<PrinterStatus> {
    return this.exclusive(async () => {
      if (!this.line.isOpen) return;
      try {
        const c = await this.query(this.t.statusMs);
        if (c.ok) this.setState('ready', null);
        else this.setState(c.state, messageOf(c.error));
      } catch (e) {
        this.failState(e);
      }
    }).then(() => this.status());
  }

  private failState(e: unknown): void {
    const err = e instanceof PrinterError ? e : new PrinterError(this.line.isOpen ? 'PRINTER_INTERRUPTED' : 'PRINTER_DISCONNECTED', { name: this.name }, { cause: e });
    const state: PrinterState = err.printerCode === 'PRINTER_INTERRUPTED' || err.printerCode === 'PRINTER_DISCONNECTED' ? (this.line.isOpen ? 'ready' : 'disconnected') : 'offline';
    this.setState(state, state === 'ready' ? null : messageOf(err));
  }

  // ---- the queue ---------------------------------------------------------------------

  private exclusive(fn: () => Promise<void>): Promise<void> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async whenLineOpen(): Promise<void> {
    if (this.line.isOpen) return;
    let timer: NodeJS.Timeout | undefined;
    let off: (() => void) | undefined;
    const opened = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), this.t.connectMs);
      off = this.line.onState((s) => {
        if (s === 'open') resolve(true);
      });
    });
    try {
      if (!(await opened) && !this.line.isOpen) throw new PrinterError('PRINTER_DISCONNECTED', { name: this.name });
    } finally {
      clearTimeout(timer);
      off?.();
    }
  }

  print(document: PrintDocument, options: PrintOptions = {}): Promise<PrintJobView> {
    const job: Job = {
      view: {
        id: `job-${++this.seq}`,
        kind: options.kind ?? 'receipt',
        title: document.title,
        ref: options.ref ?? null,
        state: 'queued',
        attempts: 0,
        createdAt: this.now().toISOString(),
        finishedAt: null,
        error: null,
      },
      document,
      waiters: [],
    };
    this.jobList.push(job);
    this.log.log('info', 'job-queued', { job: job.view.id, kind: job.view.kind, title: job.view.title });
    return this.enqueue(job);
  }

  private enqueue(job: Job): Promise<PrintJobView> {
    const done = new Promise<PrintJobView>((resolve) => job.waiters.push(resolve));
    this.jobChanged(job);
    void this.exclusive(() => this.run(job));
    return done;
  }

  private jobChanged(job: Job, removed = false): void {
    this.st = { ...this.st, ...this.counts() };
    this.jobListeners.emit({ ...job.view }, removed);
    this.statusListeners.emit(this.status());
  }

  private finish(job: Job, state: 'printed' | 'failed', error: CashdeskError | null): void {
    job.view = { ...job.view, state, error: error ? messageOf(error) : null, finishedAt: this.now().toISOString() };
    this.log.log(state === 'printed' ? 'info' : 'warn', state === 'printed' ? 'job-printed' : 'job-failed', { job: job.view.id, attempts: job.view.attempts, code: error?.code });
    this.prune();
    this.jobChanged(job);
    for (const w of job.waiters.splice(0)) w({ ...job.view });
  }

  private prune(): void {
    const drop = (state: JobState, keep: number): void => {
      const of = this.jobList.filter((j) => j.view.state === state);
      for (const j of of.slice(0, Math.max(0, of.length - keep))) {
        this.jobList.splice(this.jobList.indexOf(j), 1);
        if (state === 'failed') this.log.log('warn', 'failed-job-dropped', { job: j.view.id, title: j.view.title, ref: j.view.ref });
        this.jobListeners.emit({ ...j.view }, true);
      }
    };
    drop('printed', MAX_PRINTED_JOBS);
    drop('failed', MAX_FAILED_JOBS);
  }

  private async run(job: Job): Promise<void> {
    if (this.closed) {
      this.finish(job, 'failed', new PrinterError('PRINTER_CLOSED'));
      return;
    }
    job.view = { ...job.view, state: 'printing', attempts: job.view.attempts + 1, error: null };
    this.jobChanged(job);
    let sent = false;
    try {
      await this.whenLineOpen();
      const before = await this.query(this.t.statusMs);
      // Nothing is sent to a printer that is out of paper or open: it would keep the
      // bytes and print them when the paper is back, and the retry would print it twice.
      if (!before.ok) {
        this.setState(before.state, messageOf(before.error));
        this.finish(job, 'failed', before.error);
        return;
      }
      this.setState('printing', null);
      const bytes = renderEscPos(job.document, this.options.paperWidth);
      sent = true;
      await this.line.write(bytes);
      // A printer that did not answer just now will not answer after the job either:
      // asking again would only add the timeout to every receipt.
      const after: Check = this.st.answersStatus === false ? { ok: true } : await this.query(this.t.statusMs + bytes.length * this.t.msPerByte);
      if (!after.ok) {
        this.setState(after.state, messageOf(after.error));
        this.finish(job, 'failed', after.error);
        return;
      }
      this.setState('ready', null);
      this.finish(job, 'printed', null);
    } catch (e) {
      // The line going away before any of the receipt was sent is "not connected"; after, "interrupted".
      const err =
        e instanceof PrinterError && !(e.printerCode === 'PRINTER_INTERRUPTED' && !sent)
          ? e
          : new PrinterError(sent ? 'PRINTER_INTERRUPTED' : 'PRINTER_DISCONNECTED', { name: this.name }, { cause: e });
      const state: PrinterState = this.line.isOpen ? 'ready' : 'disconnected';
      this.setState(state, state === 'ready' ? null : messageOf(new PrinterError('PRINTER_DISCONNECTED', { name: this.name })));
      this.finish(job, 'failed', err);
    }
  }

  jobs(): PrintJobView[] {
    return this.jobList.map((j) => ({ ...j.view }));
  }

  documentOf(jobId: string): PrintDocument | undefined {
    return this.jobList.find((j) => j.view.id === jobId)?.document;
  }

  private find(jobId: string): Job {
    const job = this.jobList.find((j) => j.view.id === jobId);
    if (!job) throw new PrinterError('PRINT_JOB_UNKNOWN');
    return job;
  }

  retry(jobId: string): Promise<PrintJobView> {
    let job: Job;
    try {
      job = this.find(jobId);
      if (job.view.state !== 'failed') throw new PrinterError('PRINT_JOB_NOT_FAILED');
    } catch (e) {
      return Promise.reject(e);
    }
    job.view = { ...job.view, state: 'queued', finishedAt: null };
    this.log.log('info', 'job-retry', { job: job.view.id, attempts: job.view.attempts });
    return this.enqueue(job);
  }

  dismiss(jobId: string): void {
    const job = this.find(jobId);
    if (job.view.state !== 'failed') throw new PrinterError('PRINT_JOB_NOT_FAILED');
    this.jobList.splice(this.jobList.indexOf(job), 1);
    this.log.log('info', 'job-dismissed', { job: job.view.id, title: job.view.title, ref: job.view.ref });
    this.jobChanged(job, true);
  }

  kickDrawer(): Promise<void> {
    let failure: unknown;
    return this.exclusive(async () => {
      try {
        if (this.closed) throw new PrinterError('PRINTER_CLOSED');
        await this.whenLineOpen();
        // An offline printer keeps ESC p in its buffer and would open the drawer later,
        // when nobody expects it: ask first, and refuse rather than queue a kick.
        const c = await this.query(this.t.statusMs);
        if (!c.ok) {
          this.setState(c.state, messageOf(c.error));
          throw c.error;
        }
        await this.line.write(escpos.drawerKick());
        this.log.log('info', 'drawer-kick', { printer: this.name });
      } catch (e) {
        failure = e instanceof PrinterError ? e : new PrinterError('PRINTER_DISCONNECTED', { name: this.name }, { cause: e });
      }
    }).then(() => {
      if (failure) throw failure;
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    // Jobs still queued fail with PRINTER_CLOSED as the chain reaches them.
    await this.chain;
    for (const d of this.detach.splice(0)) d();
    await this.line.close();
    this.setState('closed', null);
  }
}
