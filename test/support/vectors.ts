import { readFileSync } from 'node:fs';

// A copy of shared/spec/vectors.json, so a plain clone can run the tests;
// test/unit/vectors-copy.test.ts checks it still equals the published file.
export const vectorsPath = new URL('./vectors.json', import.meta.url);

export interface Vectors {
  des: Array<{ key: string; plain: string; cipher: string }>;
  tdes2: Array<{ key: string; plain: string; cipher: string; kcv_cup: string }>;
  sm4: Array<{ key: string; plain: string; cipher: string }>;
  pin_block_iso0: Array<{ pin: string; pan: string; clear: string; pin_key?: string; encrypted?: string }>;
  x919_mac: Array<{ key: string; data_ascii: string; padding: string; mac: string }>;
  cup_mac: Array<{ key: string; mab?: string; data?: string; xor_block?: string; mac_ascii: string }>;
  working_key_under_tmk: Array<{ tmk: string; encrypted: string; clear: string }>;
  track_tdb: Array<{ tdk: string; clear: string; encrypted: string }>;
  frames: Array<{ name: string; hex: string; expect: { tpdu: string; header: string; mti: string; fields: Record<string, string> } }>;
}

export const vectors = JSON.parse(readFileSync(vectorsPath, 'utf8')) as Vectors;
