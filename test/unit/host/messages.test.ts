import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, type IsoMessage } from '../../../electron/host/codec.js';
import { IsoEncodeError } from '../../../electron/host/errors.js';
import {
  buildBalanceInquiry,
  buildBatchUploadEnd,
  buildBatchUploadItem,
  buildQrQuery,
  buildQrSale,
  buildRefund,
  buildReversal,
  buildSale,
  buildSettlement,
  buildSignatureUpload,
  buildSignIn,
  buildSignOff,
  buildVoid,
  headerStatus,
  parseReply,
  parseSettlementF48,
  parseSettlementReply,
  parseSignInReply,
  QR_TENDER,
  reversalSource,
  settlementF48,
} from '../../../electron/host/messages.js';
import { joinSignInKeys } from '../../../electron/host/signInKeys.js';
import { terminalContext } from '../../support/hostFixtures.js';

const ctx = terminalContext({ batchNo: '000123', operator: '7' });
const pinBlock = Buffer.from('1122334455667788', 'hex');
const swipe = { entry: 'swipe' as const, pan: '6222021234567890128', expiry: '2812', track2: '6222021234567890128D2812220123' };
const original = { batchNo: '000123', stan: '000045', rrn: '112233445566', authCode: '778899', date: '1124' };
const keys = (m: IsoMessage): number[] => Object.keys(m.fields).map(Number);

