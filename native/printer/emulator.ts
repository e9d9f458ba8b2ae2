// An ESC/POS receipt printer in software (issue 9): it reads what is sent to it into
// paper (text lines, pictures, QR codes, cuts), answers DLE EOT like a real printer, and
// can be put out of paper, opened, faulted or switched off. Tests assert on its paper;
// training mode and diagnostics can show it. It serves any ByteTransport (a pty end, an
// in-process pipe) and, through startTcpPrinterEmulator, a raw TCP port like 9100.
import { createServer, type Server, type Socket } from 'node:net';
import { ListenerSet, type ByteTransport } from '../serial/byteTransport.js';
import { EscPosDecoder, splitReceipts, type DecodedEvent, type DecodedReceipt, type PaperItem } from './escposDecoder.js';
import { statusBytes } from './printerStatus.js';

export interface PrinterCondition {
  paperOut: boolean;
  paperNearEnd: boolean;
  coverOpen: boolean;
  /** Cutter jam or head overheated: offline with the error bit. */
  fault: boolean;
  /** false: a printer without a return line, which never answers DLE EOT. */
  answersStatus: boolean;
}

export interface DrawerKick {
  pin: 2 | 5;
  onMs: number;
  offMs: number;
}

export type EmulatorEvent =
  | { type: 'printed'; item: PaperItem }
  | { type: 'drawer-kick'; kick: DrawerKick }
  | { type: 'status-query'; n: number; answered: boolean }
  | { type: 'bytes'; count: number };

export interface EscPosEmulator {
  /** Everything on the paper so far, in order. */
  paper(): PaperItem[];
  /** The paper cut into receipts (a receipt without its cut yet is the last one). */
  receipts(): DecodedReceipt[];
  drawerKicks(): DrawerKick[];
  /** Every byte received, for checks on the wire format. */
  received(): Buffer;
  condition(): PrinterCondition;
  /** Changes the printer's condition; coming back online prints what it kept meanwhile, as a real printer does. */
  set(change: Partial<PrinterCondition>): void;
  /** Tears the paper off: paper(), receipts() and drawerKicks() start empty. */
  clearPaper(): void;
  onEvent(listener: (e: EmulatorEvent) => void): () => void;
  /** Resolves when `test` holds (checked after every event), rejects after `timeoutMs`. */
  waitFor(test: (em: EscPosEmulator) => boolean, timeoutMs?: number): Promise<void>;
  /** Serves one line; the returned function stops serving it. */
  attach(line: ByteTransport): () => void;
  /** Loses what it kept while offline (the power went). */
  powerCycle(): void;
}

export function createEscPosEmulator(options: { chineseByDefault?: boolean } = {}): EscPosEmulator {
  const events = new ListenerSet<[EmulatorEvent]>();
  let paperItems: PaperItem[] = [];
  let kicks: DrawerKick[] = [];
  let held: DecodedEvent[] = [];
  const rx: Buffer[] = [];
  let cond: PrinterCondition = { paperOut: false, paperNearEnd: false, coverOpen: false, fault: false, answersStatus: true };

  const offline = (): boolean => cond.paperOut || cond.coverOpen || cond.fault;

  function perform(e: DecodedEvent): void {
    switch (e.kind) {
      case 'drawer-kick': {
        const kick = { pin: e.pin, onMs: e.onMs, offMs: e.offMs };
        kicks.push(kick);
        events.emit({ type: 'drawer-kick', kick });
        return;
      }
      case 'text':
      case 'image':
      case 'qr':
      case 'barcode':
      case 'feed':
      case 'cut':
        paperItems.push(e);
        events.emit({ type: 'printed', item: e });
        return;
      default:
        return;
    }
  }

  const em: EscPosEmulator = {
    paper: () => [...paperItems],
    receipts: () => splitReceipts(paperItems),
    drawerKicks: () => [...kicks],
    received: () => Buffer.concat(rx),
    condition: () => ({ ...cond }),
    set(change) {
      const wasOffline = offline();
      cond = { ...cond, ...change };
      if (wasOffline && !offline()) {
        const backlog = held;
        held = [];
        for (const e of backlog) perform(e);
      }
    },
    clearPaper() {
      paperItems = [];
      kicks = [];
      rx.length = 0;
    },
    onEvent: (l) => events.add(l),
    waitFor(test, timeoutMs = 5_000) {
      if (test(em)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          off();
          reject(new Error(`printer emulator: condition not met within ${timeoutMs} ms; paper has ${paperItems.length} items`));
        }, timeoutMs);
        const off = events.add(() => {
          if (!test(em)) return;
          clearTimeout(timer);
          off();
          resolve();
        });
      });
    },
    attach(line) {
      const decoder = new EscPosDecoder(options);
      return line.onData((chunk) => {
        rx.push(Buffer.from(chunk));
        events.emit({ type: 'bytes', count: chunk.length });
        for (const e of decoder.push(chunk)) {
          if (e.kind === 'status-query') {
            // Real-time: answered on receipt, online or not, ahead of anything buffered.
            const n = e.n as 1 | 2 | 3 | 4;
            const answered = cond.answersStatus && n >= 1 && n <= 4;
            if (answered) {
              const bytes = statusBytes({ offline: offline(), coverOpen: cond.coverOpen, paperEnd: cond.paperOut, nearEnd: cond.paperNearEnd, error: cond.fault, drawerOpen: false });
              void line.write(Buffer.from([bytes[n]])).catch(() => undefined);
            }
            events.emit({ type: 'status-query', n: e.n, answered });
          } else if (offline()) held.push(e);
          else perform(e);
        }
      });
    },
    powerCycle() {
      held = [];
    },
  };
  return em;
}

