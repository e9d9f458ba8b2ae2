import { CashdeskError } from '../errors.js';

/** The line went away (unplugged, port closed) while something was written or awaited. */
export class TransportClosedError extends CashdeskError {
  constructor(readonly port: string, options?: { cause?: unknown }) {
    super(
      'SERIAL_CLOSED',
      `串口 ${port} 已断开。请检查数据线是否插好；设备重新接上后会自动恢复。`,
      `Serial port ${port} is disconnected. Check the cable; it reconnects by itself when the device is back.`,
      options,
    );
    this.name = 'TransportClosedError';
  }
}

/** The port could not be opened: absent, busy, or no permission. */
export class SerialOpenError extends CashdeskError {
  constructor(readonly port: string, detail: string, options?: { cause?: unknown }) {
    super(
      'SERIAL_OPEN_FAILED',
      `无法打开串口 ${port}（${detail}）。请检查设备是否接好、端口是否被其他程序占用，以及当前用户是否有串口权限（Linux 下加入 dialout 组）。`,
      `Cannot open serial port ${port} (${detail}). Check that the device is connected, that no other program holds the port, and that this user may use serial ports (on Linux: the dialout group).`,
      options,
    );
    this.name = 'SerialOpenError';
  }
}
