// host-protocol §3: the working keys of a sign-in reply (F62), each encrypted under the
// TMK with the first 4 bytes of its KCV. The application only splits them: the PIN pad
// decrypts them and checks the KCVs.
import { SignInKeysError } from './errors.js';

/** F60.3 of a sign-in: which keys the host issues. `004` is the default. */
export type KeyScheme = '001' | '003' | '004';

export const KEY_SCHEMES: readonly KeyScheme[] = ['001', '003', '004'];

/** F62 length in the 0810 for each scheme (host-protocol §3). */
export const F62_LENGTH: Readonly<Record<KeyScheme, number>> = { '001': 24, '003': 40, '004': 60 };

export interface EncryptedKey {
  /** The key encrypted under the TMK (ECB); 8 or 16 bytes. */
  ciphertext: Buffer;
  /** First 4 bytes of E_clearKey(00 x 8). */
  kcv: Buffer;
}

export interface SignInKeys {
  pinKey: EncryptedKey;
  macKey: EncryptedKey;
  /** Only with scheme `004`. */
  trackKey?: EncryptedKey;
}

export function isKeyScheme(s: string): s is KeyScheme {
  return s === '001' || s === '003' || s === '004';
}

/**
 * Splits F62 of a sign-in reply. 001: `PIK(8) KCV(4) MAK(8) KCV(4)`; 003: `PIK(16) KCV(4)
 * MAK(8) 00x8 KCV(4)`; 004 appends `TDK(16) KCV(4)`. The MAC key is single-length even in
 * 003/004; a host that fills the 8 bytes after it with a second key half gets a
 * double-length MAC key (seen with some acquirers). Throws SignInKeysError.
 */
export function splitSignInKeys(f62: Buffer, scheme: KeyScheme): SignInKeys {
  const expected = F62_LENGTH[scheme];
  if (f62.length !== expected) throw new SignInKeysError(`F62 has ${f62.length} bytes, scheme ${scheme} needs ${expected}`);
  const copy = (from: number, to: number): Buffer => Buffer.from(f62.subarray(from, to));
  if (scheme === '001') {
    return { pinKey: { ciphertext: copy(0, 8), kcv: copy(8, 12) }, macKey: { ciphertext: copy(12, 20), kcv: copy(20, 24) } };
  }
  const macSecondHalf = f62.subarray(28, 36);
  const macKey = { ciphertext: macSecondHalf.every((b) => b === 0) ? copy(20, 28) : copy(20, 36), kcv: copy(36, 40) };
  const keys: SignInKeys = { pinKey: { ciphertext: copy(0, 16), kcv: copy(16, 20) }, macKey };
  if (scheme === '004') keys.trackKey = { ciphertext: copy(40, 56), kcv: copy(56, 60) };
  return keys;
}

/** The inverse of splitSignInKeys: the training host builds F62 with it. */
export function joinSignInKeys(keys: SignInKeys, scheme: KeyScheme): Buffer {
  const pinLen = scheme === '001' ? 8 : 16;
  const check = (k: EncryptedKey | undefined, len: number | number[], what: string): EncryptedKey => {
    const lens = Array.isArray(len) ? len : [len];
    if (!k || !lens.includes(k.ciphertext.length) || k.kcv.length !== 4) throw new SignInKeysError(`${what} does not fit scheme ${scheme}`);
    return k;
  };
  const pin = check(keys.pinKey, pinLen, 'PIN key');
  if (scheme === '001') {
    const mac = check(keys.macKey, 8, 'MAC key');
    return Buffer.concat([pin.ciphertext, pin.kcv, mac.ciphertext, mac.kcv]);
  }
  const mac = check(keys.macKey, [8, 16], 'MAC key');
  const macField = Buffer.concat([mac.ciphertext, Buffer.alloc(16 - mac.ciphertext.length)]);
  const parts = [pin.ciphertext, pin.kcv, macField, mac.kcv];
  if (scheme === '004') {
    const tdk = check(keys.trackKey, 16, 'track key');
    parts.push(tdk.ciphertext, tdk.kcv);
  }
  return Buffer.concat(parts);
}
