import { body, FS, SUB, type Frame } from './frameCodec.js';
import { PinpadInputError } from './errors.js';

/**
 * Request bodies of pinpad-protocol §2 (core) and §3 (PPX/1): built by the driver,
 * read by the emulator. Builders check their input (a person may have typed it);
 * the reader is lenient and leaves validation, and its status codes, to the pad.
 */

export type KeyUsage = 'P' | 'M' | 'D';
export type MacMode = 'E' | '9' | 'B';

/** X4's key: a working key under a master key in the frame, or a stored working key (`*` + slot). */
export type MacKeyRef = { masterSlot: number; encryptedKey: string } | { workingSlot: number };

const HEX_KEY = /^(?:[0-9A-F]{16}|[0-9A-F]{32})$/;
const PRINTABLE = /^[\x20-\x7e]*$/;

function slotDigit(slot: number, what: string): string {
  if (!Number.isInteger(slot) || slot < 0 || slot > 9) throw new PinpadInputError({ zh: `${what}必须是 0-9`, en: `${what} must be 0-9` });
  return String(slot);
}

function keyHex(key: string, what: string): string {
  const k = key.toUpperCase();
  if (!HEX_KEY.test(k)) throw new PinpadInputError({ zh: `${what}必须是 16 或 32 位十六进制`, en: `${what} must be 16 or 32 hex characters` });
  return k;
}

function ascii(text: string, min: number, max: number, what: { zh: string; en: string }): string {
  if (text.length < min || text.length > max || !PRINTABLE.test(text)) {
    throw new PinpadInputError({ zh: `${what.zh}必须是 ${min}-${max} 个可打印 ASCII 字符（协议为 7 位）`, en: `${what.en} must be ${min}-${max} printable ASCII characters (the protocol is 7-bit)` });
  }
  return text;
}

export function checkPan(pan: string): string {
  if (!/^\d{8,19}$/.test(pan)) throw new PinpadInputError({ zh: '卡号必须是 8-19 位数字', en: 'the card number must be 8-19 digits' });
  return pan;
}

export function masterKeyFrame(slot: number, clearKeyHex: string): Frame {
  return { kind: 'admin', body: body('02', slotDigit(slot, '主密钥号'), keyHex(clearKeyHex, '主密钥')) };
}

export function selectMasterKeyFrame(slot: number): Frame {
  return { kind: 'admin', body: body('08', slotDigit(slot, '主密钥号')) };
}

export function serialNumberFrame(): Frame {
  return { kind: 'admin', body: body('06') };
}

export function probeFrame(): Frame {
  return { kind: 'admin', body: body('X0') };
}

export function workingKeyFrame(masterSlot: number, workingSlot: number, usage: KeyUsage, encryptedKey: string, expectedKcv: string): Frame {
  const kcv = expectedKcv.toUpperCase();
  if (!/^(?:[0-9A-F]{8})?$/.test(kcv)) throw new PinpadInputError({ zh: '校验值必须是 8 位十六进制或空', en: 'the check value must be 8 hex characters or empty' });
  if (!['P', 'M', 'D'].includes(usage)) throw new PinpadInputError({ zh: '密钥用途必须是 P、M 或 D', en: 'key usage must be P, M or D' });
  return { kind: 'admin', body: body('X2', slotDigit(masterSlot, '主密钥号'), slotDigit(workingSlot, '工作密钥号'), usage, keyHex(encryptedKey, '工作密钥密文'), FS, kcv) };
}

export function resetFrame(): Frame {
  return { kind: 'transaction', body: body('Z1') };
}

/** §2 Z2: optional SUB clears the display first; 1..64 characters. */
export function displayFrame(text: string, clear: boolean): Frame {
  const t = ascii(text, 1, 64, { zh: '显示内容', en: 'display text' });
  return { kind: 'transaction', body: clear ? body('Z2', SUB, t) : body('Z2', t) };
}

export function cancelFrame(): Frame {
  return { kind: 'transaction', body: body('72') };
}

/** §2 Z60 `.` + PAN + FS + PIN key; `*` + slot names a key stored with X2 (PPX/1 pads, as in X4). */
export function pinRequestFrame(pan: string, pinKey: { encryptedKey: string } | { workingSlot: number }): Frame {
  const keyField = 'encryptedKey' in pinKey ? keyHex(pinKey.encryptedKey, 'PIN 密钥密文') : `*${slotDigit(pinKey.workingSlot, '工作密钥号')}`;
  return { kind: 'transaction', body: body('Z60.', checkPan(pan), FS, keyField) };
}

export function hexData(data: Buffer, maxBytes: number): string {
  if (data.length > maxBytes) throw new PinpadInputError({ zh: `数据超过 ${maxBytes} 字节`, en: `data longer than ${maxBytes} bytes` });
  return data.toString('hex').toUpperCase();
}

/**
 * §2 Z66 (X9.19 under a MAC key given in the frame). The spec leaves flag and sequence
 * open; we send flag `0` (the whole message in this frame) and sequence `0`, data in hex.
 */
