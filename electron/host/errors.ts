import { CashdeskError } from '../../native/errors.js';

/** The part of a frame a codec error is about: a field number or one of the frame's fixed parts. */
export type FramePart = number | 'LEN' | 'TPDU' | 'HEADER' | 'MTI' | 'BITMAP' | 'END';

function partName(part: FramePart): string {
  return typeof part === 'number' ? `F${part}` : part;
}

/**
 * A frame that cannot be decoded. The only error `decodeFrame` throws: it names the
 * field (or frame part) and the byte offset in the frame (counted from the first LEN byte).
 */
export class IsoDecodeError extends CashdeskError {
  readonly part: FramePart;
  readonly offset: number;
  readonly detail: string;

  constructor(part: FramePart, offset: number, detail: string) {
    super(
      'ISO_DECODE',
      `主机报文无法解析：${partName(part)}，偏移 ${offset}：${detail}。请检查主机参数（TPDU、报文头）或联系收单机构。`,
      `Host message cannot be decoded: ${partName(part)} at byte ${offset}: ${detail}. Check the host settings (TPDU, header) or call the acquirer.`,
    );
    this.name = 'IsoDecodeError';
    this.part = part;
    this.offset = offset;
    this.detail = detail;
  }
}

/** A message the codec cannot encode (a programming or configuration error, never the host's). */
export class IsoEncodeError extends CashdeskError {
  readonly part: FramePart;
  readonly detail: string;

  constructor(part: FramePart, detail: string) {
    super(
      'ISO_ENCODE',
      `报文组包失败：${partName(part)}：${detail}。请检查交易数据或终端参数。`,
      `Cannot build the host message: ${partName(part)}: ${detail}. Check the transaction data or terminal settings.`,
    );
    this.name = 'IsoEncodeError';
    this.part = part;
    this.detail = detail;
  }
}

/** F39 of the 0400 that a reversal for this failure would carry (host-protocol §4.4). */
export type ReversalReason = '98' | '96' | 'A0' | '06';

/**
 * Base of every failure of one host exchange. `maybeSent` says whether the request may
 * have reached the host: when it is true and the transaction is reversible, payments
 * must reverse it (with `reversalReason`); when false, nothing was sent.
 */
export abstract class HostLinkError extends CashdeskError {
  abstract readonly maybeSent: boolean;
  /** The F39 of the reversal, for a reversible request; null when nothing was sent. */
  abstract readonly reversalReason: ReversalReason | null;
}

/** No complete reply before the reply timeout. The host may have processed the request. */
export class HostTimeoutError extends HostLinkError {
  readonly maybeSent = true;
  readonly reversalReason = '98' as const;
  readonly timeoutMs: number;

  constructor(timeoutMs: number, mti: string) {
    super(
      'HOST_TIMEOUT',
      `主机应答超时（HOST_REPLY_TIMEOUT_MS = ${timeoutMs} 毫秒，报文 ${mti}）。结果未知；消费或撤销交易将自动冲正。`,
      `No reply from the host within HOST_REPLY_TIMEOUT_MS (${timeoutMs} ms, message ${mti}). The result is unknown; a sale or void is reversed automatically.`,
    );
    this.name = 'HostTimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/** The connection closed after the request was (or was being) sent, before a whole reply came. */
export class HostDisconnectedError extends HostLinkError {
  readonly maybeSent = true;
  readonly reversalReason = '06' as const;

  constructor(detail: string, options?: { cause?: unknown }) {
    super(
      'HOST_DISCONNECTED',
      `与主机的连接在交易中断开（${detail}）。结果未知；消费或撤销交易将自动冲正。请检查网络。`,
      `The connection to the host dropped during the transaction (${detail}). The result is unknown; a sale or void is reversed automatically. Check the network.`,
      options,
    );
    this.name = 'HostDisconnectedError';
  }
}

/** Could not connect (refused, DNS, TLS handshake, connect timeout): nothing was sent. */
export class HostUnreachableError extends HostLinkError {
  readonly maybeSent = false;
  readonly reversalReason = null;

  constructor(target: string, detail: string, options?: { cause?: unknown }) {
    super(
      'HOST_UNREACHABLE',
      `无法连接收单主机 ${target}（${detail}）。交易未发送。请检查网络和主机地址后重试。`,
      `Cannot reach the acquirer host ${target} (${detail}). Nothing was sent. Check the network and the host address, then try again.`,
      options,
    );
    this.name = 'HostUnreachableError';
  }
}

/**
 * The reply's MAC does not verify (or an approving reply has none). The host did
 * answer, so the request reached it; host-protocol §4.4 reverses with A0.
 */
export class HostMacError extends HostLinkError {
  readonly maybeSent = true;
  readonly reversalReason = 'A0' as const;

  constructor(mti: string, detail: string) {
    super(
      'HOST_MAC',
      `主机应答 ${mti} 的 MAC 校验失败（${detail}）。请重新签到；消费或撤销交易将自动冲正。`,
      `The MAC of the host's ${mti} reply does not verify (${detail}). Sign in again; a sale or void is reversed automatically.`,
    );
    this.name = 'HostMacError';
  }
}

/** The reply cannot be decoded, or is not a reply to this request. */
export class HostFrameError extends HostLinkError {
  readonly maybeSent = true;
  readonly reversalReason = '06' as const;

  constructor(detail: string, options?: { cause?: unknown; code?: string }) {
    super(
      options?.code ?? 'HOST_FRAME',
      `主机应答报文错误（${detail}）。结果未知；消费或撤销交易将自动冲正。请联系收单机构。`,
      `The host's reply is malformed (${detail}). The result is unknown; a sale or void is reversed automatically. Call the acquirer.`,
      options,
    );
    this.name = 'HostFrameError';
  }
}

/** A well-formed reply that does not answer this request (MTI, STAN or TPDU differ). */
export class HostReplyMismatchError extends HostFrameError {
  readonly mismatch: 'MTI' | 'STAN' | 'TPDU';

  constructor(mismatch: 'MTI' | 'STAN' | 'TPDU', expected: string, got: string) {
    super(`${mismatch} expected ${expected}, got ${got}`, { code: 'HOST_REPLY_MISMATCH' });
    this.name = 'HostReplyMismatchError';
    this.mismatch = mismatch;
  }
}

/** F62 of a sign-in reply that does not hold the keys its network code promises (host-protocol §3). */
export class SignInKeysError extends CashdeskError {
  constructor(detail: string) {
    super(
      'SIGN_IN_KEYS',
      `签到应答中的工作密钥格式错误（${detail}），未装载任何密钥。请重新签到或联系收单机构。`,
      `The working keys in the sign-in reply are malformed (${detail}); no key was loaded. Sign in again or call the acquirer.`,
    );
    this.name = 'SignInKeysError';
  }
}
