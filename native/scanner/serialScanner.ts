// A barcode scanner on a serial port (or a USB scanner in virtual-COM mode), the
// alternative to a keyboard-wedge scanner (issue 9). Its codes come out as `scan(code)`
// events that the app sends down the same path as a wedge scan.
import { ListenerSet, type ByteTransport } from '../serial/byteTransport.js';
import { createHotplugTransport } from '../serial/hotplugTransport.js';
import { silentLogger, type Logger } from '../log/logger.js';
import { CashdeskError } from '../errors.js';
import { SCAN_IDLE_GAP_MS, SCAN_PARTIAL_TIMEOUT_MS, ScanDecoder, type ScanDecoderEvent, type ScanRejectReason, type ScanSuffix } from './scanDecoder.js';

export type ScannerState = 'connecting' | 'ready' | 'disconnected' | 'closed';

export interface ScannerStatus {
  state: ScannerState;
  name: string;
  suffix: ScanSuffix;
  lastScanAt: string | null;
  /** Bursts dropped as not a code since start (a wrong suffix setting shows up here). */
  rejected: number;
  message: { code: string; zh: string; en: string } | null;
}

export interface ScanReject {
  reason: ScanRejectReason;
  length: number;
}

export type ScannerConnection = { kind: 'serial'; path: string; baudRate?: number } | { kind: 'transport'; transport: ByteTransport };

export interface SerialScannerOptions {
  connection: ScannerConnection;
  suffix: ScanSuffix;
  idleGapMs?: number;
  partialTimeoutMs?: number;
  maxLength?: number;
  logger?: Logger;
  now?: () => Date;
}

export interface SerialScanner {
  readonly name: string;
  status(): ScannerStatus;
  onStatus(listener: (status: ScannerStatus) => void): () => void;
  onScan(listener: (code: string) => void): () => void;
  onReject(listener: (reject: ScanReject) => void): () => void;
  close(): Promise<void>;
}

class ScannerDisconnectedError extends CashdeskError {
  constructor(name: string) {
    super(
      'SCANNER_DISCONNECTED',
      `串口扫码枪未连接（${name}）。请检查扫码枪数据线；接回后会自动恢复。期间可用键盘输入条码。`,
      `The serial barcode scanner is not connected (${name}). Check its cable; it comes back by itself when replugged. Meanwhile, type barcodes on the keyboard.`,
    );
  }
}

export function createSerialScanner(options: SerialScannerOptions): SerialScanner {
  const log = (options.logger ?? silentLogger).child('scanner');
  const now = options.now ?? (() => new Date());
  const line: ByteTransport =
    options.connection.kind === 'serial'
      ? createHotplugTransport({ path: options.connection.path, baudRate: options.connection.baudRate ?? 9600, format: '8N1', logger: log })
      : options.connection.transport;
  const decoder = new ScanDecoder(options.suffix, options.maxLength);
  const scans = new ListenerSet<[string]>();
  const rejects = new ListenerSet<[ScanReject]>();
  const statusListeners = new ListenerSet<[ScannerStatus]>();
  let timer: NodeJS.Timeout | undefined;
  let st: ScannerStatus = {
    state: line.isOpen ? 'ready' : 'connecting',
    name: line.name,
    suffix: options.suffix,
    lastScanAt: null,
    rejected: 0,
    message: null,
  };

  const setStatus = (change: Partial<ScannerStatus>): void => {
    st = { ...st, ...change };
    statusListeners.emit({ ...st });
  };

  const deliver = (events: ScanDecoderEvent[]): void => {
    for (const e of events) {
      if (e.type === 'scan') {
        // Never the code itself in the log: a customer's payment code is a bearer token.
        log.log('debug', 'scan', { length: e.code.length });
        setStatus({ lastScanAt: now().toISOString() });
        scans.emit(e.code);
      } else {
        log.log('warn', 'scan-rejected', { reason: e.reason, length: e.code.length, suffix: options.suffix });
        setStatus({ rejected: st.rejected + 1 });
        rejects.emit({ reason: e.reason ?? 'control-byte', length: e.code.length });
      }
    }
  };

  const detach = [
    line.onData((chunk) => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      deliver(decoder.push(chunk));
      if (decoder.partial) {
        timer = setTimeout(
          () => {
            timer = undefined;
            deliver(decoder.idle());
          },
          options.suffix === 'none' ? (options.idleGapMs ?? SCAN_IDLE_GAP_MS) : (options.partialTimeoutMs ?? SCAN_PARTIAL_TIMEOUT_MS),
        );
      }
    }),
    line.onState((s) => {
      if (st.state === 'closed') return;
      if (s === 'open') setStatus({ state: 'ready', message: null });
      else {
        // Half a code from before the cable came out is not a code.
        if (timer) clearTimeout(timer);
        timer = undefined;
        decoder.idle();
        const e = new ScannerDisconnectedError(line.name);
        setStatus({ state: 'disconnected', message: { code: e.code, zh: e.zh, en: e.en } });
      }
    }),
  ];

  return {
    name: line.name,
    status: () => ({ ...st }),
    onStatus: (l) => statusListeners.add(l),
    onScan: (l) => scans.add(l),
    onReject: (l) => rejects.add(l),
    async close() {
      if (st.state === 'closed') return;
      if (timer) clearTimeout(timer);
      for (const d of detach) d();
      await line.close();
      setStatus({ state: 'closed', message: null });
    },
  };
}
