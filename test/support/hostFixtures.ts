// Shared by the host unit, integration, fuzz and bench files: a terminal context, the
// test TMK, fast-check arbitraries of valid messages of every type, and the codec
// properties (the same property runs 10k times in unit and FUZZ_RUNS times in fuzz).
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { desDecrypt, kcv } from '../../native/crypto/des.js';
import { decodeFrame, encodeFrame, type IsoMessage } from '../../electron/host/codec.js';
import { IsoDecodeError } from '../../electron/host/errors.js';
import { FIELD_TABLE, type FieldSpec } from '../../electron/host/fields.js';
import type { HostLink } from '../../electron/host/link.js';
import { buildSignIn, parseSignInReply, type TerminalContext } from '../../electron/host/messages.js';
import { softwareMac, type MacFn } from '../../electron/host/messageMac.js';
import type { KeyScheme } from '../../electron/host/signInKeys.js';

/** The TMK of the published working-key vector (spec/vectors.json). */
export const TEST_TMK = Buffer.from('70F2A84CCBC2AE8625CBB0F2C22AB923', 'hex');

export function terminalContext(overrides: Partial<TerminalContext> = {}): TerminalContext {
  return { tid: '10000019', mid: '850100082410002', tpdu: '6000030000', header: '603100311003', batchNo: '000001', operator: '01', ...overrides };
}

export interface SignedIn {
  batchNo: string;
  pinKey: Buffer;
  macKey: Buffer;
  trackKey?: Buffer;
  macFn: MacFn;
}

/**
 * Signs in over the link and, as the PIN pad would, decrypts the working keys with the
 * TMK and checks their KCVs (in software: this is a test).
 */
export async function signInForTest(link: HostLink, ctx: TerminalContext, stan: string, scheme: KeyScheme = '004'): Promise<SignedIn> {
  const reply = await link.exchange(buildSignIn(ctx, { stan, scheme }));
  const info = parseSignInReply(reply.message, scheme);
  if (!info.outcome.approved || !info.keys || !info.batchNo) throw new Error(`sign-in declined: ${info.outcome.code}`);
  const open = (k: { ciphertext: Buffer; kcv: Buffer }, what: string): Buffer => {
    const clear = desDecrypt(TEST_TMK, k.ciphertext);
    if (!kcv(clear).equals(k.kcv)) throw new Error(`${what} KCV mismatch`);
    return clear;
  };
  const macKey = open(info.keys.macKey, 'MAK');
  const out: SignedIn = { batchNo: info.batchNo, pinKey: open(info.keys.pinKey, 'PIK'), macKey, macFn: softwareMac(macKey) };
  if (info.keys.trackKey) out.trackKey = open(info.keys.trackKey, 'TDK');
  return out;
}

// --- arbitraries ------------------------------------------------------------------------

/** Field sets per message type (host-protocol §3, §4), requests and replies. */
export const MESSAGE_TYPES: ReadonlyArray<{ name: string; mti: string; required: number[]; optional: number[] }> = [
  { name: 'sign-in', mti: '0800', required: [11, 41, 42, 60, 63], optional: [] },
  { name: 'sign-in reply', mti: '0810', required: [11, 12, 13, 39, 41, 42, 60], optional: [32, 37, 62] },
  { name: 'sign-off', mti: '0820', required: [11, 41, 42, 60, 63], optional: [] },
  { name: 'sale', mti: '0200', required: [3, 4, 11, 22, 25, 41, 42, 49, 60, 64], optional: [2, 14, 23, 26, 35, 36, 52, 53, 55] },
  { name: 'sale reply', mti: '0210', required: [3, 4, 11, 12, 13, 25, 37, 39, 41, 42, 49, 60, 64], optional: [2, 14, 15, 22, 38, 44, 54, 55, 63] },
  { name: 'void', mti: '0200', required: [3, 4, 11, 22, 25, 37, 41, 42, 49, 60, 61, 64], optional: [2, 35, 38, 52, 53] },
  { name: 'refund', mti: '0220', required: [3, 4, 11, 22, 25, 37, 41, 42, 49, 60, 61, 64], optional: [2, 35, 52, 53] },
  { name: 'reversal', mti: '0400', required: [3, 4, 11, 22, 25, 39, 41, 42, 49, 60, 64], optional: [2, 14, 23, 38, 55, 61] },
  { name: 'settlement', mti: '0500', required: [11, 41, 42, 48, 49, 60, 63, 64], optional: [] },
  { name: 'batch upload', mti: '0320', required: [11, 41, 42, 48, 49, 60, 63, 64], optional: [2, 3, 4, 22, 37, 38, 61] },
  { name: 'QR sale', mti: '0200', required: [3, 4, 11, 22, 25, 41, 42, 49, 59, 60, 64], optional: [] },
  { name: 'signature upload', mti: '0820', required: [11, 37, 41, 42, 60, 61, 62, 64], optional: [] },
];

