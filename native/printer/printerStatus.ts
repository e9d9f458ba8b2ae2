// DLE EOT n real-time status bytes (Epson ESC/POS: DLE EOT). Every answer has bit 1 and
// bit 4 set and bits 0 and 7 clear; a byte without that shape is not a status answer
// (line noise, or an automatic status back the printer sent on its own) and is ignored.

export function isStatusByte(b: number): boolean {
  return (b & 0x93) === 0x12;
}

/** n = 1, printer status. */
export interface PrinterStatusBits {
  /** Drawer connector pin 3 (the drawer-open switch, where the drawer has one). */
  drawerPin3High: boolean;
  offline: boolean;
}
export function parsePrinterStatus(b: number): PrinterStatusBits {
  return { drawerPin3High: (b & 0x04) !== 0, offline: (b & 0x08) !== 0 };
}

/** n = 2, why the printer is offline. */
export interface OfflineCauseBits {
  coverOpen: boolean;
  feedButton: boolean;
  paperEndStop: boolean;
  error: boolean;
}
export function parseOfflineCause(b: number): OfflineCauseBits {
  return { coverOpen: (b & 0x04) !== 0, feedButton: (b & 0x08) !== 0, paperEndStop: (b & 0x20) !== 0, error: (b & 0x40) !== 0 };
}

/** n = 4, the roll paper sensors. */
export interface PaperSensorBits {
  nearEnd: boolean;
  paperEnd: boolean;
}
export function parsePaperSensor(b: number): PaperSensorBits {
  return { nearEnd: (b & 0x0c) !== 0, paperEnd: (b & 0x60) !== 0 };
}

/** The answers an emulated (or real) printer gives for a condition: used by the emulator. */
export function statusBytes(c: { offline: boolean; coverOpen: boolean; paperEnd: boolean; nearEnd: boolean; error: boolean; drawerOpen: boolean }): Record<1 | 2 | 3 | 4, number> {
  return {
    1: 0x12 | (c.drawerOpen ? 0x04 : 0) | (c.offline ? 0x08 : 0),
    2: 0x12 | (c.coverOpen ? 0x04 : 0) | (c.paperEnd ? 0x20 : 0) | (c.error ? 0x40 : 0),
    3: 0x12 | (c.error ? 0x20 : 0),
    4: 0x12 | (c.nearEnd ? 0x0c : 0) | (c.paperEnd ? 0x60 : 0),
  };
}
