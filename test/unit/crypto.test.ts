import { describe, expect, it } from 'vitest';
import { desDecrypt, desEncrypt, kcv, sm4Encrypt } from '../../native/crypto/des.js';
import { cupMacFromXorBlock, cupMacXorBlock, x919Mac } from '../../native/crypto/mac.js';
import { iso0PinBlock, pinFromIso0Block } from '../../native/crypto/pinBlock.js';
import { encryptTrackTdb } from '../../native/crypto/trackData.js';
import { vectors } from '../support/vectors.js';

const hex = (s: string): Buffer => Buffer.from(s, 'hex');
const HEX = (b: Buffer): string => b.toString('hex').toUpperCase();

describe('DES and 3DES (spec/vectors.json)', () => {
  it.each(vectors.des)('single DES $key / $plain', (v) => {
    expect(HEX(desEncrypt(hex(v.key), hex(v.plain)))).toBe(v.cipher);
    expect(HEX(desDecrypt(hex(v.key), hex(v.cipher)))).toBe(v.plain);
  });
  it.each(vectors.tdes2)('double-length 3DES and its CUP KCV', (v) => {
    expect(HEX(desEncrypt(hex(v.key), hex(v.plain)))).toBe(v.cipher);
    expect(HEX(kcv(hex(v.key)))).toBe(v.kcv_cup);
  });
  it.each(vectors.sm4)('SM4', (v) => {
    expect(HEX(sm4Encrypt(hex(v.key), hex(v.plain)))).toBe(v.cipher);
  });
  it.each(vectors.working_key_under_tmk)('working key decrypts under the TMK', (v) => {
    expect(HEX(desDecrypt(hex(v.tmk), hex(v.encrypted)))).toBe(v.clear);
  });
  it('refuses a key of the wrong length', () => {
    expect(() => desEncrypt(Buffer.alloc(7), Buffer.alloc(8))).toThrow(/8, 16 or 24/);
    expect(() => desEncrypt(Buffer.alloc(8), Buffer.alloc(7))).toThrow(/multiple of 8/);
  });
});

describe('ISO 9564 format 0 PIN block', () => {
  it.each(vectors.pin_block_iso0)('PIN $pin with PAN $pan', (v) => {
    const block = iso0PinBlock(v.pin, v.pan);
    expect(HEX(block)).toBe(v.clear);
    expect(pinFromIso0Block(block, v.pan)).toBe(v.pin);
    if (v.pin_key && v.encrypted) expect(HEX(desEncrypt(hex(v.pin_key), block))).toBe(v.encrypted);
  });
  it('a block made with another PAN does not give the PIN back', () => {
    const block = iso0PinBlock('1234', '4012345678909');
    expect(pinFromIso0Block(block, '6222021234567890128')).not.toBe('1234');
  });
});

describe('MACs', () => {
  it.each(vectors.x919_mac)('X9.19 with $padding', (v) => {
    const padding = v.padding === 'zeros' ? 'zeros' : 'iso9797-2';
    expect(HEX(x919Mac(hex(v.key), Buffer.from(v.data_ascii, 'ascii'), padding))).toBe(v.mac);
  });
  it('CUP MAC: the XOR block and the keyed step (vector 2)', () => {
    const v = vectors.cup_mac[1]!;
    const xor = cupMacXorBlock(hex(v.data!));
    expect(HEX(xor)).toBe(v.xor_block);
    expect(cupMacFromXorBlock(hex(v.key), xor)).toBe(v.mac_ascii);
  });
  it('CUP MAC over the MAB of captured frame 0 is B3A092AE', () => {
    const frame = hex(vectors.frames[0]!.hex);
    // LEN(2) TPDU(5) HEADER(6) | MTI ... F63 | F64(8)
    const mab = frame.subarray(13, frame.length - 8);
    expect(cupMacFromXorBlock(hex(vectors.cup_mac[0]!.key), cupMacXorBlock(mab))).toBe('B3A092AE');
    expect(frame.subarray(frame.length - 8).toString('ascii')).toBe('B3A092AE');
  });
});

describe('track data TDB encryption (host-protocol §4.1)', () => {
  it.each(vectors.track_tdb)('encrypts the 8 bytes before the last byte', (v) => {
    expect(encryptTrackTdb(hex(v.tdk), v.clear)).toBe(v.encrypted);
  });
});
