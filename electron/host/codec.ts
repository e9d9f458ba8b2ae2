// Whole-frame codec of the CUP POS profile (host-protocol §1, §2), driven by the field
// table in fields.ts. Hot path: one pass to size and validate, one Buffer allocation,
// byte loops and native hex/latin1 conversions; no regular expressions.
import { IsoDecodeError, IsoEncodeError, type FramePart } from './errors.js';
import { FIELD_TABLE, type FieldSpec } from './fields.js';

/**
 * One host message as the CLI prints it (spec/cli.md): TPDU and header as upper-case
 * hex, MTI as 4 digits, and each present field as a string: n/an/ans values as their
 * characters, b values as upper-case hex, z (track) values as hex digits with the
 * separator as `D`. an/ans characters are bytes (latin1): a reply's GBK text
 * survives a decode/encode round trip byte for byte.
 */
export interface IsoMessage {
  tpdu: string;
  header: string;
  mti: string;
  fields: Record<number, string>;
}

/** host-protocol §1 defaults (profile: configurable per acquirer). */
export const DEFAULT_TPDU = '6000030000';
export const DEFAULT_HEADER = '603100311003';

/** LEN(2) + TPDU(5) + HEADER(6): the MAB starts here, at the first MTI byte (host-protocol §1). */
export const MTI_OFFSET = 13;
const BITMAP_OFFSET = 15;
const FIELDS_OFFSET = 23;
/** Smallest frame: LEN, TPDU, header, MTI and a bitmap with no field. */
export const MIN_FRAME_BYTES = FIELDS_OFFSET;

// --- character tables ----------------------------------------------------------------
const NO_NIBBLE = -1;
/** n digits: 0-9 only. */
const N_NIBBLE = new Int8Array(128).fill(NO_NIBBLE);
/** z (track) and b (hex) characters: 0-9, A-F, a-f; z also takes `=` as the separator D. */
const HEX_NIBBLE = new Int8Array(128).fill(NO_NIBBLE);
const Z_NIBBLE = new Int8Array(128).fill(NO_NIBBLE);
for (let c = 0; c < 10; c++) {
  N_NIBBLE[48 + c] = c;
  HEX_NIBBLE[48 + c] = c;
}
for (let c = 0; c < 6; c++) {
  HEX_NIBBLE[65 + c] = 10 + c;
  HEX_NIBBLE[97 + c] = 10 + c;
}
Z_NIBBLE.set(HEX_NIBBLE);
Z_NIBBLE[61] = 0xd; // '='

/** Upper-case hex of each byte: faster than a native call for the many short fields. */
const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, b) => (b < 16 ? '0' : '') + b.toString(16).toUpperCase());
/** Up to this many bytes, hex is built from BYTE_HEX; longer fields use Buffer's native hex. */
const SHORT_HEX_BYTES = 12;

function upperHex(frame: Buffer, start: number, end: number): string {
  if (end - start > SHORT_HEX_BYTES) return frame.toString('hex', start, end).toUpperCase();
  let s = '';
  for (let i = start; i < end; i++) s += BYTE_HEX[frame[i]!]!;
  return s;
}

/** 1 where both nibbles of the byte are decimal digits. */
const BCD_BYTE_OK = new Uint8Array(256);
for (let b = 0; b < 256; b++) BCD_BYTE_OK[b] = (b >> 4) <= 9 && (b & 15) <= 9 ? 1 : 0;

// --- encode ------------------------------------------------------------------------

/** Bytes a field's value takes on the wire, length prefix included; throws IsoEncodeError. */
function encodedSize(spec: FieldSpec, value: string): number {
  const len = value.length;
  const prefix = spec.length === 'fixed' ? 0 : spec.length === 'LLVAR' ? 1 : 2;
  switch (spec.kind) {
    case 'n':
    case 'z':
      if (spec.length === 'fixed' ? len !== spec.max : len > spec.max) {
        throw new IsoEncodeError(spec.no, spec.length === 'fixed' ? `must be ${spec.max} digits, got ${len}` : `at most ${spec.max} digits, got ${len}`);
      }
      return prefix + ((len + 1) >> 1);
    case 'an':
    case 'ans':
      if (len > spec.max) throw new IsoEncodeError(spec.no, `at most ${spec.max} characters, got ${len}`);
      return spec.length === 'fixed' ? spec.max : prefix + len;
    case 'b':
      if ((len & 1) !== 0) throw new IsoEncodeError(spec.no, 'hex with an odd number of characters');
      if (spec.length === 'fixed' ? len !== spec.max * 2 : len > spec.max * 2) {
        throw new IsoEncodeError(spec.no, spec.length === 'fixed' ? `must be ${spec.max} bytes, got ${len / 2}` : `at most ${spec.max} bytes, got ${len / 2}`);
      }
      return prefix + len / 2;
  }
}

