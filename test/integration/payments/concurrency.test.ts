// Money-path rules that only show when things overlap or repeat: a settlement pressed
// during a sale, a double press of Pay, a payment reference used twice, a cart edited
// after part of it was paid, a signature replaced, a QR host hiccup, a refund whose
// outcome is unknown.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../../electron/app.js';
import { contractClient } from '../../support/contractClient.js';
import { CASHIER, SUPERVISOR, signedIn, startRig, type Rig } from '../../support/counterRig.js';

let rig: Rig;
let app: App;
let api: ReturnType<typeof contractClient>;

beforeAll(async () => {
  rig = await startRig({ qrPendingReplies: 3 });
  await rig.setUp({ replyTimeoutMs: 800 });
  app = await rig.open();
  await signedIn(app);
  api = contractClient(app);
  await api.ok('operator.signIn', CASHIER);
  await api.ok('product.create', { barcodes: ['6901234567892'], name: '可口可乐', priceFen: 350, openingStock: 100 });
});
afterAll(async () => {
  await rig.close();
});
beforeEach(() => {
  rig.emulator.script.clear();
});

describe('overlapping and repeated requests', () => {
  it('settlement pressed while a sale waits for the bank waits for it, and counts it', async () => {
    rig.host.faults.delay(400, { mti: ['0200'] });
    const sale = api.ok('payment.cardSale', { amount: 1000 });
    await new Promise((r) => setTimeout(r, 100));
    const settle = api.ok('payment.settle', {});
    const [s, report] = await Promise.all([sale, settle]);
    expect(s).toMatchObject({ ok: true, status: 'approved' });
    expect(app.journal.get(s.journalId)?.status).toBe('approved');
    expect(rig.host.ledger.reversals.filter((r) => r.stan === s.stan)).toEqual([]);
    expect(report.debit.count).toBeGreaterThanOrEqual(1);
    expect(report.balanced).toBe(true);
    await signedIn(app).catch(() => undefined);
    if (!app.terminal.status().signedIn) await api.ok('terminal.signIn', {});
  });

  it('pressing Pay twice charges the cart once', async () => {
    const cart = await api.ok('cart.open', {});
    await api.ok('cart.addByBarcode', { cartId: cart.id, barcode: '6901234567892' });
    const before = rig.host.ledger.entries().length;
    const [a, b] = await Promise.all([
      api.call('cart.pay', { cartId: cart.id, tender: { kind: 'card', amountFen: 350 } }),
      api.call('cart.pay', { cartId: cart.id, tender: { kind: 'card', amountFen: 350 } }),
    ]);
    expect(rig.host.ledger.entries().length - before).toBe(1);
    const results = [a, b];
    // The second press is refused while the first is at the bank: one charge, one sale.
    expect(results.filter((r) => r.ok && r.value.sale)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, code: 'PAYMENT_IN_PROGRESS' });
    expect(app.journal.paidFor(`cart:${cart.id}`)).toHaveLength(1);
  });

  it('one card payment pays for one member recharge only', async () => {
    const m = await api.ok('member.create', { phone: '13900139000', name: '王先生' });
    const pay = await api.ok('payment.cardSale', { amount: 5000 });
    const ref = `journal:${pay.journalId}`;
    await api.ok('member.recharge', { memberId: m.id, amountFen: 5000, paidBy: 'card', reference: ref });
    expect(await api.call('member.recharge', { memberId: m.id, amountFen: 5000, paidBy: 'card', reference: ref })).toMatchObject({ ok: false, code: 'RECHARGE_NOT_PAID' });
  });

  it('a cart that is partly paid can no longer change', async () => {
    const cart = await api.ok('cart.open', {});
    const c = await api.ok('cart.addByBarcode', { cartId: cart.id, barcode: '6901234567892', quantity: 2 });
    await api.ok('cart.pay', { cartId: cart.id, tender: { kind: 'cash', amountFen: 300, tenderedFen: 300 } });
    expect(await api.call('cart.removeLine', { cartId: cart.id, lineId: c.lines[0]!.lineId })).toMatchObject({ ok: false, code: 'CART_FROZEN' });
    expect(await api.call('cart.discard', { cartId: cart.id })).toMatchObject({ ok: false, code: 'CART_PARTLY_PAID' });
    const done = await api.ok('cart.pay', { cartId: cart.id, tender: { kind: 'cash', amountFen: 400, tenderedFen: 500 } });
    expect(done.sale?.totalFen).toBe(700);
  });

  it('a signed signature cannot be replaced', async () => {
    const sale = await api.ok('payment.cardSale', { amount: 600 });
    await api.ok('payment.signature', { journalId: sale.journalId, status: 'signed', strokes: [{ points: [{ x: 0, y: 0 }, { x: 30, y: 30 }] }] });
    expect(await api.call('payment.signature', { journalId: sale.journalId, status: 'refused' })).toMatchObject({ ok: false, code: 'ALREADY_SIGNED' });
  });

  it('a QR query that meets a host hiccup keeps waiting for the customer instead of declining', async () => {
    // The QR sale's own 0200 answers Q1; the hiccup (96) then hits the first query.
    const sale = api.ok('payment.qrSale', { amount: 1888, paymentCode: '281234567890123457' });
    // Only once the host has the sale itself (its Q1 answer), so the hiccup meets a query.
    const until = Date.now() + 5000;
    while (!rig.host.ledger.entries().some((e) => e.amount === 1888) && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
    rig.host.faults.forceResponse('96', { mti: ['0200'], count: 1 });
    const r = await sale;
    expect(r).toMatchObject({ ok: true, status: 'approved' });
  });

  it('a refund whose reply never comes is "unknown", not "declined", and cannot be repeated blindly', async () => {
    const sale = await api.ok('payment.cardSale', { amount: 4000 });
    const date = app.journal.get(sale.journalId)!.hostDate!;
    rig.host.faults.noReply({ mti: ['0220'] });
    const r = await api.ok('payment.refund', { rrn: sale.rrn!, amount: 1000, date, supervisor: SUPERVISOR });
    expect(r).toMatchObject({ ok: false, status: 'unknown' });
    expect(r.message).toMatch(/结果不明.*unknown/s);
    expect(await api.call('payment.refund', { rrn: sale.rrn!, amount: 1000, date, supervisor: SUPERVISOR })).toMatchObject({ ok: false, code: 'REFUND_OUTCOME_UNKNOWN' });
  });
});