const HEX = '0123456789ABCDEF';
const hexBytes = (n: number): fc.Arbitrary<string> => digitString(HEX, n * 2, n * 2);
const digitString = (alphabet: string, min: number, max: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...alphabet.split('')), { minLength: min, maxLength: max }).map((a) => a.join(''));
/** Any byte as a latin1 character: an/ans values round-trip byte for byte. */
const latin1 = (min: number, max: number): fc.Arbitrary<string> =>
  fc.array(fc.integer({ min: 0, max: 255 }), { minLength: min, maxLength: max }).map((a) => String.fromCharCode(...a));

/** A valid value for a field of the table. */
export function fieldValueArb(spec: FieldSpec): fc.Arbitrary<string> {
  const fixed = spec.length === 'fixed';
  const min = fixed ? spec.max : 0;
  switch (spec.kind) {
    case 'n':
      return digitString('0123456789', min, spec.max);
    case 'z':
      return digitString(HEX, min, spec.max);
    case 'an':
    case 'ans':
      return latin1(min, Math.min(spec.max, 200));
    case 'b':
      return fc.integer({ min: fixed ? spec.max : 0, max: Math.min(spec.max, 200) }).chain(hexBytes);
  }
}

/** A random valid message of one of MESSAGE_TYPES. */
export const isoMessageArb: fc.Arbitrary<IsoMessage> = fc
  .constantFrom(...MESSAGE_TYPES)
  .chain((type) =>
    fc.record({
      tpdu: hexBytes(4).map((h) => '60' + h),
      header: hexBytes(6),
      mti: fc.constant(type.mti),
      fields: fc.record(
        Object.fromEntries([...type.required, ...type.optional].map((no) => [String(no), fieldValueArb(FIELD_TABLE[no]!)])),
        { requiredKeys: type.required.map(String) },
      ),
    }),
  )
  .map((m) => ({ ...m, fields: m.fields as Record<number, string> }));

/** Mutations of a valid frame: flip, insert, delete bytes, truncate; sometimes with LEN fixed up. */
export const mutatedFrameArb: fc.Arbitrary<Buffer> = fc
  .tuple(
    isoMessageArb,
    fc.array(fc.tuple(fc.constantFrom('flip', 'set', 'insert', 'delete', 'truncate'), fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
    fc.boolean(),
  )
  .map(([m, edits, fixLen]) => {
    let bytes = [...encodeFrame(m)];
    for (const [op, at, v] of edits) {
      const i = bytes.length === 0 ? 0 : at % bytes.length;
      if (op === 'flip') bytes[i] = (bytes[i] ?? 0) ^ (1 << (v % 8));
      else if (op === 'set') bytes[i] = v;
      else if (op === 'insert') bytes.splice(i, 0, v);
      else if (op === 'delete') bytes.splice(i, 1);
      else bytes = bytes.slice(0, i);
    }
    const buf = Buffer.from(bytes);
    if (fixLen && buf.length >= 2) buf.writeUInt16BE(Math.min(0xffff, buf.length - 2), 0);
    return buf;
  });

/** Random bytes, often with a LEN that matches and a TPDU that starts with 60 (to get past the frame checks). */
export const randomFrameArb: fc.Arbitrary<Buffer> = fc.tuple(fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ minLength: 23, maxLength: 300 })), fc.boolean(), fc.boolean()).map(([a, fixLen, tpdu]) => {
  const buf = Buffer.from(a);
  if (fixLen && buf.length >= 2) buf.writeUInt16BE(buf.length - 2, 0);
  if (tpdu && buf.length >= 3) buf[2] = 0x60;
  return buf;
});

