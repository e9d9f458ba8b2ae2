// Opens the PIN pad the terminal configuration names (or finds it by USB ids) on a
// serial line that survives unplugging (issue 4 hot-plug).
import { CashdeskError } from '../../native/errors.js';
import type { Logger } from '../../native/log/logger.js';
import { createPinpadDriver, type PinpadDriver } from '../../native/pinpad/driver.js';
import { createHotplugTransport } from '../../native/serial/hotplugTransport.js';
import { findPinpadPorts } from '../../native/serial/portDiscovery.js';
import type { TerminalConfig } from '../terminal/terminalRepo.js';

export interface PinpadConnection {
  driver: PinpadDriver;
  path: string;
  close(): Promise<void>;
}

export async function connectPinpad(config: Pick<TerminalConfig, 'pinpadPort' | 'pinpadBaud' | 'pinpadFormat' | 'masterKeySlot'>, logger: Logger): Promise<PinpadConnection> {
  let path = config.pinpadPort;
  if (!path) {
    const candidates = await findPinpadPorts();
    path = candidates[0]?.path ?? null;
  }
  if (!path) {
    throw new CashdeskError('PINPAD_ABSENT', '未找到密码键盘：没有发现 USB 串口设备。请插好密码键盘，或在“设置”中填写端口。', 'No PIN pad found: no USB serial device is present. Plug the PIN pad in, or enter its port in Settings.');
  }
  const transport = createHotplugTransport({ path, baudRate: config.pinpadBaud, format: config.pinpadFormat, logger });
  const driver = createPinpadDriver(transport, { masterSlot: config.masterKeySlot, logger });
  return {
    driver,
    path,
    async close() {
      await driver.close();
      await transport.close();
    },
  };
}
