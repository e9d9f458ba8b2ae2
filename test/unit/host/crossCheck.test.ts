// Cross-check with an independent implementation: the npm iso_8583 package (ASCII
// dialect) packs and unpacks the field values our codec decoded, with our field table as
// its custom formats. Agreement means our values have the lengths and types the table
// says, and our bitmap names the same fields.
import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, type IsoMessage } from '../../../electron/host/codec.js';
import {
  buildBatchUploadEnd,
  buildBatchUploadItem,
  buildQrSale,
  buildRefund,
  buildReversal,
  buildSale,
  buildSettlement,
  buildSignatureUpload,
  buildSignIn,
  buildVoid,
  reversalSource,
} from '../../../electron/host/messages.js';
import { sealFrame, softwareMac } from '../../../electron/host/messageMac.js';
import { fromPeerMessage, PEER_FORMATS, PeerIso8583, terminalContext, toPeerMessage } from '../../support/hostFixtures.js';
import { vectors } from '../../support/vectors.js';

const ctx = terminalContext();
const mac = softwareMac(Buffer.from('0123456789ABCDEF', 'hex'));
const card = { entry: 'chip' as const, pan: '6222021234567890128', expiry: '2812', cardSequence: '001', track2: '6222021234567890128D2812220123', icc: '9F2608AABBCCDDEEFF0011' };
const original = { batchNo: '000001', stan: '000007', rrn: '123456789012', authCode: '654321', date: '1125' };
const sale = buildSale(ctx, { stan: '000010', amount: 1234, card, pinBlock: Buffer.from('1122334455667788', 'hex') });

const built = [
  buildSignIn(ctx, { stan: '000001', scheme: '004' }),
  sale,
  buildQrSale(ctx, { stan: '000011', amount: 500, paymentCode: '281234567890123456' }),
  buildVoid(ctx, { stan: '000012', amount: 1234, original, card }),
  buildRefund(ctx, { stan: '000013', amount: 1000, original, card }),
  buildReversal(ctx, { source: reversalSource(sale.message), reason: '98' }),
  buildSettlement(ctx, { stan: '000014', totals: { domestic: { debitAmount: 1234, debitCount: 1, creditAmount: 0, creditCount: 0 }, foreign: { debitAmount: 0, debitCount: 0, creditAmount: 0, creditCount: 0 } } }),
  buildBatchUploadItem(ctx, { stan: '000015', transaction: { type: 'sale', amount: 1234, stan: '000010', date: '1125', rrn: '123456789012', entryMode: '051' } }),
  buildBatchUploadEnd(ctx, { stan: '000016', count: 1, balanced: true }),
  buildSignatureUpload(ctx, { stan: '000017', sale: { stan: '000010', rrn: '123456789012' }, image: Buffer.from('89504E470D0A1A0A', 'hex') }),
];

async function ourDecodedMessages(): Promise<Array<[string, IsoMessage]>> {
  const out: Array<[string, IsoMessage]> = vectors.frames.map((f) => [f.name, decodeFrame(Buffer.from(f.hex, 'hex'))]);
  for (const r of built) {
    const frame = r.mac ? (await sealFrame(r.message, mac)).frame : encodeFrame(r.message);
    out.push([`${r.kind} ${r.message.mti}`, decodeFrame(frame)]);
  }
  return out;
}

describe('cross-check with the iso_8583 package', async () => {
  const messages = await ourDecodedMessages();

  it.each(messages)('%s: iso_8583 packs and unpacks our field values unchanged', (_name, m) => {
    const packed = new PeerIso8583(toPeerMessage(m), PEER_FORMATS).getBufferMessage();
    if (!Buffer.isBuffer(packed)) throw new Error(`iso_8583 refused our values: ${packed.error}`);
    const unpacked = new PeerIso8583({}, PEER_FORMATS).getIsoJSON(packed, {});
    if ('error' in unpacked && typeof unpacked.error === 'string') throw new Error(`iso_8583 could not unpack: ${unpacked.error}`);
    expect(fromPeerMessage(unpacked as Record<string, string>)).toEqual(toPeerMessage(m));
  });

  it.each(messages)('%s: iso_8583 finds the fields our bitmap names', (_name, m) => {
    const peerFields = new PeerIso8583(toPeerMessage(m), PEER_FORMATS).getBitMapFields();
    expect(peerFields).toEqual(Object.keys(m.fields).map(Number));
  });

  it('iso_8583 refuses a value that breaks our table (so the check can fail)', () => {
    const m = decodeFrame(Buffer.from(vectors.frames[0]!.hex, 'hex'));
    const broken = { ...toPeerMessage(m), 4: '1234' };
    const packed = new PeerIso8583(broken, PEER_FORMATS).getBufferMessage();
    expect(Buffer.isBuffer(packed)).toBe(false);
  });
});
