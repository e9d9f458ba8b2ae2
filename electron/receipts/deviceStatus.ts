// The printer's and scanner's detailed states folded into the contract's DeviceState
// (AppStatus.devices): the boot screen and status bar show one word per device; the
// detailed status (paper out, cover open) goes with its own event.
import type { DeviceState } from '../contract.js';
import type { PrinterStatus } from '../../native/printer/receiptPrinter.js';
import type { ScannerStatus } from '../../native/scanner/serialScanner.js';

export function printerDeviceState(s: PrinterStatus | null): DeviceState {
  if (!s) return 'absent';
  switch (s.state) {
    case 'connecting':
      return 'connecting';
    case 'ready':
      return 'ready';
    case 'printing':
      return 'busy';
    case 'disconnected':
    case 'closed':
      return 'disconnected';
    case 'offline':
    case 'paper-out':
    case 'cover-open':
    case 'fault':
    case 'no-answer':
      return 'error';
  }
}

export function scannerDeviceState(s: ScannerStatus | null): DeviceState {
  if (!s) return 'absent';
  switch (s.state) {
    case 'connecting':
      return 'connecting';
    case 'ready':
      return 'ready';
    case 'disconnected':
    case 'closed':
      return 'disconnected';
  }
}
