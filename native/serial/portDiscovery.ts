import { SerialPort } from 'serialport';

/** What SerialPort.list() reports for one port (@serialport/bindings-interface PortInfo). */
export interface PortInfo {
  path: string;
  manufacturer?: string | undefined;
  serialNumber?: string | undefined;
  pnpId?: string | undefined;
  locationId?: string | undefined;
  vendorId?: string | undefined;
  productId?: string | undefined;
}

export type ListPorts = () => Promise<PortInfo[]>;

export interface UsbId {
  /** 4 hex digits, any case. */
  vendorId: string;
  /** 4 hex digits; omitted matches every product of the vendor. */
  productId?: string;
  /** For people: which bridge chip this is. */
  label: string;
}

/**
 * The USB-serial bridges PIN pads are usually built on (issue 4). CDC-ACM pads have the
 * vendor's own ids, so they are recognised by their driver instead (isCdcAcm).
 */
export const DEFAULT_PINPAD_USB_IDS: readonly UsbId[] = [
  { vendorId: '1a86', productId: '7523', label: 'CH340' },
  { vendorId: '067b', productId: '2303', label: 'PL2303' },
  { vendorId: '10c4', productId: 'ea60', label: 'CP210x' },
  { vendorId: '0403', productId: '6001', label: 'FTDI' },
];

export const listSerialPorts: ListPorts = () => SerialPort.list();

const norm = (s: string | undefined): string => (s ?? '').toLowerCase().replace(/^0x/, '');

/** A USB CDC-ACM device: /dev/ttyACM* (Linux), usbmodem (macOS), usbser.sys (Windows). */
export function isCdcAcm(port: PortInfo): boolean {
  if (/\/ttyACM\d+$/.test(port.path) || /usbmodem/i.test(port.path)) return true;
  return port.manufacturer === 'Microsoft' && /^USB\\/i.test(port.pnpId ?? '');
}

export function matchesUsbId(port: PortInfo, ids: readonly UsbId[]): UsbId | undefined {
  return ids.find((id) => norm(id.vendorId) === norm(port.vendorId) && (id.productId === undefined || norm(id.productId) === norm(port.productId)));
}

export interface PinpadPortCandidate extends PortInfo {
  /** Why this port may be a PIN pad: a known bridge, CDC-ACM, or the configured path. */
  reason: 'usb-id' | 'cdc-acm' | 'configured';
  label?: string;
}

export interface FindPinpadOptions {
  ids?: readonly UsbId[];
  /** Accepted whatever its USB ids (a pty, a built-in COM port, an unknown bridge). */
  configuredPaths?: readonly string[];
  includeCdcAcm?: boolean;
  listPorts?: ListPorts;
}

/** Ports that may hold a PIN pad, configured paths first. Nothing is opened here. */
export async function findPinpadPorts(options: FindPinpadOptions = {}): Promise<PinpadPortCandidate[]> {
  const ids = options.ids ?? DEFAULT_PINPAD_USB_IDS;
  const ports = await (options.listPorts ?? listSerialPorts)();
  const out: PinpadPortCandidate[] = [];
  for (const path of options.configuredPaths ?? []) {
    const listed = ports.find((p) => p.path === path);
    out.push({ ...(listed ?? { path }), reason: 'configured' });
  }
  for (const p of ports) {
    if (out.some((c) => c.path === p.path)) continue;
    const id = matchesUsbId(p, ids);
    if (id) out.push({ ...p, reason: 'usb-id', label: id.label });
    else if ((options.includeCdcAcm ?? true) && isCdcAcm(p)) out.push({ ...p, reason: 'cdc-acm', label: 'CDC-ACM' });
  }
  return out;
}

/**
 * Where a vanished port is now (issue 4 hot-plug): the same path if it is back, else
 * the port with the same USB serial number (a pad replugged into another socket gets a
 * new /dev/ttyUSBn or COMn). Undefined while it is still gone.
 */
export function locateReturnedPort(ports: readonly PortInfo[], path: string, serialNumber: string | undefined, pathExists: boolean): string | undefined {
  if (pathExists || ports.some((p) => p.path === path)) return path;
  if (serialNumber) return ports.find((p) => p.serialNumber === serialNumber)?.path;
  return undefined;
}
