import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, macInput, replyMti, swapTpdu, type IsoMessage } from '../../../electron/host/codec.js';
import { IsoDecodeError, IsoEncodeError } from '../../../electron/host/errors.js';
import { sealFrame, softwareMac, verifyFrameMac } from '../../../electron/host/messageMac.js';
import { cupMacFromXorBlock, cupMacXorBlock } from '../../../native/crypto/mac.js';
import { vectors } from '../../support/vectors.js';

const hex = (s: string): Buffer => Buffer.from(s, 'hex');
const HEX = (b: Buffer): string => b.toString('hex').toUpperCase();

function msg(fields: Record<number, string>, mti = '0200'): IsoMessage {
  return { tpdu: '6000030000', header: '603100311003', mti, fields };
}

/** The bytes of the fields after the 23-byte LEN/TPDU/header/MTI/bitmap prefix. */
const body = (m: IsoMessage): string => HEX(encodeFrame(m).subarray(23));

function decodeError(frame: Buffer): IsoDecodeError {
  try {
    decodeFrame(frame);
  } catch (e) {
    if (e instanceof IsoDecodeError) return e;
    throw e;
  }
  throw new Error('decoded without error');
}

describe('captured frames (spec/vectors.json)', () => {
  it.each(vectors.frames)('$name decodes to the expected fields and re-encodes byte for byte', (v) => {
    const decoded = decodeFrame(hex(v.hex));
    expect(decoded).toEqual(v.expect);
    expect(HEX(encodeFrame(decoded))).toBe(v.hex);
  });

  it('frame 0 keeps its 19-digit F60 and frame 1 its one-digit F48', () => {
    expect(decodeFrame(hex(vectors.frames[0]!.hex)).fields[60]).toBe('2600000100060000000');
    expect(decodeFrame(hex(vectors.frames[1]!.hex)).fields[48]).toBe('0');
  });

  it('the MAB of frame 0 (MTI..F63) gives the MAC B3A092AE it carries', async () => {
    const frame = hex(vectors.frames[0]!.hex);
    const key = hex(vectors.cup_mac[0]!.key);
    expect(cupMacFromXorBlock(key, cupMacXorBlock(macInput(frame)))).toBe('B3A092AE');
    expect(await verifyFrameMac(frame, softwareMac(key))).toBe('ok');
  });

  it('sealing frame 0 without its F64 reproduces the captured bytes', async () => {
    const decoded = decodeFrame(hex(vectors.frames[0]!.hex));
    delete decoded.fields[64];
    const { frame, message } = await sealFrame(decoded, softwareMac(hex(vectors.cup_mac[0]!.key)));
    expect(HEX(frame)).toBe(vectors.frames[0]!.hex);
    expect(message.fields[64]).toBe('4233413039324145');
  });

  it('a frame whose MAC was computed with another key does not verify', async () => {
    const frame = hex(vectors.frames[0]!.hex);
    expect(await verifyFrameMac(frame, softwareMac(hex('0123456789ABCDEF')))).toBe('mismatch');
    expect(await verifyFrameMac(encodeFrame(msg({ 11: '000001' })), softwareMac(hex('0123456789ABCDEF')))).toBe('missing');
  });
});

describe('field encodings (host-protocol §2)', () => {
  it('writes LEN as a 2-byte binary count of the bytes after it, and the MTI in BCD', () => {
    const f = encodeFrame(msg({ 11: '000001' }));
    expect(f.readUInt16BE(0)).toBe(f.length - 2);
    expect(HEX(f.subarray(13, 15))).toBe('0200');
    expect(HEX(f.subarray(15, 23))).toBe('0020000000000000');
  });

  it('F22 is left-aligned: 051 -> 05 10; other odd fixed n fields are right-aligned: F23 001 -> 00 01', () => {
    expect(body(msg({ 22: '051' }))).toBe('0510');
    expect(body(msg({ 23: '001' }))).toBe('0001');
  });

  it('n LLVAR counts digits and pads an odd count with a trailing 0 nibble (F2)', () => {
    expect(body(msg({ 2: '6222021234567890128' }))).toBe('196222021234567890128' + '0');
  });

  it('z (track) LLVAR writes = or D as nibble D (F35)', () => {
    expect(body(msg({ 35: '6222021234567890128=2812220' }))).toBe('27' + '6222021234567890128D2812220' + '0');
    expect(decodeFrame(encodeFrame(msg({ 35: '6222021234567890128=2812220' }))).fields[35]).toBe('6222021234567890128D2812220');
  });

  it('n LLLVAR uses 2 BCD length bytes counting digits (F60)', () => {
    expect(body(msg({ 60: '22000001000' }))).toBe('0011' + '22000001000' + '0');
  });

  it('ans LLLVAR counts bytes (F63), b LLLVAR counts bytes (F62)', () => {
    expect(body(msg({ 63: 'CUP' }))).toBe('0003' + '435550');
    expect(body(msg({ 62: 'A1B2C3' }))).toBe('0003' + 'A1B2C3');
  });

  it('fixed an/ans fields are space padded on the right (F41)', () => {
    expect(body(msg({ 41: '1234' }))).toBe('3132333420202020');
  });

  it('an/ans bytes above 0x7F (a host GBK text) survive a round trip', () => {
    const gbk = Buffer.from([0x43, 0x55, 0x50, 0xd6, 0xd0, 0xb9, 0xfa]).toString('latin1');
    const frame = encodeFrame(msg({ 63: gbk }, '0210'));
    expect(decodeFrame(frame).fields[63]).toBe(gbk);
    expect(frame.subarray(frame.length - 7).equals(Buffer.from([0x43, 0x55, 0x50, 0xd6, 0xd0, 0xb9, 0xfa]))).toBe(true);
  });

  it('swaps TPDU addresses and computes reply MTIs', () => {
    expect(swapTpdu('6000030000')).toBe('6000000003');
    expect(['0800', '0820', '0200', '0220', '0400', '0500', '0320'].map(replyMti)).toEqual(['0810', '0830', '0210', '0230', '0410', '0510', '0330']);
  });
});

