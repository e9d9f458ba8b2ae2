// The training host's behaviour over real TCP: what it approves and declines, its
// ledger, settlement reconciliation, QR, batch rules and fault switches.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { desEncrypt } from '../../../native/crypto/des.js';
import { iso0PinBlock } from '../../../native/crypto/pinBlock.js';
import { createLogger } from '../../../native/log/logger.js';
import { QR_CODE_DECLINED, QR_CODE_NEVER_COMPLETES } from '../../../electron/host/cardTable.js';
import { HostMacError } from '../../../electron/host/errors.js';
import { HostLink } from '../../../electron/host/link.js';
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
  buildSignOff,
  buildVoid,
  parseReply,
  parseSettlementReply,
  QR_TENDER,
  reversalSource,
  type CardData,
  type HostRequest,
  type ReplyInfo,
  type SettlementTotals,
  type TerminalContext,
} from '../../../electron/host/messages.js';
import { softwareMac } from '../../../electron/host/messageMac.js';
import { startTrainingHost, type TrainingHost } from '../../../electron/host/simulator.js';
import { signInForTest, TEST_TMK, terminalContext, type SignedIn } from '../../support/hostFixtures.js';

const PAN = '6222021234567890128';
const FOREIGN = '4761739001010119';
const card = (pan = PAN): CardData => ({ entry: 'chip', pan, cardSequence: '001' });

