import { desDecrypt } from '../../native/crypto/des.js';

/**
 * The training host's inverse of native/crypto/trackData.ts encryptTrackTdb
 * (host-protocol §4.1): decrypts the 8 bytes that end just before the last byte of
 * the packed track with the TDK and returns the clear digits (`D` as the separator).
 */
export function decryptTrackTdb(tdk: Buffer, fieldDigits: string): string {
  const digits = fieldDigits.toUpperCase();
  if (!/^[0-9A-F]+$/.test(digits)) throw new RangeError('track field must be hex digits');
  const packed = Buffer.from(digits.length % 2 ? digits + '0' : digits, 'hex');
  if (packed.length < 9) return digits;
  const end = packed.length - 1;
  desDecrypt(tdk, packed.subarray(end - 8, end)).copy(packed, end - 8);
  return packed.toString('hex').toUpperCase().slice(0, digits.length);
}

/** The PAN of a clear track 2 or 3: the digits before the `D` separator; null if there is none. */
export function panFromTrack(track: string): string | null {
  const sep = track.indexOf('D');
  const pan = sep < 0 ? '' : track.slice(0, sep);
  return /^\d{12,19}$/.test(pan) ? pan : null;
}