function writeBcdLength(out: Buffer, at: number, n: number, bytes: 1 | 2): number {
  if (bytes === 1) {
    out[at] = ((((n / 10) | 0) % 10) << 4) | n % 10;
    return at + 1;
  }
  out[at] = ((((n / 1000) | 0) % 10) << 4) | (((n / 100) | 0) % 10);
  out[at + 1] = ((((n / 10) | 0) % 10) << 4) | n % 10;
  return at + 2;
}

/** Packs digits two a byte; `leadPad` puts the odd filler nibble first (right-aligned). */
function writeNibbles(out: Buffer, at: number, value: string, table: Int8Array, leadPad: boolean, part: FramePart): number {
  const len = value.length;
  let hi = -1;
  let pos = at;
  if ((len & 1) !== 0 && leadPad) hi = 0;
  for (let i = 0; i < len; i++) {
    const c = value.charCodeAt(i);
    const v = c < 128 ? table[c]! : NO_NIBBLE;
    if (v === NO_NIBBLE) throw new IsoEncodeError(part, `character ${JSON.stringify(value[i])} at ${i} is not allowed`);
    if (hi < 0) hi = v;
    else {
      out[pos++] = (hi << 4) | v;
      hi = -1;
    }
  }
  if (hi >= 0) out[pos++] = hi << 4;
  return pos;
}

function writeField(out: Buffer, at: number, spec: FieldSpec, value: string): number {
  let pos = at;
  switch (spec.kind) {
    case 'n':
    case 'z': {
      if (spec.length === 'LLVAR') pos = writeBcdLength(out, pos, value.length, 1);
      else if (spec.length === 'LLLVAR') pos = writeBcdLength(out, pos, value.length, 2);
      // host-protocol §2: fixed n is right-aligned except F22; variable n/z is left-aligned.
      const leadPad = spec.length === 'fixed' && !spec.leftAligned;
      return writeNibbles(out, pos, value, spec.kind === 'n' ? N_NIBBLE : Z_NIBBLE, leadPad, spec.no);
    }
    case 'an':
    case 'ans': {
      if (spec.length === 'LLVAR') pos = writeBcdLength(out, pos, value.length, 1);
      else if (spec.length === 'LLLVAR') pos = writeBcdLength(out, pos, value.length, 2);
      // Plain ASCII (the usual case) has as many UTF-8 bytes as characters: native write.
      if (Buffer.byteLength(value, 'utf8') === value.length) pos += out.write(value, pos, 'latin1');
      else {
        for (let i = 0; i < value.length; i++) {
          const c = value.charCodeAt(i);
          if (c > 0xff) throw new IsoEncodeError(spec.no, `character ${JSON.stringify(value[i])} at ${i} is not one byte`);
          out[pos++] = c;
        }
      }
      if (spec.length === 'fixed') for (let i = value.length; i < spec.max; i++) out[pos++] = 0x20;
      return pos;
    }
    case 'b': {
      if (spec.length === 'LLLVAR') pos = writeBcdLength(out, pos, value.length >> 1, 2);
      else if (spec.length === 'LLVAR') pos = writeBcdLength(out, pos, value.length >> 1, 1);
      // Native hex write stops at the first non-hex character: a short count means a bad value.
      const bytes = value.length >> 1;
      if (out.write(value, pos, bytes, 'hex') !== bytes) return writeNibbles(out, pos, value, HEX_NIBBLE, false, spec.no);
      return pos + bytes;
    }
  }
}

function writeHexPart(out: Buffer, at: number, hex: string, bytes: number, part: 'TPDU' | 'HEADER'): void {
  if (hex.length !== bytes * 2) throw new IsoEncodeError(part, `must be ${bytes} bytes of hex, got ${JSON.stringify(hex)}`);
  writeNibbles(out, at, hex, HEX_NIBBLE, false, part);
}

/**
 * Encodes a whole frame: LEN, TPDU, header, MTI, primary bitmap and fields 2..64 in
 * field order.
 * Fixed an/ans values shorter than the field are space padded; every other value must
 * fit its field exactly (throws IsoEncodeError naming the field).
 */
