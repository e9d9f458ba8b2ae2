// Issue 6, done-when: every transaction type approved and declined over real TCP, a pty
// and a SQLite file; QR pending then approved; QR never completing → reversed; voiding
// a voided sale refused; refund without a supervisor refused; host timeout, disconnect
// mid-reply and a wrong reply MAC each give the right reversal code.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../../electron/app.js';
import { QR_CODE_NEVER_COMPLETES } from '../../../electron/host/cardTable.js';
import { contractClient } from '../../support/contractClient.js';
import { CASHIER, SUPERVISOR, signedIn, startRig, waitFor, type Rig } from '../../support/counterRig.js';

let rig: Rig;
let app: App;
let api: ReturnType<typeof contractClient>;

const CARD = { pan: '6222021234567890128', expiry: '2812', track2: '6222021234567890128D28122201234567' };
const CARD_51 = { pan: '6222020000000000051', expiry: '2812', track2: '6222020000000000051D28122201234567' };
const FOREIGN = { pan: '4761739001010119', expiry: '2812', track2: '4761739001010119D28122201234567' };

beforeAll(async () => {
  rig = await startRig({ qrPendingReplies: 2 });
  await rig.setUp({ replyTimeoutMs: 800 });
  app = await rig.open();
  await signedIn(app);
  api = contractClient(app);
  await api.ok('operator.signIn', CASHIER);
});
afterAll(async () => {
  await rig.close();
});
beforeEach(() => {
  rig.emulator.script.clear();
  rig.emulator.script.setCard(CARD);
});

const ledgerEntry = (stan: string) => rig.host.ledger.entries().find((e) => e.stan === stan);

describe('card sale (消费)', () => {
  it('is approved end to end: card, PIN on the pad, MAC from the pad, reply MAC verified', async () => {
    const r = await api.ok('payment.cardSale', { amount: 1234 });
    expect(r).toMatchObject({ ok: true, status: 'approved', responseCode: '00', amount: 1234, maskedPan: '622202*********0128', needsSignature: true });
    expect(r.rrn).toMatch(/^\d{12}$/);
    expect(ledgerEntry(r.stan)).toMatchObject({ status: 'approved', amount: 1234, type: 'sale' });
    expect(app.reversals.list()).toEqual([]);
  });

  it('is declined with the bank\u2019s reason in words (51: insufficient funds)', async () => {
    rig.emulator.script.setCard(CARD_51);
    const r = await api.ok('payment.cardSale', { amount: 500 });
    expect(r).toMatchObject({ ok: false, status: 'declined', responseCode: '51' });
    expect(r.message).toMatch(/余额不足.*insufficient/is);
  });

  it('a wrong PIN (55) lets the cardholder re-enter it', async () => {
    rig.emulator.script.nextPin('000000').nextPin('123456');
    const r = await api.ok('payment.cardSale', { amount: 300 });
    expect(r).toMatchObject({ ok: true, responseCode: '00' });
    const journal = await api.ok('payment.journal', { limit: 2 });
    expect(journal.map((j) => j.responseCode)).toEqual(['00', '55']);
  });

  it('refuses an amount that is not whole fen, at the contract', async () => {
    expect(await api.call('payment.cardSale', { amount: 12.5 })).toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
    expect(await api.call('payment.cardSale', { amount: 0 })).toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
  });
});

