import { CashdeskError } from '../../native/errors.js';

export class TerminalError extends CashdeskError {}

export const notConfigured = (): TerminalError =>
  new TerminalError('TERMINAL_NOT_CONFIGURED', '终端尚未设置（商户号、终端号、银行主机）。请在“设置”中完成，或运行 cashdesk setup。', 'The terminal is not set up (merchant id, terminal id, bank host). Finish it in Settings, or run cashdesk setup.');

export const notSignedIn = (): TerminalError =>
  new TerminalError('TERMINAL_NOT_SIGNED_IN', '终端尚未签到银行，暂不能刷卡或扫码。请等待自动签到完成，或点击“手动签到”。', 'The terminal is not signed in to the bank yet, so card and QR payments are unavailable. Wait for the automatic sign-in, or press Manual sign-in.');

export const padCannotSignIn = (): TerminalError =>
  new TerminalError('PINPAD_NO_KEY_LOADING', '此密码键盘不支持带校验值的工作密钥装载（PPX/1 X2），无法签到。请更换支持 PPX/1 的密码键盘。', 'This PIN pad cannot load working keys with a check value (PPX/1 X2), so the terminal cannot sign in. Use a PPX/1 PIN pad.');

export const signInDeclined = (code: string, zh: string, en: string): TerminalError =>
  new TerminalError(`SIGN_IN_DECLINED_${code}`, `银行拒绝签到（${code}）：${zh}`, `The bank refused the sign-in (${code}): ${en}`);
