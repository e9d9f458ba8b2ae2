import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../native/log/logger.js';
import { encodeFrame } from '../../../electron/host/codec.js';
import { buildSale, buildQrSale } from '../../../electron/host/messages.js';
import { FrameTrace, maskPan, redactMessageFields, TRACE_CAPACITY } from '../../../electron/host/trace.js';
import { terminalContext } from '../../support/hostFixtures.js';

const PAN = '6222021234567890128';
const TRACK = '6222021234567890128D28122201234567';
const PIN_BLOCK = 'A1B2C3D4E5F60718';
const ICC = '9F2608DEADBEEFCAFEF00D';

describe('frame trace redaction', () => {
  const sale = buildSale(terminalContext(), {
    stan: '000001',
    amount: 100,
    card: { entry: 'chip', pan: PAN, track2: TRACK, track3: '996222021234567890128D1561560000', icc: ICC },
    pinBlock: Buffer.from(PIN_BLOCK, 'hex'),
  }).message;
  const signInReply = { tpdu: '6000000003', header: '603100311003', mti: '0810', fields: { 11: '000001', 39: '00', 62: 'C0FFEE00112233445566778899AABBCCDDEEFF00' } };

  it('masks the PAN (first 6, last 4) and replaces F35, F36, F52, F55, F62', () => {
    expect(maskPan(PAN)).toBe('622202*********0128');
    const r = redactMessageFields(sale.fields);
    expect(r[2]).toBe('622202*********0128');
    for (const no of [35, 36, 52, 55]) expect(r[no]).toMatch(/^\[redacted \d+ chars\]$/);
    expect(r[4]).toBe('000000000100');
    expect(redactMessageFields(signInReply.fields)[62]).toMatch(/redacted/);
  });

  it('no secret reaches the ring or the log, for sent and received frames', () => {
    const logger = createLogger({}, 'test');
    const trace = new FrameTrace({ logger });
    trace.record('sent', encodeFrame(sale).length, sale);
    trace.record('received', 60, signInReply);
    trace.record('received', 30, null, 'TPDU at byte 2: starts with 00');
    const all = JSON.stringify(trace.entries()) + JSON.stringify(logger.records());
    for (const secret of [PAN, '1234567890128', TRACK, '2812220123', PIN_BLOCK, ICC, 'C0FFEE0011', '1561560000']) expect(all).not.toContain(secret);
    expect(all).toContain('622202*********0128');
    expect(logger.records().map((r) => r.event)).toEqual(['host.frame', 'host.frame', 'host.frame']);
    expect(trace.entries()[2]).toMatchObject({ direction: 'received', bytes: 30, error: 'TPDU at byte 2: starts with 00' });
  });

  it('masks the QR payment code', () => {
    const qr = buildQrSale(terminalContext(), { stan: '000002', amount: 1, paymentCode: '281234567890123456' }).message;
    expect(redactMessageFields(qr.fields)[59]).toBe('QR281234********3456');
  });

  it('keeps the last TRACE_CAPACITY (100) frames', () => {
    const trace = new FrameTrace();
    for (let i = 0; i < 130; i++) trace.record('sent', i, null);
    const entries = trace.entries();
    expect(TRACE_CAPACITY).toBe(100);
    expect(entries).toHaveLength(100);
    expect(entries[0]!.bytes).toBe(30);
    expect(entries[99]!.bytes).toBe(129);
  });
});