describe('request builders (host-protocol §3, §4)', () => {
  it('sign-in 0800: F11 F41 F42 F60 = 00 + batch + scheme, F63 operator, no MAC', () => {
    const r = buildSignIn(ctx, { stan: '000001', scheme: '004' });
    expect(r).toMatchObject({ kind: 'sign-in', mac: false, reversible: false });
    expect(r.message.mti).toBe('0800');
    expect(r.message.fields).toEqual({ 11: '000001', 41: '10000019', 42: '850100082410002', 60: '00000123004', 63: '007' });
  });

  it('sign-off 0820: F60.3 002', () => {
    const r = buildSignOff(ctx, { stan: '000002' });
    expect(r.message.mti).toBe('0820');
    expect(r.message.fields[60]).toBe('00000123002');
    expect(r.mac).toBe(false);
  });

  it('swiped sale with PIN: F22 021, F26 12, F52, F53 2600..., F60 22 + batch + 000; MAC and reversible', () => {
    const r = buildSale(ctx, { stan: '000046', amount: 12345, card: swipe, pinBlock });
    expect(r).toMatchObject({ kind: 'sale', mac: true, reversible: true });
    expect(keys(r.message)).toEqual([2, 3, 4, 11, 14, 22, 25, 26, 35, 41, 42, 49, 52, 53, 60]);
    expect(r.message.fields).toMatchObject({ 3: '000000', 4: '000000012345', 22: '021', 25: '00', 26: '12', 49: '156', 52: '1122334455667788', 53: '2600000000000000', 60: '22000123000' });
  });

  it('chip sale without PIN and encrypted tracks: F22 052, F23, F55, F53 digit 3 = 1; single-length scheme 001 -> digit 2 = 0', () => {
    const chip = { entry: 'chip' as const, pan: '6222021234567890128', cardSequence: '001', icc: '9F2608AABB', track2: '6222021234567890128D28', tracksEncrypted: true };
    const r = buildSale({ ...ctx, keyScheme: '001' }, { stan: '000046', amount: 1, card: chip });
    expect(r.message.fields).toMatchObject({ 22: '052', 23: '001', 55: '9F2608AABB', 53: '0010000000000000' });
    expect(r.message.fields[26]).toBeUndefined();
    expect(r.message.fields[52]).toBeUndefined();
  });

  it('QR sale: F22 032, F59 QR + code, no card fields; query 330000 with F61 = batch + sale STAN', () => {
    const r = buildQrSale(ctx, { stan: '000047', amount: 800, paymentCode: '281234567890123456' });
    expect(r.kind).toBe('qr-sale');
    expect(keys(r.message)).toEqual([3, 4, 11, 22, 25, 41, 42, 49, 59, 60]);
    expect(r.message.fields).toMatchObject({ 22: '032', 59: 'QR281234567890123456' });
    const q = buildQrQuery(ctx, { stan: '000048', saleStan: '000047' });
    expect(q.message.fields).toMatchObject({ 3: '330000', 11: '000048', 61: '000123000047' });
    expect(q.reversible).toBe(false);
    expect(() => buildQrSale(ctx, { stan: '000047', amount: 800, paymentCode: '12345' })).toThrow(IsoEncodeError);
  });

  it('void: 0200 / 200000, 60.1 23, F37/F38 of the original, F61 = batch + STAN; QR void has no card fields', () => {
    const r = buildVoid(ctx, { stan: '000049', amount: 12345, original, card: swipe, pinBlock });
    expect(r).toMatchObject({ kind: 'void', reversible: true, mac: true });
    expect(r.message.fields).toMatchObject({ 3: '200000', 37: '112233445566', 38: '778899', 60: '23000123000', 61: '000123000045' });
    const qr = buildVoid(ctx, { stan: '000050', amount: 800, original, card: QR_TENDER });
    expect(qr.message.fields[22]).toBe('032');
    expect(qr.message.fields[2]).toBeUndefined();
  });

  it('refund: 0220 / 200000, 60.1 25, F61 = batch + STAN + date; not reversible', () => {
    const r = buildRefund(ctx, { stan: '000051', amount: 100, original, card: swipe });
    expect(r).toMatchObject({ kind: 'refund', reversible: false });
    expect(r.message.mti).toBe('0220');
    expect(r.message.fields).toMatchObject({ 3: '200000', 37: '112233445566', 60: '25000123000', 61: '0001230000451124' });
  });

  it('balance inquiry: 0200 / 310000, 60.1 01, no amount', () => {
    const r = buildBalanceInquiry(ctx, { stan: '000052', card: swipe, pinBlock });
    expect(r.message.fields).toMatchObject({ 3: '310000', 60: '01000123000' });
    expect(r.message.fields[4]).toBeUndefined();
  });

  it('reversal 0400: the original fields with the same F11, F39 = reason, no track or PIN block', () => {
    const sale = buildSale(ctx, { stan: '000046', amount: 12345, card: { ...swipe, cardSequence: '001', icc: '9F26' }, pinBlock });
    const source = reversalSource(sale.message);
    expect(source[35]).toBeUndefined();
    expect(source[52]).toBeUndefined();
    const r = buildReversal(ctx, { source, reason: '98' });
    expect(r.message.mti).toBe('0400');
    expect(keys(r.message)).toEqual([2, 3, 4, 11, 14, 22, 23, 25, 39, 41, 42, 49, 55, 60]);
    expect(r.message.fields).toMatchObject({ 11: '000046', 39: '98', 60: '22000123000' });
    expect(buildReversal(ctx, { source: reversalSource(sale.message, '123456'), reason: '96' }).message.fields[38]).toBe('123456');
    expect(() => buildReversal(ctx, { source: {}, reason: '06' })).toThrow(IsoEncodeError);
  });

  it('settlement 0500: F48 = 62 digits, domestic then foreign; F60 00 + batch + 201', () => {
    const totals = { domestic: { debitAmount: 150000, debitCount: 3, creditAmount: 5000, creditCount: 1 }, foreign: { debitAmount: 900, debitCount: 1, creditAmount: 0, creditCount: 0 } };
    const r = buildSettlement(ctx, { stan: '000053', totals });
    expect(r.message.fields[48]).toBe('000000150000' + '003' + '000000005000' + '001' + '0' + '000000000900' + '001' + '000000000000' + '000' + '0');
    expect(r.message.fields[60]).toBe('00000123201');
    expect(parseSettlementF48(r.message.fields[48]!)).toEqual({ totals, results: ['0', '0'] });
    expect(parseSettlementF48('123')).toBeNull();
    expect(() => settlementF48({ ...totals, foreign: { ...totals.foreign, debitCount: 1000 } })).toThrow(IsoEncodeError);
  });

  it('batch upload 0320: one transaction (201) and the end of batch (207 balanced / 202 after uploads) with F48 = count n4', () => {
    const item = buildBatchUploadItem(ctx, { stan: '000054', transaction: { type: 'void', amount: 500, stan: '000049', date: '1125', rrn: '112233445567', entryMode: '021' } });
    expect(item.message.fields).toMatchObject({ 3: '200000', 4: '000000000500', 60: '00000123201', 61: '0001230000491125' });
    expect(buildBatchUploadEnd(ctx, { stan: '000055', count: 12, balanced: true }).message.fields).toMatchObject({ 48: '0012', 60: '00000123207' });
    expect(buildBatchUploadEnd(ctx, { stan: '000055', count: 12, balanced: false }).message.fields[60]).toBe('00000123202');
  });

  it('signature upload 0820: 07 + batch + 800, F37/F61 of the sale, F62 the PNG; at most 999 bytes', () => {
    const r = buildSignatureUpload(ctx, { stan: '000056', sale: { stan: '000046', rrn: '112233445566' }, image: Buffer.from([0x89, 0x50, 0x4e, 0x47]) });
    expect(r).toMatchObject({ kind: 'signature-upload', mac: true });
    expect(r.message.fields).toMatchObject({ 37: '112233445566', 60: '07000123800', 61: '000123000046', 62: '89504E47' });
    expect(() => buildSignatureUpload(ctx, { stan: '000056', sale: { stan: '000046', rrn: 'x' }, image: Buffer.alloc(1000) })).toThrow(/999/);
  });

  it('every built message encodes; bad amounts and STANs are refused', () => {
    expect(() => encodeFrame(buildSale(ctx, { stan: '000046', amount: 1, card: swipe, pinBlock }).message)).not.toThrow();
    expect(() => buildSale(ctx, { stan: '000046', amount: 1.5, card: swipe })).toThrow(IsoEncodeError);
    expect(() => buildSale(ctx, { stan: '46', amount: 1, card: swipe })).toThrow(/STAN/);
  });
});