describe('training host', () => {
  let sim: TrainingHost;
  let link: HostLink;
  let keys: SignedIn;
  let ctx: TerminalContext;
  let stan = 0;
  const logger = createLogger({}, 'sim');
  const next = (): string => String(++stan).padStart(6, '0');
  const pin = (p: string, pan = PAN): Buffer => desEncrypt(keys.pinKey, iso0PinBlock(p, pan));

  async function send(request: HostRequest): Promise<ReplyInfo> {
    const reply = await link.exchange(request, request.mac ? { macFn: keys.macFn } : {});
    return parseReply(reply.message);
  }
  const saleOf = (amount: number, pan = PAN, p = '123456'): HostRequest => buildSale(ctx, { stan: next(), amount, card: card(pan), pinBlock: pin(p, pan) });

  beforeEach(async () => {
    sim = await startTrainingHost({ tmk: TEST_TMK, logger });
    link = new HostLink({ host: '127.0.0.1', port: sim.port, replyTimeoutMs: 5_000 });
    ctx = terminalContext();
    keys = await signInForTest(link, ctx, next());
    ctx = { ...ctx, batchNo: keys.batchNo };
  });

  afterEach(async () => {
    await link.close();
    await sim.close();
  });

  it('approves a sale with the right PIN and takes it from the balance; a wrong PIN is 55; too much is 51', async () => {
    expect((await send(saleOf(10_000))).outcome.code).toBe('00');
    expect(sim.balance(PAN)).toBe(1_000_000 - 10_000);
    expect((await send(saleOf(100, PAN, '654321'))).outcome.code).toBe('55');
    expect((await send(saleOf(2_000_000))).outcome.code).toBe('51');
    expect((await send(saleOf(100, '6222020000000000054'))).outcome.code).toBe('54');
    expect((await send(saleOf(100, '6299999999999999999'))).outcome.code).toBe('14');
    expect(sim.ledger.entries().map((e) => e.amount)).toEqual([10_000]);
  });

  it('logs one sim.message record per request with the masked PAN and response code', async () => {
    await send(saleOf(100, PAN, '000000'));
    const rec = logger.records().filter((r) => r.event === 'sim.message').at(-1)!;
    expect(rec).toMatchObject({ mti: '0200', kind: 'sale', responseCode: '55', maskedPan: '622202*********0128' });
    expect(JSON.stringify(logger.records())).not.toContain(PAN);
  });

  it('answers A0 to a request MAC made with another key, and A7 before any sign-in', async () => {
    const wrong = softwareMac(Buffer.alloc(8, 7));
    await expect(link.exchange(saleOf(100), { macFn: wrong })).rejects.toBeInstanceOf(HostMacError);
    expect(logger.records().filter((r) => r.event === 'sim.message').at(-1)).toMatchObject({ responseCode: 'A0' });
    const other = { ...ctx, tid: '99999999' };
    expect((await send(buildSale(other, { stan: next(), amount: 1, card: card() }))).outcome.code).toBe('A7');
    expect(sim.ledger.entries()).toEqual([]);
  });

  it('voids a sale of the batch once; a second void is 12, an unknown original 25, another amount 64', async () => {
    const s = saleOf(5_000);
    const approved = await send(s);
    const original = { batchNo: ctx.batchNo, stan: s.message.fields[11]!, rrn: approved.rrn!, authCode: approved.authCode! };
    expect((await send(buildVoid(ctx, { stan: next(), amount: 4_000, original, card: card() }))).outcome.code).toBe('64');
    expect((await send(buildVoid(ctx, { stan: next(), amount: 5_000, original, card: card() }))).outcome.code).toBe('00');
    expect((await send(buildVoid(ctx, { stan: next(), amount: 5_000, original, card: card() }))).outcome.code).toBe('12');
    expect((await send(buildVoid(ctx, { stan: next(), amount: 5_000, original: { ...original, stan: '999999' }, card: card() }))).outcome.code).toBe('25');
    expect(sim.ledger.entries().map((e) => `${e.type}:${e.status}`)).toEqual(['sale:voided', 'void:approved']);
    expect(sim.balance(PAN)).toBe(1_000_000);
  });

  it('refunds by RRN up to the sale amount in all (61 beyond), 25 for an unknown RRN', async () => {
    const s = saleOf(3_000);
    const approved = await send(s);
    const original = { batchNo: ctx.batchNo, stan: s.message.fields[11]!, rrn: approved.rrn!, date: approved.hostDate! };
    expect((await send(buildRefund(ctx, { stan: next(), amount: 2_000, original, card: card() }))).outcome.code).toBe('00');
    expect((await send(buildRefund(ctx, { stan: next(), amount: 2_000, original, card: card() }))).outcome.code).toBe('61');
    expect((await send(buildRefund(ctx, { stan: next(), amount: 1, original: { ...original, rrn: '000000000000' }, card: card() }))).outcome.code).toBe('25');
    expect(sim.balance(PAN)).toBe(1_000_000 - 1_000);
  });

  it('answers a balance inquiry in F54', async () => {
    const info = await send(buildBalanceInquiry(ctx, { stan: next(), card: card(), pinBlock: pin('123456') }));
    expect(info.outcome.code).toBe('00');
    expect(info.balance).toMatchObject({ fen: 1_000_000, currency: '156' });
  });

  it('a reversal undoes the sale once (idempotent) and answers 00 even for an unknown one', async () => {
    const s = saleOf(7_000);
    sim.faults.noReply();
    await expect(link.exchange(s, { macFn: keys.macFn, timeoutMs: 200 })).rejects.toMatchObject({ reversalReason: '98' });
    expect(sim.ledger.entries()[0]?.status).toBe('approved');
    const reversal = buildReversal(ctx, { source: reversalSource(s.message), reason: '98' });
    expect((await send(reversal)).outcome.code).toBe('00');
    expect((await send(reversal)).outcome.code).toBe('00');
    expect(sim.ledger.entries()[0]?.status).toBe('reversed');
    expect(sim.balance(PAN)).toBe(1_000_000);
    expect(sim.ledger.reversals.map((r) => [r.reason, r.matched, r.repeated])).toEqual([
      ['98', true, false],
      ['98', true, true],
    ]);
    const unknown = buildReversal(ctx, { source: { ...reversalSource(s.message), 11: '777777' }, reason: '06' });
    expect((await send(unknown)).outcome.code).toBe('00');
    expect(sim.ledger.reversals.at(-1)).toMatchObject({ matched: false });
  });

  it('reversing a void gives the sale back its approved status', async () => {
    const s = saleOf(1_500);
    const approved = await send(s);
    const v = buildVoid(ctx, { stan: next(), amount: 1_500, original: { batchNo: ctx.batchNo, stan: s.message.fields[11]!, rrn: approved.rrn! }, card: card() });
    await send(v);
    await send(buildReversal(ctx, { source: reversalSource(v.message), reason: '06' }));
    expect(sim.ledger.entries().map((e) => `${e.type}:${e.status}`)).toEqual(['sale:approved', 'void:reversed']);
    expect(sim.balance(PAN)).toBe(1_000_000 - 1_500);
  });

  it('QR: the sale answers Q1, a query approves it; the never-completing code stays Q1; the declined code is 51', async () => {
    const qr = buildQrSale(ctx, { stan: next(), amount: 880, paymentCode: '281234567890123456' });
    expect((await send(qr)).outcome).toMatchObject({ code: 'Q1', action: 'query' });
    const done = await send(buildQrQuery(ctx, { stan: next(), saleStan: qr.message.fields[11]! }));
    expect(done.outcome.code).toBe('00');
    expect(sim.ledger.entries()).toMatchObject([{ type: 'qr-sale', amount: 880, status: 'approved', domestic: true, rrn: done.rrn }]);

    const never = buildQrSale(ctx, { stan: next(), amount: 1, paymentCode: QR_CODE_NEVER_COMPLETES });
    await send(never);
    for (let i = 0; i < 3; i++) expect((await send(buildQrQuery(ctx, { stan: next(), saleStan: never.message.fields[11]! }))).outcome.code).toBe('Q1');
    expect((await send(buildQrSale(ctx, { stan: next(), amount: 1, paymentCode: QR_CODE_DECLINED }))).outcome.code).toBe('51');
    expect((await send(buildQrQuery(ctx, { stan: next(), saleStan: '424242' }))).outcome.code).toBe('25');

    const voided = await send(buildVoid(ctx, { stan: next(), amount: 880, original: { batchNo: ctx.batchNo, stan: qr.message.fields[11]!, rrn: done.rrn! }, card: QR_TENDER }));
    expect(voided.outcome.code).toBe('00');
  });

  it('settlement: balanced (1) when the totals match the ledger, not balanced (2) otherwise; end of batch moves the host to the next batch', async () => {
    await send(saleOf(10_000));
    await send(saleOf(2_500, FOREIGN, '1234'));
    const s = saleOf(1_000);
    const approved = await send(s);
    await send(buildVoid(ctx, { stan: next(), amount: 1_000, original: { batchNo: ctx.batchNo, stan: s.message.fields[11]!, rrn: approved.rrn! }, card: card() }));
    const right: SettlementTotals = {
      domestic: { debitAmount: 11_000, debitCount: 2, creditAmount: 1_000, creditCount: 1 },
      foreign: { debitAmount: 2_500, debitCount: 1, creditAmount: 0, creditCount: 0 },
    };
    expect(sim.ledger.totals(ctx.tid, ctx.batchNo)).toEqual(right);
    const ok = parseSettlementReply((await link.exchange(buildSettlement(ctx, { stan: next(), totals: right }), { macFn: keys.macFn })).message);
    expect(ok).toMatchObject({ balanced: true, results: ['1', '1'] });
    const wrong = { ...right, foreign: { ...right.foreign, debitAmount: 2_400 } };
    const bad = parseSettlementReply((await link.exchange(buildSettlement(ctx, { stan: next(), totals: wrong }), { macFn: keys.macFn })).message);
    expect(bad).toMatchObject({ balanced: false, results: ['1', '2'] });

    const upload = buildBatchUploadItem(ctx, { stan: next(), transaction: { type: 'sale', amount: 10_000, stan: '000002', date: '1125', rrn: approved.rrn!, entryMode: '051' } });
    expect((await send(upload)).outcome.code).toBe('00');
    expect((await send(buildBatchUploadEnd(ctx, { stan: next(), count: 4, balanced: false }))).outcome.code).toBe('00');
    expect(sim.ledger.uploads.map((u) => u.networkCode)).toEqual(['201', '202']);
    expect(sim.session(ctx.tid)?.batchNo).toBe('000002');
    // The old batch number is now a mismatch: 77, sign in again.
    expect((await send(saleOf(1))).outcome).toMatchObject({ code: '77', action: 'sign-in-retry' });
  });

  it('accepts a signature upload and records it against the sale', async () => {
    const s = saleOf(100);
    const approved = await send(s);
    const png = Buffer.from('89504E470D0A1A0A0000000D49484452', 'hex');
    expect((await send(buildSignatureUpload(ctx, { stan: next(), sale: { stan: s.message.fields[11]!, rrn: approved.rrn! }, image: png }))).outcome.code).toBe('00');
    expect(sim.ledger.signatures).toEqual([{ tid: ctx.tid, batchNo: ctx.batchNo, saleStan: s.message.fields[11], rrn: approved.rrn, bytes: png.length }]);
  });

  it('forces a response code for the next N matching messages, then behaves again', async () => {
    sim.faults.forceResponse('96', { count: 2, mti: ['0200'] });
    expect((await send(saleOf(1))).outcome).toMatchObject({ code: '96', action: 'retry-later' });
    expect((await send(buildSignOff(ctx, { stan: next() }))).outcome.code).toBe('00'); // 0820 not matched
    keys = await signInForTest(link, ctx, next());
    expect((await send(saleOf(1))).outcome.code).toBe('96');
    expect((await send(saleOf(1))).outcome.code).toBe('00');
    expect(sim.faults.pending()).toEqual([]);
  });

  it('delays a reply on request', async () => {
    sim.faults.delay(150);
    const t0 = Date.now();
    await send(saleOf(1));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it.each(['001', '003'] as const)('signs in with scheme %s: the key lengths of that scheme, no track key', async (scheme) => {
    const k = await signInForTest(link, ctx, next(), scheme);
    expect(k.pinKey.length).toBe(scheme === '001' ? 8 : 16);
    expect(k.macKey.length).toBe(8);
    expect(k.trackKey).toBeUndefined();
    expect(sim.session(ctx.tid)?.scheme).toBe(scheme);
  });
});
