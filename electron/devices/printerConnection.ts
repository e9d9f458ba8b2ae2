// The receipt printer the settings name (TCP 9100 or serial), or in training mode the
// ESC/POS emulator on an in-process pipe, so receipts "print" with no hardware.
import type { Logger } from '../../native/log/logger.js';
import { createEscPosEmulator, type EscPosEmulator } from '../../native/printer/emulator.js';
import { createReceiptPrinter, type ReceiptPrinter } from '../../native/printer/receiptPrinter.js';
import { createPipePair } from '../../native/serial/byteTransport.js';
import type { Settings } from '../../native/store/settings.js';
import type { PrinterSettings } from '../contract.js';

export const PRINTER_SETTINGS_KEY = 'printer';
export const NO_PRINTER: PrinterSettings = { kind: 'none', host: null, port: null, path: null, baudRate: null, paperWidth: 80 };

export interface PrinterConnection {
  printer: ReceiptPrinter;
  /** Training mode only: what would be on paper. */
  emulator: EscPosEmulator | null;
  close(): Promise<void>;
}

export function printerSettings(settings: Settings): PrinterSettings {
  return { ...NO_PRINTER, ...settings.get<Partial<PrinterSettings>>(PRINTER_SETTINGS_KEY, {}) };
}

export function connectPrinter(s: PrinterSettings, training: boolean, logger: Logger): PrinterConnection | null {
  if (training && s.kind === 'none') {
    const pipe = createPipePair();
    const emulator = createEscPosEmulator();
    const detach = emulator.attach(pipe.b);
    const printer = createReceiptPrinter({ connection: { kind: 'transport', transport: pipe.a }, paperWidth: s.paperWidth, logger });
    return {
      printer,
      emulator,
      async close() {
        await printer.close();
        detach();
        await pipe.close();
      },
    };
  }
  if (s.kind === 'tcp' && s.host) {
    const printer = createReceiptPrinter({ connection: { kind: 'tcp', host: s.host, port: s.port ?? 9100 }, paperWidth: s.paperWidth, logger });
    return { printer, emulator: null, close: () => printer.close() };
  }
  if (s.kind === 'serial' && s.path) {
    const printer = createReceiptPrinter({ connection: { kind: 'serial', path: s.path, baudRate: s.baudRate ?? 9600 }, paperWidth: s.paperWidth, logger });
    return { printer, emulator: null, close: () => printer.close() };
  }
  return null;
}