describe('reply parsers', () => {
  const reply = (fields: Record<number, string>, mti = '0210', header = '603100311003'): IsoMessage => ({ tpdu: '6000000003', header, mti, fields });

  it('reads an approval: outcome, RRN, auth code trimmed, host time, card organisation, balance', () => {
    const info = parseReply(reply({ 11: '000046', 12: '101112', 13: '1125', 37: '112233445566', 38: '7788  ', 39: '00', 54: '1002156C000000012345', 60: '22000123000', 63: 'CUP' }));
    expect(info).toMatchObject({ stan: '000046', rrn: '112233445566', authCode: '7788', hostTime: '101112', hostDate: '1125', cardOrganisation: 'CUP', batchNo: '000123', networkCode: '000' });
    expect(info.outcome).toMatchObject({ code: '00', approved: true });
    expect(info.balance).toEqual({ accountType: '10', amountType: '02', currency: '156', fen: 12345 });
    expect(parseReply(reply({ 39: '00', 54: '1002156D000000000100' })).balance?.fen).toBe(-100);
  });

  it('a reply without F39 is a format error, and header processing requirement 3 asks for a sign-in', () => {
    expect(parseReply(reply({ 11: '000001' })).outcome.code).toBe('30');
    expect(headerStatus('603113311003')).toEqual({ terminalStatus: 1, processingRequirement: 3 });
    expect(parseReply(reply({ 39: '00' }, '0210', '603103311003')).signInRequested).toBe(true);
  });

  it('sign-in reply: keys when approved; none when declined', () => {
    const f62 = joinSignInKeys({ pinKey: { ciphertext: Buffer.alloc(16, 1), kcv: Buffer.alloc(4, 2) }, macKey: { ciphertext: Buffer.alloc(8, 3), kcv: Buffer.alloc(4, 4) } }, '003');
    const ok = parseSignInReply(reply({ 11: '000001', 39: '00', 60: '00000124003', 62: f62.toString('hex').toUpperCase() }, '0810'), '003');
    expect(ok.batchNo).toBe('000124');
    expect(ok.keys?.macKey.ciphertext).toEqual(Buffer.alloc(8, 3));
    const no = parseSignInReply(reply({ 11: '000001', 39: '97' }, '0810'), '003');
    expect(no.keys).toBeUndefined();
    expect(() => parseSignInReply(reply({ 11: '000001', 39: '00' }, '0810'), '003')).toThrow(/F62/);
  });

  it('settlement reply: balanced only when both sides say 1', () => {
    const totals = { domestic: { debitAmount: 1, debitCount: 1, creditAmount: 0, creditCount: 0 }, foreign: { debitAmount: 0, debitCount: 0, creditAmount: 0, creditCount: 0 } };
    expect(parseSettlementReply(reply({ 39: '00', 48: settlementF48(totals, ['1', '1']) }, '0510')).balanced).toBe(true);
    const unbalanced = parseSettlementReply(reply({ 39: '00', 48: settlementF48(totals, ['2', '1']) }, '0510'));
    expect(unbalanced).toMatchObject({ balanced: false, results: ['2', '1'] });
    expect(parseSettlementReply(reply({ 39: '00' }, '0510')).results).toBeNull();
  });

  it('parses what it built after a trip through the codec', () => {
    const r = buildSale(ctx, { stan: '000046', amount: 5, card: swipe });
    expect(decodeFrame(encodeFrame(r.message))).toEqual(r.message);
  });
});
