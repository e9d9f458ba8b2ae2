import { body, FS, type Frame, type FrameKind } from './frameCodec.js';
import { PinpadProtocolError, type Bilingual } from './errors.js';

/**
 * Reply bodies of pinpad-protocol §2 and §3: built by the emulator, read by the driver.
 * Readers throw PinpadProtocolError for a reply of the right id but the wrong shape.
 */

/** §1: transaction replies take the next odd id (Z60 → 71, X4 → X5, X6 → X7, Z66 → Z67), admin replies the same id. */
export function frameHasId(frame: Frame, kind: FrameKind, id: string): boolean {
  return frame.kind === kind && frame.body.toString('latin1').startsWith(id);
}

const text = (f: Frame): string => f.body.toString('latin1');
const fsChar = String.fromCharCode(FS);

// ---- X0 / 06: who the pad is ----------------------------------------------------------

export type PinpadProtocol = 'PPX/1' | 'PP1000SE';

export interface PinpadInfo {
  protocol: PinpadProtocol;
  model: string | null;
  firmware: string | null;
  serial: string | null;
  capabilities: string[];
}

/** What a core-only pad can do (§2), reported by probe() when X0 goes unanswered. */
export const CORE_CAPABILITIES: readonly string[] = ['02', '08', '06', 'Z1', 'Z2', '72', 'Z60', 'Z66'];

export function probeReplyFrame(info: { model: string; firmware: string; serial: string; capabilities: readonly string[] }): Frame {
  return {
    kind: 'admin',
    body: body('X0', 'PPX/1', FS, `MODEL=${info.model}`, FS, `FW=${info.firmware}`, FS, `SN=${info.serial}`, FS, `CAP=${info.capabilities.join(',')}`),
  };
}

export function parseProbeReply(frame: Frame): PinpadInfo {
  const [head = '', ...fields] = text(frame).split(fsChar);
  if (!/^X0PPX\/\d+$/.test(head)) throw new PinpadProtocolError(`X0 reply "${head.slice(0, 12)}"`);
  const get = (k: string): string | null => {
    const f = fields.find((x) => x.startsWith(`${k}=`));
    return f === undefined ? null : f.slice(k.length + 1);
  };
  return {
    protocol: 'PPX/1',
    model: get('MODEL'),
    firmware: get('FW'),
    serial: get('SN'),
    capabilities: (get('CAP') ?? '').split(',').filter((c) => c.length > 0),
  };
}

export function serialReplyFrame(serial: string): Frame {
  return { kind: 'admin', body: body('06', serial.slice(0, 12)) };
}

export function parseSerialReply(frame: Frame): string {
  return text(frame).slice(2);
}

// ---- 08: select master key (clones answer; VeriFone only ACKs) ------------------------

export function selectReplyFrame(status: string): Frame {
  return { kind: 'admin', body: body('08', status) };
}

/** `080` is success; `08` + anything else is the clone's error. */
export function parseSelectReply(frame: Frame): string {
  return text(frame).slice(2) || '?';
}

// ---- Z60 -> 71: the PIN block -----------------------------------------------------------

export type PinReply = { ok: true; pinLength: number; pinBlock: Buffer } | { ok: false; error: string };

export function pinReplyFrame(pinLength: number, encryptedBlock: Buffer): Frame {
  return { kind: 'transaction', body: body('71.0', String(pinLength).padStart(2, '0'), '01', encryptedBlock.toString('hex').toUpperCase()) };
}

export function pinErrorFrame(errorChar: string): Frame {
  return { kind: 'transaction', body: body('71', errorChar) };
}

export function parsePinReply(frame: Frame): PinReply {
  const s = text(frame);
  const m = /^71\.0(\d{2})01([0-9A-F]{16})$/.exec(s);
  if (m) return { ok: true, pinLength: Number(m[1]), pinBlock: Buffer.from(m[2]!, 'hex') };
  if (s.length === 3) return { ok: false, error: s[2]! };
  throw new PinpadProtocolError(`71 reply of ${s.length} characters`);
}

/** §2: the `71` error characters. */
export const PIN_ERRORS: Readonly<Record<string, Bilingual>> = {
  '0': { zh: '卡号为空', en: 'empty account number' },
  '1': { zh: 'PIN 密钥长度与主密钥不符', en: 'PIN key length conflicts with the master key' },
  '2': { zh: '卡号太短', en: 'account number too short' },
  '3': { zh: '卡号太长', en: 'account number too long' },
  '4': { zh: '卡号含非数字', en: 'account number not all digits' },
  '5': { zh: 'PIN 密钥格式错误', en: 'PIN key format' },
  '9': { zh: '没有选定的主密钥', en: 'no active master key' },
};

// ---- X2: working key ----------------------------------------------------------------------

export function workingKeyReplyFrame(status: string, kcv?: string): Frame {
  return { kind: 'admin', body: body('X2', status, kcv ?? '') };
}

