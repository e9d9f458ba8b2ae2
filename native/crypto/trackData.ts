import { desEncrypt } from './des.js';

/**
 * host-protocol §4.1: pack track digits as BCD nibbles ('=' or 'D' is nibble D, odd
 * count padded with a trailing 0), encrypt the 8 bytes that end just before the last
 * byte (the TDB) with the TDK, and return the field's digits (same length as the input).
 */
export function encryptTrackTdb(tdk: Buffer, trackDigits: string): string {
  const digits = trackDigits.toUpperCase().replace(/=/g, 'D');
  if (!/^[0-9D]+$/.test(digits)) throw new RangeError('track data must be digits and D separators');
  const packed = Buffer.from(digits.length % 2 ? digits + '0' : digits, 'hex');
  if (packed.length < 9) return digits; // too short to hold a TDB: sent as is
  const end = packed.length - 1;
  const tdb = desEncrypt(tdk, packed.subarray(end - 8, end));
  tdb.copy(packed, end - 8);
  return packed.toString('hex').toUpperCase().slice(0, digits.length);
}