export function encodeFrame(msg: IsoMessage): Buffer {
  const specs: FieldSpec[] = [];
  const values: string[] = [];
  let size = FIELDS_OFFSET;
  const fields = msg.fields;
  // Keys outside 2..64 cannot be in a primary bitmap and are not looked at (enumerating
  // the keys would cost more than the rest of the encode); untyped input (the CLI) checks
  // its keys first. Fields 2..64 outside the profile are refused.
  for (let no = 2; no <= 64; no++) {
    const value = fields[no];
    if (value === undefined) continue;
    const spec = FIELD_TABLE[no];
    if (spec === undefined) throw new IsoEncodeError(no, `field ${no} is not part of this profile`);
    if (typeof value !== 'string') throw new IsoEncodeError(no, 'value must be a string');
    size += encodedSize(spec, value);
    specs.push(spec);
    values.push(value);
  }
  if (size - 2 > 0xffff) throw new IsoEncodeError('LEN', `frame of ${size - 2} bytes does not fit a 2-byte length`);
  if (msg.tpdu.length < 2 || msg.tpdu.charCodeAt(0) !== 54 || msg.tpdu.charCodeAt(1) !== 48) {
    throw new IsoEncodeError('TPDU', `must start with 60, got ${JSON.stringify(msg.tpdu)}`);
  }
  if (msg.mti.length !== 4) throw new IsoEncodeError('MTI', `must be 4 digits, got ${JSON.stringify(msg.mti)}`);

  const out = Buffer.allocUnsafe(size);
  out.writeUInt16BE(size - 2, 0);
  writeHexPart(out, 2, msg.tpdu, 5, 'TPDU');
  writeHexPart(out, 7, msg.header, 6, 'HEADER');
  writeMti(out, msg.mti);
  out.fill(0, BITMAP_OFFSET, FIELDS_OFFSET);
  let pos = FIELDS_OFFSET;
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i]!;
    const bit = spec.no - 1;
    out[BITMAP_OFFSET + (bit >> 3)]! |= 0x80 >> (bit & 7);
    pos = writeField(out, pos, spec, values[i]!);
  }
  return out;
}

function writeMti(out: Buffer, mti: string): void {
  for (let i = 0; i < 4; i++) {
    const c = mti.charCodeAt(i);
    if (c < 48 || c > 57) throw new IsoEncodeError('MTI', `must be 4 digits, got ${JSON.stringify(mti)}`);
  }
  out[MTI_OFFSET] = ((mti.charCodeAt(0) - 48) << 4) | (mti.charCodeAt(1) - 48);
  out[MTI_OFFSET + 1] = ((mti.charCodeAt(2) - 48) << 4) | (mti.charCodeAt(3) - 48);
}

// --- decode ------------------------------------------------------------------------

function need(frame: Buffer, part: FramePart, at: number, bytes: number): void {
  if (at + bytes > frame.length) throw new IsoDecodeError(part, at, `needs ${bytes} bytes, ${frame.length - at} left`);
}

function readBcdLength(frame: Buffer, at: number, bytes: 1 | 2, no: number): number {
  need(frame, no, at, bytes);
  let n = 0;
  for (let i = 0; i < bytes; i++) {
    const b = frame[at + i]!;
    if (BCD_BYTE_OK[b] === 0) throw new IsoDecodeError(no, at + i, `length prefix byte ${hexByte(b)} is not BCD`);
    n = n * 100 + (b >> 4) * 10 + (b & 15);
  }
  return n;
}

function hexByte(b: number): string {
  return (b < 16 ? '0' : '') + b.toString(16).toUpperCase();
}

/** Reads `digits` nibbles packed from `at`; the odd filler nibble must be 0. */
function readDigits(frame: Buffer, at: number, digits: number, spec: FieldSpec): string {
  const bytes = (digits + 1) >> 1;
  need(frame, spec.no, at, bytes);
  const end = at + bytes;
  if (spec.kind === 'n') {
    for (let i = at; i < end; i++) {
      if (BCD_BYTE_OK[frame[i]!] === 0) throw new IsoDecodeError(spec.no, i, `byte ${hexByte(frame[i]!)} is not BCD`);
    }
  }
  const hex = upperHex(frame, at, end);
  if ((digits & 1) === 0) return hex;
  // host-protocol §2: odd fixed n is right-aligned (leading 0 nibble) except F22; variable is left-aligned.
  if (spec.length === 'fixed' && !spec.leftAligned) {
    if (frame[at]! >> 4 !== 0) throw new IsoDecodeError(spec.no, at, 'leading filler nibble is not 0');
    return hex.slice(1);
  }
  if ((frame[end - 1]! & 15) !== 0) throw new IsoDecodeError(spec.no, end - 1, 'trailing filler nibble is not 0');
  return hex.slice(0, -1);
}

