// Issue 12: a shop sale's whole life through the contract, on the real training parts (the
// simulated bank host on TCP, the emulated PIN pad, the ESC/POS printer emulator, a SQLite
// file). Races on one cart, whole-sale void and line refund returning each tender's money
// at the bank, the receipt and the drawer, the discount limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../electron/app.js';
import { contractClient } from '../../support/contractClient.js';
import { signedIn, waitFor } from '../../support/counterRig.js';
import { makeTempDir } from '../../support/tempDir.js';

let tmp: ReturnType<typeof makeTempDir>;
let app: App;
let api: ReturnType<typeof contractClient>;
const SUP = { operatorId: '00', password: '123456' };
const COLA = '6901234567892';
const NOODLES = '6909876543210';

const host = () => app.training!.host;
const paper = () => app.printer()!.emulator!;
const charges = () => host().ledger.entries().filter((e) => e.type === 'sale' && e.status !== 'reversed');

async function cartWith(...items: Array<[string, number]>) {
  const cart = await api.ok('cart.open', {});
  for (const [barcode, quantity] of items) await api.ok('cart.addByBarcode', { cartId: cart.id, barcode, quantity });
  return api.ok('cart.get', { cartId: cart.id });
}

beforeAll(async () => {
  tmp = makeTempDir();
  app = await createApp({ dataDir: tmp.dir, training: true, qrTiming: { intervalMs: 30, windowMs: 2000 } });
  api = contractClient(app);
  await signedIn(app);
  await api.ok('operator.signIn', { operatorId: '01', password: '1111' });
  await waitFor('printer ready', () => app.printer()?.printer.status().state === 'ready');
  await api.ok('product.create', { barcodes: [COLA], name: '可口可乐 330ml', category: '饮料', priceFen: 350, openingStock: 100 });
  await api.ok('product.create', { barcodes: [NOODLES], name: '康师傅红烧牛肉面', category: '方便食品', priceFen: 450, openingStock: 50 });
});
afterAll(async () => {
  await app.close();
  tmp.cleanup();
});

