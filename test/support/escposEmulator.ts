// The ESC/POS printer emulator for tests (issue 9): over TCP like a network printer on
// port 9100, over a socat pty pair like a USB-serial printer, or over an in-process pipe.
// Tests read its paper — the decoded text lines and pictures — not bytes.
import { createHotplugTransport, type HotplugTransport } from '../../native/serial/hotplugTransport.js';
import { createEscPosEmulator, startTcpPrinterEmulator, type EscPosEmulator, type TcpPrinterEmulator } from '../../native/printer/emulator.js';
import { createPipePair, type PipePair } from '../../native/serial/byteTransport.js';
import { inkCount, type MonoImage } from '../../native/printer/raster.js';
import type { DecodedReceipt } from '../../native/printer/escposDecoder.js';
import { renderSignature } from '../../electron/payments/signatureImage.js';
import type { ESlip, SettlementReport } from '../../electron/contract.js';
import type { PtyPair } from './ptyPair.js';

export { createEscPosEmulator, startTcpPrinterEmulator };
export type { EscPosEmulator, TcpPrinterEmulator };

/** The emulator on one end of an in-process pipe; the printer driver takes `pipe.a`. */
export function pipePrinter(): { pipe: PipePair; emulator: EscPosEmulator; close(): Promise<void> } {
  const pipe = createPipePair();
  const emulator = createEscPosEmulator();
  emulator.attach(pipe.b);
  return { pipe, emulator, close: () => pipe.close() };
}

/** The emulator on end B of a socat pty pair (opened like a real port, through the hot-plug transport). */
export async function ptyPrinter(pair: PtyPair, pollMs = 50): Promise<{ emulator: EscPosEmulator; line: HotplugTransport; close(): Promise<void> }> {
  const line = createHotplugTransport({ path: pair.b, pollMs, baudRate: 115200 });
  await line.whenOpen();
  const emulator = createEscPosEmulator();
  emulator.attach(line);
  return { emulator, line, close: () => line.close() };
}

/** A receipt's text as one string, one printed line per line. */
export function receiptText(r: DecodedReceipt | undefined): string {
  return r ? r.lines.join('\n') : '';
}

/** A picture a person would see: some dots black, not all of them. */
export function looksLikeAPicture(img: MonoImage | undefined): boolean {
  if (!img || img.width === 0 || img.height === 0) return false;
  const ink = inkCount(img);
  return ink > 0 && ink < img.width * img.height;
}

/** A signature as the customer display would capture it: a zig-zag and a loop. */
export function sampleSignaturePng(): Buffer {
  const zig = { points: [0, 1, 2, 3, 4, 5, 6].map((i) => ({ x: i * 40, y: i % 2 === 0 ? 10 : 80 })) };
  const loop = { points: Array.from({ length: 24 }, (_, i) => ({ x: 140 + 30 * Math.cos((i / 23) * 2 * Math.PI), y: 50 + 30 * Math.sin((i / 23) * 2 * Math.PI) })) };
  return renderSignature([zig, loop], 240);
}

export function sampleESlip(over: Partial<ESlip> = {}): ESlip {
  return {
    journalId: 42,
    merchantName: '测试便利店（朝阳门店）',
    merchantId: '898110054119999',
    terminalId: '10000001',
    operatorId: '01',
    maskedPan: '622202******1234',
    tender: 'card',
    typeZh: '消费',
    typeEn: 'SALE',
    batchNo: '000001',
    stan: '000123',
    rrn: '123456789012',
    authCode: 'A1B2C3',
    dateTime: '2025-03-14T06:26:53.000Z',
    hostDate: '0314',
    hostTime: '142653',
    amount: 1234,
    status: 'approved',
    signatureStatus: 'signed',
    signaturePngBase64: sampleSignaturePng().toString('base64'),
    ...over,
  };
}

export function sampleSettlement(over: Partial<SettlementReport> = {}): SettlementReport {
  return {
    ok: true,
    balanced: true,
    batch: '000001',
    nextBatch: '000002',
    debit: { count: 3, amount: 15634 },
    credit: { count: 1, amount: 1234 },
    totals: {
      domestic: { debitCount: 2, debitAmount: 13400, creditCount: 1, creditAmount: 1234 },
      foreign: { debitCount: 1, debitAmount: 2234, creditCount: 0, creditAmount: 0 },
    },
    uploaded: 4,
    failedReversals: [],
    failedSignatureUploads: [],
    settledAt: '2025-03-14T12:00:00.000Z',
    signedOff: true,
    ...over,
  };
}