// --- properties ------------------------------------------------------------------------

/** decode(encode(m)) = m, and the bytes re-encode identically. */
export function roundTripProperty(): fc.IPropertyWithHooks<[IsoMessage]> {
  return fc.property(isoMessageArb, (m) => {
    const frame = encodeFrame(m);
    const back = decodeFrame(frame);
    if (JSON.stringify(back) !== JSON.stringify(m)) throw new Error(`round trip differs:\n${JSON.stringify(m)}\n${JSON.stringify(back)}`);
    if (!encodeFrame(back).equals(frame)) throw new Error('re-encode differs');
  });
}

/**
 * Decoding any bytes yields a message that re-encodes to the same bytes, or an
 * IsoDecodeError whose offset lies inside the frame; never any other exception.
 */
export function decodeOnlyTypedErrorsProperty(arb: fc.Arbitrary<Buffer>): fc.IPropertyWithHooks<[Buffer]> {
  return fc.property(arb, (bytes) => {
    let m: IsoMessage;
    try {
      m = decodeFrame(bytes);
    } catch (e) {
      if (!(e instanceof IsoDecodeError)) throw e;
      if (e.offset < 0 || e.offset > bytes.length) throw new Error(`offset ${e.offset} outside a ${bytes.length}-byte frame`);
      if (!e.message.includes(typeof e.part === 'number' ? `F${e.part}` : e.part)) throw new Error('the message does not name the field');
      return;
    }
    if (!encodeFrame(m).equals(bytes)) throw new Error(`decoded frame re-encodes differently: ${bytes.toString('hex')}`);
  });
}

// --- the npm iso_8583 package as a peer (ASCII dialect) ------------------------------------

interface PeerFormat {
  ContentType: string;
  Label: string;
  LenType: 'fixed' | 'llvar' | 'lllvar';
  MaxLen: number;
}

/** The part of iso_8583's API the cross-check and the benchmark use. */
export interface PeerIso8583 {
  new (message?: Record<string, string>, customFormats?: Record<string, PeerFormat>): {
    getBufferMessage(): Buffer | { error: string };
    getIsoJSON(buffer: Buffer, config?: Record<string, unknown>): Record<string, string> | { error: string };
    getBitMapFields(): number[];
  };
}

export const PeerIso8583: PeerIso8583 = createRequire(import.meta.url)('iso_8583') as PeerIso8583;

/**
 * Our field table as iso_8583 custom formats. iso_8583 writes every field as ASCII text
 * (the "ASCII dialect"): n and z as digit characters, b as hex characters, so lengths of
 * b fields count hex characters there.
 */
export const PEER_FORMATS: Record<string, PeerFormat> = Object.fromEntries(
  [...FIELD_TABLE.entries()].flatMap(([no, spec]) => {
    if (!spec) return [];
    const LenType = spec.length === 'fixed' ? 'fixed' : spec.length === 'LLVAR' ? 'llvar' : 'lllvar';
    const ContentType = spec.kind === 'an' ? 'ans' : spec.kind;
    const MaxLen = spec.kind === 'b' ? spec.max * 2 : spec.max;
    return [[String(no), { ContentType, Label: spec.name, LenType, MaxLen }]];
  }),
);

/** Our message as the iso_8583 JSON shape: field 0 is the MTI, the rest as our values. */
export function toPeerMessage(m: IsoMessage): Record<string, string> {
  const out: Record<string, string> = { 0: m.mti };
  for (const [k, v] of Object.entries(m.fields)) out[k] = v;
  return out;
}

/** iso_8583's unpacked JSON in our shape: it returns fixed b fields (packed as raw bytes) in lower-case hex. */
export function fromPeerMessage(json: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(json)) out[k] = FIELD_TABLE[Number(k)]?.kind === 'b' ? v.toUpperCase() : v;
  return out;
}