/** A socket as a ByteTransport, for the emulator's side of a TCP connection. */
function socketLine(s: Socket): ByteTransport {
  const data = new ListenerSet<[Buffer]>();
  const state = new ListenerSet<['open' | 'closed', Error | undefined]>();
  s.on('data', (c: Buffer) => data.emit(c));
  s.on('error', () => {});
  s.on('close', () => state.emit('closed', undefined));
  return {
    name: `tcp-peer:${s.remotePort ?? ''}`,
    get isOpen() {
      return !s.destroyed;
    },
    write: (bytes) =>
      new Promise((resolve, reject) => {
        if (s.destroyed) return reject(new Error('socket closed'));
        s.write(bytes, (err) => (err ? reject(err) : resolve()));
      }),
    onData: (l) => data.add(l),
    onState: (l) => state.add(l),
    close: () => {
      s.destroy();
      return Promise.resolve();
    },
  };
}

export interface TcpPrinterEmulator {
  readonly emulator: EscPosEmulator;
  readonly host: string;
  readonly port: number;
  /** Pulls the plug: every connection is reset, new ones are refused, what was held is lost. */
  powerOff(): Promise<void>;
  /** Listens again on the same port. */
  powerOn(): Promise<void>;
  /** Pulls the plug once this many more bytes have arrived (the rest of that chunk is lost). */
  powerOffAfter(bytes: number): void;
  readonly connections: number;
  close(): Promise<void>;
}

export async function startTcpPrinterEmulator(opts: { host?: string; port?: number; emulator?: EscPosEmulator } = {}): Promise<TcpPrinterEmulator> {
  const host = opts.host ?? '127.0.0.1';
  const emulator = opts.emulator ?? createEscPosEmulator();
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = opts.port ?? 0;
  let budget: number | undefined;

  function onConnection(s: Socket): void {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    const line = socketLine(s);
    // A cut-off budget trims the chunk before the emulator sees it: the printer read
    // that much and then lost power.
    const inner = new ListenerSet<[Buffer]>();
    line.onData((chunk) => {
      if (budget === undefined) return inner.emit(chunk);
      const take = chunk.subarray(0, budget);
      budget -= take.length;
      if (take.length) inner.emit(take);
      if (budget <= 0) {
        budget = undefined;
        void powerOff();
      }
    });
    emulator.attach({
      name: line.name,
      get isOpen() {
        return line.isOpen;
      },
      write: line.write,
      onData: (l) => inner.add(l),
      onState: line.onState,
      close: line.close,
    });
  }

  async function listen(): Promise<void> {
    const srv = createServer(onConnection);
    await new Promise<void>((resolve, reject) => {
      srv.once('error', reject);
      srv.listen(port, host, () => {
        srv.off('error', reject);
        resolve();
      });
    });
    const addr = srv.address();
    if (addr && typeof addr === 'object') port = addr.port;
    server = srv;
  }

  async function powerOff(): Promise<void> {
    const srv = server;
    server = undefined;
    for (const s of sockets) s.resetAndDestroy();
    sockets.clear();
    emulator.powerCycle();
    if (srv) await new Promise<void>((resolve) => srv.close(() => resolve()));
  }

  await listen();
  return {
    emulator,
    host,
    get port() {
      return port;
    },
    powerOff,
    async powerOn() {
      if (!server) await listen();
    },
    powerOffAfter(bytes) {
      budget = bytes;
    },
    get connections() {
      return sockets.size;
    },
    close: powerOff,
  };
}
