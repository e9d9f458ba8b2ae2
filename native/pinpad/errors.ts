import { CashdeskError } from '../errors.js';

/** A text in both languages, for building messages (architecture.md: never a code alone). */
export interface Bilingual {
  zh: string;
  en: string;
}

/** Neither ACK nor NAK after the resends of §1: nothing answers on the line. */
export class PinpadNoAnswerError extends CashdeskError {
  constructor(readonly port: string, readonly timeoutName: string, readonly timeoutMs: number) {
    super(
      'PINPAD_NO_ANSWER',
      `${port} 上没有密码键盘应答（${timeoutName} = ${timeoutMs} ms，已重发两次）。请检查密码键盘是否通电、数据线是否插好、端口和波特率是否正确。`,
      `No PIN pad answers on ${port} (${timeoutName} = ${timeoutMs} ms, resent twice). Check that the pad is powered, the cable is in, and the port and baud rate are right.`,
    );
    this.name = 'PinpadNoAnswerError';
  }
}

/** The pad accepted a request but its reply did not come in time. */
export class PinpadTimeoutError extends CashdeskError {
  constructor(readonly timeoutName: string, readonly timeoutMs: number, waitingFor: Bilingual) {
    super(
      'PINPAD_TIMEOUT',
      `等待密码键盘${waitingFor.zh}超时（${timeoutName} = ${timeoutMs} ms）。请重试；如反复出现，请重新插拔密码键盘。`,
      `Timed out waiting for the PIN pad's ${waitingFor.en} (${timeoutName} = ${timeoutMs} ms). Try again; if it keeps happening, unplug and replug the pad.`,
    );
    this.name = 'PinpadTimeoutError';
  }
}

/** §1: the far side refused the frame three times and sent EOT. */
export class PinpadNakLimitError extends CashdeskError {
  constructor(readonly port: string) {
    super(
      'PINPAD_NAK_LIMIT',
      `密码键盘连续三次拒收数据（NAK），本次操作已终止。请检查数据线和波特率/数据格式（8N1 或 7E1）设置后重试。`,
      `The PIN pad refused the data three times (NAK) on ${port}; the operation was stopped. Check the cable and the baud rate / format (8N1 or 7E1), then try again.`,
    );
    this.name = 'PinpadNakLimitError';
  }
}

export class PinpadDisconnectedError extends CashdeskError {
  constructor(readonly port: string, options?: { cause?: unknown }) {
    super(
      'PINPAD_DISCONNECTED',
      `密码键盘（${port}）已断开，本次操作未完成。请插好密码键盘；接上后会自动恢复，然后重新操作。`,
      `The PIN pad (${port}) is disconnected; the operation did not finish. Plug the pad back in; it recovers by itself, then try again.`,
      options,
    );
    this.name = 'PinpadDisconnectedError';
  }
}

export class PinpadClosedError extends CashdeskError {
  constructor() {
    super('PINPAD_CLOSED', '密码键盘连接已关闭。请重新启动收银程序。', 'The PIN pad connection is closed. Restart the cashier application.');
    this.name = 'PinpadClosedError';
  }
}

/**
 * PIN or card entry ended without a result: the cashier pressed cancel (`72`), or on the
 * pad the cardholder cancelled or its own timer ran out (§1: EOT instead of a response).
 */
export class PinpadCancelledError extends CashdeskError {
  constructor(readonly by: 'cashier' | 'pad', what: Bilingual) {
    super(
      'PINPAD_CANCELLED',
      by === 'cashier' ? `${what.zh}已取消（收银员取消）。` : `${what.zh}已取消或超时（持卡人在密码键盘上取消，或密码键盘超时）。如需继续请重新发起。`,
      by === 'cashier' ? `${what.en} cancelled by the cashier.` : `${what.en} was cancelled or timed out on the pad (the cardholder pressed cancel, or the pad's own timer ran out). Start again to continue.`,
    );
    this.name = 'PinpadCancelledError';
  }
}

/** A core-only (PP1000SE) pad asked for what only PPX/1 pads do. */
export class PinpadUnsupportedError extends CashdeskError {
  constructor(readonly capability: string, what: Bilingual) {
    super(
      'PINPAD_UNSUPPORTED',
      `此密码键盘不能${what.zh}（它不支持 ${capability}）。请换用支持 PPX/1 扩展的密码键盘。`,
      `This PIN pad cannot ${what.en} (it lacks ${capability}). Use a PIN pad that speaks the PPX/1 extension.`,
    );
    this.name = 'PinpadUnsupportedError';
  }
}

/** X2 status 1: the key the pad decrypted does not have the expected check value; not stored. */
export class KcvMismatchError extends CashdeskError {
  constructor(readonly usage: string, readonly expected: string, readonly actual: string) {
    super(
      'PINPAD_KCV_MISMATCH',
      `工作密钥校验值不符（期望 ${expected}，密码键盘算得 ${actual}），密钥未装载。请重新签到；如仍失败，主密钥可能与银行不一致，请联系收单行。`,
      `Working key check value mismatch (expected ${expected}, the pad computed ${actual}); the key was not loaded. Sign in again; if it still fails, the master key may not match the bank's: call the acquirer.`,
    );
    this.name = 'KcvMismatchError';
  }
}

/** The pad answered with an error status (a `71` error char, X2/X5/X7/Z67/08 status). */
export class PinpadRefusedError extends CashdeskError {
  constructor(readonly command: string, readonly status: string, reason: Bilingual) {
    super(
      'PINPAD_REFUSED',
      `密码键盘拒绝了 ${command} 指令（状态 ${status}：${reason.zh}）。`,
      `The PIN pad refused ${command} (status ${status}: ${reason.en}).`,
    );
    this.name = 'PinpadRefusedError';
  }
}

/** The pad answered something this protocol does not allow here. */
export class PinpadProtocolError extends CashdeskError {
  constructor(detail: string) {
    super(
      'PINPAD_PROTOCOL',
      `密码键盘的应答无法识别（${detail}）。请确认所接设备是 PP1000SE 兼容密码键盘，并检查波特率和数据格式。`,
      `Unrecognised PIN pad reply (${detail}). Make sure the device is a PP1000SE-compatible PIN pad and check the baud rate and format.`,
    );
    this.name = 'PinpadProtocolError';
  }
}

export class PinpadSetupModeError extends CashdeskError {
  constructor() {
    super(
      'PINPAD_SETUP_ONLY',
      '主密钥只能在安装调试（设置）模式下装载。请由主管进入设置向导后操作。',
      'Master keys can be loaded only in setup mode. Ask a supervisor to open the setup wizard.',
    );
    this.name = 'PinpadSetupModeError';
  }
}

/** §2 `02`: the pad's echo differs from what was sent, so the host aborted with EOT. */
export class MasterKeyEchoError extends CashdeskError {
  constructor() {
    super(
      'PINPAD_ECHO_MISMATCH',
      '密码键盘回显的主密钥与发送的不一致，已中止装载，密钥未保存。请检查数据线后重试。',
      'The master key the pad echoed differs from what was sent; loading was aborted and nothing was stored. Check the cable and try again.',
    );
    this.name = 'MasterKeyEchoError';
  }
}

/** A caller passed something the protocol cannot carry (PAN not digits, text not ASCII...). */
export class PinpadInputError extends CashdeskError {
  constructor(what: Bilingual) {
    super('PINPAD_BAD_INPUT', `密码键盘指令参数无效：${what.zh}。`, `Invalid PIN pad request: ${what.en}.`);
    this.name = 'PinpadInputError';
  }
}