export function coreMacFrame(encryptedKey: string, data: Buffer): Frame {
  return { kind: 'transaction', body: body('Z66', '0', '0', FS, keyHex(encryptedKey, 'MAC 密钥密文'), FS, FS, hexData(data, 1000)) };
}

export function macFrame(mode: MacMode, key: MacKeyRef, data: Buffer): Frame {
  if (!['E', '9', 'B'].includes(mode)) throw new PinpadInputError({ zh: 'MAC 模式必须是 E、9 或 B', en: 'MAC mode must be E, 9 or B' });
  const keyPart = 'workingSlot' in key ? [`*${slotDigit(key.workingSlot, '工作密钥号')}`] : [slotDigit(key.masterSlot, '主密钥号'), FS, keyHex(key.encryptedKey, 'MAC 密钥密文')];
  return { kind: 'transaction', body: body('X4', mode, ...keyPart, FS, hexData(data, 1000)) };
}

export function readCardFrame(timeoutS: number, prompt: string): Frame {
  if (!Number.isInteger(timeoutS) || timeoutS < 1 || timeoutS > 999) throw new PinpadInputError({ zh: '读卡超时必须是 1-999 秒', en: 'card read timeout must be 1-999 seconds' });
  return { kind: 'transaction', body: body('X6', String(timeoutS).padStart(3, '0'), FS, ascii(prompt, 0, 64, { zh: '读卡提示', en: 'card prompt' })) };
}

/** What the emulator reads from a request frame; fields are raw strings, checked by the pad. */
export type ParsedRequest =
  | { id: '02'; slot: string; key: string }
  | { id: '08'; slot: string }
  | { id: '06' }
  | { id: 'X0' }
  | { id: 'X2'; masterSlot: string; workingSlot: string; usage: string; key: string; expectedKcv: string }
  | { id: 'Z1' }
  | { id: 'Z2'; clear: boolean; text: string }
  | { id: '72' }
  | { id: 'Z60'; pan: string; keyField: string; wellFormed: boolean }
  | { id: 'Z66'; key: string; data: string; wellFormed: boolean }
  | { id: 'X4'; mode: string; key: { masterSlot: string; key: string } | { workingSlot: string } | null; data: string }
  | { id: 'X6'; timeoutS: number; prompt: string }
  | { id: 'unknown'; kind: Frame['kind']; head: string };

export function parseRequest(frame: Frame): ParsedRequest {
  const s = frame.body.toString('latin1');
  const fs = String.fromCharCode(FS);
  if (frame.kind === 'admin') {
    if (s.startsWith('02')) return { id: '02', slot: s.slice(2, 3), key: s.slice(3) };
    if (s.startsWith('08')) return { id: '08', slot: s.slice(2) };
    if (s === '06') return { id: '06' };
    if (s === 'X0') return { id: 'X0' };
    if (s.startsWith('X2')) {
      const [head = '', kcv = ''] = s.split(fs);
      return { id: 'X2', masterSlot: head.slice(2, 3), workingSlot: head.slice(3, 4), usage: head.slice(4, 5), key: head.slice(5), expectedKcv: kcv };
    }
    return { id: 'unknown', kind: frame.kind, head: s.slice(0, 3) };
  }
  if (s === 'Z1') return { id: 'Z1' };
  if (s.startsWith('Z2')) {
    const clear = s.charCodeAt(2) === SUB;
    return { id: 'Z2', clear, text: s.slice(clear ? 3 : 2) };
  }
  if (s === '72') return { id: '72' };
  if (s.startsWith('Z60')) {
    const parts = s.slice(3).split(fs);
    const panPart = parts[0] ?? '';
    return { id: 'Z60', pan: panPart.startsWith('.') ? panPart.slice(1) : panPart, keyField: parts[1] ?? '', wellFormed: parts.length === 2 && panPart.startsWith('.') };
  }
  if (s.startsWith('Z66')) {
    const parts = s.split(fs);
    return { id: 'Z66', key: parts[1] ?? '', data: parts[3] ?? '', wellFormed: parts.length === 4 && parts[2] === '' };
  }
  if (s.startsWith('X4')) {
    const parts = s.split(fs);
    const head = parts[0] ?? '';
    const mode = head.slice(2, 3);
    if (head[3] === '*' && parts.length === 2) return { id: 'X4', mode, key: { workingSlot: head.slice(4) }, data: parts[1] ?? '' };
    if (parts.length === 3) return { id: 'X4', mode, key: { masterSlot: head.slice(3), key: parts[1] ?? '' }, data: parts[2] ?? '' };
    return { id: 'X4', mode, key: null, data: '' };
  }
  if (s.startsWith('X6')) {
    const [head = '', prompt = ''] = s.split(fs);
    const t = /^\d{3}$/.test(head.slice(2)) ? Number(head.slice(2)) : NaN;
    return { id: 'X6', timeoutS: t, prompt };
  }
  return { id: 'unknown', kind: frame.kind, head: s.slice(0, 3) };
}