/**
 * Decodes a whole frame (with its 2-byte LEN). Any defect, including a LEN that does
 * not match the frame, a field outside the profile, a non-BCD digit, a non-zero filler
 * nibble or trailing bytes, throws IsoDecodeError naming the field and byte offset, so
 * whatever decodes re-encodes to the same bytes.
 */
export function decodeFrame(frame: Buffer): IsoMessage {
  need(frame, 'LEN', 0, 2);
  const len = frame.readUInt16BE(0);
  if (len !== frame.length - 2) throw new IsoDecodeError('LEN', 0, `says ${len} bytes, frame has ${frame.length - 2}`);
  need(frame, 'TPDU', 2, 5);
  if (frame[2] !== 0x60) throw new IsoDecodeError('TPDU', 2, `starts with ${hexByte(frame[2]!)}, not 60`);
  need(frame, 'HEADER', 7, 6);
  need(frame, 'MTI', MTI_OFFSET, 2);
  for (let i = MTI_OFFSET; i < MTI_OFFSET + 2; i++) {
    if (BCD_BYTE_OK[frame[i]!] === 0) throw new IsoDecodeError('MTI', i, `byte ${hexByte(frame[i]!)} is not BCD`);
  }
  need(frame, 'BITMAP', BITMAP_OFFSET, 8);
  if ((frame[BITMAP_OFFSET]! & 0x80) !== 0) throw new IsoDecodeError('BITMAP', BITMAP_OFFSET, 'bit 1 (secondary bitmap) is set');

  const fields: Record<number, string> = {};
  let pos = FIELDS_OFFSET;
  for (let byte = 0; byte < 8; byte++) {
    const bits = frame[BITMAP_OFFSET + byte]!;
    if (bits === 0) continue;
    for (let bit = 0; bit < 8; bit++) {
      if ((bits & (0x80 >> bit)) === 0) continue;
      const no = byte * 8 + bit + 1;
      const spec = FIELD_TABLE[no];
      if (spec === undefined) throw new IsoDecodeError(no, BITMAP_OFFSET + byte, `field ${no} is not part of this profile`);
      pos = readField(frame, pos, spec, fields);
    }
  }
  if (pos !== frame.length) throw new IsoDecodeError('END', pos, `${frame.length - pos} bytes after the last field`);
  return {
    tpdu: upperHex(frame, 2, 7),
    header: upperHex(frame, 7, 13),
    mti: upperHex(frame, MTI_OFFSET, BITMAP_OFFSET),
    fields,
  };
}

function readField(frame: Buffer, at: number, spec: FieldSpec, into: Record<number, string>): number {
  let pos = at;
  let count = spec.max;
  if (spec.length !== 'fixed') {
    const prefix = spec.length === 'LLVAR' ? 1 : 2;
    count = readBcdLength(frame, pos, prefix, spec.no);
    if (count > spec.max) throw new IsoDecodeError(spec.no, pos, `length ${count} exceeds the maximum ${spec.max}`);
    pos += prefix;
  }
  switch (spec.kind) {
    case 'n':
    case 'z':
      into[spec.no] = readDigits(frame, pos, count, spec);
      return pos + ((count + 1) >> 1);
    case 'an':
    case 'ans':
      need(frame, spec.no, pos, count);
      into[spec.no] = frame.toString('latin1', pos, pos + count);
      return pos + count;
    case 'b':
      need(frame, spec.no, pos, count);
      into[spec.no] = upperHex(frame, pos, pos + count);
      return pos + count;
  }
}

// --- MAC input and TPDU ------------------------------------------------------------------

/** True when the frame's bitmap has bit 64 (the MAC) set. */
export function frameHasMac(frame: Buffer): boolean {
  return frame.length >= FIELDS_OFFSET && (frame[BITMAP_OFFSET + 7]! & 0x01) !== 0;
}

/**
 * host-protocol §1: the MAC input runs from the first MTI byte to the last byte of F63;
 * TPDU and header are not covered. With F64 present it is the last 8 bytes of the frame.
 */
export function macInput(frame: Buffer): Buffer {
  return frame.subarray(MTI_OFFSET, frameHasMac(frame) ? frame.length - 8 : frame.length);
}

/** host-protocol §1: the host answers with destination and source swapped. */
export function swapTpdu(tpdu: string): string {
  return tpdu.slice(0, 2) + tpdu.slice(6, 10) + tpdu.slice(2, 6);
}

/** MTI of the reply to a request: 0800 -> 0810, 0200 -> 0210, 0400 -> 0410 ... */
export function replyMti(mti: string): string {
  const third = mti.charCodeAt(2) - 48;
  return mti.slice(0, 2) + String((third + 1) % 10) + mti.slice(3);
}
