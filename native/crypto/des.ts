import { createCipheriv, createDecipheriv } from 'node:crypto';

// Node's OpenSSL 3 build has no 'des-ecb' (host-protocol §5.1): single DES is
// 'des-ede3' with K1 = K2 = K3, which reduces to E_K(D_K(E_K(x))) = E_K(x).
function ecbAlgorithm(key: Buffer): { name: string; key: Buffer } {
  switch (key.length) {
    case 8:
      return { name: 'des-ede3', key: Buffer.concat([key, key, key]) };
    case 16:
      return { name: 'des-ede3', key: Buffer.concat([key, key.subarray(0, 8)]) };
    case 24:
      return { name: 'des-ede3', key };
    default:
      throw new RangeError(`DES key must be 8, 16 or 24 bytes, got ${key.length}`);
  }
}

function assertBlocks(data: Buffer): void {
  if (data.length % 8 !== 0) throw new RangeError(`DES data must be a multiple of 8 bytes, got ${data.length}`);
}

/** ECB encryption with DES (8-byte key) or 3DES (16/24-byte key); no padding. */
export function desEncrypt(key: Buffer, data: Buffer): Buffer {
  assertBlocks(data);
  const { name, key: k } = ecbAlgorithm(key);
  const c = createCipheriv(name, k, null);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(data), c.final()]);
}

/** ECB decryption with DES (8-byte key) or 3DES (16/24-byte key); no padding. */
export function desDecrypt(key: Buffer, data: Buffer): Buffer {
  assertBlocks(data);
  const { name, key: k } = ecbAlgorithm(key);
  const d = createDecipheriv(name, k, null);
  d.setAutoPadding(false);
  return Buffer.concat([d.update(data), d.final()]);
}

/** SM4-ECB, for acquirers that use the national algorithm; no padding. */
export function sm4Encrypt(key: Buffer, data: Buffer): Buffer {
  if (key.length !== 16) throw new RangeError('SM4 key must be 16 bytes');
  if (data.length % 16 !== 0) throw new RangeError('SM4 data must be a multiple of 16 bytes');
  const c = createCipheriv('sm4-ecb', key, null);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(data), c.final()]);
}

/** CUP key check value: the first 4 bytes of E_key(00 x 8) (host-protocol §3). */
export function kcv(clearKey: Buffer): Buffer {
  return desEncrypt(clearKey, Buffer.alloc(8)).subarray(0, 4);
}

export function xorBuffers(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.alloc(Math.min(a.length, b.length));
  for (let i = 0; i < out.length; i++) out[i] = a[i]! ^ b[i]!;
  return out;
}
