// host-protocol §5.2: the application computes the MAB and its XOR block; only the keyed
// step needs the MAC key, which lives in the PIN pad. A MacFn is that keyed step.
import { CashdeskError } from '../../native/errors.js';
import { cupMacFromXorBlock, cupMacXorBlock } from '../../native/crypto/mac.js';
import { encodeFrame, frameHasMac, macInput, type IsoMessage } from './codec.js';

/** The keyed half of the CUP MAC: 8-byte XOR block in, 8 upper-case hex ASCII characters out. */
export type MacFn = (xorBlock: Buffer) => Promise<string>;

/**
 * A MacFn in software, for the training host and tests only: in the app the PIN pad
 * holds the MAC key and computes this step.
 */
export function softwareMac(macKey: Buffer): MacFn {
  const key = Buffer.from(macKey);
  return async (xorBlock) => cupMacFromXorBlock(key, xorBlock);
}

const PLACEHOLDER_MAC = '0000000000000000';

function isMacText(mac: string): boolean {
  if (mac.length !== 8) return false;
  for (let i = 0; i < 8; i++) {
    const c = mac.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 70))) return false;
  }
  return true;
}

/** The MAC of a frame's MAB (MTI..F63), as 8 ASCII characters. */
export async function frameMac(frame: Buffer, macFn: MacFn): Promise<string> {
  const mac = await macFn(cupMacXorBlock(macInput(frame)));
  if (!isMacText(mac)) {
    throw new CashdeskError(
      'MAC_DEVICE',
      `密码键盘返回的 MAC 格式错误（${JSON.stringify(mac)}）。请检查密码键盘后重试。`,
      `The PIN pad returned a malformed MAC (${JSON.stringify(mac)}). Check the PIN pad and try again.`,
    );
  }
  return mac;
}

/**
 * Encodes a message with F64 = its MAC (host-protocol §1, §5.2). Returns the frame and
 * the message as sent (F64 as hex of the 8 ASCII characters, like the CLI shows it).
 */
export async function sealFrame(message: IsoMessage, macFn: MacFn): Promise<{ frame: Buffer; message: IsoMessage }> {
  const frame = encodeFrame({ ...message, fields: { ...message.fields, 64: PLACEHOLDER_MAC } });
  const mac = await frameMac(frame, macFn);
  frame.write(mac, frame.length - 8, 'latin1');
  const macHex = frame.toString('hex', frame.length - 8).toUpperCase();
  return { frame, message: { ...message, fields: { ...message.fields, 64: macHex } } };
}

/**
 * Checks a received frame's F64 against the MAC of its MAB: `missing` when it has no
 * F64. Errors of the MacFn (the PIN pad) propagate.
 */
export async function verifyFrameMac(frame: Buffer, macFn: MacFn): Promise<'ok' | 'missing' | 'mismatch'> {
  if (!frameHasMac(frame)) return 'missing';
  const received = frame.toString('latin1', frame.length - 8);
  return (await frameMac(frame, macFn)) === received ? 'ok' : 'mismatch';
}