describe('e-signature (电签) and e-slip', () => {
  it('stores the strokes and a PNG of at most 999 bytes, uploads it, and shows it on the e-slip', async () => {
    const sale = await api.ok('payment.cardSale', { amount: 888 });
    const strokes = [{ points: Array.from({ length: 60 }, (_, i) => ({ x: i * 5, y: 40 + 30 * Math.sin(i / 4) })) }, { points: [{ x: 20, y: 10 }, { x: 250, y: 90 }] }];
    const sig = await api.ok('payment.signature', { journalId: sale.journalId, status: 'signed', strokes });
    const png = Buffer.from(sig.pngBase64!, 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeLessThanOrEqual(999);
    await waitFor('the signature upload', () => app.signatures.get(sale.journalId)?.uploadStatus === 'uploaded');
    expect(rig.host.ledger.signatures.find((s) => s.saleStan === sale.stan)).toMatchObject({ rrn: sale.rrn, bytes: png.length });
    const slip = await api.ok('payment.eSlip', { journalId: sale.journalId });
    expect(slip).toMatchObject({ merchantName: '测试小店', merchantId: '898440358120099', terminalId: '20000001', operatorId: '01', maskedPan: '622202*********0128', typeZh: '消费', stan: sale.stan, rrn: sale.rrn, amount: 888, signatureStatus: 'signed' });
    expect(slip.signaturePngBase64).toBe(sig.pngBase64);
  });

  it('a refused signature is recorded and the sale stands', async () => {
    const sale = await api.ok('payment.cardSale', { amount: 777 });
    const sig = await api.ok('payment.signature', { journalId: sale.journalId, status: 'refused' });
    expect(sig).toMatchObject({ status: 'refused', pngBase64: null, uploadStatus: 'none' });
    expect((await api.ok('payment.eSlip', { journalId: sale.journalId })).status).toBe('approved');
  });
});

describe('void (撤销) and refund (退货)', () => {
  it('voids a sale of the open batch with a supervisor, and refuses to void it twice', async () => {
    const sale = await api.ok('payment.cardSale', { amount: 2000 });
    const v = await api.ok('payment.void', { stan: sale.stan, supervisor: SUPERVISOR });
    expect(v).toMatchObject({ ok: true, responseCode: '00', amount: 2000 });
    expect(ledgerEntry(sale.stan)?.status).toBe('voided');
    const again = await api.call('payment.void', { stan: sale.stan, supervisor: SUPERVISOR });
    expect(again).toMatchObject({ ok: false, code: 'CANNOT_VOID' });
    if (!again.ok) expect(again.message).toMatch(/已经撤销.*already been voided/s);
  });

  it('refuses a void when the card is not the original card', async () => {
    const sale = await api.ok('payment.cardSale', { amount: 2100 });
    rig.emulator.script.setCard(FOREIGN);
    expect(await api.call('payment.void', { stan: sale.stan, supervisor: SUPERVISOR })).toMatchObject({ ok: false, code: 'CARD_MISMATCH' });
  });

  it('refuses a void or refund without a supervisor', async () => {
    const sale = await api.ok('payment.cardSale', { amount: 900 });
    expect(await api.call('payment.void', { stan: sale.stan, supervisor: { operatorId: '00', password: '000000' } })).toMatchObject({ ok: false, code: 'WRONG_PASSWORD' });
    expect(await api.call('payment.refund', { rrn: sale.rrn!, amount: 900, date: '1126', supervisor: CASHIER })).toMatchObject({ ok: false, code: 'NOT_SUPERVISOR' });
    expect(await api.call('payment.refund', { rrn: sale.rrn!, amount: 900, date: '1126' } as never)).toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
  });

  it('refunds part of an earlier sale by its RRN and date; not more than the original', async () => {
    const sale = await api.ok('payment.cardSale', { amount: 5000 });
    const date = app.journal.get(sale.journalId)!.hostDate!;
    expect(await api.call('payment.refund', { rrn: sale.rrn!, amount: 6000, date, supervisor: SUPERVISOR })).toMatchObject({ ok: false, code: 'REFUND_TOO_LARGE' });
    const r = await api.ok('payment.refund', { rrn: sale.rrn!, amount: 1500, date, supervisor: SUPERVISOR });
    expect(r).toMatchObject({ ok: true, responseCode: '00', amount: 1500 });
    expect(ledgerEntry(sale.stan)?.refunded).toBe(1500);
  });
});

describe('balance inquiry, QR and cash', () => {
  it('balance inquiry shows the balance in fen', async () => {
    const r = await api.ok('payment.balance', {});
    expect(r.ok).toBe(true);
    expect(r.balance).toBe(rig.host.balance(CARD.pan));
  });

  it('QR: pending (Q1), queried, then approved', async () => {
    const progress: string[] = [];
    const off = app.events.on('payment.progress', (p) => progress.push(p.step));
    const r = await api.ok('payment.qrSale', { amount: 1888, paymentCode: '281234567890123456' });
    off();
    expect(r).toMatchObject({ ok: true, responseCode: '00', maskedPan: null });
    expect(progress).toContain('qr-pending');
    expect(ledgerEntry(r.stan)).toMatchObject({ type: 'qr-sale', status: 'approved' });
  });

  it('QR that never completes is reversed, so the customer is not charged later', async () => {
    const r = await api.ok('payment.qrSale', { amount: 999, paymentCode: QR_CODE_NEVER_COMPLETES });
    expect(r).toMatchObject({ ok: false, status: 'reversed' });
    expect(rig.host.ledger.reversals.find((x) => x.stan === r.stan)).toMatchObject({ reason: '06', matched: true });
    expect(ledgerEntry(r.stan)?.status).not.toBe('approved');
  });

  it('cash gives change and refuses too little cash', async () => {
    expect(await api.ok('payment.cashSale', { amount: 1250, tendered: 2000 })).toMatchObject({ ok: true, change: 750 });
    expect(await api.call('payment.cashSale', { amount: 1250, tendered: 1000 })).toMatchObject({ ok: false, code: 'CASH_SHORT' });
  });
});

describe('unknown outcomes are reversed with the right code (host-protocol §4.4)', () => {
  it.each([
    ['no reply before the timeout', (r: Rig) => r.host.faults.noReply({ mti: ['0200'] }), '98'],
    ['disconnect in the middle of the reply', (r: Rig) => r.host.faults.disconnectMidReply({ mti: ['0200'] }), '06'],
    ['a reply whose MAC does not verify', (r: Rig) => r.host.faults.badMac({ mti: ['0200'] }), 'A0'],
  ] as const)('%s → reversal %s; the host ledger ends with nothing charged', async (_name, fault, reason) => {
    fault(rig);
    const r = await api.ok('payment.cardSale', { amount: 4321 });
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/冲正|reversed/);
    await signedIn(app);
    await waitFor('the reversal', () => rig.host.ledger.reversals.find((x) => x.stan === r.stan));
    expect(rig.host.ledger.reversals.find((x) => x.stan === r.stan)).toMatchObject({ reason, matched: true });
    expect(ledgerEntry(r.stan)?.status).toBe('reversed');
    expect(app.journal.get(r.journalId)?.status).toBe('reversed');
    expect(app.reversals.list()).toEqual([]);
  });

  it('a reversal that cannot go out blocks the next sale, then goes first when the host is back', async () => {
    rig.host.faults.noReply({ mti: ['0200', '0400'], count: 2 });
    const first = await api.ok('payment.cardSale', { amount: 1111 });
    expect(first.status).toBe('reversal-pending');
    expect(app.reversals.list()).toHaveLength(1);
    const before = rig.host.messageCount;
    const second = await api.ok('payment.cardSale', { amount: 2222 });
    expect(second.ok).toBe(true);
    // The 0400 went before the new 0200.
    expect(rig.host.messageCount - before).toBe(2);
    expect(app.journal.get(first.journalId)?.status).toBe('reversed');
  });
});

describe('settlement (结算)', () => {
  it('balances with the host, moves to the next batch and reports totals', async () => {
    const batch = app.terminal.status().batchNo!;
    const rows = app.journal.batch('default', batch);
    const report = await api.ok('payment.settle', {});
    expect(report).toMatchObject({ ok: true, balanced: true, batch, nextBatch: String(Number(batch) + 1).padStart(6, '0') });
    const sales = rows.filter((r) => r.type === 'sale' && (r.status === 'approved' || r.status === 'voided'));
    expect(report.debit).toEqual({ count: sales.length, amount: sales.reduce((s, r) => s + r.amount, 0) });
    expect(app.terminal.status().batchNo).toBe(report.nextBatch);
    expect(rig.host.ledger.settlements.at(-1)).toMatchObject({ batchNo: batch });
  });
});
