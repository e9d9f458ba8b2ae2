import { describe, expect, it } from 'vitest';
import { desDecrypt, desEncrypt, kcv } from '../../../native/crypto/des.js';
import { SignInKeysError } from '../../../electron/host/errors.js';
import { F62_LENGTH, joinSignInKeys, splitSignInKeys, type KeyScheme } from '../../../electron/host/signInKeys.js';
import { vectors } from '../../support/vectors.js';

const hex = (s: string): Buffer => Buffer.from(s, 'hex');
const v = vectors.working_key_under_tmk[0]!;
const tmk = hex(v.tmk);

function wrap(clear: Buffer): { ciphertext: Buffer; kcv: Buffer } {
  return { ciphertext: desEncrypt(tmk, clear), kcv: kcv(clear) };
}

describe('F62 working keys of the sign-in reply (host-protocol §3)', () => {
  it('003: PIK(16) KCV | MAK(8) 00x8 KCV, the layout byte for byte', () => {
    const pik = hex('0123456789ABCDEFFEDCBA9876543210');
    const mak = hex(v.clear);
    const f62 = joinSignInKeys({ pinKey: wrap(pik), macKey: wrap(mak) }, '003');
    expect(f62.length).toBe(40);
    expect(f62.subarray(20, 28).toString('hex').toUpperCase()).toBe(v.encrypted); // the published MAK ciphertext
    expect(f62.subarray(28, 36).equals(Buffer.alloc(8))).toBe(true);
    expect(f62.subarray(16, 20).toString('hex').toUpperCase()).toBe(vectors.tdes2[0]!.kcv_cup);
    const keys = splitSignInKeys(f62, '003');
    expect(desDecrypt(tmk, keys.macKey.ciphertext).toString('hex').toUpperCase()).toBe(v.clear);
    expect(kcv(desDecrypt(tmk, keys.pinKey.ciphertext)).equals(keys.pinKey.kcv)).toBe(true);
    expect(keys.trackKey).toBeUndefined();
  });

  it.each(['001', '003', '004'] as KeyScheme[])('%s: split(join(keys)) gives the keys back', (scheme) => {
    const keys = {
      pinKey: wrap(scheme === '001' ? hex('1111111111111111') : hex('11111111111111112222222222222222')),
      macKey: wrap(hex('3333333333333333')),
      ...(scheme === '004' ? { trackKey: wrap(hex('44444444444444445555555555555555')) } : {}),
    };
    const f62 = joinSignInKeys(keys, scheme);
    expect(f62.length).toBe(F62_LENGTH[scheme]);
    expect(splitSignInKeys(f62, scheme)).toEqual(keys);
  });

  it('a host that sends a double-length MAC key in the 16 bytes gets it whole', () => {
    const f62 = joinSignInKeys({ pinKey: wrap(hex('11111111111111112222222222222222')), macKey: wrap(hex('33333333333333336666666666666666')) }, '003');
    expect(splitSignInKeys(f62, '003').macKey.ciphertext.length).toBe(16);
  });

  it('refuses an F62 of the wrong length for the scheme', () => {
    expect(() => splitSignInKeys(Buffer.alloc(40), '004')).toThrow(SignInKeysError);
    expect(() => splitSignInKeys(Buffer.alloc(60), '003')).toThrow(/60 bytes, scheme 003 needs 40/);
  });
});
