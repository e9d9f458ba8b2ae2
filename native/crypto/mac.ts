import { desEncrypt, desDecrypt, xorBuffers } from './des.js';

/**
 * Step 1 and 2 of the CUP "ECB" MAC (host-protocol §5.2): zero-pad, XOR all
 * 8-byte blocks. This is the application's half: what goes to the PIN pad is
 * always these 8 bytes, however long the message.
 */
export function cupMacXorBlock(mab: Buffer): Buffer {
  const r = Buffer.alloc(8);
  for (let i = 0; i < mab.length; i++) r[i % 8]! ^= mab[i]!;
  return r;
}

/**
 * Step 3 and 4, the keyed half: done inside the PIN pad in the app, in software
 * only by the training host, the emulator and tests. Returns 8 ASCII hex chars.
 */
export function cupMacFromXorBlock(macKey: Buffer, xorBlock: Buffer): string {
  const hex = Buffer.from(xorBlock.toString('hex').toUpperCase(), 'ascii');
  const c1 = desEncrypt(macKey, hex.subarray(0, 8));
  const c2 = desEncrypt(macKey, xorBuffers(c1, hex.subarray(8, 16)));
  return c2.toString('hex').toUpperCase().slice(0, 8);
}

export function cupMac(macKey: Buffer, mab: Buffer): string {
  return cupMacFromXorBlock(macKey, cupMacXorBlock(mab));
}

/**
 * ANSI X9.19 retail MAC: single-DES CBC with the left key half, then
 * decrypt with the right half and encrypt with the left on the last block.
 * Zero padding unless told otherwise (PP1000SE Z66, PPX/1 X4 mode 9).
 */
export function x919Mac(key: Buffer, data: Buffer, padding: 'zeros' | 'iso9797-2' = 'zeros'): Buffer {
  if (key.length !== 16) throw new RangeError('X9.19 needs a double-length key');
  let padded: Buffer = data;
  if (padding === 'iso9797-2') padded = Buffer.concat([data, Buffer.from([0x80])]);
  const rem = padded.length % 8;
  if (rem !== 0 || padded.length === 0) padded = Buffer.concat([padded, Buffer.alloc(rem === 0 ? 8 : 8 - rem)]);
  const left = key.subarray(0, 8);
  const right = key.subarray(8, 16);
  let chain: Buffer = Buffer.alloc(8);
  for (let off = 0; off < padded.length; off += 8) {
    chain = desEncrypt(left, xorBuffers(chain, padded.subarray(off, off + 8)));
  }
  return desEncrypt(left, desDecrypt(right, chain));
}