describe('the cart while it is paid', () => {
  it('refuses an edit while the card waits at the bank, and charges what the cart says', async () => {
    const cart = await cartWith([COLA, 3]);
    host().faults.delay(300, { mti: ['0200'], count: 1 });
    const paying = api.call('cart.pay', { cartId: cart.id, tender: { kind: 'card' } });
    await waitFor('the tender in flight', () => app.checkout.view(cart.id, null).inFlight === 'card');
    expect(await api.call('cart.setQuantity', { cartId: cart.id, lineId: cart.lines[0]!.lineId, quantity: 1 })).toMatchObject({ ok: false, code: 'CART_FROZEN' });
    expect(await api.call('cart.discard', { cartId: cart.id })).toMatchObject({ ok: false, code: 'PAYMENT_IN_PROGRESS' });
    const done = await paying;
    expect(done.ok && done.value).toMatchObject({ state: 'completed', totalFen: 1050, paidFen: 1050, remainingFen: 0 });
    expect(done.ok && done.value.sale!.totalFen).toBe(1050);
    expect(host().ledger.entries().at(-1)).toMatchObject({ type: 'sale', amount: 1050 });
  });

  it('ten parallel Pay presses on one cart make exactly one charge', async () => {
    const cart = await cartWith([NOODLES, 1]);
    const before = charges().length;
    const results = await Promise.all(Array.from({ length: 10 }, () => api.call('cart.pay', { cartId: cart.id, tender: { kind: 'card' } })));
    expect(charges().length - before).toBe(1);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === 'PAYMENT_IN_PROGRESS')).toBe(true);
    // Once completed, another press (or a look after a reload) only shows the sale; one receipt.
    const [again, looked] = await Promise.all([api.ok('cart.pay', { cartId: cart.id, tender: { kind: 'card' } }), api.ok('cart.checkout', { cartId: cart.id })]);
    expect(again.state).toBe('completed');
    expect(looked.state).toBe('completed');
    expect(charges().length - before).toBe(1);
    const saleNo = again.sale!.saleNo;
    expect(paper().receipts().filter((r) => r.lines.join('\n').includes(saleNo))).toHaveLength(1);
  });

  it('the same amount-charge request sent ten times charges once; a new request id charges again', async () => {
    const requestId = '7d1f5a0e-2c4b-4a7e-9d3f-0a1b2c3d4e5f';
    const before = charges().length;
    const results = await Promise.all(Array.from({ length: 10 }, () => api.call('payment.cardSale', { amount: 777, requestId })));
    expect(charges().length - before).toBe(1);
    expect(new Set(results.filter((r) => r.ok).map((r) => r.ok && r.value.journalId)).size).toBe(1);
    // Later, the same id again: the first outcome, not a second charge.
    const again = await api.ok('payment.cardSale', { amount: 777, requestId });
    expect(again.journalId).toBe(results.find((r) => r.ok)!.ok && (results.find((r) => r.ok) as { value: { journalId: number } }).value.journalId);
    expect(charges().length - before).toBe(1);
    await api.ok('payment.cardSale', { amount: 777, requestId: '7d1f5a0e-2c4b-4a7e-9d3f-0a1b2c3d4e60' });
    expect(charges().length - before).toBe(2);
    // The page can no longer pay a cart through the direct channels.
    expect(await api.call('payment.cardSale', { amount: 777, orderRef: 'cart:1' } as never)).toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
  });

  it('a split tender: cash first (with change worked out in main), then the card pays the rest', async () => {
    const cart = await cartWith([COLA, 2], [NOODLES, 1]);
    const kicks = paper().drawerKicks().length;
    const cash = await api.ok('cart.pay', { cartId: cart.id, tender: { kind: 'cash', amountFen: 500, tenderedFen: 1000 } });
    expect(cash).toMatchObject({ state: 'paying', paidFen: 500, remainingFen: 650, changeFen: 500, sale: null });
    expect(await api.call('cart.removeLine', { cartId: cart.id, lineId: cart.lines[0]!.lineId })).toMatchObject({ ok: false, code: 'CART_FROZEN' });
    expect(await api.call('cart.pay', { cartId: cart.id, tender: { kind: 'card', amountFen: 651 } })).toMatchObject({ ok: false, code: 'TENDER_TOO_LARGE' });
    const done = await api.ok('cart.pay', { cartId: cart.id, tender: { kind: 'card' } });
    expect(done.sale!.tenders.map((t) => [t.kind, t.amountFen])).toEqual([['cash', 500], ['card', 650]]);
    expect(done.receipt).toMatchObject({ printed: true, drawer: 'kicked' });
    expect(paper().drawerKicks().length - kicks).toBe(1);
    const text = paper().receipts().at(-1)!.lines.join('\n');
    expect(text).toContain('可口可乐');
    expect(text).toContain('11.50');
    expect(text).toMatch(/找零[\s\S]*5\.00/);
  });

  it('a card-only sale prints its receipt, then its e-slip once the cardholder signed, and never opens the drawer', async () => {
    const cart = await cartWith([COLA, 1]);
    const kicks = paper().drawerKicks().length;
    const done = await api.ok('cart.pay', { cartId: cart.id, tender: { kind: 'card' } });
    expect(done.receipt).toMatchObject({ printed: true, drawer: 'not-needed' });
    expect(await api.ok('customer.state', {})).toMatchObject({ mode: 'signature', amount: 350 });
    const slips = () => paper().receipts().filter((r) => r.lines.join('\n').includes('签购单')).length;
    const before = slips();
    await api.ok('payment.signature', { journalId: done.paid[0]!.journalId!, status: 'signed', strokes: [{ points: [{ x: 0, y: 0 }, { x: 90, y: 30 }] }] });
    await waitFor('the e-slip on paper', () => slips() === before + 1);
    expect(paper().drawerKicks().length).toBe(kicks);
  });

  it('a fully paid cart whose sale was not recorded (a crash in between) is completed the next time it is looked at', async () => {
    const cart = await cartWith([NOODLES, 2]);
    // The tender landed in the journal, then the process died before the sale was written.
    await app.payments.cashSale({ operatorId: '01', amount: 900, tendered: 900, orderRef: `cart:${cart.id}` });
    const v = await api.ok('cart.checkout', { cartId: cart.id });
    expect(v).toMatchObject({ state: 'completed', paidFen: 900 });
    expect(v.sale!.tenders).toHaveLength(1);
  });

  it('a printer out of paper never blocks the sale; the receipt is kept and prints later without a second drawer kick', async () => {
    paper().set({ paperOut: true });
    await app.printer()!.printer.checkStatus();
    const cart = await cartWith([COLA, 1]);
    const kicks = paper().drawerKicks().length;
    const done = await api.ok('cart.pay', { cartId: cart.id, tender: { kind: 'cash', tenderedFen: 500 } });
    expect(done.state).toBe('completed');
    expect(done.receipt!.printed).toBe(false);
    expect(done.receipt!.message).toMatch(/纸/);
    expect(app.store.db.prepare('SELECT printed_at FROM receipt_jobs WHERE sale_id = ?').get(done.sale!.id)).toEqual({ printed_at: null });
    paper().set({ paperOut: false });
    await app.printer()!.printer.checkStatus();
    const before = paper().receipts().length;
    expect(await app.checkout.printPendingReceipts()).toBeGreaterThanOrEqual(1);
    expect(paper().receipts().length).toBeGreaterThan(before);
    expect(app.store.db.prepare('SELECT printed_at FROM receipt_jobs WHERE sale_id = ?').get(done.sale!.id)).not.toEqual({ printed_at: null });
    expect(paper().drawerKicks().length - kicks).toBeLessThanOrEqual(1);
  });

  it('a line discount above 10 % needs a supervisor, and the approval is audited', async () => {
    const cart = await cartWith([COLA, 1]);
    const lineId = cart.lines[0]!.lineId;
    await api.ok('cart.setLineDiscount', { cartId: cart.id, lineId, discount: { kind: 'percent', offBp: 1000 } });
    expect(await api.call('cart.setLineDiscount', { cartId: cart.id, lineId, discount: { kind: 'percent', offBp: 9999 } })).toMatchObject({ ok: false, code: 'SUPERVISOR_REQUIRED' });
    expect(await api.call('cart.setLineDiscount', { cartId: cart.id, lineId, discount: { kind: 'amount', amountFen: 100 } })).toMatchObject({ ok: false, code: 'SUPERVISOR_REQUIRED' });
    const ch = await api.ok('cart.setLineDiscount', { cartId: cart.id, lineId, discount: { kind: 'percent', offBp: 5000 }, supervisor: SUP });
    expect(ch.totals.totalFen).toBe(175);
    const audit = await api.ok('audit.recent', { limit: 10 });
    expect(audit.find((a) => a.action === 'cart.lineDiscount' && a.outcome === 'ok')?.actor).toBe('00');
    expect(audit.find((a) => a.action === 'cart.lineDiscount' && a.outcome === 'denied')?.actor).toBe('01');
    await api.ok('cart.discard', { cartId: cart.id });
  });
});