export function parseWorkingKeyReply(frame: Frame): { status: string; kcv: string | null } {
  const m = /^X2(\d)([0-9A-F]{8})?$/.exec(text(frame));
  if (!m) throw new PinpadProtocolError('X2 reply');
  return { status: m[1]!, kcv: m[2] ?? null };
}

export const WORKING_KEY_STATUS: Readonly<Record<string, Bilingual>> = {
  '1': { zh: '校验值不符', en: 'KCV mismatch' },
  '2': { zh: '没有该主密钥', en: 'no such master key' },
  '3': { zh: '密钥格式错误', en: 'key format' },
  '4': { zh: '工作密钥比主密钥长', en: 'key longer than the master key' },
  '5': { zh: '不允许的密钥用途', en: 'usage not allowed' },
};

// ---- X4 -> X5: MAC and block encryption ---------------------------------------------------

export function macReplyFrame(status: string, result = ''): Frame {
  return { kind: 'transaction', body: body('X5', status, result) };
}

export function parseMacReply(frame: Frame): { status: string; result: string } {
  const m = /^X5(\d)([0-9A-F]*)$/.exec(text(frame));
  if (!m) throw new PinpadProtocolError('X5 reply');
  return { status: m[1]!, result: m[2]! };
}

export const MAC_STATUS: Readonly<Record<string, Bilingual>> = {
  '2': { zh: '没有该密钥', en: 'no key' },
  '3': { zh: '密钥错误或该密钥不可用于此运算', en: 'key error, or the key may not be used for this' },
  '5': { zh: '数据长度错误', en: 'data length' },
  '6': { zh: '模式错误', en: 'bad mode' },
};

// ---- Z66 -> Z67: core X9.19 MAC -------------------------------------------------------------

export function coreMacReplyFrame(status: string, mac = ''): Frame {
  return { kind: 'transaction', body: body('Z67', status, mac) };
}

export function parseCoreMacReply(frame: Frame): { status: string; mac: string } {
  const m = /^Z67(\d)([0-9A-F]*)$/.exec(text(frame));
  if (!m) throw new PinpadProtocolError('Z67 reply');
  return { status: m[1]!, mac: m[2]! };
}

// ---- X6 -> X7: card reading -------------------------------------------------------------------

export type EntryMode = 'swipe' | 'chip' | 'tap';
export const ENTRY_MODE_CODES: Readonly<Record<EntryMode, string>> = { swipe: '02', chip: '05', tap: '07' };

export interface CardRead {
  entryMode: EntryMode;
  pan: string;
  /** YYMM */
  expiry: string;
  /** Card sequence number (3 digits), null when the card has none. */
  sequence: string | null;
  /** Track 2 as F35 digits; TDB-encrypted when a track key is loaded in the pad (host-protocol §4.1). */
  track2: string;
  /** Chip data TLV, upper-case hex; null for a swipe. */
  chipData: string | null;
}

export function cardReplyFrame(card: CardRead): Frame {
  return {
    kind: 'transaction',
    body: body('X7', '0', ENTRY_MODE_CODES[card.entryMode], FS, card.pan, FS, card.expiry, FS, card.sequence ?? '', FS, card.track2, FS, card.chipData ?? ''),
  };
}

export function cardStatusFrame(status: '1' | '2' | '3'): Frame {
  return { kind: 'transaction', body: body('X7', status) };
}

export type CardReply = { status: '0'; card: CardRead } | { status: string };

export function parseCardReply(frame: Frame): CardReply {
  const s = text(frame);
  if (/^X7[1-9]$/.test(s)) return { status: s[2]! };
  const parts = s.split(fsChar);
  const m = /^X70(\d{2})$/.exec(parts[0] ?? '');
  const entryMode = (Object.keys(ENTRY_MODE_CODES) as EntryMode[]).find((k) => ENTRY_MODE_CODES[k] === m?.[1]);
  if (!m || !entryMode || parts.length !== 6) throw new PinpadProtocolError('X7 reply');
  const [, pan = '', expiry = '', seq = '', track2 = '', tlv = ''] = parts;
  if (!/^\d{8,19}$/.test(pan) || !/^\d{4}$/.test(expiry) || !/^(?:\d{3})?$/.test(seq) || !/^[0-9A-F]*$/.test(track2) || !/^[0-9A-F]*$/.test(tlv)) {
    throw new PinpadProtocolError('X7 card fields');
  }
  return { status: '0', card: { entryMode, pan, expiry, sequence: seq || null, track2, chipData: tlv || null } };
}

export const CARD_STATUS: Readonly<Record<string, Bilingual>> = {
  '1': { zh: '已取消', en: 'cancelled' },
  '2': { zh: '超时', en: 'timeout' },
  '3': { zh: '读卡错误', en: 'read error' },
};