describe('decode errors name the field and byte offset', () => {
  const good = encodeFrame(msg({ 3: '000000', 4: '000000001234', 11: '000002', 60: '22000001000' }));

  it('LEN that does not match the frame', () => {
    const e = decodeError(good.subarray(0, good.length - 1));
    expect([e.part, e.offset]).toEqual(['LEN', 0]);
  });

  it('a TPDU not starting with 60', () => {
    const bad = Buffer.from(good);
    bad[2] = 0x61;
    const e = decodeError(bad);
    expect([e.part, e.offset]).toEqual(['TPDU', 2]);
    expect(e.en).toContain('TPDU at byte 2');
    expect(e.zh).toContain('偏移 2');
  });

  it('a non-BCD digit in F4', () => {
    const bad = Buffer.from(good);
    bad[26] = 0x0a; // F4 starts at 23 + 3
    const e = decodeError(bad);
    expect([e.part, e.offset]).toEqual([4, 26]);
  });

  it('a non-zero filler nibble of an odd F60', () => {
    const bad = Buffer.from(good);
    bad[bad.length - 1] = 0x01;
    const e = decodeError(bad);
    expect(e.part).toBe(60);
    expect(e.offset).toBe(bad.length - 1);
  });

  it('a variable field longer than its maximum', () => {
    const bad = Buffer.from(good);
    const at = good.length - 8; // F60's 2 length bytes
    bad[at] = 0x00;
    bad[at + 1] = 0x20; // 20 digits > 19
    const e = decodeError(bad);
    expect([e.part, e.offset]).toEqual([60, at]);
  });

  it('a bitmap bit of a field outside the profile, and a secondary bitmap', () => {
    const bad = Buffer.from(good);
    bad[15]! |= 0x08; // F5
    expect([decodeError(bad).part, decodeError(bad).offset]).toEqual([5, 15]);
    const second = Buffer.from(good);
    second[15]! |= 0x80;
    expect(decodeError(second).part).toBe('BITMAP');
  });

  it('a truncated field and trailing bytes', () => {
    const truncated = Buffer.from(good.subarray(0, good.length - 3));
    truncated.writeUInt16BE(truncated.length - 2, 0);
    expect(decodeError(truncated).part).toBe(60);
    const trailing = Buffer.concat([good, Buffer.from([0])]);
    trailing.writeUInt16BE(trailing.length - 2, 0);
    expect([decodeError(trailing).part, decodeError(trailing).offset]).toEqual(['END', good.length]);
  });
});

describe('encode errors name the field', () => {
  it.each([
    [{ 4: '1234' }, 4],
    [{ 3: '00000A' }, 3],
    [{ 2: '12345678901234567890' }, 2],
    [{ 41: '123456789' }, 41],
    [{ 52: 'ABC' }, 52],
    [{ 5: '1' }, 5],
  ] as Array<[Record<number, string>, number]>)('%j', (fields, part) => {
    expect(() => encodeFrame(msg(fields))).toThrow(IsoEncodeError);
    try {
      encodeFrame(msg(fields));
    } catch (e) {
      expect((e as IsoEncodeError).part).toBe(part);
    }
  });

  it('refuses a TPDU not starting with 60 and a non-digit MTI', () => {
    expect(() => encodeFrame({ ...msg({}), tpdu: '7000030000' })).toThrow(/TPDU/);
    expect(() => encodeFrame({ ...msg({}), mti: '02X0' })).toThrow(/MTI/);
  });
});