describe('money back', () => {
  it('voids a card + cash sale: the card voided at the bank, cash out of the drawer, stock and the Z report follow', async () => {
    const stockBefore = (await api.ok('product.lookup', { barcode: NOODLES }))!.stock;
    const cart = await cartWith([NOODLES, 2], [COLA, 2]);
    await api.ok('cart.pay', { cartId: cart.id, tender: { kind: 'cash', amountFen: 600, tenderedFen: 600 } });
    const done = await api.ok('cart.pay', { cartId: cart.id, tender: { kind: 'card' } });
    const sale = done.sale!;
    const cardRow = app.journal.get(done.paid.find((t) => t.kind === 'card')!.journalId!)!;
    expect((await api.ok('product.lookup', { barcode: NOODLES }))!.stock).toBe(stockBefore - 2);
    const zBefore = await api.ok('report.dayEnd', { businessDay: sale.localAt.slice(0, 10) });
    const kicks = paper().drawerKicks().length;

    expect(await api.call('sale.void', { saleId: sale.id, supervisor: { operatorId: '01', password: '1111' } })).toMatchObject({ ok: false, code: 'NOT_SUPERVISOR' });
    const v = await api.ok('sale.void', { saleId: sale.id, supervisor: SUP });
    expect(v).toMatchObject({ complete: true, kind: 'void', amountFen: 1600 });
    expect(v.tenders.map((t) => [t.kind, t.amountFen, t.status])).toEqual([['cash', 600, 'voided'], ['card', 1000, 'voided']]);
    // The host's ledger has the void of the card tender; the original is marked voided.
    expect(host().ledger.entries().find((e) => e.type === 'void' && e.amount === 1000 && e.status === 'approved')).toBeDefined();
    expect(app.journal.get(cardRow.id)!.status).toBe('voided');
    await waitFor('the drawer opened for the cash', () => paper().drawerKicks().length - kicks === 1);
    expect((await api.ok('product.lookup', { barcode: NOODLES }))!.stock).toBe(stockBefore);
    expect((await api.ok('sale.get', { saleId: sale.id })).status).toBe('voided');

    const z = await api.ok('report.dayEnd', { businessDay: sale.localAt.slice(0, 10) });
    expect(z.summary.voidCount - zBefore.summary.voidCount).toBe(1);
    expect(z.summary.voidFen - zBefore.summary.voidFen).toBe(1600);
    const card = (r: typeof z) => r.byTender.find((t) => t.kind === 'card')!;
    expect(card(z).netFen).toBe(card(zBefore).netFen - 1000);

    // Again: refused, and nothing more goes to the bank.
    const hostCount = host().ledger.entries().length;
    expect(await api.call('sale.void', { saleId: sale.id, supervisor: SUP })).toMatchObject({ ok: false, code: 'SALE_ALREADY_RETURNED' });
    expect(host().ledger.entries().length).toBe(hostCount);
  });

  it('refunds one line of a QR sale to the QR payment, once; the same quantity cannot be refunded twice', async () => {
    const cart = await cartWith([COLA, 2], [NOODLES, 1]);
    const done = await api.ok('cart.pay', { cartId: cart.id, tender: { kind: 'qr', paymentCode: '281234567890123457' } });
    expect(done.state).toBe('completed');
    const sale = done.sale!;
    const cola = sale.lines.find((l) => l.name.includes('可口可乐'))!;
    const quote = await api.ok('sale.refundQuote', { saleId: sale.id, lines: [{ saleLineId: cola.id, quantity: 1 }] });
    expect(quote).toMatchObject({ amountFen: 350, suggestedTenders: [{ kind: 'qr', amountFen: 350 }] });
    const r = await api.ok('sale.refund', { saleId: sale.id, lines: [{ saleLineId: cola.id, quantity: 1 }], supervisor: SUP });
    expect(r).toMatchObject({ complete: true, kind: 'refund', amountFen: 350 });
    expect(r.tenders).toEqual([expect.objectContaining({ kind: 'qr', amountFen: 350, status: 'refunded' })]);
    expect(host().ledger.entries().find((e) => e.type === 'refund' && e.amount === 350)).toBeDefined();
    expect((await api.ok('sale.get', { saleId: sale.id })).status).toBe('partiallyRefunded');
    await api.ok('sale.refund', { saleId: sale.id, lines: [{ saleLineId: cola.id, quantity: 1 }], supervisor: SUP });
    const hostCount = host().ledger.entries().length;
    expect(await api.call('sale.refund', { saleId: sale.id, lines: [{ saleLineId: cola.id, quantity: 1 }], supervisor: SUP })).toMatchObject({ ok: false, code: 'REFUND_QUANTITY' });
    expect(host().ledger.entries().length).toBe(hostCount);
  });

  it('after settlement a void refunds the card at the bank instead', async () => {
    const cart = await cartWith([NOODLES, 1]);
    const done = await api.ok('cart.pay', { cartId: cart.id, tender: { kind: 'card' } });
    await api.ok('payment.settle', {});
    if (!app.terminal.status().signedIn) await api.ok('terminal.signIn', {});
    const v = await api.ok('sale.void', { saleId: done.sale!.id, supervisor: SUP });
    expect(v.complete).toBe(true);
    expect(v.tenders).toEqual([expect.objectContaining({ kind: 'card', amountFen: 450, status: 'refunded' })]);
    expect(host().ledger.entries().find((e) => e.type === 'refund' && e.amount === 450)).toBeDefined();
  });

  it('a tender the bank will not give back stops the void before the shop record; a retry finishes it without repeating what went back', async () => {
    const cart = await cartWith([COLA, 1], [NOODLES, 1]);
    await api.ok('cart.pay', { cartId: cart.id, tender: { kind: 'card', amountFen: 350 } });
    const done = await api.ok('cart.pay', { cartId: cart.id, tender: { kind: 'card' } });
    const sale = done.sale!;
    // The first tender's void goes through (held at the host a moment); the second is declined.
    const hostVoids = () => host().ledger.entries().filter((e) => e.type === 'void').length;
    const n0 = hostVoids();
    host().faults.delay(300, { mti: ['0200'], count: 1 });
    const voiding = api.ok('sale.void', { saleId: sale.id, supervisor: SUP });
    await waitFor('the first void at the host', () => hostVoids() > n0);
    host().faults.forceResponse('05', { mti: ['0200'], count: 1 });
    const first = await voiding;
    expect(first.complete).toBe(false);
    expect(first.tenders.map((t) => t.status)).toEqual(['voided', 'declined']);
    expect((await api.ok('sale.get', { saleId: sale.id })).status).toBe('completed');
    const n = hostVoids();
    const second = await api.ok('sale.void', { saleId: sale.id, supervisor: SUP });
    expect(second.complete).toBe(true);
    expect(hostVoids() - n).toBe(1);
  });
});
