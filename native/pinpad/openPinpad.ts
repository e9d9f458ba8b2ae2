import { createHotplugTransport, type HotplugOptions } from '../serial/hotplugTransport.js';
import { openSerialTransport, type LineFormat } from '../serial/serialTransport.js';
import { createPinpadDriver, type PinpadDriver, type PinpadDriverOptions } from './driver.js';
import type { PinpadInfo } from './replies.js';

export interface OpenPinpadOptions extends PinpadDriverOptions {
  /** The configured port (accepted whatever its USB ids), e.g. /dev/ttyUSB0, COM3, a pty link. */
  path: string;
  baudRate?: number;
  format?: LineFormat;
  /** How often a vanished port is looked for (SERIAL_REPLUG_POLL_MS). */
  pollMs?: number;
  listPorts?: HotplugOptions['listPorts'];
}

/**
 * The app's PIN pad: a driver on a hot-plug serial port. Returns at once; the driver is
 * `disconnected` until the port opens, then `connecting` (master key selected), then
 * `ready`, and goes through the same again after every unplug. Use whenReady() to wait.
 */
export function openPinpad(options: OpenPinpadOptions): PinpadDriver {
  const { path, baudRate, format, pollMs, listPorts, ...driverOptions } = options;
  const transport = createHotplugTransport({
    path,
    ...(baudRate !== undefined ? { baudRate } : {}),
    ...(format !== undefined ? { format } : {}),
    ...(pollMs !== undefined ? { pollMs } : {}),
    ...(listPorts ? { listPorts } : {}),
    ...(driverOptions.logger ? { logger: driverOptions.logger } : {}),
  });
  return createPinpadDriver(transport, driverOptions);
}

/**
 * One-shot probe of one port (CLI `pinpad probe` / `pinpad list`): opens it, negotiates
 * (§3 X0), closes it. Throws SerialOpenError when the port cannot be opened and
 * PinpadNoAnswerError when nothing answers.
 */
export async function probePort(options: Omit<OpenPinpadOptions, 'pollMs' | 'listPorts'>): Promise<PinpadInfo> {
  const { path, baudRate, format, ...driverOptions } = options;
  const transport = await openSerialTransport({ path, ...(baudRate !== undefined ? { baudRate } : {}), ...(format !== undefined ? { format } : {}) });
  const driver = createPinpadDriver(transport, driverOptions);
  try {
    return await driver.probe();
  } finally {
    await driver.close();
  }
}
